import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { parseTwoFasJson } from '../../shared/vault/formats/twofas';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';

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

/** Encrypts services as 2FAS does, with Node's crypto: PBKDF2-SHA256 x 10000, AES-256-GCM, "ct+tag:salt:iv" in Base64. */
function encryptLikeTwoFas(services: unknown, password: string): string {
  const salt = randomBytes(256);
  const iv = randomBytes(12);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(services), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify(
    file({ services: [], servicesEncrypted: [ciphertext, salt, iv].map((b) => b.toString('base64')).join(':'), reference: 'x' }),
  );
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
    const text = encryptLikeTwoFas(SERVICES, 'pässwörd');
    expect(detectImportFile(text)).toEqual({ format: '2fas', encrypted: true });
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_password_required', details: { format: '2fas' } });
    const parsed = await readImportFile(text, 'pässwörd');
    expect(parsed.encrypted).toBe(true);
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('rejects a wrong password, and a malformed encrypted field as corrupt', async () => {
    await expect(readImportFile(encryptLikeTwoFas(SERVICES, 'right'), 'wrong')).rejects.toMatchObject({ code: 'backup_wrong_password' });
    await expect(parseTwoFasJson({ servicesEncrypted: 'only:two' }, 'x')).rejects.toMatchObject({ code: 'import_corrupt' });
  });
});
