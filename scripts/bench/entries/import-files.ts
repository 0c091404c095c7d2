/**
 * Bench item 9 (issue 13): a file of `count` accounts in each import format,
 * built as the format's own app writes it (with the test fixtures' builders,
 * which follow each format's published description), and, for the encrypted
 * ones, the key derivation alone with the same parameters, as its baseline.
 */
import { pbkdf2Sync } from 'node:crypto';
import { argon2id, scrypt } from 'hash-wasm';
import { decodeBase32, encodeBase32 } from '../../../shared/otp/base32';
import type { OtpAccount } from '../../../shared/otp/types';
import { exportAcmeBackup } from '../../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../../shared/vault/formats/aegis';
import { exportOtpauthList } from '../../../shared/vault/formats/otpauth-list';
import { ARGON2ID_DEFAULTS } from '../../../shared/vault/kdf';
import { encryptAndOtp, plainAndOtp } from '../../../test/fixtures/formats/andotp/samples';
import { AUTHPRO_BACKUP, encryptLegacy, encryptStrong } from '../../../test/fixtures/formats/authenticator-pro/samples';
import { bitwardenCsv, BITWARDEN_JSON } from '../../../test/fixtures/formats/bitwarden/samples';
import { encryptLikeEnte, enteLine } from '../../../test/fixtures/formats/ente/samples';
import { encryptLikeTwoFas } from '../../../test/fixtures/formats/2fas/encrypt-like-2fas';
import { buildFreeOtpBackup } from '../../../test/fixtures/formats/freeotp/build-backup';
import { encryptProtonExport } from '../../../test/fixtures/formats/proton/encrypt-export';

/** One file of the bench. */
export interface BenchFile {
  /** What the table calls it: "andOTP, encrypted (PBKDF2-SHA1, 150,000)". */
  name: string;
  /** Its format id (what `readImportFile` must answer). */
  format: string;
  file: string | Uint8Array;
  password?: string;
  /** The same accounts' plain file of that format, for an encrypted one: what decryption adds to. */
  plainOf?: string;
  /** For an encrypted file: the key derivation alone, as the format's reader does it. */
  kdf?: () => Promise<unknown>;
}

const PASSWORD = 'correct horse battery staple';
const salt = (n: number) => new Uint8Array(n).fill(7);

/** The n-th of many distinct TOTP accounts (a 10-byte secret holding n); one in ten HOTP. */
function nth(n: number): OtpAccount {
  const secret = new Uint8Array(10);
  new DataView(secret.buffer).setUint32(0, n);
  const hotp = n % 10 === 9;
  return { type: hotp ? 'hotp' : 'totp', issuer: `Service ${n % 50}`, label: `user${n}@example.com`, secret: encodeBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, counter: hotp ? n : 0 };
}

