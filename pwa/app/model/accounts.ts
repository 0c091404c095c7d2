/**
 * The accounts model: the list as stored, and the actions that change it. Every
 * change goes through the shared repository and reaches the list only once it
 * has been committed, so what the user sees is what is stored; a failed write
 * rejects with the repository's AppError and leaves the list as it was.
 * Changes run one at a time, so two quick taps on "Move up" never race.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../shared/otp/types';
import { createAccountRepository, type AccountRepository, type DamagedAccount } from '../../../shared/storage/account-repository';
import {
  createVaultAccount,
  isSameAccount,
  markVaultAccountUsed,
  editVaultAccount,
  setVaultAccountIcon,
  type AccountId,
  type AccountOrganisation,
  type GroupId,
  type VaultAccount,
} from '../../../shared/vault/account';
import type { AccountIcon } from '../../../shared/vault/account-icon';
import type { VaultGroup } from '../../../shared/vault/groups';
import type { ImportPreview } from '../../../shared/vault/import-preview';
import { AppError, isAppError, type AppErrorCode } from '../../../shared/errors';
import { errorMessage } from './errors';

/** The organising rules, fetched with the first edit (first-load budget). */
const loadOrganisation = () => import('../../../shared/vault/account-organisation');

/** Whether the stored list has been read. */
export type AccountsStatus = 'loading' | 'ready' | 'failed';

/** An account just deleted, with what {@link AccountsActions.restore} needs to put it back where it was. */
export interface DeletedAccount {
  /** The account as it was stored. */
  account: VaultAccount;
  /** The ids of the whole list, in order, before the deletion. */
  previousOrder: AccountId[];
}

/** What the add screen may ask of {@link AccountsActions.add}. */
export interface AddOptions {
  /** Store accounts whose secret is already in the list instead of skipping them ("Keep both"). */
  keepDuplicates?: boolean;
}

/** The actions of the accounts model. They keep their identity across renders. */
export interface AccountsActions {
  /**
   * Stores new accounts at the end of the list, all or none, and returns them as
   * stored. Unless `keepDuplicates`, an account whose secret is already stored (or
   * repeated in `accounts`) is skipped, so the result may be shorter than `accounts`.
   * @throws AppError from the repository (`storage_write_failed`, `storage_quota_exceeded`).
   */
  add(accounts: readonly OtpAccount[], options?: AddOptions): Promise<VaultAccount[]>;
  /**
   * Saves the edit dialog in one write: every OTP field, names included
   * (`editVaultAccount`: the add form's checks), and, when given, groups, favourite and note.
   * @throws AppError naming the field at fault (`account_name_missing`,
   *   `input_too_long` also for `note`...); from the repository `account_changed`
   *   when another tab changed it meanwhile (the list then shows it as it is now).
   */
  edit(id: AccountId, otp: OtpAccount, organisation?: Partial<AccountOrganisation>): Promise<VaultAccount>;
  /** Stars or unstars an account (favourites are listed first). @throws AppError as {@link edit}. */
  setFavourite(id: AccountId, favourite: boolean): Promise<VaultAccount>;
  /**
   * Records that a code of the account was copied or revealed now (the "last
   * used" sort). Best effort: a failure is swallowed, since the code was still copied.
   */
  markUsed(id: AccountId): Promise<void>;
  /** Makes a group at the end of the bar. @throws AppError `group_name_missing`, `group_name_taken`, `input_too_long`, `groups_too_many`. */
  createGroup(name: string): Promise<VaultGroup[]>;
  /** Renames a group. @throws AppError as {@link createGroup}, `group_not_found`. */
  renameGroup(id: GroupId, name: string): Promise<VaultGroup[]>;
  /** Deletes a group and takes it out of every account, in one write; the accounts stay. @throws AppError */
  deleteGroup(id: GroupId): Promise<void>;
  /** Moves a group `delta` places in the bar. @throws AppError */
  moveGroup(id: GroupId, delta: number): Promise<void>;
  /** Deletes an account; returns what {@link restore} needs to undo it. @throws AppError */
  remove(id: AccountId): Promise<DeletedAccount>;
  /**
   * Deletes accounts just added (the add screen's Undo). Ones already gone are
   * skipped; each deletion is its own transaction. @throws AppError
   */
  removeMany(ids: readonly AccountId[]): Promise<void>;
  /** Puts a deleted account back, in its old place. @throws AppError */
  restore(deleted: DeletedAccount): Promise<void>;
  /**
   * Moves an account to `index` in the whole list (a drag), clamped to the list;
   * the new order is stored in one transaction (`reorder`). @throws AppError
   */
  moveTo(id: AccountId, index: number): Promise<void>;
  /** HOTP: advances the stored counter by one, so the card shows the next code. @throws AppError */
  nextHotpCode(id: AccountId): Promise<VaultAccount>;
  /**
   * Changes an account's icon (null: automatic) (`setVaultAccountIcon`).
   * @throws AppError `icon_image_too_large`; from the repository as {@link rename}.
   */
  setIcon(id: AccountId, icon: AccountIcon | null): Promise<VaultAccount>;
  /**
   * Imports a preview's new accounts (`applyImport`: one transaction, all or
   * none) at the end of the list; returns them as stored. @throws AppError
   */
  importPreview(preview: ImportPreview): Promise<VaultAccount[]>;
  /** Deletes a damaged record (one that does not decrypt) for good. @throws AppError */
  removeDamaged(id: AccountId): Promise<void>;
  /** Reads the stored list again (after a failed load). */
  reload(): Promise<void>;
}

