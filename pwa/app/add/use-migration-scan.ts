/**
 * Importing a Google Authenticator export from the add screen: its transfer
 * codes (`otpauth-migration://`) are read by the camera, from images or as
 * pasted links, one after another. The vault keeps track of which codes of the
 * export were read ("2 of 3", `addMigrationBatch`); once all are in (or the
 * person chooses to stop), the preview shows what will be added, and nothing
 * is written before "Import" (`applyImport`, one transaction).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { AppError } from '../../../shared/vault/import-errors';
import type { VaultAccount } from '../../../shared/vault/account';
import { addMigrationBatch, mergeMigrationBatches, parseMigrationUri, type MigrationProgress } from '../../../shared/vault/formats/google-migration';
import { previewImport, type ImportPreview } from '../../../shared/vault/import-preview';

/** Where the import of a transfer export stands. */
export type MigrationState =
  /** No transfer code read yet. */
  | { step: 'idle' }
  /** Some codes of a multi-code export read; waiting for the others. */
  | { step: 'scanning'; progress: MigrationProgress }
  /** Everything read (or the person stopped): the preview, waiting for "Import". */
  | { step: 'preview'; progress: MigrationProgress; preview: ImportPreview }
  /** Writing. */
  | { step: 'importing'; progress: MigrationProgress; preview: ImportPreview }
  /** Written: `added` are stored. */
  | { step: 'imported'; added: VaultAccount[]; preview: ImportPreview }
  /** A code that could not be used, or a failed write; `progress` is what was read before (kept). */
  | { step: 'failed'; error: AppError; progress?: MigrationProgress };

/** The transfer import's state and actions. */
export interface MigrationScan {
  /** Where it stands. */
  state: MigrationState;
  /** Whether reading should pause (a preview, result or error is waiting for the person). */
  busy: boolean;
  /** Reads one transfer code's text. */
  read(uri: string): void;
  /** Shows the preview of the codes read so far (an incomplete export). */
  review(): void;
  /** Imports the preview's new accounts. */
  confirm(): Promise<void>;
  /** Back to reading codes of the same export (after an error). */
  resume(): void;
  /** Forgets every code read. */
  startOver(): void;
}

/** Options of {@link useMigrationScan}. */
export interface MigrationScanOptions {
  /** The accounts already stored (duplicates are skipped). */
  existing: readonly VaultAccount[];
  /** Imports a preview's new accounts, all or none; resolves with them as stored. */
  onImport(preview: ImportPreview): Promise<VaultAccount[]>;
}

/** A failure to read or preview a code as an AppError (anything else is reported as a damaged code). */
function asAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('import_corrupt', { format: 'google-migration' }, { cause: error });
}

/** Returns the transfer import over the shell's import callback. */
export function useMigrationScan({ existing, onImport }: MigrationScanOptions): MigrationScan {
  const [state, setState] = useState<MigrationState>({ step: 'idle' });
  const latest = useRef({ existing, onImport, state });
  latest.current = { existing, onImport, state };

  const progressOf = (s: MigrationState): MigrationProgress | undefined =>
    s.step === 'scanning' || s.step === 'preview' || s.step === 'importing' || s.step === 'failed' ? s.progress : undefined;

  // The preview itself may refuse (import_limit_exceeded: the vault would pass its cap); the codes read are kept.
  const showPreview = useCallback((progress: MigrationProgress) => {
    try {
      setState({ step: 'preview', progress, preview: previewImport(mergeMigrationBatches(progress), latest.current.existing) });
    } catch (error) {
      setState({ step: 'failed', error: asAppError(error), progress });
    }
  }, []);

  const read = useCallback(
    (uri: string) => {
      const current = latest.current.state;
      if (current.step === 'preview' || current.step === 'importing') return;
      // After an import, a new export starts from scratch.
      const before = current.step === 'imported' ? undefined : progressOf(current);
      try {
        const progress = addMigrationBatch(before, parseMigrationUri(uri));
        if (progress.complete) showPreview(progress);
        else setState({ step: 'scanning', progress });
      } catch (error) {
        setState({ step: 'failed', error: asAppError(error), progress: before });
      }
    },
    [showPreview],
  );

  const review = useCallback(() => {
    const progress = progressOf(latest.current.state);
    if (progress) showPreview(progress);
  }, [showPreview]);

  const confirm = useCallback(async () => {
    const current = latest.current.state;
    if (current.step !== 'preview') return;
    setState({ ...current, step: 'importing' });
    try {
      const added = await latest.current.onImport(current.preview);
      setState({ step: 'imported', added, preview: current.preview });
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('storage_write_failed', {}, { cause: error });
      setState({ step: 'failed', error: appError, progress: current.progress });
    }
  }, []);

  const resume = useCallback(() => {
    const progress = progressOf(latest.current.state);
    if (!progress) setState({ step: 'idle' });
    else if (progress.complete) showPreview(progress);
    else setState({ step: 'scanning', progress });
  }, [showPreview]);

  const startOver = useCallback(() => setState({ step: 'idle' }), []);

  const busy = state.step === 'preview' || state.step === 'importing' || state.step === 'imported' || state.step === 'failed';
  return { state, busy, read, review, confirm, resume, startOver };
}
