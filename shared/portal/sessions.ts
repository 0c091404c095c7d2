/**
 * Sessions and sign-in challenges, pure: random 256-bit identifiers with a
 * fixed lifetime, checked on every use.
 */
import { generateToken } from './encoding';
import type { LoginChallenge, Session, UserId } from './model';

/** How long a session lasts (ms): 12 hours (NIST SP 800-63B §7.2, AAL2 reauthentication). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** How long the MFA prompt waits for a code after the password (ms). */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** How long an admin has to finish the owner-started enrollment after the password (ms). */
export const ENROLL_CHALLENGE_TTL_MS = 10 * 60 * 1000;

/** A new session for `userId`, starting at `now`. */
export function createSession(userId: UserId, now: number): Session {
  return { token: generateToken(), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS };
}

/** A new challenge of `kind` for `userId`, starting at `now`. */
export function createChallenge(userId: UserId, kind: LoginChallenge['kind'], now: number): LoginChallenge {
  const ttl = kind === 'mfa' ? MFA_CHALLENGE_TTL_MS : ENROLL_CHALLENGE_TTL_MS;
  return { id: generateToken(), userId, kind, createdAt: now, expiresAt: now + ttl };
}

/** Returns whether a session or challenge is still valid at `now`. */
export function isUnexpired(record: { expiresAt: number }, now: number): boolean {
  return now < record.expiresAt;
}
