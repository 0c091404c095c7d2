/**
 * What the add screen says about a Google Authenticator export being read:
 * "Scanned 2 of 3", the preview with "Import", the result, or what went
 * wrong. Renders nothing until a transfer code has been read.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ImportPreviewView } from '../vault/ImportPreviewView';
import type { MigrationScan } from './use-migration-scan';

/** Props of {@link MigrationNotice}. */
export interface MigrationNoticeProps {
  /** The screen's transfer import. */
  migration: MigrationScan;
  /** How to get the next code ("Show the next code to the camera."). */
  nextHint: string;
  /** Closes the add screen. */
  onDone(): void;
}

/** The transfer import's progress, preview and result. */
export function MigrationNotice({ migration, nextHint, onDone }: MigrationNoticeProps) {
  const { state } = migration;
  const focusRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (state.step === 'preview' || state.step === 'imported' || state.step === 'failed') focusRef.current?.focus();
  }, [state.step]);

  return (
    <>
      <div role="status" class="add-flow-status">
        {state.step === 'scanning' && (
          <div class="add-notice migration-notice">
            <p class="add-notice__title">
              Google Authenticator export: scanned {state.progress.scanned} of {state.progress.total} codes.
            </p>
            <p>
              {nextHint} Still to read: {state.progress.missing.map((index) => `code ${index + 1}`).join(', ')}.
            </p>
            <div class="add-notice__actions">
              <button type="button" class="button" onClick={migration.startOver}>
                Start over
              </button>
              <button type="button" class="button" onClick={migration.review}>
                Import the codes read so far
              </button>
            </div>
          </div>
        )}
        {state.step === 'importing' && (
          <div class="add-notice">
            <p class="add-notice__title">
              <span class="spinner" aria-hidden="true" /> Importing…
            </p>
          </div>
        )}
        {state.step === 'imported' && (
          <div class="add-notice add-notice--success">
            <p class="add-notice__title" ref={focusRef as never} tabIndex={-1}>
              <span aria-hidden="true">✓ </span>Imported {state.added.length} account{state.added.length === 1 ? '' : 's'} from
              Google Authenticator.
            </p>
            <div class="add-notice__actions">
              <button type="button" class="button" onClick={migration.startOver}>
                Scan another export
              </button>
              <button type="button" class="button button--primary" onClick={onDone}>
                Done
              </button>
            </div>
          </div>
        )}
      </div>
      {(state.step === 'preview' || state.step === 'importing') && (
        <section class="add-notice migration-preview" aria-labelledby="migration-preview-title">
          <h3 id="migration-preview-title" class="add-notice__title" ref={focusRef as never} tabIndex={-1}>
            Google Authenticator export
            {state.progress.complete
              ? state.progress.total > 1
                ? ` (${state.progress.total} codes)`
                : ''
              : `: ${state.progress.scanned} of ${state.progress.total} codes read`}
          </h3>
          <ImportPreviewView preview={state.preview} />
          <div class="add-notice__actions">
            <button type="button" class="button" onClick={migration.startOver} disabled={state.step === 'importing'}>
              Cancel
            </button>
            {!state.progress.complete && (
              <button type="button" class="button" onClick={migration.resume} disabled={state.step === 'importing'}>
                Keep scanning
              </button>
            )}
            {state.preview.toAdd.length > 0 && (
              <button type="button" class="button button--primary" onClick={() => void migration.confirm()} disabled={state.step === 'importing'}>
                Import {state.preview.toAdd.length} account{state.preview.toAdd.length === 1 ? '' : 's'}
              </button>
            )}
          </div>
        </section>
      )}
      {state.step === 'failed' && (
        <div class="add-notice add-notice--error" role="alert">
          <p class="add-notice__title" ref={focusRef as never} tabIndex={-1}>
            {state.error.message}
          </p>
          <div class="add-notice__actions">
            {state.progress && (
              <button type="button" class="button" onClick={migration.resume}>
                {state.progress.complete ? 'Back to the preview' : 'Keep scanning'}
              </button>
            )}
            <button type="button" class="button button--primary" onClick={migration.startOver}>
              {state.progress ? 'Start over' : 'OK'}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
