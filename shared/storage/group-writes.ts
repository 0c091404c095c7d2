/**
 * The group list's writes (issue 12), apart from the repository so that their
 * code (and the group rules) is fetched with the first one rather than with
 * the first screen of codes. Each is one transaction over the group list and
 * the accounts it touches, checked against other tabs' writes.
 */
import { AppError } from '../errors';
import type { AccountId, GroupId, VaultAccount } from '../vault/account';
import type { Bytes } from '../vault/bytes';
import { addGroup, findGroupByName, removeGroup, renameGroup, reorderGroups, withGroupsNamed, withoutGroup, type VaultGroup } from '../vault/groups';
import type { MasterKey } from '../vault/master-key';
import { sealAccount, type SealedAccountRecord } from '../vault/sealed-account';
import { sealGroups } from '../vault/seal-groups';
import { isSealedGroupsRecord, type SealedGroupsRecord } from '../vault/sealed-groups';
import { STALE, type Stale } from './stale-key';
import type { AccountListing, AccountRepository, AccountsStore, Runner } from './account-repository';
import type { AuthenticatorDb } from './authenticator-db';
import type { Tx } from './db-runner';
import { META_KEYS, sameBytes, sameOptionalBytes } from './vault-meta';

/** The repository's internals a group write uses. */
export interface GroupWriteContext {
  runner: Runner;
  withKey<T>(operation: (key: MasterKey, retried: boolean) => Promise<T | Stale>): Promise<T>;
  readGroups(key: MasterKey): Promise<{ iv: Bytes | undefined; groups: VaultGroup[] }>;
  openRecords(records: readonly SealedAccountRecord[], key: MasterKey, retried: boolean): Promise<AccountListing | Stale>;
  seen: Map<AccountId, Bytes>;
  isCurrentKey(tx: Tx<AuthenticatorDb, 'readwrite'>, key: MasterKey): Promise<boolean>;
  nextOrder(store: AccountsStore): Promise<number>;
  toRecord(account: VaultAccount, overrides: Partial<Pick<VaultAccount, 'order' | 'createdAt'>>): VaultAccount;
}

/** The group writes of {@link AccountRepository}. */
export type GroupWrites = Pick<AccountRepository, 'createGroup' | 'renameGroup' | 'deleteGroup' | 'addManyToGroups' | 'reorderGroups'>;

/** Makes the group writes over a repository's internals. */
export function createGroupWrites(ctx: GroupWriteContext): GroupWrites {
  const { runner, withKey, readGroups, openRecords, seen, isCurrentKey, nextOrder, toRecord } = ctx;
  const read = <T>(operation: string, work: (tx: Tx<AuthenticatorDb, 'readonly'>) => Promise<T>) => runner.read(['accounts'], operation, work);

  /**
   * Changes the group list (and, for a deletion, the accounts in a group) in one
   * transaction, which first checks that neither changed since they were read
   * (nonces compared, as for accounts); if another tab wrote meanwhile, reads
   * again and re-applies the change, up to three times, then `vault_busy`.
   */
  async function changeGroups(
    operation: string,
    change: (groups: VaultGroup[]) => VaultGroup[],
    accountsChange?: (account: VaultAccount) => VaultAccount,
    adds?: (groups: readonly VaultGroup[]) => VaultAccount[],
  ): Promise<{ groups: VaultGroup[]; accounts: VaultAccount[] }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await withKey(async (key, retried) => {
        const before = await readGroups(key);
        const groups = change(before.groups);
        const sealedGroups = await sealGroups(groups, key);
        let changed: { account: VaultAccount; record: SealedAccountRecord; readIv: Bytes }[] = [];
        if (accountsChange) {
          const records = await read(operation, (tx) => tx.objectStore('accounts').index('by-order').getAll());
          const listing = await openRecords(records, key, retried);
          if (listing === STALE) return STALE;
          const ivs = new Map(records.map((record) => [record.id, record.iv]));
          const edited = listing.accounts.map((account) => [account, accountsChange(account)] as const).filter(([a, b]) => a !== b);
          changed = await Promise.all(
            edited.map(async ([, account]) => ({ account, record: await sealAccount(account, key), readIv: ivs.get(account.id)! })),
          );
        }
        const added = (adds?.(groups) ?? []).map((account) => toRecord(account, {}));
        const addedRecords = await Promise.all(added.map((account) => sealAccount(account, key)));
        return runner.write(['accounts', 'meta'], operation, async (tx) => {
          if (!(await isCurrentKey(tx, key))) return STALE;
          const meta = tx.objectStore('meta');
          const store = tx.objectStore('accounts');
          const [storedGroups, ...storedAccounts] = await Promise.all([
            meta.get(META_KEYS.groups),
            ...changed.map(({ account }) => store.get(account.id)),
          ]);
          const groupsIv = isSealedGroupsRecord(storedGroups) ? storedGroups.iv : undefined;
          const conflict =
            !sameOptionalBytes(groupsIv, before.iv) ||
            storedAccounts.some((stored, i) => !stored || !sameBytes(stored.iv, changed[i]!.readIv));
          if (conflict) return 'conflict' as const;
          const start = addedRecords.length > 0 ? await nextOrder(store) : 0;
          await eachRequest(addedRecords, (record, i) => store.add({ ...record, order: start + i }));
          await Promise.all([
            meta.put(sealedGroups satisfies SealedGroupsRecord, META_KEYS.groups),
            ...changed.map(async ({ record }, i) =>
              store.put({ ...record, order: storedAccounts[i]!.order, createdAt: storedAccounts[i]!.createdAt }),
            ),
          ]);
          for (const { record } of [...changed, ...addedRecords.map((record) => ({ record }))]) seen.set(record.id, record.iv);
          return {
            groups,
            accounts: [...changed.map(({ account }) => account), ...added.map((account, i) => ({ ...account, order: start + i }))],
          };
        });
      });
      if (result !== 'conflict') return result;
    }
    throw new AppError('vault_busy');
  }

  return {
    createGroup: async (name) => (await changeGroups('createGroup', (groups) => addGroup(groups, name))).groups,

    renameGroup: async (id, name) => (await changeGroups('renameGroup', (groups) => renameGroup(groups, id, name))).groups,

    deleteGroup: (id) =>
      changeGroups(
        'deleteGroup',
        (groups) => removeGroup(groups, id),
        (account) => withoutGroup(account, id),
      ),

    addManyToGroups: async (accounts, groupNames, extraGroupNames = []) => {
      if (accounts.length === 0 && extraGroupNames.length === 0) return [];
      const names = [...extraGroupNames, ...groupNames.flat()];
      const result = await changeGroups(
        'addManyToGroups',
        (groups) => withGroupsNamed(groups, names),
        undefined,
        (groups) =>
          accounts.map((account, i) => ({
            ...account,
            groups: [...new Set([...account.groups, ...(groupNames[i] ?? []).map((name) => findGroupByName(groups, name)!.id as GroupId)])],
          })),
      );
      return result.accounts;
    },

    reorderGroups: async (ids) => (await changeGroups('reorderGroups', (groups) => reorderGroups(groups, ids))).groups,
  };
}

/**
 * Issues one request per item without waiting in between, then waits for all
 * (a request that throws synchronously becomes a rejection).
 */
function eachRequest<T>(items: readonly T[], request: (item: T, index: number) => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(items.map(async (item, index) => request(item, index)));
}
