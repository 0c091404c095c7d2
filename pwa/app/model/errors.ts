/**
 * Turning what the domain throws into what the app shows. An AppError already
 * carries a message a person can act on, so it is shown as it is; wording
 * lives in shared/errors.ts alone.
 */
import { isAppError } from '../../../shared/errors';

/** Shown for a failure that is not an AppError (a bug, not the user's doing). */
export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong. Try again; if it keeps happening, reload the app.';

/** Returns the message to show for a failure: the AppError's own message, or a generic one. */
export function errorMessage(e: unknown): string {
  return isAppError(e) || e instanceof InputError ? e.message : UNEXPECTED_ERROR_MESSAGE;
}

/** The input an error is about: an InputError's `field`, or an AppError's `details.field`. */
export function errorField(e: unknown): string | undefined {
  if (e instanceof InputError) return e.field;
  return isAppError(e) && typeof e.details.field === 'string' ? e.details.field : undefined;
}

/**
 * Input the app itself rejects before anything reaches the domain (an edit that
 * leaves an account nameless). `field` names the input to mark `aria-invalid`.
 */
export class InputError extends Error {
  /** The input at fault, e.g. `label`. */
  readonly field: string;

  /**
   * @param field The input at fault.
   * @param message What to do, in words a person can act on.
   */
  constructor(field: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.field = field;
  }
}
