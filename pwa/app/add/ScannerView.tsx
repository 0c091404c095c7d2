/**
 * The camera viewfinder of the add screen. Loaded on demand (see ScanPanel),
 * so the app's first paint pulls in neither the camera code nor the decoder.
 *
 * Each new camera frame (`requestVideoFrameCallback`, or each animation frame
 * where that is missing) is drawn into a canvas and handed to the frame
 * decoder, which runs in a worker and drops frames while it is busy (issue 4):
 * we don't even read the pixels of a frame it would drop. The camera runs only
 * while this view is mounted and the page is visible: it stops when the view
 * closes or the page is hidden, and starts again when the page is shown.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AppError, isAppError } from '../../../shared/errors';
import { openCamera, stopCamera } from '../../scan/camera';
import { createFrameDecoder } from '../../scan/frame-decoder';

/**
 * How long a code must be out of sight before the same code counts as new
 * again. A held code is not read in every frame (blur, glare), so "not read
 * in this frame" does not mean it left the view.
 */
const FORGET_AFTER_MS = 1500;

/** Props of {@link ScannerView}. */
export interface ScannerViewProps {
  /** While true, frames are not decoded (a result is on screen); the camera stays on. */
  paused: boolean;
  /**
   * Called with the text of each code that comes into view. A code held in
   * view is reported once, not once a frame; it is reported again only after
   * it has been out of sight for a moment.
   */
  onRead(text: string): void;
  /** Called when the camera cannot be used (`camera_denied`, `camera_unavailable`). */
  onCameraError(error: AppError): void;
  /**
   * A code to treat as already in view when the scanner starts, so the code the
   * user just skipped or undid is not read again while they still hold it up.
   */
  suppress?: string;
  /** Shown over the bottom of the viewfinder: the result of the last read, with its buttons. */
  children?: ComponentChildren;
}

/** Where the camera stands, for the status line. */
type CameraPhase = 'starting' | 'live' | 'hidden';

/** Status line per camera phase. */
const PHASE_STATUS: Record<CameraPhase, string> = {
  starting: 'Starting the camera…',
  live: 'Looking for a QR code…',
  hidden: 'The camera is off while the app is in the background.',
};

/** A 2D context we can draw video frames into and read back. */
type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Makes a canvas context tuned for reading pixels back every frame. */
function createFrameContext(): Context2d | null {
  const options = { willReadFrequently: true, alpha: false };
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  return canvas.getContext('2d', options) as Context2d | null;
}

/** A full-screen camera viewfinder with a framing guide that reports the QR codes it reads. */
export function ScannerView({ paused, onRead, onCameraError, suppress, children }: ScannerViewProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<CameraPhase>('starting');
  // The frame loop reads these at call time rather than restarting the camera when they change.
  const live = useRef({ paused, onRead, onCameraError });
  live.current = { paused, onRead, onCameraError };

  useEffect(() => {
    const video = videoRef.current!;
    const context = createFrameContext();
    const decoder = createFrameDecoder();
    let stream: MediaStream | null = null;
    // Bumped on every start and stop: a camera that opens, or a frame callback
    // that fires, after a newer start or a stop belongs to the past and is dropped.
    let session = 0;
    let disposed = false;
    const seen = { text: suppress ?? null, at: performance.now() };

    decoder.onResult(({ text }) => {
      if (text === null || live.current.paused) return;
      const now = performance.now();
      const isNew = text !== seen.text || now - seen.at > FORGET_AFTER_MS;
      seen.text = text;
      seen.at = now;
      if (isNew) live.current.onRead(text);
    });

    /** Hands the current video frame to the decoder, unless it would drop it. */
    const grabFrame = () => {
      if (live.current.paused) {
        // What is in view while a result is shown stays "seen": resuming does not re-read it.
        seen.at = performance.now();
        return;
      }
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!context || decoder.busy || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !width || !height) return;
      const canvas = context.canvas;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.drawImage(video, 0, 0, width, height);
      decoder.submit(context.getImageData(0, 0, width, height));
    };

    const scheduleFrame = (current: number) => {
      const tick = () => {
        if (current !== session) return;
        grabFrame();
        scheduleFrame(current);
      };
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(tick);
      else requestAnimationFrame(tick);
    };

    const start = async () => {
      const current = ++session;
      setPhase('starting');
      try {
        const opened = await openCamera();
        if (disposed || current !== session) {
          stopCamera(opened);
          return;
        }
        stream = opened;
        video.srcObject = opened;
        await video.play().catch(() => undefined);
        if (current !== session) return;
        setPhase('live');
        scheduleFrame(current);
      } catch (error) {
        if (disposed || current !== session) return;
        live.current.onCameraError(isAppError(error) ? error : new AppError('camera_unavailable', { reason: 'busy' }, { cause: error }));
      }
    };

    const stop = () => {
      session++;
      stopCamera(stream);
      stream = null;
      video.srcObject = null;
    };

    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') {
        stop();
        setPhase('hidden');
      } else if (!stream) {
        void start();
      }
    };

    document.addEventListener('visibilitychange', onVisibilityChange);
    if (document.visibilityState === 'hidden') setPhase('hidden');
    else void start();
    return () => {
      disposed = true;
      document.removeEventListener('visibilitychange', onVisibilityChange);
      stop();
      decoder.terminate();
    };
    // The camera session lives as long as the view; `suppress` only seeds it.
  }, []);

  return (
    <div class="scanner">
      <video ref={videoRef} class="scanner__video" muted playsInline autoplay aria-hidden="true" />
      <div class="scanner__guide" aria-hidden="true">
        <span class="scanner__corner scanner__corner--tl" />
        <span class="scanner__corner scanner__corner--tr" />
        <span class="scanner__corner scanner__corner--bl" />
        <span class="scanner__corner scanner__corner--br" />
      </div>
      <div class="scanner__bottom">
        {children}
        {/* Always in the page, so a screen reader hears each change; empty while a result is shown. */}
        <p class="scanner__status" role="status" hidden={paused}>
          {!paused && phase === 'live' && <span class="scanner__pulse" aria-hidden="true" />}
          {!paused && PHASE_STATUS[phase]}
        </p>
        {!paused && phase === 'live' && <p class="scanner__hint">Hold the QR code inside the frame.</p>}
      </div>
    </div>
  );
}
