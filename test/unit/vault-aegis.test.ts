import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { exportAegisJson, parseAegisJson } from '../../shared/vault/formats/aegis';
import { readImportFile } from '../../shared/vault/import-file';

/** The content of an Aegis vault as Aegis writes it (docs/vault.md; test data aegis_plain.json). */
const DB = {
  version: 1,
  entries: [
    { type: 'totp', uuid: randomUUID(), name: 'Mason', issuer: 'Deno', icon: null, info: { secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algo: 'SHA1', digits: 6, period: 30 } },
    { type: 'totp', uuid: randomUUID(), name: 'James', issuer: 'SPDX', icon: null, info: { secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algo: 'SHA256', digits: 7, period: 20 } },
    { type: 'totp', uuid: randomUUID(), name: 'Elijah', issuer: 'Airbnb', icon: null, info: { secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algo: 'SHA512', digits: 8, period: 50 } },
    { type: 'hotp', uuid: randomUUID(), name: 'James', issuer: 'Issuu', icon: null, info: { secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algo: 'SHA1', digits: 6, counter: 1 } },
    { type: 'hotp', uuid: randomUUID(), name: 'Benjamin', issuer: 'Air Canada', icon: null, info: { secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algo: 'SHA256', digits: 7, counter: 50 } },
    { type: 'steam', uuid: randomUUID(), name: 'Sophia', issuer: 'Boeing', icon: null, info: { secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algo: 'SHA1', digits: 5, period: 30 } },
  ],
};

