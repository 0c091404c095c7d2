/**
 * Settings → Import: choose a file (our backup, Aegis plain or encrypted,
 * 2FAS, a list of otpauth:// links), give its password when it has one, see
 * the preview, then import in one transaction. Google Authenticator's
 * transfer codes are QR codes: "Scan QR codes" opens the add screen's scanner,
 * which reads them.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { AppError, isAppError } from '../../../shared/errors';
import { detectImportFile, readImportFile } from '../../../shared/vault/import-file';
import { previewImport, type ImportPreview } from '../../../shared/vault/import-preview';
import type { ImportFormat } from '../../../shared/vault/formats/types';
import type { VaultAccount } from '../../../shared/vault/account';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { errorMessage } from '../model/errors';
import { ImportPreviewView } from './ImportPreviewView';

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  /** The accounts already stored, to spot duplicates. */
  existing: readonly VaultAccount[];
  /** Imports the preview's new accounts, all or none; resolves with them as stored. */
  onImport(preview: ImportPreview): Promise<VaultAccount[]>;
  /** Opens the camera to scan Google Authenticator transfer codes. */
  onScanCodes(): void;
  /** Closes the dialog. */
  onClose(): void;
}

/** How the dialog names each kind of file. */
const FORMAT_LABELS: Record<ImportFormat, string> = {
  'acme-backup': 'backup from this app',
  aegis: 'Aegis export',
  '2fas': '2FAS backup',
  'otpauth-list': 'list of otpauth:// links',
  'google-migration': 'Google Authenticator transfer code',
};

type Step =
  | { kind: 'choose' }
  | { kind: 'password'; text: string; format: ImportFormat; fileName: string }
  | { kind: 'preview'; preview: ImportPreview; fileName: string }
  | { kind: 'done'; count: number };

/** Files larger than this are not import files (and reading them would only stall the app). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The Import dialog. */
export function ImportDialog({ existing, onImport, onScanCodes, onClose }: ImportDialogProps) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);

  const showPreview = (parsed: Awaited<ReturnType<typeof readImportFile>>, fileName: string) => {
    setStep({ kind: 'preview', preview: previewImport(parsed, existing), fileName });
    setTimeout(() => confirmButton.current?.focus());
  };

  async function chooseFile(file: File) {
    setError(null);
    setBusy('Reading the file…');
    try {
      if (file.size > MAX_FILE_BYTES) throw new AppError('import_unrecognized_format');
      const text = await file.text();
      const kind = detectImportFile(text);
      if (kind.encrypted) {
        setPassword('');
        setStep({ kind: 'password', text, format: kind.format, fileName: file.name });
        setTimeout(() => passwordInput.current?.focus());
      } else {
        showPreview(await readImportFile(text), file.name);
      }
    } catch (e) {
      setError(errorMessage(e));
      if (fileInput.current) fileInput.current.value = '';
      fileInput.current?.focus();
    } finally {
      setBusy(null);
    }
  }

  async function openWithPassword(event: Event) {
    event.preventDefault();
    if (step.kind !== 'password' || busy) return;
    setError(null);
    setBusy('Opening the file…');
    try {
      showPreview(await readImportFile(step.text, password), step.fileName);
    } catch (e) {
      setError(errorMessage(e));
      if (isAppError(e, 'backup_wrong_password') || isAppError(e, 'import_password_required')) {
        passwordInput.current?.focus();
        passwordInput.current?.select();
      }
    } finally {
      setBusy(null);
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
    setStep({ kind: 'choose' });
  };

  const errorBlock = (
    <p id={`${id}-error`} class="form__error" role="alert">
      {error}
    </p>
  );
  const busyBlock = (
    <p role="status" class="vault-busy">
      {busy && (
        <>
          <span class="spinner" aria-hidden="true" /> {busy}
        </>
      )}
    </p>
  );

  return (
    <Dialog title="Import accounts" onClose={() => !busy && onClose()}>
      {step.kind === 'choose' && (
        <div class="form">
          <p>
            Choose a backup made by this app, an export from Aegis or 2FAS, or a text file with one otpauth:// link per
            line. You will see what it contains before anything is added.
          </p>
          <div class="field">
            <label class="btn btn--filled file-button">
              <Icon name="upload" /> Choose a file
              <input
                ref={fileInput}
                class="sr-only"
                type="file"
                accept=".json,.2fas,.txt,application/json,text/plain"
                aria-invalid={error !== null}
                aria-describedby={error ? `${id}-error` : undefined}
                disabled={busy !== null}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  if (file) void chooseFile(file);
                }}
              />
            </label>
          </div>
          {errorBlock}
          {busyBlock}
          <div class="import-google">
            <h3 class="preview__heading">From Google Authenticator</h3>
            <p>
              In Google Authenticator choose Transfer accounts → Export accounts, then scan the QR codes it shows, one
              after another.
            </p>
            <button type="button" class="btn btn--tonal" onClick={onScanCodes}>
              <Icon name="camera" /> Scan QR codes
            </button>
          </div>
        </div>
      )}

      {step.kind === 'password' && (
        <form class="form" onSubmit={openWithPassword} noValidate>
          <p>
            <strong>{step.fileName}</strong> is an encrypted {FORMAT_LABELS[step.format]}.
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
