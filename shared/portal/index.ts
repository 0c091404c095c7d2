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
export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS, PORTAL_TOTP, VERIFY_WINDOW } from './verifier';
export { SELF_ENROLLMENT_TTL_MS } from './enrollment';
export { MFA_CHALLENGE_TTL_MS, SESSION_TTL_MS } from './sessions';
export { RECOVERY_CODE_COUNT } from './recovery-codes';

/**
 * The portal over the browser's IndexedDB database `portal`, with production
 * settings (PBKDF2 at 600,000 iterations, secrets sealed under the stored
 * non-extractable key). Call once per page and keep the result.
 */
export function createPortal(): PortalApi {
  return createPortalService({ store: createPortalStore() });
}
