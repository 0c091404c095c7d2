/**
 * "Scan QR code": the viewfinder (loaded on demand), what the last code read
 * turned out to be, and the way out when there is no camera to use.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AppError, isAppError } from '../../../shared/errors';
import type { AddMethod } from './AddAccountScreen';
import { AddFlowNotice } from './AddFlowNotice';
import { readScannedText } from './add-input';
import { MigrationNotice } from './MigrationNotice';
import type { MigrationScan } from './use-migration-scan';
import type { ScannerViewProps } from './ScannerView';
import type { AddFlow } from './use-add-flow';

/** Props of {@link ScanPanel}. */
export interface ScanPanelProps {
  /** The screen's add flow; a code read becomes an account through it. */
  flow: AddFlow;
  /** The screen's Google Authenticator transfer import; transfer codes read go there. */
  migration: MigrationScan;
  /** Switches to another way to add (offered when the camera can't be used). */
  onChooseMethod(method: Exclude<AddMethod, 'scan'>): void;
  /** Closes the add screen. */
  onDone(): void;
}

/** Loads the viewfinder once; a failed load (a new version deployed under an open page) is reported, and retried by "Try the camera again". */
let scannerModule: Promise<FunctionComponent<ScannerViewProps>> | undefined;
function loadScannerView(): Promise<FunctionComponent<ScannerViewProps>> {
  scannerModule ??= import('./ScannerView').then((module) => module.ScannerView);
  scannerModule.catch(() => (scannerModule = undefined));
  return scannerModule;
}

/** The camera path of the add screen. */
export function ScanPanel({ flow, migration, onChooseMethod, onDone }: ScanPanelProps) {
  const [Scanner, setScanner] = useState<FunctionComponent<ScannerViewProps> | null>(null);
  const [cameraError, setCameraError] = useState<AppError | null>(null);
  // The last code read that could not be added (not an authenticator code, or a faulty link).
  const [readError, setReadError] = useState<AppError | null>(null);
  // The code last added, skipped or undone: not to be read again while still held up.
  const [lastText, setLastText] = useState<string | undefined>(undefined);
  // Bumped by "Try again" to remount the viewfinder (and ask for the camera again).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    loadScannerView().then(
      (component) => !cancelled && setScanner(() => component),
      (error: unknown) => !cancelled && setCameraError(new AppError('qr_reader_unavailable', {}, { cause: error })),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const onRead = (text: string) => {
    setLastText(text);
    try {
      const scanned = readScannedText(text);
      setReadError(null);
      if (scanned.kind === 'migration') migration.read(scanned.uri);
      else void flow.add(scanned.account);
    } catch (error) {
      if (isAppError(error)) setReadError(error);
    }
  };

  const others = (
    <div class="add-others">
      <p>Add the account another way:</p>
      <div class="add-others__buttons">
        <button type="button" class="button" onClick={() => onChooseMethod('image')}>
          From an image
        </button>
        <button type="button" class="button" onClick={() => onChooseMethod('uri')}>
          Paste a link
        </button>
        <button type="button" class="button" onClick={() => onChooseMethod('key')}>
          Enter the key
        </button>
      </div>
    </div>
  );

  if (cameraError) {
    return (
      <div class="add-panel__body">
        <div class="add-notice add-notice--error" role="alert">
          <p class="add-notice__title">{cameraError.message}</p>
        </div>
        {others}
        <button
          type="button"
          class="button button--link"
          onClick={() => {
            setCameraError(null);
            setAttempt((n) => n + 1);
          }}
        >
          Try the camera again
        </button>
      </div>
    );
  }

  if (!Scanner) {
    return (
      <p class="add-panel__body" role="status">
        <span class="spinner" aria-hidden="true" /> Starting the camera…
      </p>
    );
  }

  return (
    <Scanner key={attempt} paused={flow.busy || migration.busy} onRead={onRead} onCameraError={setCameraError} suppress={lastText}>
      <AddFlowNotice flow={flow} anotherLabel="Scan another" onAnother={flow.reset} onDone={onDone} />
      <MigrationNotice migration={migration} nextHint="Show the next code to the camera." onDone={onDone} />
      {readError && !flow.busy && !migration.busy && (
        <div class="add-notice add-notice--error" role="alert">
          <p class="add-notice__title">{readError.message}</p>
        </div>
      )}
    </Scanner>
  );
}
