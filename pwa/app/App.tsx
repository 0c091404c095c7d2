import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OtpAccount } from '../../shared/otp/types';
import type { AccountId, VaultAccount } from '../../shared/vault/account';
import { filterByView, pinFavourites, type AccountView } from '../../shared/vault/account-view';
import { version } from '../../package.json';
import type { AddLaunch, AddMethod } from './add/AddAccountScreen';
import type { LaunchInbox } from './launch/launch-inbox';
import type { LaunchRequest } from './launch/launch-requests';
import { useLaunchRequests } from './launch/use-launch-requests';
import { AccountList } from './components/AccountList';
import { accountDisplayName, type CardCommand } from './components/CodeCard';
import { Icon } from './components/Icon';
import { InstallHelp } from './components/InstallHelp';
import { ListTools, SORT_LABELS } from './components/ListTools';
import { sortAccounts } from '../../shared/vault/sort-accounts';
import { SearchBox } from './components/SearchBox';
import { lazy, preloadInIdleTime } from './components/lazy';
import { Toast, type ToastMessage } from './components/Toast';
import { useAccounts, type AddOptions, type DeletedAccount } from './model/accounts';
import { useAnnouncer } from './model/announcer';
import { formatDate } from './model/format-date';
import { createClipboard } from './model/clipboard';
import { createClock } from './model/clock';
import { errorMessage } from './model/errors';
import { isAppError } from '../../shared/errors';
import { useInstall, type InstallModel } from './model/install';
import { useAutoLock } from './model/auto-lock';
import { useVaultLock, type VaultLockModel } from './model/vault-lock';
import { usePersistentStorage, type PersistentStorageModel } from './model/persistent-storage';
import { filterAccounts } from './model/search';
import type { UpdateChannel } from './service-worker';
import { UpdateBanner } from './UpdateBanner';
import { createAuthenticatorStorage, type AuthenticatorStorage } from '../../shared/storage/account-repository';
import { countAccountsAddedSince, needsBackupReminder } from '../../shared/vault/backup-reminder';
import './vault/vault.css';

// Not needed for the first code: fetched when first opened (components/lazy.tsx).
const AddAccountScreen = lazy(() => import('./add/AddAccountScreen').then((m) => m.AddAccountScreen));
const SettingsSheet = lazy(() => import('./components/SettingsSheet').then((m) => m.SettingsSheet));
const LockScreen = lazy(() => import('./vault/LockScreen').then((m) => m.LockScreen));
const ExportDialog = lazy(() => import('./vault/ExportDialog').then((m) => m.ExportDialog));
const ImportDialog = lazy(() => import('./vault/ImportDialog').then((m) => m.ImportDialog));
const EnableLockDialog = lazy(() => import('./vault/LockDialogs').then((m) => m.EnableLockDialog));
const ChangePassphraseDialog = lazy(() => import('./vault/LockDialogs').then((m) => m.ChangePassphraseDialog));
const DisableLockDialog = lazy(() => import('./vault/LockDialogs').then((m) => m.DisableLockDialog));
const AddPasskeyDialog = lazy(() => import('./vault/LockDialogs').then((m) => m.AddPasskeyDialog));
const AccountOptions = lazy(() => import('./components/AccountOptions').then((m) => m.AccountOptions));
const EditAccountDialog = lazy(() => import('./components/EditAccountDialog').then((m) => m.EditAccountDialog));
// The group bar is fetched once the list is read, after the first codes (first-load budget); its slot keeps its height.
const GroupBar = lazy(() => import('./components/GroupBar').then((m) => m.GroupBar));
const ManageGroupsDialog = lazy(() => import('./components/ManageGroupsDialog').then((m) => m.ManageGroupsDialog));
const IconPickerDialog = lazy(() => import('./icons/IconPickerDialog').then((m) => m.IconPickerDialog));
const DeleteConfirm = lazy(() => import('./components/DeleteConfirm').then((m) => m.DeleteConfirm));
// Only when a stored record does not decrypt (finding 10).
// Not needed to paint the first code: the empty list's welcome, and the offers shown below the list.
const EmptyState = lazy(() => import('./components/EmptyState').then((m) => m.EmptyState));
const LockOffer = lazy(() => import('./vault/LockOffer').then((m) => m.LockOffer));
const BackupReminder = lazy(() => import('./vault/BackupReminder').then((m) => m.BackupReminder));
const DamagedAccounts = lazy(() => import('./vault/DamagedAccounts').then((m) => m.DamagedAccounts));

