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

/**
 * Returns the message to show for a failure: the AppError's own message, or a
 * generic one. When the domain says when to try again (`retryAt`, after too
 * many wrong passwords), the time of day is added, so nobody has to count.
 */
export function errorMessage(e: unknown): string {
  if (!isAppError(e)) return UNEXPECTED_ERROR_MESSAGE;
  const { retryAt } = e.details;
  if (typeof retryAt !== 'number') return e.message;
  const time = new Date(retryAt).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  return `${e.message} You can try again at ${time}.`;
}

/** Returns whether a failure means the session token was rejected (signed out elsewhere or expired). */
export function isSessionRejected(e: unknown): boolean {
  return isAppError(e) && SESSION_REJECTED_CODES.has(e.code);
}
