import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { readAccountNote } from '../../shared/otp/organisation-fields';
import { INPUT_LIMITS } from '../../shared/otp/input-limits';
import type { OtpAccount } from '../../shared/otp/types';
import { createAuthenticatorStorage, type AuthenticatorStorage } from '../../shared/storage/account-repository';
import { openAuthenticatorDb } from '../../shared/storage/authenticator-db';
import { createVaultAccount, markVaultAccountUsed, type GroupId, type VaultAccount } from '../../shared/vault/account';
import { organiseVaultAccount } from '../../shared/vault/account-organisation';
import { encryptAesGcm } from '../../shared/vault/aes-gcm';
import { utf8Decode, utf8Encode } from '../../shared/vault/bytes';
import { decryptAesGcm } from '../../shared/vault/aes-gcm';
import { addGroup, MAX_GROUPS, removeGroup, renameGroup, reorderGroups, type VaultGroup } from '../../shared/vault/groups';
import type { Argon2idParams } from '../../shared/vault/kdf';
import type { SealedAccountRecord } from '../../shared/vault/sealed-account';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const PASSPHRASE = 'correct horse battery staple';

const otp = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'GitHub',
  label: 'octocat@example.com',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

const opened: AuthenticatorStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function storage(name = `groups-test-${crypto.randomUUID()}`): AuthenticatorStorage & { name: string } {
  const s = createAuthenticatorStorage(() => openAuthenticatorDb(name), { kdf: TEST_KDF });
  opened.push(s);
  return Object.assign(s, { name });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
}

const gid = (id: string) => id as GroupId;
const twoGroups: VaultGroup[] = addGroup(addGroup([], 'Work', gid('w')), 'Home', gid('h'));

describe('addGroup', () => {
  it.each([
    ['a new name', 'Banks', undefined],
    ['a name taken in another case', 'WORK', 'group_name_taken'],
    ['a blank name', '   ', 'group_name_missing'],
    ['only invisible characters', '\u200B\u202E', 'group_name_missing'],
    ['65 characters', 'x'.repeat(65), 'input_too_long'],
  ])('handles %s', (_case, name, code) => {
    expect(codeOf(() => addGroup(twoGroups, name))).toBe(code);
  });

  it('sanitises the name and appends the group', () => {
    const groups = addGroup(twoGroups, ' Ba\u202Enks\u200B ', gid('b'));
    expect(groups).toEqual([
      { id: 'w', name: 'Work', order: 0 },
      { id: 'h', name: 'Home', order: 1 },
      { id: 'b', name: 'Banks', order: 2 },
    ]);
  });

  it('accepts 64 characters, the cap', () => {
    expect(INPUT_LIMITS.groupName).toBe(64);
    expect(addGroup([], 'x'.repeat(64))[0]!.name).toHaveLength(64);
  });

  it(`refuses a group past ${MAX_GROUPS}`, () => {
    let groups: VaultGroup[] = [];
    for (let i = 0; i < MAX_GROUPS; i++) groups = addGroup(groups, `g${i}`);
    expect(codeOf(() => addGroup(groups, 'one more'))).toBe('groups_too_many');
  });
});

describe('renameGroup / removeGroup / reorderGroups', () => {
  it('renames, allowing a change of case of its own name but not another group\'s name', () => {
    expect(renameGroup(twoGroups, gid('w'), 'WORK')[0]!.name).toBe('WORK');
    expect(codeOf(() => renameGroup(twoGroups, gid('w'), 'home'))).toBe('group_name_taken');
    expect(codeOf(() => renameGroup(twoGroups, gid('x'), 'x'))).toBe('group_not_found');
  });

  it('removes and renumbers', () => {
    expect(removeGroup(twoGroups, gid('w'))).toEqual([{ id: 'h', name: 'Home', order: 0 }]);
    expect(codeOf(() => removeGroup(twoGroups, gid('x')))).toBe('group_not_found');
  });

  it('reorders, keeping groups not named after the others', () => {
    const three = addGroup(twoGroups, 'Banks', gid('b'));
    expect(reorderGroups(three, [gid('b')]).map((g) => g.id)).toEqual(['b', 'w', 'h']);
    expect(codeOf(() => reorderGroups(three, [gid('x')]))).toBe('group_not_found');
  });
});

