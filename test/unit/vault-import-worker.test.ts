import { describe, expect, it } from 'vitest';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { answerImportRequest, type ImportRequest, type ImportResponse } from '../../pwa/app/vault/import-protocol';
import { readImportInWorker, type ImportWorkerLike } from '../../pwa/app/vault/read-import-in-worker';

const ACCOUNT = {
  type: 'totp' as const,
  issuer: 'GitHub',
  label: 'octocat',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
};
const LIST = new Blob([exportOtpauthList([ACCOUNT])]);

/** A stand-in worker that answers with the real `answerImportRequest`, when told to, and records terminate(). */
function fakeWorker() {
  const worker: ImportWorkerLike & { terminated: boolean; request?: ImportRequest; answer(): Promise<void> } = {
    onmessage: null,
    onerror: null,
    terminated: false,
    postMessage(message) {
      worker.request = message;
    },
    terminate() {
      worker.terminated = true;
    },
    async answer() {
      const data: ImportResponse = await answerImportRequest(worker.request!);
      if (!worker.terminated) worker.onmessage?.({ data } as MessageEvent<ImportResponse>);
    },
  };
  return worker;
}

describe('answerImportRequest', () => {
  it('reads the file of the request', async () => {
    expect(await answerImportRequest({ file: LIST })).toMatchObject({ ok: true, value: { format: 'otpauth-list', accounts: [ACCOUNT] } });
  });

  it('answers an AppError with its code and details, which survive postMessage', async () => {
    const response = await answerImportRequest({ file: new Blob(['{"format":"acme-authenticator-backup","version":1}']) });
    expect(response).toEqual({ ok: false, code: 'import_corrupt', details: { format: 'acme-backup', reason: 'kdf' } });
    expect(structuredClone(response)).toEqual(response);
  });
});

describe('readImportInWorker', () => {
  it('resolves with the worker\'s answer and terminates it', async () => {
    const worker = fakeWorker();
    const reading = readImportInWorker(LIST, undefined, () => worker);
    await worker.answer();
    expect((await reading.result).accounts).toEqual([ACCOUNT]);
    expect(worker.terminated).toBe(true);
  });

  it('sends the password, and rejects with the file\'s AppError', async () => {
    const worker = fakeWorker();
    const reading = readImportInWorker(new Blob(['{"format":"acme-authenticator-backup","version":1}']), 'secret words', () => worker);
    expect(worker.request?.password).toBe('secret words');
    await worker.answer();
    await expect(reading.result).rejects.toMatchObject({ name: 'AppError', code: 'import_corrupt' });
  });

  it('terminates the worker on cancel and rejects with import_cancelled, ignoring a late answer', async () => {
    const worker = fakeWorker();
    const reading = readImportInWorker(LIST, undefined, () => worker);
    reading.cancel();
    expect(worker.terminated).toBe(true);
    await expect(reading.result).rejects.toMatchObject({ code: 'import_cancelled', message: expect.stringContaining('nothing was imported') });
    worker.onmessage?.({ data: { ok: true, value: { format: 'otpauth-list', encrypted: false, accounts: [], unreadable: [] } } } as unknown as MessageEvent<ImportResponse>);
  });

  it('rejects when the worker fails (out of memory, a bug)', async () => {
    const worker = fakeWorker();
    const reading = readImportInWorker(LIST, undefined, () => worker);
    worker.onerror?.({ message: 'Out of memory' } as ErrorEvent);
    await expect(reading.result).rejects.toThrow('Out of memory');
    expect(worker.terminated).toBe(true);
  });
});