/** The accounts model: state and actions. */
export interface AccountsModel {
  /** Whether the stored list has been read. */
  status: AccountsStatus;
  /** The accounts in the user's order (empty until loaded). */
  accounts: VaultAccount[];
  /** The groups, in bar order (empty until loaded). */
  groups: VaultGroup[];
  /** Stored records that do not decrypt (damaged or altered): listed apart, never shown as accounts (finding 10). */
  damaged: DamagedAccount[];
  /** Why the list could not be read, when `status` is `failed`. */
  loadError: string | null;
  /** The AppError code behind `loadError` (`vault_locked`, `vault_corrupt`...), if it was one. */
  loadErrorCode: AppErrorCode | null;
  /** The actions; the same object on every render. */
  actions: AccountsActions;
}

/**
 * How many accounts are read (and get cards) first, before the rest: enough
 * to fill the screen (a card is at least about 100 CSS pixels tall), so the
 * first screen is whole, and few enough to show quickly.
 */
export function firstScreenful(): number {
  const height = typeof window === 'undefined' ? 1000 : window.innerHeight;
  return Math.min(30, Math.max(6, Math.ceil(height / 96)));
}

/**
 * Keeps the authenticator's accounts.
 *
 * @param repository The storage; the app's real one unless given.
 */
export function useAccounts(repository?: AccountRepository): AccountsModel {
  const repo = useMemo(() => repository ?? createAccountRepository(), [repository]);
  const [status, setStatus] = useState<AccountsStatus>('loading');
  const [accounts, setAccounts] = useState<VaultAccount[]>([]);
  const [groups, setGroups] = useState<VaultGroup[]>([]);
  const [damaged, setDamaged] = useState<DamagedAccount[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadErrorCode, setLoadErrorCode] = useState<AppErrorCode | null>(null);
  // The actions read the latest list from here, so they need not change identity.
  const current = useRef<VaultAccount[]>(accounts);
  const groupsRef = useRef<VaultGroup[]>(groups);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const actions = useMemo((): AccountsActions => {
    const commit = (next: VaultAccount[]) => {
      current.current = next;
      setAccounts(next);
    };
    /** Runs changes one after another; each sees the list the previous one left. */
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.current.then(work, work);
      queue.current = run.catch(() => undefined);
      return run;
    };
    const applyGroups = (next: VaultGroup[]) => {
      groupsRef.current = next;
      setGroups(next);
      return next;
    };
    const find = (id: AccountId) => current.current.find((account) => account.id === id);
    const replace = (stored: VaultAccount) => commit(current.current.map((account) => (account.id === stored.id ? stored : account)));
    /**
     * Stores a changed account. If another tab changed it meanwhile (`account_changed`), the list
     * takes the account as it is now, so a second try applies to the current values, and the error goes on.
     */
    const update = async (next: VaultAccount): Promise<VaultAccount> => {
      try {
        const stored = await repo.update(next);
        replace(stored);
        return stored;
      } catch (e) {
        if (isAppError(e, 'account_changed')) {
          const fresh = await repo.get(next.id).catch(() => undefined);
          if (fresh) replace(fresh);
        }
        throw e;
      }
    };

    /** Moves `id` to `index` (clamped), in one `reorder` (one transaction). */
    const moveTo = async (id: AccountId, index: number) => {
      const ids = current.current.map((a) => a.id);
      const from = ids.indexOf(id);
      if (from < 0) return;
      const to = Math.max(0, Math.min(ids.length - 1, index));
      if (from === to) return;
      ids.splice(from, 1);
      ids.splice(to, 0, id);
      commit(await repo.reorder(ids));
    };

    return {
      add: (otps, options = {}) =>
        serially(async () => {
          const fresh: VaultAccount[] = [];
          const now = Date.now();
          for (const otp of otps) {
            const known = [...current.current, ...fresh];
            if (!options.keepDuplicates && known.some((account) => isSameAccount(account, otp))) continue;
            fresh.push(createVaultAccount(otp, now));
          }
          if (fresh.length === 0) return [];
          const stored = await repo.addMany(fresh);
          commit([...current.current, ...stored]);
          return stored;
        }),

      edit: (id, otp, organisation) =>
        serially(async () => {
          const account = find(id);
          if (!account) throw new AppError('account_not_found', { id });
          const now = Date.now();
          const edited = editVaultAccount(account, otp, now);
          if (!organisation) return update(edited);
          const { organiseVaultAccount } = await loadOrganisation();
          return update(organiseVaultAccount(edited, organisation, now));
        }),

      setFavourite: (id, favourite) =>
        serially(async () => {
          const account = find(id);
          if (!account) throw new AppError('account_not_found', { id });
          const { organiseVaultAccount } = await loadOrganisation();
          return update(organiseVaultAccount(account, { favourite }, Date.now()));
        }),

      markUsed: (id) =>
        serially(async () => {
          const account = find(id);
          if (!account) return;
          await update(markVaultAccountUsed(account, Date.now())).catch(() => undefined);
        }),

      createGroup: (name) => serially(async () => applyGroups(await repo.createGroup(name))),

      renameGroup: (id, name) => serially(async () => applyGroups(await repo.renameGroup(id, name))),

      deleteGroup: (id) =>
        serially(async () => {
          const result = await repo.deleteGroup(id);
          for (const account of result.accounts) replace(account);
          applyGroups(result.groups);
        }),

      moveGroup: (id, delta) =>
        serially(async () => {
          const ids = groupsRef.current.map((group) => group.id);
          const from = ids.indexOf(id);
          const to = Math.max(0, Math.min(ids.length - 1, from + delta));
          if (from < 0 || from === to) return;
          ids.splice(from, 1);
          ids.splice(to, 0, id);
          applyGroups(await repo.reorderGroups(ids));
        }),

      remove: (id) =>
        serially(async () => {
          const account = find(id);
          const previousOrder = current.current.map((a) => a.id);
          await repo.remove(id);
          commit(current.current.filter((a) => a.id !== id));
          return { account: account!, previousOrder };
        }),

      removeMany: (ids) =>
        serially(async () => {
          for (const id of ids) {
            try {
              await repo.remove(id);
            } catch (e) {
              if (!isAppError(e, 'account_not_found')) throw e;
            }
            commit(current.current.filter((a) => a.id !== id));
          }
        }),

      restore: ({ account, previousOrder }) =>
        serially(async () => {
          await repo.add(account);
          const stored = new Set([...current.current.map((a) => a.id), account.id]);
          // Other accounts may have gone meanwhile; those added since keep their place after these.
          const list = await repo.reorder(previousOrder.filter((id) => stored.has(id)));
          commit(list);
        }),

      moveTo: (id, index) => serially(() => moveTo(id, index)),

      nextHotpCode: (id) =>
        serially(async () => {
          const account = find(id);
          if (!account) throw new AppError('account_not_found', { id });
          return update({ ...account, counter: account.counter + 1, updatedAt: Date.now() });
        }),

      setIcon: (id, icon) =>
        serially(async () => {
          const account = find(id);
          if (!account) throw new AppError('account_not_found', { id });
          return update(setVaultAccountIcon(account, icon, Date.now()));
        }),

      importPreview: (preview) =>
        serially(async () => {
          // Fetched with the import screens' code, not with the first screen of codes (first-load budget).
          const { applyImport } = await import('../../../shared/vault/import-preview');
          const stored = await applyImport(preview, repo, Date.now());
          if (stored.length > 0) commit([...current.current, ...stored]);
          if (preview.groupNames.length > 0) applyGroups(await repo.listGroups());
          return stored;
        }),

      removeDamaged: (id) =>
        serially(async () => {
          await repo.remove(id);
          setDamaged((list) => list.filter((record) => record.id !== id));
        }),

      reload: () =>
        serially(async () => {
          setStatus('loading');
          try {
            // A screenful first, shown while the rest is read and decrypted; the status stays
            // 'loading' until the whole list is in, and other changes wait for it (serially).
            const count = firstScreenful();
            let listing = current.current.length === 0 ? await repo.listReadable(count) : null;
            if (listing) commit(listing.accounts);
            if (!listing || listing.accounts.length + listing.damaged.length === count) {
              listing = await repo.listReadable();
              commit(listing.accounts);
            }
            setDamaged(listing.damaged);
            // A group list that does not open must not hide the codes (finding 10's rule): the bar then shows All and Favourites.
            applyGroups(await repo.listGroups().catch(() => []));
            setLoadError(null);
            setLoadErrorCode(null);
            setStatus('ready');
          } catch (e) {
            setLoadError(errorMessage(e));
            setLoadErrorCode(isAppError(e) ? e.code : null);
            setStatus('failed');
          }
        }),
    };
  }, [repo]);

  // At commit, not after the next frame as an effect would: reading the list is what the first screen waits for.
  useLayoutEffect(() => {
    void actions.reload();
  }, [actions]);

  return { status, accounts, groups, damaged, loadError, loadErrorCode, actions };
}
