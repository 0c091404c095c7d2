import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '../../shared/errors';
import { encodeBase32 } from '../../shared/otp/base32';
import type { OtpAccount } from '../../shared/otp/types';
import { createAccountRepository, type AccountRepository } from '../../shared/storage/account-repository';
import { openAuthenticatorDb } from '../../shared/storage/authenticator-db';
import { createVaultAccount } from '../../shared/vault/account';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { exportMigrationUris } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import type { ParsedImport } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { applyImport, previewImport } from '../../shared/vault/import-preview';
import type { Argon2idParams } from '../../shared/vault/kdf';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const PASSWORD = 'import password';

const account = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'GitHub',
  label: 'octocat',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

const A = account();
const B = account({ issuer: 'Überbank', label: 'jürgen', secret: 'KRSXG5CTMVRXEZLU' });
const C = account({ issuer: 'Corp', label: 'c', secret: 'MFRGGZDFMZTWQ2LK', type: 'hotp', counter: 3 });

const repositories: AccountRepository[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(repositories.splice(0).map((repo) => repo.close()));
});

function freshRepository(): AccountRepository {
  const name = `import-test-${crypto.randomUUID()}`;
  const repo = createAccountRepository(() => openAuthenticatorDb(name));
  repositories.push(repo);
  return repo;
}

/** Makes the n-th and later `add` requests of this test throw (a write failing midway). */
function failAddsFrom(n: number, error = new DOMException('The object could not be cloned.', 'DataCloneError')): { calls: () => number } {
  const realAdd = IDBObjectStore.prototype.add;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (++calls >= n) throw error;
    return realAdd.apply(this, args);
  });
  return { calls: () => calls };
}

