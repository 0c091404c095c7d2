/**
 * The add screen: a full-screen sheet with the four ways to add an account
 * (issue 4, "Adding an account, four ways"): scan the QR code with the camera
 * (first, where there is a camera), read it from an image, paste its
 * `otpauth://` link, or type the secret key. Whichever way, the account goes
 * through one add flow: a duplicate is asked about, nothing is stored until
 * the input is valid, and what was added can be undone.
 *
 * A screenshot pasted (or a picture dropped) anywhere on the screen is read
 * as an image; an `otpauth://` link pasted outside a text field fills in
 * "Paste a link".
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isKeyUriText, type OtpAccount } from '../../../shared/otp';
import type { AccountId, VaultAccount } from '../../../shared/vault/account';
import { hasCamera } from '../../scan/camera';
import './add-account.css';
import { isMigrationText } from './add-input';
import { ImagePanel, type ChosenImage } from './ImagePanel';
import { KeyPanel } from './KeyPanel';
import { LinkPanel, type PastedLink } from './LinkPanel';
import { ScanPanel } from './ScanPanel';
import { useAddFlow } from './use-add-flow';
import { useMigrationScan } from './use-migration-scan';
import { ADD_WAY_LABELS, type AddWay } from './add-ways';
import type { ImportPreview } from '../../../shared/vault/import-preview';

/** The four ways to add an account (add-ways.ts). */
export type AddMethod = AddWay;

/**
 * What the app was opened with, for the add screen (pwa/app/launch/): a
 * `web+otpauth:` link to fill in, or a shared picture to read.
 */
export interface AddLaunch {
  /** Tells two launches apart, so that a second one (the same link again) counts. */
  id: number;
  /** The way to show. */
  method: AddMethod;
  /** A link to fill in under "Paste a link", checked at once; the person confirms with "Add account". */
  link?: string;
  /** A picture to read under "From an image". */
  image?: File;
}

/** Options of {@link AddAccountScreenProps.onAdd}. */
export interface AddAccountOptions {
  /**
   * Store the accounts even when one with the same secret already exists
   * (the user chose "Keep both"). The screen checks `existing` first and asks.
   */
  keepDuplicates?: boolean;
}

/** Props of {@link AddAccountScreen}. */
export interface AddAccountScreenProps {
  /** The accounts already stored, to spot duplicates (same type and secret) before saving. */
  existing: VaultAccount[];
  /**
   * Stores new accounts and resolves with them as stored. Rejects with an
   * `AppError` (its `message` is shown) when storage fails; nothing is stored then.
   */
  onAdd(accounts: OtpAccount[], options?: AddAccountOptions): Promise<VaultAccount[]>;
  /** Deletes accounts just added (the confirmation's "Undo"). Rejects with an `AppError`. */
  onRemove(ids: AccountId[]): Promise<void>;
  /**
   * Imports the new accounts of a Google Authenticator export's preview, all
   * or none (`applyImport`); resolves with them as stored.
   */
  onImport(preview: ImportPreview): Promise<VaultAccount[]>;
  /** Closes the screen (back to the codes). */
  onClose(): void;
  /** The way to show first; by default the camera when there is one, else "From an image". */
  initialMethod?: AddMethod;
  /** What the app was opened with: a link or a picture, acted on when it comes (also while the screen is open). */
  launch?: AddLaunch;
}

