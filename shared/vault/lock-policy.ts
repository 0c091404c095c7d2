/**
 * When the app locks and how long a person waits after wrong passphrases:
 * pure decisions over times the UI passes in (`now` is a parameter, so tests
 * need no clock and the UI decides when to ask).
 */

/** The idle times a person can choose in Settings: 1, 5 or 15 minutes, or never. */
export type AutoLockMinutes = 1 | 5 | 15 | 'never';

/** Every auto-lock choice, in the order Settings lists them. */
export const AUTO_LOCK_OPTIONS: readonly AutoLockMinutes[] = Object.freeze([1, 5, 15, 'never'] as const);

/** The auto-lock time of a vault whose owner has not chosen one. */
export const DEFAULT_AUTO_LOCK_MINUTES: AutoLockMinutes = 5;

/** Returns `value` if it is an auto-lock choice, else the default (for settings read from storage). */
export function parseAutoLockMinutes(value: unknown): AutoLockMinutes {
  return (AUTO_LOCK_OPTIONS as readonly unknown[]).includes(value) ? (value as AutoLockMinutes) : DEFAULT_AUTO_LOCK_MINUTES;
}

/** What the auto-lock decision looks at; all times in milliseconds since the epoch. */
export interface AutoLockInput {
  /** The last time the person touched, typed or scrolled in the app. */
  lastActivity: number;
  /** Since when the app has been hidden (`document.visibilityState === 'hidden'`), or null while visible. */
  hiddenSince: number | null;
  /** The current time. */
  now: number;
  /** The chosen idle time. */
  idleMinutes: AutoLockMinutes;
}

const MINUTE_MS = 60_000;

/**
 * When the app must lock, or null when it never locks by itself: the idle
 * time after the last activity, or after it was hidden, whichever comes first.
 * (Hidden time counts on its own, so a background event that the UI mistakes
 * for activity cannot keep a hidden app unlocked.)
 */
export function autoLockDeadline({ lastActivity, hiddenSince, idleMinutes }: Omit<AutoLockInput, 'now'>): number | null {
  if (idleMinutes === 'never') return null;
  const idleMs = idleMinutes * MINUTE_MS;
  const idleDeadline = lastActivity + idleMs;
  return hiddenSince === null ? idleDeadline : Math.min(idleDeadline, hiddenSince + idleMs);
}

/**
 * Whether the app should lock now: idle for the chosen time, or hidden for
 * that long. Never with "never".
 *
 * | idle \ hidden      | visible | hidden < idle time | hidden ≥ idle time |
 * | ------------------ | ------- | ------------------ | ------------------ |
 * | < idle time        | no      | no                 | yes                |
 * | ≥ idle time        | yes     | yes                | yes                |
 */
export function shouldLock(input: AutoLockInput): boolean {
  const deadline = autoLockDeadline(input);
  return deadline !== null && input.now >= deadline;
}

/** Milliseconds until {@link shouldLock} turns true (0 when it already is), or null with "never": for a timer. */
export function msUntilAutoLock(input: AutoLockInput): number | null {
  const deadline = autoLockDeadline(input);
  return deadline === null ? null : Math.max(0, deadline - input.now);
}

/** Wrong passphrases allowed in a row before any waiting: typos happen. */
export const FREE_UNLOCK_ATTEMPTS = 3;
/** The wait after the first failure past the free ones. */
const FIRST_DELAY_MS = 1_000;
/** The longest wait: never a lockout, only a brake on guessing. */
export const MAX_UNLOCK_DELAY_MS = 5 * MINUTE_MS;

/**
 * How long to wait before the next passphrase attempt, after `failedAttempts`
 * wrong ones in a row: nothing for the first {@link FREE_UNLOCK_ATTEMPTS},
 * then 1 s, doubling with each failure, up to 5 minutes. With Argon2id's
 * half-second per guess, this caps an attacker at the device at a few hundred
 * guesses a day while a person who mistypes waits seconds. Negative or
 * fractional counts are read as whole failures (floor), never below 0.
 */
export function unlockDelayMs(failedAttempts: number): number {
  const failures = Number.isFinite(failedAttempts) ? Math.max(0, Math.floor(failedAttempts)) : 0;
  if (failures < FREE_UNLOCK_ATTEMPTS) return 0;
  const doublings = failures - FREE_UNLOCK_ATTEMPTS;
  // 2^9 s already exceeds the cap; stop there so large counts cannot overflow.
  return Math.min(MAX_UNLOCK_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(doublings, 9));
}

/** Failed passphrase attempts in a row, as the vault persists them (across reloads). */
export interface UnlockAttempts {
  /** Wrong passphrases since the last success. */
  failed: number;
  /** When the last wrong one was entered (ms), or null. */
  lastFailureAt: number | null;
}

/** No failures: the state after a successful unlock. */
export const NO_UNLOCK_ATTEMPTS: Readonly<UnlockAttempts> = Object.freeze({ failed: 0, lastFailureAt: null });

/** The earliest time (ms) the next passphrase attempt is accepted: now or later. */
export function nextUnlockAt(attempts: UnlockAttempts): number {
  return attempts.lastFailureAt === null ? 0 : attempts.lastFailureAt + unlockDelayMs(attempts.failed);
}