const EXPECTED: OtpAccount[] = [
  { type: 'totp', issuer: 'Deno', label: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'totp', issuer: 'SPDX', label: 'James', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20, counter: 0 },
  { type: 'totp', issuer: 'Airbnb', label: 'Elijah', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 50, counter: 0 },
  { type: 'hotp', issuer: 'Issuu', label: 'James', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algorithm: 'SHA1', digits: 6, period: 30, counter: 1 },
  { type: 'hotp', issuer: 'Air Canada', label: 'Benjamin', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, period: 30, counter: 50 },
  { type: 'steam', issuer: 'Boeing', label: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
];

/**
 * Encrypts a vault the way Aegis does, with Node's crypto only (independent of
 * the code under test): scrypt(password, salt, N=2^15, r=8, p=1) -> key that
 * wraps a random master key with AES-256-GCM; the master key encrypts the db JSON.
 */
function encryptLikeAegis(db: unknown, password: string): { file: Record<string, unknown>; masterKey: Buffer } {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const derived = scryptSync(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const slotNonce = randomBytes(12);
  const slotCipher = createCipheriv('aes-256-gcm', derived, slotNonce);
  const wrapped = Buffer.concat([slotCipher.update(masterKey), slotCipher.final()]);
  const dbNonce = randomBytes(12);
  const dbCipher = createCipheriv('aes-256-gcm', masterKey, dbNonce);
  const content = Buffer.concat([dbCipher.update(JSON.stringify(db), 'utf8'), dbCipher.final()]);
  return {
    masterKey,
    file: {
      version: 1,
      header: {
        slots: [
          // A biometric slot Aegis may add; it must be skipped.
          { type: 2, uuid: randomUUID(), key: randomBytes(32).toString('hex'), key_params: { nonce: randomBytes(12).toString('hex'), tag: randomBytes(16).toString('hex') } },
          {
            type: 1,
            uuid: randomUUID(),
            key: wrapped.toString('hex'),
            key_params: { nonce: slotNonce.toString('hex'), tag: slotCipher.getAuthTag().toString('hex') },
            n: 32768,
            r: 8,
            p: 1,
            salt: salt.toString('hex'),
            repaired: true,
          },
        ],
        params: { nonce: dbNonce.toString('hex'), tag: dbCipher.getAuthTag().toString('hex') },
      },
      db: content.toString('base64'),
    },
  };
}

const PASSWORD = 'test';
const ENCRYPTED = encryptLikeAegis(DB, PASSWORD);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('parseAegisJson', () => {
  it('reads a plain vault, its Steam entry as type steam', async () => {
    const parsed = await readImportFile(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: DB }));
    expect(parsed.format).toBe('aegis');
    expect(parsed.encrypted).toBe(false);
    expect(parsed.accounts).toEqual(EXPECTED);
    expect(parsed.unreadable).toEqual([]);
  });

  it('lists a Steam entry whose digits are not 5 as unreadable, naming the field, and reads the rest', async () => {
    const db = clone(DB);
    db.entries[5]!.info.digits = 6;
    const parsed = await readImportFile(JSON.stringify({ version: 1, header: { slots: null, params: null }, db }));
    expect(parsed.accounts).toEqual(EXPECTED.slice(0, 5));
    expect(parsed.unreadable).toEqual([{ index: 5, name: 'Boeing: Sophia', code: 'steam_params_fixed', reason: expect.stringContaining('digits') as string }]);
  });

  it('decrypts a vault encrypted with known parameters by independent code', async () => {
    const parsed = await readImportFile(JSON.stringify(ENCRYPTED.file), PASSWORD);
    expect(parsed.encrypted).toBe(true);
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('asks for the password of an encrypted vault', async () => {
    await expect(readImportFile(JSON.stringify(ENCRYPTED.file))).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'aegis' } });
  });

  it('rejects a wrong password with backup_wrong_password', async () => {
    await expect(readImportFile(JSON.stringify(ENCRYPTED.file), 'Test')).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it('rejects tampered content with import_corrupt, and a tampered slot as a wrong password', async () => {
    const content = clone(ENCRYPTED.file) as { db: string; header: { slots: { key: string }[]; params: { tag: string } } };
    const bytes = Buffer.from(content.db, 'base64');
    bytes[10] = (bytes[10] as number) ^ 1;
    await expect(parseAegisJson({ ...content, db: bytes.toString('base64') }, PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt' });

    const tag = clone(content);
    tag.header.params.tag = `${tag.header.params.tag.slice(0, -2)}00`;
    await expect(parseAegisJson(tag, PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt' });

    const slot = clone(ENCRYPTED.file) as typeof content;
    slot.header.slots[1]!.key = `ff${slot.header.slots[1]!.key.slice(2)}`;
    await expect(parseAegisJson(slot, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it.each([
    ['only a biometric slot', (f: any) => (f.header.slots = [f.header.slots[0]]), 'import_unsupported'],
    ['a newer file version', (f: any) => (f.version = 2), 'import_unsupported'],
    ['absurd scrypt parameters', (f: any) => (f.header.slots[1].n = 2 ** 30), 'import_corrupt'],
    ['a short nonce', (f: any) => (f.header.params.nonce = 'abcd'), 'import_corrupt'],
    ['a db that is not Base64', (f: any) => (f.db = '***'), 'import_corrupt'],
  ])('rejects %s with %s', async (_name, mutate, code) => {
    const file = clone(ENCRYPTED.file);
    mutate(file);
    await expect(parseAegisJson(file, PASSWORD)).rejects.toMatchObject({ code });
  });

  it('reads db versions up to 3 (Aegis 3.x adds groups) and refuses newer ones', async () => {
    const file = (version: number) => ({ version: 1, header: { slots: null, params: null }, db: { ...DB, version, groups: [] } });
    expect((await parseAegisJson(file(3))).accounts).toEqual(EXPECTED);
    await expect(parseAegisJson(file(4))).rejects.toMatchObject({ code: 'import_unsupported' });
  });

  it('reports broken entries one by one', async () => {
    const parsed = await parseAegisJson({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 1,
        entries: [
          DB.entries[0],
          null,
          { type: 'totp', name: 'no info', issuer: 'X' },
          { type: 'totp', name: 'bad secret', issuer: 'X', info: { secret: 'not base32!', algo: 'SHA1', digits: 6, period: 30 } },
          { type: 'totp', name: 'bad algo', issuer: 'X', info: { secret: 'JBSWY3DP', algo: 'MD5', digits: 6, period: 30 } },
        ],
      },
    });
    expect(parsed.accounts).toEqual([EXPECTED[0]]);
    expect(parsed.unreadable.map((u) => [u.index, u.name, u.code])).toEqual([
      [1, '', 'entry_field_invalid'],
      [2, 'X: no info', 'entry_field_invalid'],
      [3, 'X: bad secret', 'secret_not_base32'],
      [4, 'X: bad algo', 'unsupported_algorithm'],
    ]);
    for (const entry of parsed.unreadable) expect(entry.reason).not.toContain('JBSWY3DP');
  });
});

describe('exportAegisJson', () => {
  it('writes a plain vault in the documented shape', async () => {
    const file = JSON.parse(await exportAegisJson([EXPECTED[0]!, EXPECTED[3]!]));
    expect(file).toEqual({
      version: 1,
      header: { slots: null, params: null },
      // Db version 3, as Aegis 3.x writes it (issue 12: groups, favourites and notes travel).
      db: {
        version: 3,
        entries: [
          { type: 'totp', uuid: expect.any(String), name: 'Mason', issuer: 'Deno', note: '', favorite: false, icon: null, info: { secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algo: 'SHA1', digits: 6, period: 30 }, groups: [] },
          { type: 'hotp', uuid: expect.any(String), name: 'James', issuer: 'Issuu', note: '', favorite: false, icon: null, info: { secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algo: 'SHA1', digits: 6, counter: 1 }, groups: [] },
        ],
        groups: [],
      },
    });
  });

  it('writes an encrypted vault that independent code (Aegis decrypt.py, in Node) opens', async () => {
    const file = JSON.parse(await exportAegisJson(EXPECTED, { password: 'a long password' }));
    const slot = file.header.slots.find((s: { type: number }) => s.type === 1);
    expect(slot).toMatchObject({ n: 32768, r: 8, p: 1 });
    expect(slot.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key_params.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(slot.key_params.tag).toMatch(/^[0-9a-f]{32}$/);

    const derived = scryptSync('a long password', Buffer.from(slot.salt, 'hex'), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 64 * 1024 * 1024 });
    const unwrap = createDecipheriv('aes-256-gcm', derived, Buffer.from(slot.key_params.nonce, 'hex'));
    unwrap.setAuthTag(Buffer.from(slot.key_params.tag, 'hex'));
    const masterKey = Buffer.concat([unwrap.update(Buffer.from(slot.key, 'hex')), unwrap.final()]);
    const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(file.header.params.nonce, 'hex'));
    decipher.setAuthTag(Buffer.from(file.header.params.tag, 'hex'));
    const db = JSON.parse(Buffer.concat([decipher.update(Buffer.from(file.db, 'base64')), decipher.final()]).toString('utf8'));
    expect(db.version).toBe(3);
    expect(db.entries.map((e: { issuer: string; name: string; info: { secret: string } }) => [e.issuer, e.name, e.info.secret])).toEqual(
      EXPECTED.map((a) => [a.issuer, a.label, a.secret]),
    );
  });

  it('refuses a short password', async () => {
    await expect(exportAegisJson(EXPECTED, { password: 'short' })).rejects.toMatchObject({ code: 'passphrase_too_short', details: { field: 'password' } });
  });
});