/** Props of {@link App}. */
export interface AppProps {
  /** Tells when a new version of the app is waiting. */
  updates: UpdateChannel;
  /** The vault and the accounts; the app's own database unless given. */
  storage?: AuthenticatorStorage;
  /** What the app was opened for (a shortcut, a link, a shared or opened file); acted on once the codes are up. */
  launches?: LaunchInbox;
}

/** How long "Deleted X — Undo" stays. */
const UNDO_MS = 5_000;
/** How long an information toast stays. */
const TOAST_MS = 3_000;
/** How long a card says "Copied". */
const COPIED_MS = 2_000;
/** localStorage key remembering that the iOS install tip was dismissed. */
const INSTALL_TIP_KEY = 'install-tip-dismissed';
/** localStorage key remembering that the first-run passphrase offer was dismissed. */
const LOCK_OFFER_KEY = 'lock-offer-dismissed';
/** localStorage key: until when (ms) the backup reminder stays hidden after "Later". */
const BACKUP_LATER_KEY = 'backup-reminder-hidden-until';
/** How long "Later" hides the backup reminder. */
const BACKUP_LATER_MS = 7 * 24 * 60 * 60 * 1000;

/** Reads a UI preference; storage may be unavailable (private modes), which only means "not set". */
function readPreference(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores a UI preference, best effort. */
function writePreference(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered across visits; nothing else depends on it.
  }
}

/** A sheet or dialog over the list, at most one at a time. */
type Overlay =
  | { kind: 'options'; id: string }
  | { kind: 'edit'; id: string }
  | { kind: 'icon'; id: string }
  | { kind: 'delete'; id: string }
  | { kind: 'settings' }
  | { kind: 'groups' }
  | { kind: 'lock-enable' }
  | { kind: 'lock-change' }
  | { kind: 'lock-disable' }
  | { kind: 'passkey-add' }
  | { kind: 'export' }
  /** `file`: a file the app was opened with, read at once; `launchId` tells two of them apart. */
  | { kind: 'import'; file?: File; launchId?: number };

/**
 * The authenticator: the lock screen while the vault is locked, the accounts
 * otherwise. Locking unmounts everything that holds an account or a code
 * (AccountsApp and its sheets); the vault drops its key (issue 6).
 */
