/**
 * "From an image": pick a picture of the QR code, drop one, or paste a
 * screenshot (the paste and drop listeners are the screen's, so they work
 * wherever the focus is). The picture is read by the same decoder as the
 * camera's frames, loaded on first use.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AppError, isAppError } from '../../../shared/errors';
import { AddFlowNotice } from './AddFlowNotice';
import { readScannedText } from './add-input';
import { MigrationNotice } from './MigrationNotice';
import type { MigrationScan } from './use-migration-scan';
import type { AddFlow } from './use-add-flow';

/** A picture given to the add screen, by any of the three ways. */
export interface ChosenImage {
  /** The picture's bytes. */
  file: Blob;
  /** Its file name, or a description ("Pasted image"). */
  name: string;
  /** Distinguishes two choices of the same picture, so the second is read too. */
  id: number;
}

/** Props of {@link ImagePanel}. */
export interface ImagePanelProps {
  /** The screen's add flow; a code read becomes an account through it. */
  flow: AddFlow;
  /** The screen's Google Authenticator transfer import; transfer codes read go there. */
  migration: MigrationScan;
  /** The picture to read, or null before one is chosen. */
  image: ChosenImage | null;
  /** Called with a picture the user picked in the file chooser. */
  onImage(file: Blob, name: string): void;
  /** Closes the add screen. */
  onDone(): void;
  /** Whether a drag with files is over the screen (to highlight the drop zone). */
  dragging: boolean;
}

/** What reading the current picture came to. */
type ReadState = { step: 'idle' } | { step: 'reading' } | { step: 'failed'; error: AppError };

/** Loads the picture reader (and with it the decoder's worker) on first use. */
const loadDecoder = () => import('./image-decode');

/** The picture path of the add screen. */
export function ImagePanel({ flow, migration, image, onImage, onDone, dragging }: ImagePanelProps) {
  const [read, setRead] = useState<ReadState>({ step: 'idle' });
  const [preview, setPreview] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!image) return;
    const url = URL.createObjectURL(image.file);
    setPreview(url);
    const controller = new AbortController();
    setRead({ step: 'reading' });
    flow.reset();
    (async () => {
      try {
        const decoder = await loadDecoder().catch((error: unknown) => {
          throw new AppError('qr_reader_unavailable', {}, { cause: error });
        });
        const text = await decoder.decodeQrImage(image.file, controller.signal);
        if (controller.signal.aborted) return;
        setRead({ step: 'idle' });
        const scanned = readScannedText(text);
        if (scanned.kind === 'migration') migration.read(scanned.uri);
        else await flow.add(scanned.account);
      } catch (error) {
        if (controller.signal.aborted) return;
        setRead({ step: 'failed', error: isAppError(error) ? error : new AppError('qr_reader_unavailable', {}, { cause: error }) });
      }
    })();
    return () => {
      controller.abort();
      URL.revokeObjectURL(url);
    };
    // `flow` changes every render; only a new picture starts a new read.
  }, [image?.id]);

  const errorId = 'add-image-error';
  const failed = read.step === 'failed';
  const startOver = () => {
    flow.reset();
    setRead({ step: 'idle' });
    setPreview(null);
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  };

  return (
    <div class="add-panel__body">
      <div class={`dropzone${dragging ? ' dropzone--active' : ''}${failed ? ' dropzone--invalid' : ''}`}>
        {preview ? (
          <img class="dropzone__preview" src={preview} alt={image ? `The chosen image, ${image.name}` : ''} />
        ) : (
          <svg class="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 5h16v14H4z M4 15l4-4 4 4 3-3 5 5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
          </svg>
        )}
        <label class="button button--primary dropzone__choose">
          Choose an image
          <input
            ref={inputRef}
            class="sr-only"
            type="file"
            accept="image/*"
            aria-invalid={failed}
            aria-describedby={`add-image-help${failed ? ` ${errorId}` : ''}`}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) onImage(file, file.name);
            }}
          />
        </label>
        <p id="add-image-help" class="field__hint">
          A screenshot or photo of the QR code. You can also drop it here, or paste a screenshot (Ctrl+V, or long-press and Paste).
        </p>
      </div>

      <div role="status" class="add-flow-status">
        {read.step === 'reading' && (
          <p class="add-notice__title">
            <span class="spinner" aria-hidden="true" /> Looking for a QR code in the image…
          </p>
        )}
      </div>
      {failed && (
        <div class="add-notice add-notice--error" role="alert" id={errorId}>
          <p class="add-notice__title">{read.error.message}</p>
        </div>
      )}
      <AddFlowNotice flow={flow} anotherLabel="Add another" onAnother={startOver} onDone={onDone} />
      <MigrationNotice migration={migration} nextHint="Choose the picture of the next code." onDone={onDone} />
    </div>
  );
}