describe('detectImportFile / readImportFile', () => {
  it.each([
    ['our backup', async () => exportAcmeBackup([A], PASSWORD, { now: NOW, kdf: TEST_KDF }), { format: 'acme-backup', encrypted: true }],
    ['a plain Aegis file', async () => exportAegisJson([A]), { format: 'aegis', encrypted: false }],
    ['an encrypted Aegis file', async () => exportAegisJson([A], { password: PASSWORD, scrypt: { n: 16, r: 8, p: 1 } }), { format: 'aegis', encrypted: true }],
    ['a 2FAS file', async () => JSON.stringify({ services: [], schemaVersion: 4 }), { format: '2fas', encrypted: false }],
    ['a Google transfer code', async () => exportMigrationUris([A]).uris[0]!, { format: 'google-migration', encrypted: false }],
    ['an otpauth list with a BOM and CRLF', async () => `\uFEFF# exported\r\n${exportOtpauthList([A, B]).replace(/\n/g, '\r\n')}`, { format: 'otpauth-list', encrypted: false }],
  ])('recognises %s', async (_name, make, kind) => {
    expect(detectImportFile(await make())).toEqual(kind);
  });

  it.each([
    ['an empty file', ''],
    ['a text without links', 'hello\nworld'],
    ['JSON of another app', JSON.stringify({ hello: 'world' })],
    ['a JSON array', '[1, 2, 3]'],
    ['an image read as text', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'],
  ])('reports %s as import_unrecognized_format', async (_name, text) => {
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_unrecognized_format' });
  });

  it.each([
    ['a truncated Aegis file', async () => (await exportAegisJson([A])).slice(0, 60), 'aegis'],
    ['a truncated 2FAS file', async () => '{"services":[{"name":"x"', '2fas'],
    ['a truncated unknown JSON file', async () => '{"a": [1, 2', ''],
  ])('reports %s as import_corrupt', async (_name, make, format) => {
    await expect(readImportFile(await make())).rejects.toMatchObject({ code: 'import_corrupt', details: { format } });
  });

  it('reads a file given as bytes like the same file given as text, and a non-UTF-8 file as unrecognised', async () => {
    const list = exportOtpauthList([A, B]);
    expect(await readImportFile(new TextEncoder().encode(list))).toEqual(await readImportFile(list));
    expect(detectImportFile(new TextEncoder().encode(await exportAegisJson([A])))).toEqual({ format: 'aegis', encrypted: false });
    await expect(readImportFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]))).rejects.toMatchObject({ code: 'import_unrecognized_format' });
  });

  it('reads a list mixing Key URIs, a Google transfer code and junk, reporting the junk by line without quoting it', async () => {
    const text = [exportOtpauthList([A]).trim(), 'JBSWY3DPEHPK3PXQ', exportMigrationUris([B]).uris[0], 'otpauth://totp/x?secret=0'].join('\n');
    const parsed = await readImportFile(text);
    expect(parsed.accounts).toEqual([A, B]);
    expect(parsed.unreadable.map((u) => [u.index, u.code, u.name])).toEqual([
      [1, 'not_otpauth_uri', ''],
      [3, 'secret_not_base32', ''],
    ]);
    expect(JSON.stringify(parsed.unreadable)).not.toContain('JBSWY3DPEHPK3PXQ');
  });

  it('never throws anything but an AppError, whatever the content and password (property)', async () => {
    const valid = await Promise.all([
      exportAcmeBackup([A, C], PASSWORD, { now: NOW, kdf: TEST_KDF }),
      exportAegisJson([A, C]),
      exportAegisJson([A, C], { password: PASSWORD, scrypt: { n: 16, r: 8, p: 1 } }),
      Promise.resolve(JSON.stringify({ services: [{ name: 'x', secret: 'JBSWY3DP', otp: { account: 'y', tokenType: 'HOTP', counter: 2 } }], schemaVersion: 4 })),
      Promise.resolve(exportOtpauthList([A, B, C])),
      Promise.resolve(exportMigrationUris([A, C]).uris[0]!),
    ]);
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 70 });
    const small = fc.oneof(fc.integer({ min: -5, max: 1100 }), fc.constantFrom(16, 64, 1024), fc.string({ maxLength: 8 }), fc.constant(null));
    const shaped = fc.oneof(
      // Our backup with random fields (KDF costs kept small).
      fc.record({
        format: fc.constant('acme-authenticator-backup'),
        version: fc.oneof(fc.constant(1), small),
        kdf: fc.record({ algorithm: fc.constantFrom('argon2id', 'x'), memoryKiB: small, iterations: fc.oneof(fc.constant(1), small), parallelism: fc.constant(1), salt: fc.base64String() }),
        key: fc.record({ nonce: fc.base64String(), ciphertext: fc.base64String() }),
        nonce: fc.base64String(),
        ciphertext: fc.oneof(fc.base64String(), small),
      }),
      // Aegis with random header and db.
      fc.record({
        version: fc.oneof(fc.constant(1), small),
        header: fc.record({
          slots: fc.oneof(fc.constant(null), fc.array(fc.record({ type: fc.constantFrom(0, 1, 2), key: hex, key_params: fc.record({ nonce: hex, tag: hex }), n: fc.constantFrom(2, 16, 3, 2 ** 30), r: fc.constantFrom(1, 8), p: fc.constantFrom(1, 0), salt: hex }), { maxLength: 2 })),
          params: fc.oneof(fc.constant(null), fc.record({ nonce: hex, tag: hex })),
        }),
        db: fc.oneof(fc.base64String(), fc.record({ version: small, entries: fc.array(fc.jsonValue(), { maxLength: 3 }) }), fc.jsonValue()),
      }),
      // 2FAS with random services.
      fc.record({ services: fc.array(fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), secret: fc.string(), otp: fc.dictionary(fc.constantFrom('account', 'issuer', 'digits', 'period', 'algorithm', 'tokenType', 'counter'), fc.jsonValue()) })), { maxLength: 3 }), servicesEncrypted: fc.option(fc.string(), { nil: undefined }) }),
    );
    const content = fc.oneof(
      fc.constantFrom(...valid),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      shaped.map((v) => JSON.stringify(v)),
      fc.tuple(fc.constantFrom('otpauth://', 'otpauth-migration://offline?data=', 'OTPAUTH://totp/'), fc.string()).map(([a, b]) => a + b),
      fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + 1)),
      fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([text, at]) => text.slice(0, at % (text.length + 1))),
    );
    await fc.assert(
      fc.asyncProperty(content, fc.option(fc.constantFrom(PASSWORD, 'wrong password', ''), { nil: undefined }), async (text, password) => {
        try {
          const parsed = await readImportFile(text, password);
          expect(Array.isArray(parsed.accounts)).toBe(true);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});

const parsedOf = (accounts: OtpAccount[], unreadable: ParsedImport['unreadable'] = []): ParsedImport => ({
  format: 'otpauth-list',
  encrypted: false,
  accounts,
  unreadable,
});

describe('previewImport', () => {
  it('sorts new accounts, duplicates of stored ones and of earlier entries, and passes on the unreadable', () => {
    const unreadable = [{ index: 4, name: 'X', code: 'secret_not_base32' as const, reason: 'r' }];
    const stored = [createVaultAccount({ ...A, label: 'renamed' }, NOW)];
    const preview = previewImport(parsedOf([A, B, { ...B, label: 'twin' }, { ...A, secret: 'jbsw y3dp ehpk 3pxp' }, C], unreadable), stored);

    expect(preview.toAdd).toEqual([B, C]);
    expect(preview.duplicates).toEqual([
      { account: A, of: 'stored', existing: { issuer: 'GitHub', label: 'renamed' } },
      { account: { ...B, label: 'twin' }, of: 'file' },
      { account: { ...A, secret: 'jbsw y3dp ehpk 3pxp' }, of: 'stored', existing: { issuer: 'GitHub', label: 'renamed' } },
    ]);
    expect(preview.unreadable).toEqual(unreadable);
    expect(preview.format).toBe('otpauth-list');
  });

  it('treats the same secret as TOTP and HOTP as two accounts', () => {
    expect(previewImport(parsedOf([{ ...A, type: 'hotp' }]), [createVaultAccount(A, NOW)]).toAdd).toHaveLength(1);
  });
});

describe('applyImport', () => {
  it('writes the new accounts at the end of the list in one go', async () => {
    const repo = freshRepository();
    const [existing] = await repo.addMany([createVaultAccount(A, NOW)]);
    const preview = previewImport(parsedOf([A, B, C]), await repo.list());

    const stored = await applyImport(preview, repo, NOW + 1);

    expect(stored.map((a) => [a.label, a.order, a.createdAt])).toEqual([
      [B.label, 1, NOW + 1],
      [C.label, 2, NOW + 1],
    ]);
    expect(await repo.list()).toStrictEqual([existing, ...stored]);
  });

  it('writes nothing for a preview with nothing to add', async () => {
    const repo = freshRepository();
    const addMany = vi.spyOn(repo, 'addMany');
    expect(await applyImport(previewImport(parsedOf([]), []), repo, NOW)).toEqual([]);
    expect(addMany).not.toHaveBeenCalled();
  });

  it('rolls back entirely when the write fails midway (DataCloneError on the third record)', async () => {
    const repo = freshRepository();
    await repo.addMany([createVaultAccount(A, NOW)]);
    const before = await repo.list();
    const preview = previewImport(parsedOf([B, C, account({ label: 'd', secret: 'ONSWG4TF' }), account({ label: 'e', secret: 'ONSWG4TG' })]), before);
    const failure = failAddsFrom(3);

    const error = await applyImport(preview, repo, NOW).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'storage_write_failed' });
    // Two records were written before the third failed (the fourth was issued too, and failed).
    expect(failure.calls()).toBeGreaterThanOrEqual(3);
    vi.restoreAllMocks();
    expect(await repo.list()).toStrictEqual(before);
  });

  it('leaves the stored accounts unchanged whenever the write fails (property)', async () => {
    const accountArb = fc
      .record({ label: fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.trim() || 'x'), secret: fc.uint8Array({ minLength: 5, maxLength: 20 }).map(encodeBase32) })
      .map(({ label, secret }) => account({ label, secret }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(accountArb, { maxLength: 4 }),
        fc.array(accountArb, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom('DataCloneError', 'QuotaExceededError', 'UnknownError'),
        async (existing, incoming, failAt, errorName) => {
          const repo = freshRepository();
          await repo.addMany(existing.map((a) => createVaultAccount(a, NOW)));
          const before = await repo.list();
          const preview = previewImport(parsedOf(incoming), before);
          fc.pre(preview.toAdd.length > 0);
          failAddsFrom(1 + (failAt % preview.toAdd.length), new DOMException('injected', errorName));

          const error = await applyImport(preview, repo, NOW).catch((e: unknown) => e);

          vi.restoreAllMocks();
          expect(isAppError(error)).toBe(true);
          expect(await repo.list()).toStrictEqual(before);
          await repo.close();
        },
      ),
      { numRuns: 30 },
    );
  });
});
