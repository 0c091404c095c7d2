import { describe, expect, it } from 'vitest';
import type { AccountId, VaultAccount } from '../../shared/vault/account';
import { compareAccounts, isAccountSort, sortAccounts, type AccountSort } from '../../shared/vault/sort-accounts';

type Row = Pick<VaultAccount, 'id' | 'issuer' | 'label' | 'order' | 'lastUsedAt'>;
const row = (id: string, issuer: string, label: string, order = 0, lastUsedAt: number | null = null): Row => ({
  id: id as AccountId,
  issuer,
  label,
  order,
  lastUsedAt,
});
const ids = (rows: readonly Row[]) => rows.map((r) => r.id);

describe('sortAccounts', () => {
  const cases: Array<[string, AccountSort, Row[], string[]]> = [
    ['manual keeps the stored order', 'manual', [row('a', 'Zeta', 'z', 0), row('b', 'Alpha', 'a', 1)], ['a', 'b']],
    ['issuer sorts alphabetically', 'issuer', [row('a', 'Zeta', ''), row('b', 'alpha', ''), row('c', 'Beta', '')], ['b', 'c', 'a']],
    ['issuer ignores case', 'issuer', [row('a', 'github', 'x'), row('b', 'GitLab', 'x'), row('c', 'GITEA', 'x')], ['c', 'a', 'b']],
    ['issuer ties fall to the name', 'issuer', [row('a', 'GitHub', 'work'), row('b', 'github', 'alice')], ['b', 'a']],
    ['name ties fall to the issuer', 'name', [row('a', 'Zeta', 'alice'), row('b', 'Alpha', 'ALICE')], ['b', 'a']],
    ['full ties fall to the id', 'name', [row('b', 'X', 'same'), row('a', 'X', 'same')], ['a', 'b']],
    ['numbers sort by value', 'name', [row('a', '', 'Account 10'), row('b', '', 'Account 2')], ['b', 'a']],
    ['accents sort beside their letter', 'issuer', [row('a', 'Zoho', ''), row('b', 'Émile', ''), row('c', 'Ebay', '')], ['c', 'b', 'a']],
    ['non-Latin names sort after Latin ones and among themselves', 'issuer', [row('a', 'Яндекс', ''), row('b', 'Amazon', ''), row('c', 'Банк', '')], ['b', 'c', 'a']],
    ['an empty name sorts last', 'name', [row('a', 'Alpha', ''), row('b', 'Zeta', 'zed')], ['b', 'a']],
    ['an empty issuer sorts last', 'issuer', [row('a', '', 'aaa'), row('b', 'Zeta', 'z')], ['b', 'a']],
    ['last used puts the most recent first', 'lastUsed', [row('a', 'A', '', 0, 100), row('b', 'B', '', 1, 300), row('c', 'C', '', 2, 200)], ['b', 'c', 'a']],
    [
      'last used puts never-used accounts after, in the stored order',
      'lastUsed',
      [row('a', 'A', '', 2), row('b', 'B', '', 0), row('c', 'C', '', 1, 5)],
      ['c', 'b', 'a'],
    ],
  ];
  it.each(cases)('%s', (_, sort, rows, expected) => {
    expect(ids(sortAccounts(rows, sort))).toEqual(expected);
  });

  it('gives the same order whatever the input order', () => {
    const rows = [row('a', 'GitHub', 'x'), row('b', 'github', 'x'), row('c', 'GITHUB', 'x')];
    expect(ids(sortAccounts(rows, 'issuer'))).toEqual(ids(sortAccounts([...rows].reverse(), 'issuer')));
  });

  it('does not change the array it is given', () => {
    const rows = [row('a', 'Zeta', ''), row('b', 'Alpha', '')];
    sortAccounts(rows, 'issuer');
    expect(ids(rows)).toEqual(['a', 'b']);
  });
});

describe('compareAccounts', () => {
  it('orders manual by the stored position', () => {
    expect(compareAccounts('manual', row('a', 'A', '', 2), row('b', 'B', '', 1))).toBeGreaterThan(0);
  });
});

describe('isAccountSort', () => {
  it.each([
    ['manual', true],
    ['name', true],
    ['issuer', true],
    ['lastUsed', true],
    ['recent', false],
    ['', false],
    [1, false],
    [undefined, false],
  ])('%j is %s', (value, expected) => {
    expect(isAccountSort(value)).toBe(expected);
  });
});
