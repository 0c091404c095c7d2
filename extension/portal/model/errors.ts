/**
 * Turning what the domain throws into what the page shows. Domain errors
 * (AppError) already carry a message a person can act on: it is shown as it
 * is, never reworded here, so wording lives in shared/errors.ts alone.
 */
import { isAppError } from '../../../shared/errors';

/** Shown for a failure that is not an AppError (a bug, not the user's doing). */
export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong. Try again; if it keeps happening, reload the page.';

/**
 * Codes that mean "this session token is no longer accepted": the shell
 * forgets it and returns to the login page.
 */
const SESSION_REJECTED_CODES: ReadonlySet<string> = new Set(['session_expired']);

/** Returns the message to show for a failure: the AppError's own message, or a generic one. */
export function errorMessage(e: unknown): string {
  return isAppError(e) ? e.message : UNEXPECTED_ERROR_MESSAGE;
}

/** Returns whether a failure means the session token was rejected (signed out elsewhere or expired). */
export function isSessionRejected(e: unknown): boolean {
  return isAppError(e) && SESSION_REJECTED_CODES.has(e.code);
}
