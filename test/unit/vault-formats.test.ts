import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeAccountText } from '../../shared/otp/account-text';
import { encodeBase32 } from '../../shared/otp/base32';
import type { OtpAccount } from '../../shared/otp/types';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { exportMigrationUris, parseMigrationUri, addMigrationBatch, mergeMigrationBatches, type MigrationProgress } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { readImportFile } from '../../shared/vault/import-file';
import type { Argon2idParams } from '../../shared/vault/kdf';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const TEST_SCRYPT = { n: 16, r: 8, p: 1 };
const NOW = 1_750_000_000_000;
const PASSWORD = 'backup password 🔑';

const base: OtpAccount = {
  type: 'totp',
  issuer: 'GitHub',
  label: 'octocat',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

/** Every combination the issue names: TOTP and HOTP, every algorithm, 6 and 8 digits, 30 and 60 s, Unicode names. */
const CASES: OtpAccount[] = [
  base,
  { ...base, algorithm: 'SHA256', digits: 8, period: 60, issuer: 'Überbank', label: 'jürgen.müller@example.de', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  { ...base, algorithm: 'SHA512', digits: 8, period: 30, issuer: '東京銀行', label: '山田太郎', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
  { ...base, algorithm: 'SHA1', digits: 6, period: 60, issuer: '', label: 'Ωmega (no issuer) 🔐', secret: 'KRSXG5CTMVRXEZLU' },
  { ...base, type: 'hotp', counter: 0, issuer: 'Bank & Co', label: 'a+b?c#d%e', secret: 'NBSWY3DP' },
  { ...base, type: 'hotp', algorithm: 'SHA256', digits: 8, counter: 12345, issuer: 'مصرف', label: 'عربي', secret: 'ONSWG4TFOQ' },
  { ...base, type: 'hotp', algorithm: 'SHA512', digits: 6, counter: 2 ** 40, issuer: 'Corp:EU', label: 'Corp:EU:admin', secret: 'MZXW6YTBOI' },
  { ...base, issuer: '', label: 'Corp:alice', secret: 'GEZDGNBVGY' },
  { ...base, issuer: 'Only issuer', label: '', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI' },
];

/** Key URIs, Aegis and our backup carry every account above. */
const everything = (): OtpAccount[] => CASES;
/** Google's format has no period and only 6 or 8 digits. */
const googleable = (accounts: readonly OtpAccount[]): OtpAccount[] =>
  accounts.filter((a) => (a.type === 'hotp' || a.period === 30) && (a.digits === 6 || a.digits === 8));

describe('round trips: export then import yields the same accounts', () => {
  it('plain otpauth:// list', async () => {
    const parsed = await readImportFile(exportOtpauthList(everything()));
    expect(parsed).toMatchObject({ format: 'otpauth-list', encrypted: false, unreadable: [] });
    expect(parsed.accounts).toEqual(CASES);
  });

  it('Aegis JSON, plain', async () => {
    const parsed = await readImportFile(await exportAegisJson(everything()));
    expect(parsed).toMatchObject({ format: 'aegis', encrypted: false, unreadable: [] });
    expect(parsed.accounts).toEqual(CASES);
  });

  it("Aegis JSON, encrypted with Aegis's scrypt parameters", async () => {
    const file = await exportAegisJson(everything(), { password: PASSWORD });
    expect(JSON.parse(file).header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'aegis', encrypted: true, unreadable: [] });
    expect(parsed.accounts).toEqual(CASES);
  });

  it('our encrypted backup', async () => {
    const parsed = await readImportFile(await exportAcmeBackup(everything(), PASSWORD, { now: NOW, kdf: TEST_KDF }), PASSWORD);
    expect(parsed).toMatchObject({ format: 'acme-backup', encrypted: true, unreadable: [] });
    expect(parsed.accounts).toEqual(CASES);
  });

  it('Google Authenticator transfer codes (what the format can carry), over several batches', () => {
    const accounts = Array.from({ length: 3 }, (_, round) =>
      googleable(CASES).map((a, i) => ({ ...a, secret: encodeBase32(new Uint8Array([round, i, 1, 2, 3])) })),
    ).flat();
    expect(accounts.length).toBeGreaterThan(10);
    const { uris, skipped } = exportMigrationUris(accounts);
    expect(skipped).toEqual([]);
    expect(uris.length).toBe(Math.ceil(accounts.length / 10));
    let progress: MigrationProgress | undefined;
    for (const uri of [...uris].reverse()) progress = addMigrationBatch(progress, parseMigrationUri(uri));
    expect(progress?.complete).toBe(true);
    expect(mergeMigrationBatches(progress!).accounts).toEqual(accounts);
  });
});

/** Names as people write them: any Unicode, sanitised (the model stores them so: no invisible characters, NFC, trimmed). */
const nameArb = fc.string({ unit: 'binary', maxLength: 20 }).map(sanitizeAccountText);
const accountArb = (options: { googleOnly?: boolean } = {}): fc.Arbitrary<OtpAccount> =>
  fc
    .record({
      type: fc.constantFrom('totp' as const, 'hotp' as const),
      issuer: nameArb,
      label: nameArb,
      secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map(encodeBase32),
      algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: options.googleOnly ? fc.constantFrom(6, 8) : fc.integer({ min: 6, max: 10 }),
      period: options.googleOnly ? fc.constant(30) : fc.integer({ min: 1, max: 86_400 }),
      counter: fc.maxSafeNat(),
    })
    .filter((a) => a.issuer !== '' || a.label !== '')
    .map((a) => (a.type === 'totp' ? { ...a, counter: 0 } : { ...a, period: 30 }));

describe('round trips (property)', () => {
  it('otpauth:// list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb(), { minLength: 1, maxLength: 8 }), async (accounts) => {
        expect((await readImportFile(exportOtpauthList(accounts))).accounts).toEqual(accounts);
      }),
      { numRuns: 200 },
    );
  });

  it('Aegis plain and encrypted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb(), { minLength: 1, maxLength: 8 }), fc.boolean(), async (accounts, encrypted) => {
        const file = await exportAegisJson(accounts, encrypted ? { password: PASSWORD, scrypt: TEST_SCRYPT } : {});
        expect((await readImportFile(file, encrypted ? PASSWORD : undefined)).accounts).toEqual(accounts);
      }),
      { numRuns: 100 },
    );
  });

  it('our backup', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb(), { maxLength: 8 }), async (accounts) => {
        const file = await exportAcmeBackup(accounts, PASSWORD, { now: NOW, kdf: TEST_KDF });
        expect((await readImportFile(file, PASSWORD)).accounts).toEqual(accounts);
      }),
      { numRuns: 60 },
    );
  });

  it('Google transfer codes', () => {
    fc.assert(
      fc.property(fc.array(accountArb({ googleOnly: true }), { minLength: 1, maxLength: 25 }), (accounts) => {
        let progress: MigrationProgress | undefined;
        for (const uri of exportMigrationUris(accounts).uris) progress = addMigrationBatch(progress, parseMigrationUri(uri));
        expect(mergeMigrationBatches(progress!).accounts).toEqual(accounts);
      }),
      { numRuns: 200 },
    );
  });
});
