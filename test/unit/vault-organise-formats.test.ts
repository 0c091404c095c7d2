import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { createAuthenticatorStorage, type AuthenticatorStorage } from '../../shared/storage/account-repository';
import { openAuthenticatorDb } from '../../shared/storage/authenticator-db';
import { createVaultAccount, type VaultAccount } from '../../shared/vault/account';
import { organiseVaultAccount } from '../../shared/vault/account-organisation';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { fieldsDroppedBy, FORMAT_CARRIES, type ImportFormat } from '../../shared/vault/formats/types';
import type { VaultGroup } from '../../shared/vault/groups';
import { readImportFile } from '../../shared/vault/import-file';
import { applyImport, previewImport } from '../../shared/vault/import-preview';
import type { Argon2idParams } from '../../shared/vault/kdf';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const PASSWORD = 'backup password';

const otp = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
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

const info = { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 };
/** A 1×1 PNG, Base64: an own icon as Aegis files carry it. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const aegisFile = (db: Record<string, unknown>) => JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, ...db } });

describe('readImportFile (Aegis organisation)', () => {
  it.each([
    [
      'db v3 groups by uuid, favorite, note',
      { groups: [{ uuid: 'g1', name: 'Work' }, { uuid: 'g2', name: 'Home' }], entries: [{ type: 'totp', name: 'a', issuer: 'X', favorite: true, note: 'hi\nthere', groups: ['g2', 'g1'], info }] },
      { groupNames: ['Home', 'Work'], favourite: true, note: 'hi\nthere' },
      ['Work', 'Home'],
    ],
    [
      'an older entry with one group name',
      { entries: [{ type: 'totp', name: 'a', issuer: 'X', group: 'Banks', info }] },
      { groupNames: ['Banks'] },
      ['Banks'],
    ],
    [
      'a uuid not among the groups (ignored), favorite false',
      { groups: [], entries: [{ type: 'totp', name: 'a', issuer: 'X', favorite: false, note: '', groups: ['missing'], info }] },
      {},
      [],
    ],
    [
      'an own PNG icon (icon, icon_mime)',
      { entries: [{ type: 'totp', name: 'a', issuer: 'X', icon: PNG_1PX, icon_mime: 'image/png', info }] },
      { icon: { kind: 'image', mime: 'image/png', data: PNG_1PX } },
      [],
    ],
    [
      'an SVG icon (never kept: it can hold script), the account kept',
      { entries: [{ type: 'totp', name: 'a', issuer: 'X', icon: btoa('<svg onload="alert(1)"/>'), icon_mime: 'image/svg+xml', info }] },
      {},
      [],
    ],
    [
      'a note with a bidi override (removed)',
      { entries: [{ type: 'totp', name: 'a', issuer: 'X', note: 'pay\u202Elap', info }] },
      { note: 'paylap' },
      [],
    ],
  ])('reads %s', async (_case, db, organisation, groupNames) => {
    const parsed = await readImportFile(aegisFile(db));
    expect(parsed.unreadable).toEqual([]);
    const { type, issuer, label, secret, algorithm, digits, period, counter, ...rest } = parsed.accounts[0]!;
    expect(rest).toEqual(organisation);
    expect(parsed.groupNames).toEqual(groupNames);
  });

  it('reports an entry whose note is over the cap as unreadable, naming the note, and reads the others', async () => {
    const parsed = await readImportFile(
      aegisFile({ entries: [{ type: 'totp', name: 'long', issuer: 'X', note: 'x'.repeat(2001), info }, { type: 'totp', name: 'ok', issuer: 'Y', info: { ...info, secret: 'GEZDGNBVGY3TQOJQ' } }] }),
    );
    expect(parsed.accounts.map((a) => a.label)).toEqual(['ok']);
    expect(parsed.unreadable).toMatchObject([{ index: 0, code: 'input_too_long' }]);
    expect(parsed.unreadable[0]!.reason).toContain('note');
  });
});

describe('readImportFile (2FAS groups)', () => {
  it('puts each service in the group its groupId names', async () => {
    const file = {
      schemaVersion: 4,
      groups: [{ id: 'g-1', name: 'Work', isExpanded: true }],
      services: [
        { name: 'GitHub', secret: 'JBSWY3DPEHPK3PXP', groupId: 'g-1', otp: { account: 'a', tokenType: 'TOTP' } },
        { name: 'Other', secret: 'GEZDGNBVGY3TQOJQ', otp: { account: 'b' } },
      ],
    };
    const parsed = await readImportFile(JSON.stringify(file));
    expect(parsed.accounts.map((a) => a.groupNames)).toEqual([['Work'], undefined]);
    expect(parsed.groupNames).toEqual(['Work']);
  });
});

const storages: AuthenticatorStorage[] = [];
afterEach(async () => {
  await Promise.all(storages.splice(0).map((s) => s.close()));
});

function storage(): AuthenticatorStorage {
  const name = `organise-formats-${crypto.randomUUID()}`;
  const s = createAuthenticatorStorage(() => openAuthenticatorDb(name), { kdf: TEST_KDF });
  storages.push(s);
  return s;
}

/**
 * A vault with two groups and three accounts: one in both groups, favourite, with a note; one in one,
 * used, with an icon of the set; one in none, with an own image as its icon.
 */
