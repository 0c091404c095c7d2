import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { createVaultAccount, toAccountId, type GroupId, type VaultAccount } from '../../shared/vault/account';
import { filterByView, pinFavourites } from '../../shared/vault/account-view';
import { compareByLastUsed } from '../../shared/vault/last-used';
import { filterAccounts } from '../../pwa/app/model/search';

const otp: OtpAccount = { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const work = 'g-work' as GroupId;
const home = 'g-home' as GroupId;

function account(id: string, order: number, extra: Partial<VaultAccount> = {}): VaultAccount {
  return { ...createVaultAccount(otp, 0, toAccountId(id)), order, ...extra };
}

const accounts = [
  account('a', 0, { groups: [work] }),
  account('b', 1, { favourite: true, groups: [home] }),
  account('c', 2, { groups: [work, home], note: 'Recovery codes in the safe' }),
  account('d', 3, { favourite: true, lastUsedAt: 5 }),
];
const ids = (list: readonly VaultAccount[]) => list.map((a) => a.id);

describe('filterByView', () => {
  it.each([
    ['all', { kind: 'all' } as const, ['a', 'b', 'c', 'd']],
    ['favourites', { kind: 'favourites' } as const, ['b', 'd']],
    ['a group', { kind: 'group', id: work } as const, ['a', 'c']],
    ['a group no account is in', { kind: 'group', id: 'g-none' as GroupId } as const, []],
  ])('shows %s', (_case, view, expected) => {
    expect(ids(filterByView(accounts, view))).toEqual(expected);
  });
});

describe('pinFavourites', () => {
  it('lists the favourites first, each part in its order', () => {
    expect(ids(pinFavourites(accounts))).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('compareByLastUsed', () => {
  it('lists the most recently used first, then those never used in the user order', () => {
    const list = [account('x', 0), account('y', 1, { lastUsedAt: 10 }), account('z', 2, { lastUsedAt: 20 }), account('w', 3)];
    expect(ids([...list].sort(compareByLastUsed))).toEqual(['z', 'y', 'x', 'w']);
  });
});

describe('filterAccounts (note and group)', () => {
  const names = new Map([
    [work, 'Work'],
    [home, 'Zuhause'],
  ]);
  it.each([
    ['a word of a note', 'safe', ['c']],
    ['a group name, ignoring case and accents', 'zühause', ['b', 'c']],
    ['a group name and an issuer together', 'work github', ['a', 'c']],
  ])('finds accounts by %s', (_case, query, expected) => {
    expect(ids(filterAccounts(accounts, query, names))).toEqual(expected);
  });
});
