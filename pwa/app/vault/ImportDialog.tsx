/**
 * Settings → Import: choose a file (our backup or another app's export),
 * give its password when it has one, see the preview, then import in one
 * transaction. The file is read in a worker (`read-import-in-worker.ts`): an
 * encrypted file's key derivation takes seconds, so the dialog shows progress
 * and a Cancel button meanwhile, and the page stays responsive (issue 11).
 *
 * Below the file button, "Moving from another app?" lists the apps we read
 * (`ImportGuide.tsx`, issue 13); picking one shows how to export from it,
 * then the file button again. The file is still recognised by its content,
 * whatever was picked. Google Authenticator's transfer codes are QR codes:
 * its "Scan QR codes" opens the add screen's scanner, which reads them.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { AppError } from '../../../shared/vault/import-errors';
import { previewImport, type ImportPreview } from '../../../shared/vault/import-preview';
import type { VaultGroup } from '../../../shared/vault/groups';
import { assertImportFileSize } from '../../../shared/vault/import-limits';
import type { ImportFormat, ParsedImport } from '../../../shared/vault/formats/types';
import type { VaultAccount } from '../../../shared/vault/account';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { errorMessage } from '../model/errors';
import { ImportPreviewView } from './ImportPreviewView';
import { ImportSourceList, ImportSourceSteps } from './ImportGuide';
import { importSource } from './import-sources';
import './import-guide.css';
import type { ImportReading } from './read-import-in-worker';

/** The worker's client, fetched with the first file (the worker itself is its own chunk). */
const loadReader = () => import('./read-import-in-worker');

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  /** The accounts already stored, to spot duplicates. */
  existing: readonly VaultAccount[];
  /** The stored groups: the preview names only the groups it will make. */
  groups?: readonly VaultGroup[];
  /** Imports the preview's new accounts, all or none; resolves with them as stored. */
  onImport(preview: ImportPreview): Promise<VaultAccount[]>;
  /** Opens the camera to scan Google Authenticator transfer codes. */
  onScanCodes(): void;
  /** Closes the dialog. */
  onClose(): void;
  /** A file the app was opened with (shared from another app, or opened from the file manager): read at once, as if chosen here. */
  initialFile?: File;
}

/** How the dialog names each kind of file. */
const FORMAT_LABELS: Record<ImportFormat, string> = {
  'acme-backup': 'backup from this app',
  aegis: 'Aegis export',
  '2fas': '2FAS backup',
  'otpauth-list': 'list of otpauth:// links',
  'google-migration': 'Google Authenticator transfer code',
  andotp: 'andOTP backup',
  bitwarden: 'Bitwarden export',
  'freeotp-plus': 'FreeOTP+ export',
  freeotp: 'FreeOTP backup',
  proton: 'Proton Authenticator export',
  ente: 'Ente Auth export',
  'authenticator-pro': 'Authenticator Pro (Stratum) backup',
  'steam-maf': 'Steam Desktop Authenticator file',
};

type Step =
  | { kind: 'choose' }
  | { kind: 'password'; file: File; format: ImportFormat }
  | { kind: 'preview'; preview: ImportPreview; fileName: string }
  | { kind: 'done'; count: number };

