/**
 * The camera for the QR scanner: opening the back camera and stopping it, with
 * every way it can fail turned into an `AppError` a person can act on
 * (`camera_denied`, `camera_unavailable`). The only module that calls
 * `getUserMedia`.
 */
import { AppError } from '../../shared/errors';

/**
 * What we ask of the camera: the back one on a phone, at about 720p. More
 * pixels only make each frame dearer to decode; fewer blur the modules of a
 * long otpauth:// code (issue 7's budget is set for 1280x720).
 */
const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

/** Whether this page can ask for a camera at all (a secure context with `mediaDevices`). */
export function isCameraSupported(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia && globalThis.isSecureContext !== false;
}

/**
 * Whether the device has a camera. Before permission is granted browsers still
 * list one (unlabelled) `videoinput` per camera, so this asks for nothing.
 * Resolves false when devices cannot be listed.
 */
export async function hasCamera(): Promise<boolean> {
  if (!isCameraSupported() || !navigator.mediaDevices.enumerateDevices) return false;
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((device) => device.kind === 'videoinput');
  } catch {
    return false;
  }
}

/**
 * Opens the camera (the back one where there is a choice).
 *
 * @throws AppError `camera_denied` when the user or a policy refused access;
 *   `camera_unavailable` with `reason` `absent` (no camera), `busy` (in use
 *   elsewhere or failed to start) or `insecure` (not an https:// page).
 */
export async function openCamera(): Promise<MediaStream> {
  if (!isCameraSupported()) throw new AppError('camera_unavailable', { reason: globalThis.isSecureContext === false ? 'insecure' : 'absent' });
  try {
    return await navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
  } catch (error) {
    throw toCameraError(error);
  }
}

/** Stops every track of `stream`, which turns the camera (and its indicator light) off. */
export function stopCamera(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** Maps a `getUserMedia` rejection (a DOMException by name) to our error. */
function toCameraError(error: unknown): AppError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new AppError('camera_denied', {}, { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new AppError('camera_unavailable', { reason: 'absent' }, { cause: error });
    default:
      // NotReadableError, AbortError: the camera exists but could not start.
      return new AppError('camera_unavailable', { reason: 'busy' }, { cause: error });
  }
}