/** Each way's tab label, in tab order. */
const METHODS: ReadonlyArray<{ method: AddMethod; label: string; icon: string }> = [
  { method: 'scan', label: ADD_WAY_LABELS.scan, icon: 'M3 8V4h4M17 4h4v4M21 16v4h-4M7 20H3v-4M7 12h10' },
  { method: 'image', label: ADD_WAY_LABELS.image, icon: 'M4 5h16v14H4z M4 15l4-4 4 4 3-3 5 5' },
  { method: 'uri', label: ADD_WAY_LABELS.uri, icon: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1' },
  { method: 'key', label: ADD_WAY_LABELS.key, icon: 'M14 10a4 4 0 1 0-3.5 4L9 15.5V18H6.5V20.5H4V18l6-6 M15 7h.01' },
];

/** Whether a paste or drop carries files. */
function firstImage(data: DataTransfer | null): File | undefined {
  return [...(data?.files ?? [])].find((file) => file.type.startsWith('image/'));
}

/** Whether `target` is where typed or pasted text goes. */
function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/** The full-screen sheet for adding an account, four ways. */
export function AddAccountScreen({ existing, onAdd, onRemove, onImport, onClose, initialMethod, launch }: AddAccountScreenProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const tabRefs = useRef<Partial<Record<AddMethod, HTMLButtonElement | null>>>({});
  const [method, setMethod] = useState<AddMethod | null>(initialMethod ?? null);
  const [image, setImage] = useState<ChosenImage | null>(null);
  const [pastedLink, setPastedLink] = useState<PastedLink | null>(null);
  const [dragging, setDragging] = useState(false);
  const flow = useAddFlow({ existing, onAdd, onRemove });
  // Kept across the tabs: the codes of one export may come from the camera and from images.
  const migration = useMigrationScan({ existing, onImport });
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // The camera comes first only where there is one.
  useEffect(() => {
    if (initialMethod) return;
    let cancelled = false;
    void hasCamera().then((camera) => !cancelled && setMethod((current) => current ?? (camera ? 'scan' : 'image')));
    return () => {
      cancelled = true;
    };
  }, []);

  // A modal dialog: the rest of the app is inert, Escape closes, focus comes back where it was.
  useEffect(() => {
    const dialog = dialogRef.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  const choose = (next: AddMethod, focusTab = false) => {
    if (next !== method && flow.state.step !== 'saving') flow.reset();
    // A picture read before is not read again on coming back.
    if (next !== 'image') setImage(null);
    setMethod(next);
    if (focusTab) tabRefs.current[next]?.focus();
  };

  const readImage = (file: Blob, name: string) => {
    setMethod('image');
    setImage((current) => ({ file, name, id: (current?.id ?? 0) + 1 }));
  };

  // A launch: a web+otpauth: link to confirm, a shared picture to read, or a shortcut's way of adding.
  useEffect(() => {
    if (!launch) return;
    if (launch.image) readImage(launch.image, launch.image.name || 'Shared image');
    else if (launch.link !== undefined) {
      const text = launch.link;
      choose('uri');
      setPastedLink((current) => ({ text, id: (current?.id ?? 0) + 1, fromLaunch: true }));
    } else choose(launch.method);
  }, [launch?.id]);

  // Paste a screenshot anywhere; paste a link outside a text field.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = firstImage(event.clipboardData);
      if (file) {
        event.preventDefault();
        readImage(file, 'Pasted image');
        return;
      }
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!isTextEntry(event.target) && (isKeyUriText(text) || isMigrationText(text))) {
        event.preventDefault();
        setMethod('uri');
        setPastedLink((current) => ({ text: text.trim(), id: (current?.id ?? 0) + 1 }));
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  const onTabKeyDown = (event: KeyboardEvent) => {
    const index = METHODS.findIndex((entry) => entry.method === method);
    const last = METHODS.length - 1;
    const target =
      event.key === 'ArrowRight' ? (index + 1) % METHODS.length
      : event.key === 'ArrowLeft' ? (index - 1 + METHODS.length) % METHODS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1;
    if (target < 0) return;
    event.preventDefault();
    choose(METHODS[target]!.method, true);
  };

  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');

  return (
    <dialog
      ref={dialogRef}
      class="add-sheet"
      aria-labelledby="add-title"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.relatedTarget === null || !dialogRef.current?.contains(event.relatedTarget as Node)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        const file = firstImage(event.dataTransfer);
        if (file) readImage(file, file.name);
      }}
    >
      <header class="add-sheet__header">
        <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
        <h2 id="add-title">Add account</h2>
      </header>

      <div class="add-tabs" role="tablist" aria-label="How to add the account" onKeyDown={onTabKeyDown}>
        {METHODS.map(({ method: entry, label, icon }) => (
          <button
            key={entry}
            ref={(element) => {
              tabRefs.current[entry] = element;
            }}
            type="button"
            role="tab"
            id={`add-tab-${entry}`}
            class="add-tabs__tab"
            aria-selected={method === entry}
            aria-controls="add-panel"
            tabIndex={method === entry || (method === null && entry === 'scan') ? 0 : -1}
            onClick={() => choose(entry)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={icon} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
            <span>{label}</span>
          </button>
        ))}
      </div>

      <div
        id="add-panel"
        class={`add-panel add-panel--${method ?? 'loading'}`}
        role="tabpanel"
        aria-labelledby={method ? `add-tab-${method}` : undefined}
        aria-busy={method === null}
      >
        {method === 'scan' && <ScanPanel flow={flow} migration={migration} onChooseMethod={(next) => choose(next, true)} onDone={onClose} />}
        {method === 'image' && (
          <ImagePanel flow={flow} migration={migration} image={image} onImage={readImage} onDone={onClose} dragging={dragging} />
        )}
        {method === 'uri' && <LinkPanel flow={flow} migration={migration} pasted={pastedLink} onDone={onClose} />}
        {method === 'key' && <KeyPanel flow={flow} onDone={onClose} />}
      </div>
    </dialog>
  );
}