async function organisedVault(): Promise<{ s: AuthenticatorStorage; groups: VaultGroup[]; accounts: VaultAccount[] }> {
  const s = storage();
  await s.accounts.createGroup('Work');
  const groups = await s.accounts.createGroup('Home');
  const stored = await s.accounts.addMany(
    [otp(), otp({ issuer: 'Bank', secret: 'GEZDGNBVGY3TQOJQ' }), otp({ issuer: 'Mail', secret: 'MFRGGZDFMZTWQ2LK' })].map((a) => createVaultAccount(a, NOW)),
  );
  await s.accounts.update(organiseVaultAccount(stored[0]!, { groups: groups.map((g) => g.id), favourite: true, note: 'line 1\nline 2' }, NOW));
  await s.accounts.update({ ...organiseVaultAccount(stored[1]!, { groups: [groups[1]!.id] }, NOW), lastUsedAt: NOW + 7, icon: { kind: 'set', slug: 'github' } });
  await s.accounts.update({ ...stored[2]!, icon: { kind: 'image', mime: 'image/png', data: PNG_1PX } });
  return { s, groups, accounts: await s.accounts.list() };
}

/** What a round trip must keep: every account's OTP fields and organisation, groups by name. */
function organisationByName(accounts: readonly VaultAccount[], groups: readonly VaultGroup[], withLastUsed: boolean, withSetIcons: boolean) {
  const names = new Map(groups.map((g) => [g.id, g.name]));
  return accounts.map((a) => ({
    issuer: a.issuer,
    label: a.label,
    secret: a.secret,
    groups: a.groups.map((id) => names.get(id)).sort(),
    favourite: a.favourite,
    note: a.note,
    ...(withLastUsed ? { lastUsedAt: a.lastUsedAt } : {}),
    // Aegis keeps own images only; it matches logos from its own icon packs.
    icon: withSetIcons || a.icon?.kind === 'image' ? a.icon : null,
  }));
}

