import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { parseTwoFasJson } from '../../shared/vault/formats/twofas';
import { isAppError } from '../../shared/errors';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { encryptLikeTwoFas, TWOFAS_SAMPLE_PASSWORD } from '../fixtures/formats/2fas/encrypt-like-2fas';

/** Services as 2FAS (schema 4) writes them: `otp.tokenType`, `otp.counter` for HOTP, extra fields ignored. */
const SERVICES = [
  {
    name: 'Deno',
    secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ',
    updatedAt: 1702934567518,
    otp: { link: 'otpauth://totp/Deno:Mason?secret=…', label: 'Mason', account: 'Mason', issuer: 'Deno', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP', source: 'Link' },
    order: { position: 0 },
    icon: { selected: 'Label', label: { text: 'DE', backgroundColor: 'Yellow' } },
  },
  {
    name: 'Air Canada',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    updatedAt: 1702934590910,
    otp: { label: 'Benjamin', account: 'Benjamin', issuer: 'Air Canada', digits: 7, algorithm: 'SHA256', counter: 50, tokenType: 'HOTP', source: 'Link' },
    order: { position: 1 },
  },
  {
    name: 'Grüße GmbH',
    secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA',
    updatedAt: 1702934590910,
    otp: { account: 'zoë@example.com', digits: 8, period: 60, algorithm: 'SHA512', tokenType: 'TOTP' },
    order: { position: 2 },
  },
  {
    name: 'Boeing',
    secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
    otp: { account: 'Sophia', issuer: 'Boeing', digits: 5, period: 30, algorithm: 'SHA1', tokenType: 'STEAM' },
    order: { position: 3 },
  },
];

const EXPECTED: OtpAccount[] = [
  { type: 'totp', issuer: 'Deno', label: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'hotp', issuer: 'Air Canada', label: 'Benjamin', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, period: 30, counter: 50 },
  // No otp.issuer: the service name is the issuer.
  { type: 'totp', issuer: 'Grüße GmbH', label: 'zoë@example.com', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 60, counter: 0 },
  { type: 'steam', issuer: 'Boeing', label: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
];

const file = (extra: Record<string, unknown> = {}) => ({
  services: SERVICES,
  groups: [],
  updatedAt: 1702934732299,
  schemaVersion: 4,
  appVersionCode: 5000009,
  appVersionName: '5.1.0',
  appOrigin: 'android',
  ...extra,
});

/** Encrypts services as 2FAS does (test/fixtures/formats/2fas/encrypt-like-2fas.ts: PBKDF2-SHA256 x 10000, AES-256-GCM, with its reference). */
function encryptLikeTwoFasText(services: unknown, password: string): string {
  return JSON.stringify(encryptLikeTwoFas(file({ services }), password));
}

describe('parseTwoFasJson', () => {
  it('reads a plain .2fas backup, its STEAM service as type steam', async () => {
    const parsed = await readImportFile(JSON.stringify(file()));
    expect(parsed).toMatchObject({ format: '2fas', encrypted: false });
    expect(parsed.accounts).toEqual(EXPECTED);
    expect(parsed.unreadable).toEqual([]);
  });

  it('reads an old schema (2) without tokenType as TOTP', async () => {
    const old = {
      services: [{ name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', type: 'Unknown', otp: { label: 'Deno:Mason', account: 'Mason', issuer: 'Deno', digits: 6, period: 30, algorithm: 'SHA1' } }],
      schemaVersion: 2,
    };
    expect((await parseTwoFasJson(old)).accounts).toEqual([EXPECTED[0]]);
  });

  it('decrypts an encrypted backup made by independent code, and asks for its password first', async () => {
    const text = encryptLikeTwoFasText(SERVICES, 'pässwörd');
    expect(detectImportFile(text)).toEqual({ format: '2fas', encrypted: true });
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_password_required', details: { format: '2fas' } });
    const parsed = await readImportFile(text, 'pässwörd');
    expect(parsed.encrypted).toBe(true);
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('rejects a wrong password, and a malformed encrypted field as corrupt', async () => {
    await expect(readImportFile(encryptLikeTwoFasText(SERVICES, 'right'), 'wrong')).rejects.toMatchObject({ code: 'backup_wrong_password' });
    await expect(parseTwoFasJson({ servicesEncrypted: 'only:two' }, 'x')).rejects.toMatchObject({ code: 'import_corrupt' });
  });
});

const sampleText = (name: string) => readFileSync(new URL(`../fixtures/formats/2fas/${name}`, import.meta.url), 'utf8');
const sampleJson = (name: string) => JSON.parse(sampleText(name)) as Record<string, unknown>;

/** The samples' accounts in the app's order (`order.position`), with their groups (schema 2 on). */
const ZURICH: ImportedAccount = { type: 'totp', issuer: 'Zürich Bank', label: 'konto@example.ch', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 };
const DENO: ImportedAccount = { type: 'totp', issuer: 'Deno', label: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const TOKYO: ImportedAccount = {
  type: 'totp',
  issuer: '東京',
  label: '🦊 fox',
  secret: 'MVYLRGAKX6EKM4BM7DSGWLDSMXYYG5D6NEA6SIM7WWBW2FF4QA63UAOW4N6DXGSJQYDJOACKXHKQB6RUEUHHFXLC65GKQD4755TPWPY',
  algorithm: 'SHA512',
  digits: 8,
  period: 30,
  counter: 0,
};
const AIR_CANADA: ImportedAccount = { type: 'hotp', issuer: 'Air Canada', label: 'Benjamin', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, period: 30, counter: 41 };

const STEAM: ImportedAccount = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'ORRB3XDZU4JIO7ZH3CAH4V7LOOD2M5IG', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };

const expectedFor = (schema: number): ImportedAccount[] => {
  if (schema === 1) return [ZURICH, DENO, TOKYO];
  // 東京's groupId names no group of the file: it is in none.
  const grouped = [{ ...ZURICH, groupNames: ['Privat 🏠'] }, { ...DENO, groupNames: ['Work'] }, TOKYO];
  return schema === 2 ? grouped : [...grouped, { ...AIR_CANADA, groupNames: ['Work'] }, STEAM];
};

describe('parseTwoFasJson (every schema version)', () => {
  it.each([1, 2, 3, 4])('reads the plain sample of schema %i, in the app order, with its groups', async (schema) => {
    const parsed = await readImportFile(sampleText(`schema-${schema}.2fas`));
    expect(parsed).toMatchObject({ format: '2fas', encrypted: false, groupNames: schema === 1 ? [] : ['Work', 'Privat 🏠'] });
    expect(parsed.accounts).toEqual(expectedFor(schema));
  });

  it.each([1, 2, 3, 4])('reads the encrypted sample of schema %i with its password, groups in the clear', async (schema) => {
    const text = sampleText(`schema-${schema}.encrypted.2fas`);
    expect(detectImportFile(text)).toEqual({ format: '2fas', encrypted: true });
    const parsed = await readImportFile(text, TWOFAS_SAMPLE_PASSWORD);
    expect(parsed).toMatchObject({ format: '2fas', encrypted: true, groupNames: schema === 1 ? [] : ['Work', 'Privat 🏠'] });
    expect(parsed.accounts).toEqual(expectedFor(schema));
  });

  it.each([3, 4])('reads a Steam entry as type steam: schema %i', async (schema) => {
    const { accounts, unreadable } = await readImportFile(sampleText(`schema-${schema}.2fas`));
    expect(accounts[4]).toEqual(STEAM);
    expect(unreadable).toEqual([]);
  });

  it.each([1, 2, 3, 4])('refuses a wrong password for schema %i, naming the 2FAS file', async (schema) => {
    const error = await readImportFile(sampleText(`schema-${schema}.encrypted.2fas`), 'wrong password').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: '2fas' } });
    expect((error as Error).message).toContain('2FAS file');
  });

  it('takes a reference that does not open as a wrong password, without trying the services', async () => {
    // The services open with this password; the reference was sealed under another one.
    const file = encryptLikeTwoFas(sampleJson('schema-4.2fas'), 'services password', { referencePassword: 'other password' });
    await expect(parseTwoFasJson(file, 'services password')).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it('calls altered services under a reference that opens a damaged file, not a wrong password', async () => {
    const file = sampleJson('schema-3.encrypted.2fas');
    const [ciphertext, salt, iv] = String(file.servicesEncrypted).split(':');
    const bytes = Buffer.from(ciphertext!, 'base64');
    bytes[5] = (bytes[5] as number) ^ 0x01;
    file.servicesEncrypted = [bytes.toString('base64'), salt, iv].join(':');
    await expect(parseTwoFasJson(file, TWOFAS_SAMPLE_PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: '2fas' } });
  });

  it.each([
    ['a reference that is not three parts', { reference: 'x' }],
    ['a nonce of the wrong size', { reference: 'AAAA:AAAA:AAAA' }],
    ['a salt over 1 KB (2FAS writes 256 bytes)', { reference: `AAAA:${Buffer.alloc(1025).toString('base64')}:${Buffer.alloc(12).toString('base64')}` }],
  ])('calls a file with %s damaged', async (_, change) => {
    await expect(parseTwoFasJson({ ...sampleJson('schema-4.encrypted.2fas'), ...change }, TWOFAS_SAMPLE_PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt' });
  });

  it('refuses a schema newer than 4 as unsupported, naming what to do', async () => {
    const error = await parseTwoFasJson({ ...sampleJson('schema-4.2fas'), schemaVersion: 5 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'import_unsupported', details: { format: '2fas', reason: 'version' } });
    expect((error as Error).message).toContain('newer version');
  });

  it('refuses more groups than the cap before deriving a key', async () => {
    const groups = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, id) => ({ id: String(id), name: `g${id}` }));
    // A wrong password: the cap answers first, so no key was derived.
    await expect(parseTwoFasJson({ ...sampleJson('schema-4.encrypted.2fas'), groups }, 'wrong')).rejects.toMatchObject({
      code: 'import_limit_exceeded',
      details: { format: '2fas', limit: 'entries' },
    });
  });

  it('refuses more services than the cap', async () => {
    const services = Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => ({}));
    await expect(parseTwoFasJson({ services, schemaVersion: 4 })).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { limit: 'entries' } });
  });

  it('never throws anything but an AppError on damaged encrypted samples (property)', async () => {
    const text = sampleText('schema-2.encrypted.2fas');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 1 }), fc.string({ maxLength: 3 }), async (at, insert) => {
        try {
          await readImportFile(text.slice(0, at) + insert + text.slice(at + 1), TWOFAS_SAMPLE_PASSWORD);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 25 },
    );
  });
});