describe('readAccountNote', () => {
  it.each([
    ['keeps line breaks, normalising CR LF', 'line one\r\nline two', 'line one\nline two'],
    ['removes bidi overrides and zero-width characters on every line', 'a\u202Eb\n\u200Bc', 'ab\nc'],
    ['trims blank lines at either end', '\n\n note \n\n', 'note'],
  ])('%s', (_case, raw, note) => {
    expect(readAccountNote(raw)).toBe(note);
  });

  it(`caps a note at ${INPUT_LIMITS.note} code points`, () => {
    expect(readAccountNote('é'.repeat(INPUT_LIMITS.note))).toHaveLength(INPUT_LIMITS.note);
    expect(codeOf(() => readAccountNote('x'.repeat(INPUT_LIMITS.note + 1)))).toBe('input_too_long');
  });
});

describe('organiseVaultAccount / markVaultAccountUsed', () => {
  const account = createVaultAccount(otp(), NOW);

  it('starts with no groups, not a favourite, no note, never used', () => {
    expect(account).toMatchObject({ groups: [], favourite: false, note: '', lastUsedAt: null });
  });

  it('changes only what it is given, dropping repeated groups', () => {
    const organised = organiseVaultAccount(account, { groups: [gid('w'), gid('w'), gid('h')], favourite: true }, NOW + 1);
    expect(organised).toMatchObject({ groups: ['w', 'h'], favourite: true, note: '', updatedAt: NOW + 1 });
  });

  it('marks the account used without changing updatedAt', () => {
    expect(markVaultAccountUsed(account, NOW + 9)).toMatchObject({ lastUsedAt: NOW + 9, updatedAt: NOW });
  });
});

describe('AccountRepository groups', () => {
  it('creates, renames, reorders and lists groups, stored across a reopen', async () => {
    const s = storage();
    await s.accounts.createGroup('Work');
    const [work, home] = await s.accounts.createGroup('Home');
    await s.accounts.renameGroup(work!.id, 'Office');
    await s.accounts.reorderGroups([home!.id]);
    await s.close();

    const again = storage(s.name);
    expect(await again.accounts.listGroups()).toEqual([
      { id: home!.id, name: 'Home', order: 0 },
      { id: work!.id, name: 'Office', order: 1 },
    ]);
  });

  it('refuses a duplicate name, changing nothing', async () => {
    const s = storage();
    const groups = await s.accounts.createGroup('Work');
    expect((await rejection(s.accounts.createGroup('work'))).code).toBe('group_name_taken');
    expect(await s.accounts.listGroups()).toEqual(groups);
  });

  it('deletes a group and takes it out of every account in one write', async () => {
    const s = storage();
    const [work, home] = await s.accounts.createGroup('Work').then(() => s.accounts.createGroup('Home'));
    const stored = await s.accounts.addMany([otp(), otp({ secret: 'GEZDGNBVGY3TQOJQ' }), otp({ secret: 'MFRGGZDFMZTWQ2LK' })].map((a) => createVaultAccount(a, NOW)));
    await s.accounts.update(organiseVaultAccount(stored[0]!, { groups: [work!.id, home!.id] }, NOW));
    await s.accounts.update(organiseVaultAccount(stored[1]!, { groups: [work!.id] }, NOW));

    const result = await s.accounts.deleteGroup(work!.id);

    expect(result.groups).toEqual([{ id: home!.id, name: 'Home', order: 0 }]);
    expect(result.accounts.map((a) => a.id)).toEqual([stored[0]!.id, stored[1]!.id]);
    expect((await s.accounts.list()).map((a) => a.groups)).toEqual([[home!.id], [], []]);
  });

  it('keeps both groups when two tabs create one each', async () => {
    const a = storage();
    const b = storage(a.name);
    await Promise.all([a.accounts.createGroup('From A'), b.accounts.createGroup('From B')]);
    expect((await a.accounts.listGroups()).map((g) => g.name).sort()).toEqual(['From A', 'From B']);
  });

  it('refuses an organisation edit with account_changed when another tab changed the account', async () => {
    const a = storage();
    const b = storage(a.name);
    const [stored] = await a.accounts.addMany([createVaultAccount(otp(), NOW)]);
    const seenByB = (await b.accounts.list())[0]!;
    await a.accounts.update(organiseVaultAccount(stored!, { note: 'from A' }, NOW + 1));

    const error = await rejection(b.accounts.update(organiseVaultAccount(seenByB, { favourite: true }, NOW + 2)));

    expect(error.code).toBe('account_changed');
    expect((await a.accounts.list())[0]).toMatchObject({ note: 'from A', favourite: false });
  });

  it('refuses to list the groups while locked', async () => {
    const s = storage();
    await s.accounts.createGroup('Work');
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    expect((await rejection(s.accounts.listGroups())).code).toBe('vault_locked');
  });
});