/** Every file of the bench, with `count` accounts each. */
export async function importBenchFiles(count: number): Promise<BenchFile[]> {
  const accounts = Array.from({ length: count }, (_, i) => nth(i));
  const andOtp = plainAndOtp(
    accounts.map((a) => ({ secret: a.secret, issuer: a.issuer, label: a.label, digits: 6, type: a.type.toUpperCase(), algorithm: 'SHA1', thumbnail: 'Default', last_used: 0, used_frequency: 0, ...(a.type === 'hotp' ? { counter: a.counter } : { period: 30 }), tags: ['Work'] })),
  );
  const items = accounts.map((a, i) => ({ id: `i${i}`, folderId: 'f1', type: 1, name: a.issuer, notes: null, favorite: i % 7 === 0, login: { username: a.label, password: 'pw', totp: a.type === 'hotp' ? `otpauth://hotp/${a.issuer}:${a.label}?secret=${a.secret}&counter=${a.counter}` : a.secret } }));
  const folders = [{ id: 'f1', name: 'Work' }];
  const enteText = accounts.map((a, i) => enteLine(`otpauth://${a.type}/${encodeURIComponent(`${a.issuer}:${a.label}`)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&algorithm=SHA1&digits=6&${a.type === 'hotp' ? `counter=${a.counter}` : 'period=30'}`, { position: i, tags: ['Work'] })).join('\n');
  const template = AUTHPRO_BACKUP.Authenticators[0] as Record<string, unknown>;
  const authPro = {
    Authenticators: accounts.map((a, i) => ({ ...template, Type: a.type === 'hotp' ? 1 : 2, Icon: null, Issuer: a.issuer, Username: a.label, Secret: a.secret, Counter: a.counter, Ranking: i })),
    Categories: [{ Id: 'c1', Name: 'Work', Ranking: 0 }],
    AuthenticatorCategories: accounts.map((a, i) => ({ CategoryId: 'c1', AuthenticatorSecret: a.secret, Ranking: i })),
    CustomIcons: [],
  };
  const aegisPlain = await exportAegisJson(accounts);
  const otpauthLink = (a: OtpAccount) => `otpauth://${a.type}/${encodeURIComponent(a.label)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}&${a.type === 'hotp' ? `counter=${a.counter}` : 'period=30'}`;
  const twoFas = {
    services: accounts.map((a, i) => ({ name: a.issuer, secret: a.secret, otp: { account: a.label, issuer: a.issuer, digits: 6, period: 30, algorithm: 'SHA1', tokenType: a.type.toUpperCase(), counter: a.counter }, order: { position: i }, groupId: 'g1' })),
    groups: [{ id: 'g1', name: 'Work' }],
    schemaVersion: 4,
    appVersionCode: 5000000,
  };
  const signedBytes = (base32: string) => [...decodeBase32(base32)].map((byte) => (byte > 127 ? byte - 256 : byte));
  const tokenId = (a: OtpAccount) => `${a.issuer}:${a.label}`;
  const freeOtpPlus = JSON.stringify({
    tokenOrder: accounts.map(tokenId),
    tokens: accounts.map((a) => ({ algo: 'SHA1', counter: a.counter, digits: 6, issuerExt: a.issuer, issuerInt: a.issuer, label: a.label, period: 30, secret: signedBytes(a.secret), type: a.type.toUpperCase() })),
  });
  const freeOtpTokens = accounts.map((a, i) => ({
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    fields: { algo: 'SHA1', counter: a.counter, digits: 6, issuerExt: a.issuer, label: a.label, period: 30, type: a.type.toUpperCase() },
    secret: decodeBase32(a.secret),
  }));
  const proton = JSON.stringify({ version: 1, entries: accounts.map((a, i) => ({ id: `e${i}`, content: { uri: otpauthLink(a), entry_type: a.type === 'hotp' ? 'Hotp' : 'Totp', name: a.label }, note: null })) });
  const scryptParams = { n: 2 ** 15, r: 8, p: 1 };
  const enteKdf = { memLimit: 64 * 1024 * 1024, opsLimit: 2 };
  return [
    { name: 'Aegis JSON', format: 'aegis', file: aegisPlain },
    { name: 'otpauth:// list', format: 'otpauth-list', file: exportOtpauthList(accounts) },
    { name: 'andOTP JSON', format: 'andotp', file: andOtp },
    { name: 'Bitwarden JSON', format: 'bitwarden', file: JSON.stringify({ ...BITWARDEN_JSON, folders, items }) },
    { name: 'Bitwarden CSV', format: 'bitwarden', file: bitwardenCsv(items as typeof BITWARDEN_JSON.items, folders) },
    { name: 'Ente Auth text', format: 'ente', file: enteText },
    { name: 'Authenticator Pro JSON', format: 'authenticator-pro', file: JSON.stringify(authPro) },
    { name: '2FAS, schema 4', format: '2fas', file: JSON.stringify(twoFas) },
    { name: 'FreeOTP+ JSON', format: 'freeotp-plus', file: freeOtpPlus },
    { name: 'Proton Authenticator JSON', format: 'proton', file: proton },
    {
      name: 'Aegis, encrypted (scrypt 2^15, 8, 1)',
      format: 'aegis',
      file: await exportAegisJson(accounts, { password: PASSWORD, scrypt: scryptParams }),
      password: PASSWORD,
      plainOf: aegisPlain,
      kdf: () => scrypt({ password: PASSWORD, salt: salt(32), costFactor: scryptParams.n, blockSize: scryptParams.r, parallelism: scryptParams.p, hashLength: 32, outputType: 'binary' }),
    },
    {
      name: 'andOTP, encrypted (PBKDF2-SHA1, 150,000)',
      format: 'andotp',
      file: encryptAndOtp(andOtp, PASSWORD, 150_000),
      password: PASSWORD,
      plainOf: andOtp,
      kdf: async () => crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: salt(12), iterations: 150_000 }, await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, ['deriveBits']), 256),
    },
    {
      name: 'Ente Auth, encrypted (Argon2id 64 MiB × 2)',
      format: 'ente',
      file: await encryptLikeEnte(enteText, PASSWORD, enteKdf),
      password: PASSWORD,
      plainOf: enteText,
      kdf: () => argon2id({ password: PASSWORD, salt: salt(16), memorySize: enteKdf.memLimit / 1024, iterations: enteKdf.opsLimit, parallelism: 1, hashLength: 32, outputType: 'binary' }),
    },
    {
      name: 'Authenticator Pro, encrypted (Argon2id 64 MiB × 3, 4 lanes)',
      format: 'authenticator-pro',
      file: await encryptStrong(authPro, PASSWORD),
      password: PASSWORD,
      plainOf: JSON.stringify(authPro),
      kdf: () => argon2id({ password: PASSWORD, salt: salt(16), memorySize: 65_536, iterations: 3, parallelism: 4, hashLength: 32, outputType: 'binary' }),
    },
    {
      name: 'Authenticator Pro, legacy encrypted (PBKDF2-SHA1, 64,000)',
      format: 'authenticator-pro',
      file: encryptLegacy(authPro, PASSWORD),
      password: PASSWORD,
      plainOf: JSON.stringify(authPro),
      kdf: async () => pbkdf2Sync(PASSWORD, salt(20), 64_000, 32, 'sha1'),
    },
    {
      name: '2FAS, encrypted (PBKDF2-SHA256, 10,000)',
      format: '2fas',
      file: JSON.stringify(encryptLikeTwoFas(twoFas, PASSWORD)),
      password: PASSWORD,
      plainOf: JSON.stringify(twoFas),
      kdf: async () => pbkdf2Sync(PASSWORD, salt(256), 10_000, 32, 'sha256'),
    },
    {
      name: 'FreeOTP 2 backup (PBKDF2-SHA512, 100,000)',
      format: 'freeotp',
      file: buildFreeOtpBackup(freeOtpTokens, PASSWORD),
      password: PASSWORD,
      // It has no plain form: the same accounts as FreeOTP+ JSON stand in.
      plainOf: freeOtpPlus,
      kdf: async () => pbkdf2Sync(PASSWORD, salt(32), 100_000, 32, 'sha512'),
    },
    {
      name: 'Proton Authenticator, with a password (Argon2id 19 MiB × 2)',
      format: 'proton',
      file: await encryptProtonExport(proton, PASSWORD),
      password: PASSWORD,
      plainOf: proton,
      kdf: () => argon2id({ password: PASSWORD, salt: salt(16), memorySize: 19 * 1024, iterations: 2, parallelism: 1, hashLength: 32, outputType: 'binary' }),
    },
    {
      name: 'our backup (Argon2id 64 MiB × 3)',
      format: 'acme-backup',
      file: await exportAcmeBackup(accounts, PASSWORD, { now: Date.UTC(2026, 0, 1) }),
      password: PASSWORD,
      // It has no plain form: the same accounts as plain Aegis JSON stand in.
      plainOf: aegisPlain,
      kdf: () => argon2id({ password: PASSWORD, salt: salt(16), memorySize: ARGON2ID_DEFAULTS.memoryKiB, iterations: ARGON2ID_DEFAULTS.iterations, parallelism: ARGON2ID_DEFAULTS.parallelism, hashLength: 32, outputType: 'binary' }),
    },
  ];
}