export function App({ updates, storage: given, launches }: AppProps) {
  const [storage] = useState(() => given ?? createAuthenticatorStorage());
  // Here, not in AccountsApp: the browser's install prompt may come while the vault is still being read.
  const install = useInstall();
  const persistence = usePersistentStorage();
  const lock = useVaultLock(storage.vault);
  const [passkeySupported, setPasskeySupported] = useState(false);
  // Asked once the lock screen shows or the codes are up: passkeys.ts loads with import(), so the first code does not wait for it (issue 7).
  const [codesReady, setCodesReady] = useState(false);
  const onCodesReady = useCallback(() => setCodesReady(true), []);
  const checkPasskeys = codesReady || lock.phase === 'locked';
  useEffect(() => {
    if (!checkPasskeys) return;
    let cancelled = false;
    void import('./model/passkeys')
      .then((m) => m.isPasskeyUnlockSupported())
      .then(
        (supported) => !cancelled && setPasskeySupported(supported),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
  }, [checkPasskeys]);
  useAutoLock({
    active: lock.phase === 'open' && lock.status?.lock === 'on',
    idleMinutes: lock.settings.autoLockMinutes,
    onLock: lock.actions.lock,
  });

  return (
    <>
      <UpdateBanner updates={updates} />
      {lock.phase === 'loading' || (lock.phase === 'locked' && !lock.status) ? (
        <main id="main" class="main">
          <p class="loading" role="status">
            Loading your accounts…
          </p>
        </main>
      ) : lock.phase === 'failed' ? (
        <main id="main" class="main">
          <section class="load-error" role="alert">
            <h2>Your accounts could not be opened</h2>
            <p>{lock.error}</p>
            <button type="button" class="btn btn--filled" onClick={() => void lock.actions.refresh()}>
              Try again
            </button>
          </section>
        </main>
      ) : lock.phase === 'locked' ? (
        <LockScreen
          status={lock.status!}
          passkeySupported={passkeySupported}
          onUnlock={lock.actions.unlock}
          onUnlockWithPasskey={lock.actions.unlockWithPasskey}
          onRefresh={lock.actions.refresh}
        />
      ) : (
        <AccountsApp
          storage={storage}
          lock={lock}
          passkeySupported={passkeySupported}
          install={install}
          persistence={persistence}
          onReady={onCodesReady}
          launches={launches}
        />
      )}
    </>
  );
}

/** Props of {@link AccountsApp}. */
interface AccountsAppProps {
  /** The vault and the accounts. */
  storage: AuthenticatorStorage;
  /** The lock model. */
  lock: VaultLockModel;
  /** Whether this browser can unlock with a passkey. */
  passkeySupported: boolean;
  /** How the app can be installed. */
  install: InstallModel;
  /** Persistent storage. */
  persistence: PersistentStorageModel;
  /** Called once the accounts are read and the codes are on screen. */
  onReady: () => void;
  /** What the app was opened for. */
  launches?: LaunchInbox;
}

/** The authenticator's shell, unlocked: app bar, search, the list of codes, and the sheets over it. */
function AccountsApp({ storage, lock, passkeySupported, install, persistence, onReady, launches }: AccountsAppProps) {
  const { status, accounts, groups, damaged, loadError, loadErrorCode, actions } = useAccounts(storage.accounts);
  const lockOn = lock.status?.lock === 'on';
  const [lockOfferDismissed, setLockOfferDismissed] = useState(() => readPreference(LOCK_OFFER_KEY) === '1');
  const [backupHiddenUntil, setBackupHiddenUntil] = useState(() => Number(readPreference(BACKUP_LATER_KEY)) || 0);
  // Another tab turned the lock on meanwhile: the lock model finds out and shows the lock screen.
  useEffect(() => {
    if (loadErrorCode === 'vault_locked') void lock.actions.refresh();
  }, [loadErrorCode, lock.actions]);
  const announcer = useAnnouncer();
  const [clock] = useState(createClock);
  const [clipboard] = useState(createClipboard);
  const [query, setQuery] = useState('');
  const [view, setView] = useState<AccountView>({ kind: 'all' });
  const [overlay, setOverlayState] = useState<Overlay | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const setOverlay = useCallback((next: Overlay | null) => {
    setSheetError(null);
    setOverlayState(next);
  }, []);
  // Reopened after a reload that happened on the add screen (its history entry survives).
  const [adding, setAdding] = useState(() => (history.state as { screen?: string } | null)?.screen === 'add');
  const [addMethod, setAddMethod] = useState<AddMethod | undefined>(undefined);
  // What a launch asks the add screen (a link to fill in, a shared picture), with an id so that a second one counts.
  const [addLaunch, setAddLaunch] = useState<AddLaunch | undefined>(undefined);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [installTipDismissed, setInstallTipDismissed] = useState(() => readPreference(INSTALL_TIP_KEY) === '1');
  const toastTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const copiedTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const toastId = useRef(0);

  // Once the codes are up, fetch the other screens so that opening one is instant.
  const ready = status === 'ready';
  useEffect(() => {
    if (status !== 'loading') onReady();
  }, [status, onReady]);
  useEffect(() => (ready ? preloadInIdleTime() : undefined), [ready]);

  const { sort, hideCodes } = lock.settings;
  const groupNames = useMemo(() => new Map(groups.map((group) => [group.id, group.name])), [groups]);
  // A deleted group's tab falls back to All.
  const shownView: AccountView = view.kind === 'group' && !groupNames.has(view.id) ? { kind: 'all' } : view;
  // Sorted once per change of the list or the sort, not on each keystroke in the search.
  const sorted = useMemo(() => sortAccounts(accounts, sort), [accounts, sort]);
  const visible = useMemo(
    () => pinFavourites(filterAccounts(filterByView(sorted, shownView), query, groupNames)),
    [sorted, shownView.kind, shownView.kind === 'group' ? shownView.id : '', query, groupNames],
  );
  const viewName = shownView.kind === 'group' ? groupNames.get(shownView.id) : shownView.kind === 'favourites' ? 'Favourites' : '';
  // Dragging moves an account in the stored order, so only when the list shows all of it in that order
  // (favourites pinned on top are mapped back by storedIndexOf).
  const searching = query.trim() !== '';
  const reorderable = sort === 'manual' && !searching && shownView.kind === 'all';
  /** The stored position of the account the list shows at `index` (clamped). */
  const storedIndexOf = (index: number) => accounts.indexOf(visible[Math.max(0, Math.min(visible.length - 1, index))]!);
  const byId = (id: string) => accounts.find((account) => account.id === id);

  const dismissToast = useCallback(() => {
    clearTimeout(toastTimer.current);
    setToast(null);
  }, []);

  const showToast = useCallback((text: string, tone: ToastMessage['tone'] = 'info', action?: ToastMessage['action'], ms = TOAST_MS) => {
    clearTimeout(toastTimer.current);
    setToast({ id: ++toastId.current, text, tone, action });
    if (tone === 'error') return;
    const expire = () => {
      // Don't pull the toast from under a keyboard or pointer user about to press Undo.
      if (document.querySelector('.toasts :focus, .toasts :hover')) toastTimer.current = setTimeout(expire, 1_000);
      else setToast(null);
    };
    toastTimer.current = setTimeout(expire, ms);
  }, []);

  const showError = useCallback((e: unknown) => showToast(errorMessage(e), 'error'), [showToast]);

  // Where focus goes after the list changes under it (a card moved or deleted); applied after the next commit.
  const pendingFocus = useRef<{ id: string | undefined; grip?: boolean } | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  /** Puts focus on a card's copy button (or the search box) once the list has re-rendered. */
  const focusCard = useCallback((id: string | undefined) => {
    // Moved from its drag handle (↑/↓ there): focus goes back to the handle, to move it again.
    pendingFocus.current = { id, grip: document.activeElement?.classList.contains('card__grip') };
    setFocusRequest((n) => n + 1);
  }, []);
  useLayoutEffect(() => {
    const request = pendingFocus.current;
    if (!request) return;
    pendingFocus.current = null;
    const copy = request.id ? document.getElementById(`copy-${request.id}`) : null;
    const target =
      (request.grip && copy?.parentElement?.querySelector<HTMLElement>('.card__grip')) ||
      copy ||
      document.querySelector<HTMLElement>('.search__input, .fab, .empty .btn');
    target?.focus();
  }, [focusRequest, accounts]);

  // --- Adding (the add screen, pwa/app/add/, stores through onAdd and undoes through onRemove) ---

  const openAdd = useCallback((method?: AddMethod, launch?: Omit<AddLaunch, 'id' | 'method'>) => {
    // A history entry lets the phone's Back button close the add screen (one, even when a launch finds it open).
    if ((history.state as { screen?: string } | null)?.screen !== 'add') history.pushState({ screen: 'add' }, '');
    setAddMethod(method);
    setAddLaunch((current) => (launch && method ? { ...launch, method, id: (current?.id ?? 0) + 1 } : undefined));
    setAdding(true);
  }, []);
  const closeAdd = useCallback(() => {
    if ((history.state as { screen?: string } | null)?.screen === 'add') history.back();
    else setAdding(false);
  }, []);
  useEffect(() => {
    const onPop = () => setAdding((history.state as { screen?: string } | null)?.screen === 'add');
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // --- Launches (pwa/app/launch/): a shortcut, a web+otpauth: link, a shared or opened file ---

  const onLaunch = async (request: LaunchRequest) => {
    if (request.kind === 'failed') {
      const { AppError } = await import('../../shared/launch-errors');
      const error = isAppError(request.error) ? request.error : new AppError(request.code, {}, { cause: request.error });
      showToast(error.message, 'error');
      return;
    }
    // Whatever was open gives way: the launch is what the person just asked for.
    setOverlay(null);
    // As a launch (not just a first tab), so that an add screen already open switches to it too.
    if (request.kind === 'add') openAdd(request.method, {});
    else if (request.kind === 'add-link') openAdd('uri', { link: request.link });
    else {
      const { routeLaunchedFile } = await import('./launch/launched-file');
      if ((await routeLaunchedFile(request.file)) === 'image') openAdd('image', { image: request.file });
      else {
        if (adding) closeAdd();
        setOverlay({ kind: 'import', file: request.file, launchId: Date.now() });
      }
    }
  };
  useLaunchRequests(launches, ready, onLaunch, showError);

  const onAdd = useCallback(
    async (otps: OtpAccount[], options?: AddOptions): Promise<VaultAccount[]> => {
      const stored = await actions.add(otps, options);
      // Now there is something worth keeping: ask the browser not to evict it.
      if (stored.length > 0) void persistence.request();
      return stored;
    },
    [actions, persistence.request],
  );

  const onRemoveAdded = useCallback((ids: AccountId[]) => actions.removeMany(ids), [actions]);

  // --- Card actions (stable identities, so rows don't re-render) ---

  const onCopy = useCallback(
    async (account: VaultAccount, code: string) => {
      try {
        await clipboard.copy(code);
        void actions.markUsed(account.id);
        setCopiedId(account.id);
        clearTimeout(copiedTimer.current);
        copiedTimer.current = setTimeout(() => setCopiedId(null), COPIED_MS);
        announcer.announce(`Copied the code for ${accountDisplayName(account.issuer, account.label)}.`);
      } catch {
        showToast('The code could not be copied: this browser did not allow access to the clipboard.', 'error');
      }
    },
    [clipboard, actions, announcer.announce, showToast],
  );

  const onNextCode = useCallback(
    (account: VaultAccount) => {
      actions.nextHotpCode(account.id).catch(showError);
    },
    [actions, showError],
  );

  const onReadCode = useCallback((_: VaultAccount, text: string) => announcer.announce(text), [announcer.announce]);

  const onOptions = useCallback((account: VaultAccount) => setOverlay({ kind: 'options', id: account.id }), [setOverlay]);

  // Announce where a moved account landed once the list reflects the move.
  const lastMoved = useRef<string | null>(null);

  const move = useCallback(
    async (account: VaultAccount, delta: -1 | 1, fromSheet: boolean) => {
      setSheetError(null);
      if (sort !== 'manual') {
        // Moving would change an order the list does not show.
        const why = `The list is sorted by ${SORT_LABELS[sort].toLowerCase()}. Choose “${SORT_LABELS.manual}” in “Sort by” to move accounts.`;
        lastMoved.current = null;
        if (fromSheet) setSheetError(why);
        else announcer.announce(why);
        return;
      }
      try {
        // One place up or down in the list as shown (favourites pinned on top), stored in the stored order.
        await actions.moveTo(account.id, storedIndexOf(visible.indexOf(account) + delta));
        if (!fromSheet) focusCard(account.id);
      } catch (e) {
        if (fromSheet) setSheetError(errorMessage(e));
        else showError(e);
      }
    },
    [actions, focusCard, showError, sort, announcer.announce, visible, accounts],
  );

  const onDrop = useCallback(
    (account: VaultAccount, index: number) => {
      lastMoved.current = account.id;
      actions.moveTo(account.id, storedIndexOf(index)).catch(showError);
    },
    [actions, showError, visible, accounts],
  );

  useLayoutEffect(() => {
    const id = lastMoved.current;
    if (!id) return;
    lastMoved.current = null;
    const index = accounts.findIndex((account) => account.id === id);
    const moved = accounts[index];
    if (moved) announcer.announce(`${accountDisplayName(moved.issuer, moved.label)} moved to position ${index + 1} of ${accounts.length}.`);
  }, [accounts]);

  const onCommand = useCallback(
    (account: VaultAccount, command: CardCommand) => {
      if (command === 'move-up' || command === 'move-down') {
        lastMoved.current = account.id;
        void move(account, command === 'move-up' ? -1 : 1, false);
      } else if (command === 'delete') setOverlay({ kind: 'delete', id: account.id });
      else setOverlay({ kind: 'edit', id: account.id });
    },
    [move, setOverlay],
  );

  const undoDelete = useCallback(
    async (deleted: DeletedAccount) => {
      dismissToast();
      try {
        await actions.restore(deleted);
        showToast(`Restored ${accountDisplayName(deleted.account.issuer, deleted.account.label)}`);
        focusCard(deleted.account.id);
      } catch (e) {
        showError(e);
      }
    },
    [actions, dismissToast, showToast, showError, focusCard],
  );

  const confirmDelete = useCallback(
    async (account: VaultAccount) => {
      const index = visible.findIndex((a) => a.id === account.id);
      const neighbour = visible[index + 1] ?? visible[index - 1];
      const deleted = await actions.remove(account.id);
      setOverlay(null);
      focusCard(neighbour?.id);
      showToast(
        `Deleted ${accountDisplayName(account.issuer, account.label)}`,
        'info',
        { label: 'Undo', run: () => void undoDelete(deleted) },
        UNDO_MS,
      );
    },
    [actions, visible, focusCard, showToast, undoDelete, setOverlay],
  );

  // Ctrl+Z (⌘Z) undoes a deletion while its toast is up.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'z' && toast?.action?.label === 'Undo') {
        const target = event.target as HTMLElement | null;
        if (target?.closest('input, textarea')) return;
        event.preventDefault();
        toast.action.run();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [toast]);

  const onInstall = useCallback(() => {
    install.install().catch(() => undefined);
  }, [install.install]);

  // --- Rendering ---

  const overlayAccount = overlay && 'id' in overlay ? byId(overlay.id) : undefined;
  const showInstallTip = install.mode === 'ios' && !installTipDismissed;
  const { lastBackupAt } = lock.settings;
  const now = Date.now();
  const addedSinceBackup = countAccountsAddedSince(accounts, lastBackupAt);
  const backupDue = status === 'ready' && needsBackupReminder({ lastBackupAt, accountsAddedSince: addedSinceBackup, now });
  // After the list, not before it: the codes come first, on screen and in the tab order.
  const showLockOffer = lock.status?.lock === 'off' && !lockOfferDismissed && status === 'ready' && accounts.length > 0;
  const showBackupReminder = backupDue && !showLockOffer && now >= backupHiddenUntil;

  return (
    <>
      <header class="appbar">
        <div class="appbar__row">
          <div class="appbar__brand">
            <span class="appbar__logo" aria-hidden="true">
              <Icon name="shield" size="1.5rem" />
            </span>
            <h1>Authenticator</h1>
          </div>
          <div class="appbar__actions">
            {lockOn && (
              <button type="button" class="icon-button" aria-label="Lock the app" onClick={lock.actions.lock}>
                <Icon name="lock" />
              </button>
            )}
            {install.mode === 'prompt' && (
              <button type="button" class="btn btn--tonal btn--small" aria-label="Install app" onClick={onInstall}>
                <Icon name="install" size="1.25rem" /> Install
              </button>
            )}
            <button type="button" class="icon-button" aria-label="Settings" onClick={() => setOverlay({ kind: 'settings' })}>
              <Icon name="settings" />
            </button>
          </div>
        </div>
        {accounts.length > 0 && <SearchBox value={query} onChange={setQuery} />}
        {accounts.length > 0 && (
          <div class="group-bar-slot">
            {ready && <GroupBar groups={groups} view={shownView} onChange={setView} onManage={() => setOverlay({ kind: 'groups' })} />}
          </div>
        )}
      </header>

      {accounts.length > 0 && (
        <button type="button" class="fab" onClick={() => openAdd()}>
          <Icon name="add" /> <span class="fab__label">Add account</span>
        </button>
      )}

      <main id="main" class="main">
        {showInstallTip && (
          <aside class="install-tip" aria-labelledby="install-tip-title">
            <h2 id="install-tip-title">Install Authenticator</h2>
            <InstallHelp mode={install.mode} onInstall={onInstall} />
            <button
              type="button"
              class="btn btn--text"
              onClick={() => {
                writePreference(INSTALL_TIP_KEY, '1');
                setInstallTipDismissed(true);
              }}
            >
              Not now
            </button>
          </aside>
        )}
        {status !== 'failed' && damaged.length > 0 && (
          <DamagedAccounts
            damaged={damaged}
            onDelete={async (record) => {
              await actions.removeDamaged(record.id);
              showToast('Deleted the damaged account.');
            }}
            onRestore={() => setOverlay({ kind: 'import' })}
          />
        )}
        {status === 'loading' && accounts.length === 0 ? (
          <p class="loading" role="status">
            Loading your accounts…
          </p>
        ) : status === 'failed' ? (
          <section class="load-error" role="alert">
            <h2>Your accounts could not be opened</h2>
            <p>{loadError}</p>
            <button type="button" class="btn btn--filled" onClick={() => void actions.reload()}>
              Try again
            </button>
          </section>
        ) : accounts.length === 0 ? (
          <EmptyState onAdd={openAdd} />
        ) : (
          <>
            <ListTools sort={sort} searching={searching} inGroup={shownView.kind !== 'all'} onSort={(next) => lock.actions.setListSettings({ sort: next }).catch(showError)} />
            {visible.length === 0 && (
              <p class="no-results" role="status">
                {query.trim() !== ''
                  ? `No accounts match “${query.trim()}”${viewName ? ` in ${viewName}` : ''}.`
                  : `Nothing in ${viewName} yet: choose Favourite or Edit in an account’s options.`}
              </p>
            )}
            <AccountList
              accounts={visible}
              clock={clock}
              copiedId={copiedId}
              onCopy={onCopy}
              onNextCode={onNextCode}
              onReadCode={onReadCode}
              onOptions={onOptions}
              onCommand={onCommand}
              hideCodes={hideCodes}
              reorderable={reorderable}
              onDrop={onDrop}
              arrangement={`${sort}:${shownView.kind === 'group' ? shownView.id : shownView.kind}`}
            />
          </>
        )}
        {showLockOffer && (
          <LockOffer
            onSetUp={() => setOverlay({ kind: 'lock-enable' })}
            onDismiss={() => {
              writePreference(LOCK_OFFER_KEY, '1');
              setLockOfferDismissed(true);
            }}
          />
        )}
        {showBackupReminder && (
          <BackupReminder
            added={addedSinceBackup}
            lastBackup={lastBackupAt === null ? null : formatDate(lastBackupAt)}
            onBackUp={() => setOverlay({ kind: 'export' })}
            onLater={() => {
              const until = Date.now() + BACKUP_LATER_MS;
              writePreference(BACKUP_LATER_KEY, String(until));
              setBackupHiddenUntil(until);
            }}
          />
        )}
      </main>

      <div class="sr-only" aria-live="polite" aria-atomic="true">
        <span key={announcer.message.id}>{announcer.message.text}</span>
      </div>
      <Toast message={toast} onDismiss={dismissToast} />

      {adding && (
        <AddAccountScreen
          existing={accounts}
          onAdd={onAdd}
          onImport={actions.importPreview}
          onRemove={onRemoveAdded}
          onClose={closeAdd}
          initialMethod={addMethod}
          launch={addLaunch}
        />
      )}
      {overlay?.kind === 'settings' && (
        <SettingsSheet
          security={{
            lock: lockOn ? 'on' : 'off',
            autoLockMinutes: lock.settings.autoLockMinutes,
            passkeys: lock.status?.passkeys ?? [],
            passkeySupported,
          }}
          securityActions={{
            onEnableLock: () => setOverlay({ kind: 'lock-enable' }),
            onChangePassphrase: () => setOverlay({ kind: 'lock-change' }),
            onDisableLock: () => setOverlay({ kind: 'lock-disable' }),
            onLockNow: lock.actions.lock,
            onAutoLock: (minutes) => lock.actions.setAutoLock(minutes).catch(showError),
            onAddPasskey: () => setOverlay({ kind: 'passkey-add' }),
            onRemovePasskey: (slotId) => lock.actions.removePasskey(slotId).catch(showError),
          }}
          lastBackupAt={lastBackupAt}
          backupReminder={backupDue}
          onExport={() => setOverlay({ kind: 'export' })}
          onImport={() => setOverlay({ kind: 'import' })}
          persistence={persistence.state}
          onRequestPersistence={() => void persistence.request(true)}
          installMode={install.mode}
          onInstall={onInstall}
          accountCount={accounts.length}
          version={version}
          hideCodes={hideCodes}
          onHideCodes={(hide) => lock.actions.setListSettings({ hideCodes: hide }).catch(showError)}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'lock-enable' && (
        <EnableLockDialog
          onEnable={async (passphrase) => {
            await lock.actions.enableLock(passphrase);
            showToast('The lock is on. Your accounts are encrypted with your passphrase.');
          }}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'lock-change' && (
        <ChangePassphraseDialog
          onChange={async (current, next) => {
            await lock.actions.changePassphrase(current, next);
            showToast('Passphrase changed.');
          }}
          onClose={() => setOverlay({ kind: 'settings' })}
        />
      )}
      {overlay?.kind === 'lock-disable' && (
        <DisableLockDialog
          onDisable={async (passphrase) => {
            await lock.actions.disableLock(passphrase);
            showToast('The lock is off.');
          }}
          onClose={() => setOverlay({ kind: 'settings' })}
        />
      )}
      {overlay?.kind === 'passkey-add' && (
        <AddPasskeyDialog
          onAdd={async (label, passphrase) => {
            await lock.actions.addPasskey(label, passphrase);
            showToast('Passkey added. You can unlock with it next time.');
          }}
          onClose={() => setOverlay({ kind: 'settings' })}
        />
      )}
      {overlay?.kind === 'export' && (
        <ExportDialog
          accounts={accounts}
          groups={groups}
          damagedCount={damaged.length}
          lockOn={lockOn}
          onVerifyPassphrase={lock.actions.verifyPassphrase}
          onExported={lock.actions.markBackedUp}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'import' && (
        <ImportDialog
          key={overlay.launchId ?? 0}
          initialFile={overlay.file}
          existing={accounts}
          groups={groups}
          onImport={async (preview) => {
            const stored = await actions.importPreview(preview);
            if (stored.length > 0) void persistence.request();
            return stored;
          }}
          onScanCodes={() => {
            setOverlay(null);
            openAdd('scan');
          }}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'options' && overlayAccount && (
        <AccountOptions
          name={accountDisplayName(overlayAccount.issuer, overlayAccount.label)}
          position={accounts.indexOf(overlayAccount)}
          count={accounts.length}
          onEdit={() => setOverlay({ kind: 'edit', id: overlayAccount.id })}
          favourite={overlayAccount.favourite}
          onToggleFavourite={async () => {
            setSheetError(null);
            try {
              const stored = await actions.setFavourite(overlayAccount.id, !overlayAccount.favourite);
              const name = accountDisplayName(stored.issuer, stored.label);
              announcer.announce(stored.favourite ? `${name} added to favourites.` : `${name} removed from favourites.`);
            } catch (e) {
              setSheetError(errorMessage(e));
            }
          }}
          onChangeIcon={() => setOverlay({ kind: 'icon', id: overlayAccount.id })}
          onMove={(delta) => {
            lastMoved.current = overlayAccount.id;
            void move(overlayAccount, delta, true);
          }}
          error={sheetError}
          onDelete={() => setOverlay({ kind: 'delete', id: overlayAccount.id })}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'edit' && overlayAccount && (
        <EditAccountDialog
          account={overlayAccount}
          organisation={overlayAccount}
          groups={groups}
          onSave={async (edited, organisation) => {
            await actions.edit(overlayAccount.id, edited, organisation);
            setOverlay(null);
            showToast('Saved');
          }}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'groups' && (
        <ManageGroupsDialog
          groups={groups}
          accounts={accounts}
          onCreate={actions.createGroup}
          onRename={actions.renameGroup}
          onDelete={actions.deleteGroup}
          onMove={actions.moveGroup}
          onAnnounce={announcer.announce}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'icon' && overlayAccount && (
        <IconPickerDialog
          name={accountDisplayName(overlayAccount.issuer, overlayAccount.label)}
          issuer={overlayAccount.issuer}
          icon={overlayAccount.icon}
          onSave={async (icon) => {
            await actions.setIcon(overlayAccount.id, icon);
            setOverlay(null);
            showToast('Icon changed');
          }}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay?.kind === 'delete' && overlayAccount && (
        <DeleteConfirm
          name={accountDisplayName(overlayAccount.issuer, overlayAccount.label)}
          issuer={overlayAccount.issuer}
          onConfirm={() => confirmDelete(overlayAccount)}
          onCancel={() => setOverlay(null)}
        />
      )}
    </>
  );
}