/** The Import dialog. */
export function ImportDialog({ existing, groups = [], onImport, onScanCodes, onClose, initialFile }: ImportDialogProps) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reading = useRef<ImportReading | null>(null);
  const cancelRequested = useRef(false);
  const [password, setPassword] = useState('');
  /** The app picked in the guide (its steps are shown), and the one Back returns focus to. */
  const [picked, setPicked] = useState<string | null>(null);
  const backTo = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);

  const showPreview = (parsed: ParsedImport, fileName: string) => {
    setStep({ kind: 'preview', preview: previewImport(parsed, existing, groups), fileName });
    setTimeout(() => confirmButton.current?.focus());
  };

  // Closing the dialog stops a read in progress: nothing keeps working for a dialog that is gone.
  useEffect(() => () => reading.current?.cancel(), []);

  // A file the app was opened with goes the way of a chosen one: size cap, worker, password, preview.
  useEffect(() => {
    if (initialFile) void chooseFile(initialFile);
  }, []);

  /** Reads the file in the worker, with progress and Cancel; resolves to the file as read. */
  async function readInWorker(file: File, message: string, filePassword?: string): Promise<ParsedImport> {
    setBusy(message);
    cancelRequested.current = false;
    try {
      const { readImportInWorker } = await loadReader();
      if (cancelRequested.current) throw new AppError('import_cancelled');
      reading.current = readImportInWorker(file, filePassword);
      return await reading.current.result;
    } finally {
      reading.current = null;
      setBusy(null);
    }
  }

  const cancelReading = () => {
    cancelRequested.current = true;
    reading.current?.cancel();
  };

  async function chooseFile(file: File) {
    setError(null);
    setNotice(null);
    backTo.current = null;
    try {
      // Before the file is read at all: a huge file would exhaust memory just being read (issue 11).
      assertImportFileSize(file.size);
      showPreview(await readInWorker(file, 'Reading the file…'), file.name);
    } catch (e) {
      if (isAppError(e, 'import_password_required')) {
        setPassword('');
        setStep({ kind: 'password', file, format: (e.details.format as ImportFormat | undefined) ?? 'acme-backup' });
        setTimeout(() => passwordInput.current?.focus());
        return;
      }
      if (isAppError(e, 'import_cancelled')) setNotice(e.message);
      else setError(errorMessage(e));
      if (fileInput.current) fileInput.current.value = '';
      fileInput.current?.focus();
    }
  }

  async function openWithPassword(event: Event) {
    event.preventDefault();
    if (step.kind !== 'password' || busy) return;
    setError(null);
    setNotice(null);
    try {
      showPreview(await readInWorker(step.file, 'Opening the file: deriving its key from the password…', password), step.file.name);
    } catch (e) {
      if (isAppError(e, 'import_cancelled')) {
        setNotice(e.message);
        passwordInput.current?.focus();
        return;
      }
      setError(errorMessage(e));
      if (isAppError(e, 'backup_wrong_password') || isAppError(e, 'import_password_required')) {
        passwordInput.current?.focus();
        passwordInput.current?.select();
      }
    }
  }

  async function confirm() {
    if (step.kind !== 'preview' || busy) return;
    setError(null);
    setBusy('Importing…');
    try {
      const stored = await onImport(step.preview);
      setStep({ kind: 'done', count: stored.length });
      setTimeout(() => doneButton.current?.focus());
    } catch (e) {
      setError(`${errorMessage(e)} Nothing was imported.`);
    } finally {
      setBusy(null);
    }
  }

  const startOver = () => {
    setError(null);
    setNotice(null);
    setStep({ kind: 'choose' });
  };

  const pick = (sourceId: string | null) => {
    setError(null);
    setNotice(null);
    backTo.current = picked;
    setPicked(sourceId);
  };
  const source = picked ? importSource(picked) : undefined;

  const errorBlock = (
    <p id={`${id}-error`} class="form__error" role="alert">
      {error}
    </p>
  );
  const busyBlock = (
    <>
      <p role="status" class="vault-busy">
        {busy ? (
          <>
            <span class="spinner" aria-hidden="true" /> {busy}
          </>
        ) : (
          notice
        )}
      </p>
      {busy && step.kind !== 'preview' && (
        <div class="import-progress">
          <progress aria-label="Reading the file" />
          <button type="button" class="btn btn--text" onClick={cancelReading}>
            Cancel
          </button>
        </div>
      )}
    </>
  );

  // No `accept` filter: exports come as .json, .2fas, .txt, .csv, .maFile or no extension at all, and
  // a strict list greys out the rest in the iPhone's file picker. The reader recognises files by content.
  const fileButton = (
    <label class="btn btn--filled file-button">
      <Icon name="upload" /> Choose a file
      <input
        ref={fileInput}
        class="sr-only"
        type="file"
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        disabled={busy !== null}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void chooseFile(file);
        }}
      />
    </label>
  );

  return (
    <Dialog title="Import accounts" onClose={() => (step.kind === 'preview' && busy ? undefined : onClose())}>
      {step.kind === 'choose' && !source && (
        <div class="form">
          <p>
            Choose a backup made by this app, or the export of the app you are leaving. You will see what it contains
            before anything is added.
          </p>
          <div class="field">{fileButton}</div>
          {errorBlock}
          {busyBlock}
          <ImportSourceList onPick={pick} focusId={backTo.current} />
        </div>
      )}

      {step.kind === 'choose' && source && (
        <div class="form">
          <ImportSourceSteps source={source}>
            {source.route === 'file' && <div class="field">{fileButton}</div>}
            {source.route === 'scan' && (
              <button type="button" class="btn btn--filled import-guide__action" onClick={onScanCodes}>
                <Icon name="camera" /> Scan QR codes
              </button>
            )}
          </ImportSourceSteps>
          {errorBlock}
          {busyBlock}
          <div class="dialog__actions">
            <button type="button" class="btn btn--text" onClick={() => pick(null)} disabled={busy !== null}>
              Back
            </button>
          </div>
        </div>
      )}

      {step.kind === 'password' && (
        <form class="form" onSubmit={openWithPassword} noValidate>
          <p>
            <strong>{step.file.name}</strong> is an encrypted {FORMAT_LABELS[step.format]}.
          </p>
          <div class="field">
            <label for={`${id}-password`}>Password of the file</label>
            <input
              ref={passwordInput}
              id={`${id}-password`}
              type="password"
              autocomplete="off"
              spellcheck={false}
              autocapitalize="off"
              value={password}
              aria-invalid={error !== null}
              aria-describedby={`${id}-password-hint${error ? ` ${id}-error` : ''}`}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <p id={`${id}-password-hint`} class="hint">
              {step.format === 'acme-backup'
                ? 'The password chosen when the backup was made; unless another was chosen, your passphrase at that time.'
                : step.format === 'freeotp'
                  ? 'The backup password you set in FreeOTP (not your phone’s PIN).'
                  : 'The password chosen when the file was exported.'}
            </p>
          </div>
          {errorBlock}
          {busyBlock}
          <div class="dialog__actions">
            <button type="button" class="btn btn--text" onClick={startOver} disabled={busy !== null}>
              Back
            </button>
            <button type="submit" class="btn btn--filled" disabled={busy !== null}>
              Open file
            </button>
          </div>
        </form>
      )}

      {step.kind === 'preview' && (
        <div class="form">
          <p>
            <strong>{step.fileName}</strong>, {FORMAT_LABELS[step.preview.format]}.
          </p>
          {source && !source.formats.includes(step.preview.format) && (
            <p class="hint">
              This file is not from {source.name}. It was recognised as: {FORMAT_LABELS[step.preview.format]}.
            </p>
          )}
          <ImportPreviewView preview={step.preview} />
          {errorBlock}
          {busyBlock}
          <div class="dialog__actions">
            <button type="button" class="btn btn--text" onClick={startOver} disabled={busy !== null}>
              {step.preview.toAdd.length > 0 ? 'Cancel' : 'Choose another file'}
            </button>
            {step.preview.toAdd.length > 0 && (
              <button ref={confirmButton} type="button" class="btn btn--filled" disabled={busy !== null} onClick={() => void confirm()}>
                Import {step.preview.toAdd.length} account{step.preview.toAdd.length === 1 ? '' : 's'}
              </button>
            )}
          </div>
        </div>
      )}

      {step.kind === 'done' && (
        <div class="form">
          <p role="status" class="vault-done">
            <Icon name="check" /> Imported {step.count} account{step.count === 1 ? '' : 's'}.
          </p>
          <div class="dialog__actions">
            <button ref={doneButton} type="button" class="btn btn--filled" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