describe('export then import (round trips)', () => {
  it.each([
    ['acme-backup', true, (accounts: VaultAccount[], groups: VaultGroup[]) => exportAcmeBackup(accounts, PASSWORD, { now: NOW, kdf: TEST_KDF, groups })],
    ['aegis', false, (accounts: VaultAccount[], groups: VaultGroup[]) => exportAegisJson(accounts, { groups })],
    ['aegis (encrypted)', false, (accounts: VaultAccount[], groups: VaultGroup[]) => exportAegisJson(accounts, { groups, password: PASSWORD, scrypt: { n: 1024, r: 8, p: 1 } })],
  ])('keeps groups, favourites, notes and icons through %s', async (format, withLastUsed, write) => {
    const source = await organisedVault();
    const text = await write(source.accounts, source.groups);
    const target = storage();

    const parsed = await readImportFile(text, PASSWORD);
    await applyImport(previewImport(parsed, [], []), target.accounts, NOW);

    const groups = await target.accounts.listGroups();
    expect(groups.map((g) => g.name)).toEqual(['Work', 'Home']);
    const ours = format === 'acme-backup';
    expect(organisationByName(await target.accounts.list(), groups, withLastUsed, ours)).toEqual(
      organisationByName(source.accounts, source.groups, withLastUsed, ours),
    );
  });

  it('writes Aegis db version 3 with groups at db level and entries naming them by uuid', async () => {
    const { accounts, groups } = await organisedVault();
    const db = JSON.parse(await exportAegisJson(accounts, { groups })).db;
    expect(db.version).toBe(3);
    expect(db.groups).toEqual([{ uuid: groups[0]!.id, name: 'Work' }, { uuid: groups[1]!.id, name: 'Home' }]);
    expect(db.entries[0]).toMatchObject({ favorite: true, note: 'line 1\nline 2', groups: [groups[0]!.id, groups[1]!.id] });
  });
});

describe('applyImport (groups)', () => {
  it('puts accounts in the stored group of the same name (ignoring case) and makes the missing ones', async () => {
    const s = storage();
    const [work] = await s.accounts.createGroup('Work');
    const parsed = await readImportFile(
      aegisFile({ groups: [{ uuid: 'a', name: 'WORK' }, { uuid: 'b', name: 'Travel' }], entries: [{ type: 'totp', name: 'x', issuer: 'X', groups: ['a', 'b'], info }] }),
    );
    const preview = previewImport(parsed, [], await s.accounts.listGroups());
    expect(preview.newGroupNames).toEqual(['Travel']);

    const [added] = await applyImport(preview, s.accounts, NOW);

    const groups = await s.accounts.listGroups();
    expect(groups.map((g) => g.name)).toEqual(['Work', 'Travel']);
    expect([...added!.groups].sort()).toEqual([work!.id, groups[1]!.id].sort());
    expect((await s.accounts.list())[0]!.groups).toEqual(added!.groups);
  });
});

describe('FORMAT_CARRIES / fieldsDroppedBy', () => {
  it.each<[ImportFormat, string[]]>([
    ['acme-backup', []],
    ['aegis', ['lastUsed']],
    ['2fas', ['favourite', 'note', 'lastUsed', 'icon']],
    ['otpauth-list', ['groups', 'favourite', 'note', 'lastUsed', 'icon']],
    ['google-migration', ['groups', 'favourite', 'note', 'lastUsed', 'icon']],
    ['andotp', ['favourite', 'note', 'icon']],
    ['bitwarden', ['lastUsed', 'icon']],
    ['ente', ['lastUsed', 'icon']],
    ['authenticator-pro', ['favourite', 'note', 'lastUsed']],
    ['freeotp-plus', ['favourite', 'note', 'lastUsed', 'icon']],
    ['freeotp', ['groups', 'favourite', 'note', 'lastUsed', 'icon']],
    ['proton', ['groups', 'favourite', 'lastUsed', 'icon']],
  ])('%s drops %j', (format, dropped) => {
    expect(fieldsDroppedBy(format)).toEqual(dropped);
    expect([...FORMAT_CARRIES[format], ...dropped].sort()).toEqual(['favourite', 'groups', 'icon', 'lastUsed', 'note']);
  });

  it('matches what the otpauth list really drops', async () => {
    const { accounts } = await organisedVault();
    const parsed = await readImportFile(exportOtpauthList(accounts));
    expect(parsed.accounts[0]).not.toHaveProperty('note');
    expect(parsed.accounts[0]).not.toHaveProperty('groupNames');
    expect(parsed.accounts[0]).not.toHaveProperty('icon');
    expect(previewImport(parsed, []).cannotCarry).toEqual(['groups', 'favourite', 'note', 'lastUsed', 'icon']);
  });
});

