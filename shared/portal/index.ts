/**
 * The portal's domain, as the pages use it: `createPortal()` wired to the
 * real IndexedDB database, plus the contract's types.
 */
import { createPortalStore } from '../storage/portal-store';
import type { PortalApi } from './portal-api';
import { createPortalService } from './portal-service';

export type * from './model';
export type * from './portal-api';
export type { PortalErrorCode } from './portal-service';
export { DEMO_ACCOUNT_NAME } from './demo-data';
export { PBKDF2_ITERATIONS } from './password';
export { HARD_LOCK_FAILURES, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, MAX_LOCKOUT_MS, PORTAL_TOTP, VERIFY_WINDOW } from './verifier';
export { FIRST_PASSWORD_DELAY_MS, FREE_PASSWORD_FAILURES, MAX_PASSWORD_DELAY_MS } from './password-throttle';
export { MIN_PASSWORD_LENGTH } from './password';
export { SELF_ENROLLMENT_TTL_MS } from './enrollment';
export { MFA_CHALLENGE_TTL_MS, SESSION_TTL_MS } from './sessions';
export { RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from './recovery-codes';

/**
 * The portal over the browser's IndexedDB database `portal`, with production
 * settings (PBKDF2 at 600,000 iterations, secrets sealed under the stored
 * non-extractable key). Call once per page and keep the result.
 */
export function createPortal(): PortalApi {
  return createPortalService({ store: createPortalStore() });
}