/** Replaces an account's record by one sealed as the code before issue 12 sealed it: payload version 1, no organisation. */
async function writeVersion1Record(s: AuthenticatorStorage & { name: string }, account: VaultAccount): Promise<void> {
  const key = await s.vault.getMasterKey();
  const payload = {
    v: 1,
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    updatedAt: account.updatedAt,
  };
  const sealed = await encryptAesGcm(key.key, utf8Encode(JSON.stringify(payload)), utf8Encode(`acme-authenticator/vault/account/v1/${account.id}`));
  const db = await openAuthenticatorDb(s.name);
  const record: SealedAccountRecord = { id: account.id, order: account.order, createdAt: account.createdAt, keyId: key.id, ...sealed };
  await db.put('accounts', record);
  db.close();
}

async function storedPayloadVersion(s: AuthenticatorStorage & { name: string }, id: VaultAccount['id']): Promise<unknown> {
  const key = await s.vault.getMasterKey();
  const db = await openAuthenticatorDb(s.name);
  const record = (await db.get('accounts', id))!;
  db.close();
  const plain = await decryptAesGcm(key.key, record, utf8Encode(`acme-authenticator/vault/account/v1/${id}`));
  return (JSON.parse(utf8Decode(plain!)!) as { v: unknown }).v;
}

describe('sealed payload migration (v1 -> v2)', () => {
  it.each([
    ['lock off', false],
    ['lock on, after a lock and unlock', true],
  ])('opens a version 1 record with defaults and writes it as version 2 at its next write (%s)', async (_case, lockOn) => {
    const s = storage();
    if (lockOn) await s.vault.enableLock(PASSPHRASE, NOW);
    const [stored] = await s.accounts.addMany([createVaultAccount(otp(), NOW)]);
    await writeVersion1Record(s, stored!);
    expect(await storedPayloadVersion(s, stored!.id)).toBe(1);
    if (lockOn) {
      s.vault.lock();
      expect((await rejection(s.accounts.list())).code).toBe('vault_locked');
      await s.vault.unlockWithPassphrase(PASSPHRASE, NOW);
    }

    const [read] = await s.accounts.list();

    expect(read).toStrictEqual({ ...stored!, groups: [], favourite: false, note: '', lastUsedAt: null });
    await s.accounts.update(markVaultAccountUsed(read!, NOW + 1));
    expect(await storedPayloadVersion(s, stored!.id)).toBe(2);
    expect((await s.accounts.list())[0]).toStrictEqual({ ...stored!, lastUsedAt: NOW + 1 });
  });
});
