import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_REMINDER_DAYS, countAccountsAddedSince, needsBackupReminder } from '../../shared/vault/backup-reminder';
import {
  AUTO_LOCK_OPTIONS,
  DEFAULT_AUTO_LOCK_MINUTES,
  MAX_UNLOCK_DELAY_MS,
  autoLockDeadline,
  msUntilAutoLock,
  nextUnlockAt,
  parseAutoLockMinutes,
  shouldLock,
  unlockDelayMs,
  type AutoLockMinutes,
} from '../../shared/vault/lock-policy';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = 1_750_000_000_000;

describe('unlockDelayMs', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1_000],
    [4, 2_000],
    [5, 4_000],
    [6, 8_000],
    [8, 32_000],
    [10, 128_000],
    [11, 256_000],
    [12, 300_000],
    [1_000, 300_000],
    [Number.MAX_SAFE_INTEGER, 300_000],
  ])('waits %i failures -> %i ms', (failures, delay) => {
    expect(unlockDelayMs(failures)).toBe(delay);
  });

  it.each([
    [-5, 0],
    [3.9, 1_000],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('reads an odd count %s as %i ms', (failures, delay) => {
    expect(unlockDelayMs(failures)).toBe(delay);
  });

  it('never shrinks as failures grow and never exceeds five minutes', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        expect(unlockDelayMs(n + 1)).toBeGreaterThanOrEqual(unlockDelayMs(n));
        expect(unlockDelayMs(n)).toBeLessThanOrEqual(MAX_UNLOCK_DELAY_MS);
      }),
    );
  });
});

describe('nextUnlockAt', () => {
  it('is 0 with no failure and the last failure plus the delay otherwise', () => {
    expect(nextUnlockAt({ failed: 0, lastFailureAt: null })).toBe(0);
    expect(nextUnlockAt({ failed: 2, lastFailureAt: T0 })).toBe(T0);
    expect(nextUnlockAt({ failed: 5, lastFailureAt: T0 })).toBe(T0 + 4_000);
  });
});

describe('shouldLock', () => {
  it.each<[string, { lastActivity: number; hiddenSince: number | null; now: number; idleMinutes: AutoLockMinutes }, boolean]>([
    ['visible, idle less than 1 minute', { lastActivity: T0, hiddenSince: null, now: T0 + MIN - 1, idleMinutes: 1 }, false],
    ['visible, idle exactly 1 minute', { lastActivity: T0, hiddenSince: null, now: T0 + MIN, idleMinutes: 1 }, true],
    ['visible, idle 4 of 5 minutes', { lastActivity: T0, hiddenSince: null, now: T0 + 4 * MIN, idleMinutes: 5 }, false],
    ['visible, idle 5 of 5 minutes', { lastActivity: T0, hiddenSince: null, now: T0 + 5 * MIN, idleMinutes: 5 }, true],
    ['visible, idle 14 of 15 minutes', { lastActivity: T0, hiddenSince: null, now: T0 + 14 * MIN, idleMinutes: 15 }, false],
    ['visible, idle 16 of 15 minutes', { lastActivity: T0, hiddenSince: null, now: T0 + 16 * MIN, idleMinutes: 15 }, true],
    ['never, idle a day', { lastActivity: T0, hiddenSince: null, now: T0 + DAY, idleMinutes: 'never' }, false],
    ['never, hidden a day', { lastActivity: T0, hiddenSince: T0, now: T0 + DAY, idleMinutes: 'never' }, false],
    ['hidden 30 s of 1 minute', { lastActivity: T0, hiddenSince: T0 + 10_000, now: T0 + 40_000, idleMinutes: 1 }, false],
    ['hidden 5 minutes of 5, with later activity', { lastActivity: T0 + 4 * MIN, hiddenSince: T0, now: T0 + 5 * MIN, idleMinutes: 5 }, true],
    ['hidden 2 minutes of 5, active 3 minutes ago', { lastActivity: T0, hiddenSince: T0 + MIN, now: T0 + 3 * MIN, idleMinutes: 5 }, false],
  ])('%s -> %s', (_name, input, expected) => {
    expect(shouldLock(input)).toBe(expected);
  });

  it('agrees with msUntilAutoLock and autoLockDeadline', () => {
    fc.assert(
      fc.property(
        fc.nat(10 * DAY),
        fc.option(fc.nat(10 * DAY), { nil: null }),
        fc.nat(10 * DAY),
        fc.constantFrom(...AUTO_LOCK_OPTIONS),
        (lastActivity, hiddenSince, elapsed, idleMinutes) => {
          const input = { lastActivity: T0 + lastActivity, hiddenSince: hiddenSince === null ? null : T0 + hiddenSince, now: T0 + elapsed, idleMinutes };
          const ms = msUntilAutoLock(input);
          if (idleMinutes === 'never') {
            expect(ms).toBeNull();
            expect(autoLockDeadline(input)).toBeNull();
            expect(shouldLock(input)).toBe(false);
          } else {
            expect(shouldLock(input)).toBe(ms === 0);
            expect(shouldLock({ ...input, now: input.now + (ms ?? 0) })).toBe(true);
          }
        },
      ),
    );
  });
});

describe('parseAutoLockMinutes', () => {
  it.each([
    [1, 1],
    [5, 5],
    [15, 15],
    ['never', 'never'],
    [10, DEFAULT_AUTO_LOCK_MINUTES],
    ['5', DEFAULT_AUTO_LOCK_MINUTES],
    [undefined, DEFAULT_AUTO_LOCK_MINUTES],
  ])('reads %j as %j', (value, expected) => {
    expect(parseAutoLockMinutes(value)).toBe(expected);
  });

  it('offers 1, 5, 15 minutes and never, defaulting to 5', () => {
    expect(AUTO_LOCK_OPTIONS).toEqual([1, 5, 15, 'never']);
    expect(DEFAULT_AUTO_LOCK_MINUTES).toBe(5);
  });
});

describe('needsBackupReminder', () => {
  it.each([
    ['nothing added, never backed up', { lastBackupAt: null, accountsAddedSince: 0, now: T0 }, false],
    ['one added, never backed up', { lastBackupAt: null, accountsAddedSince: 1, now: T0 }, true],
    ['added, backup 29 days ago', { lastBackupAt: T0 - 29 * DAY, accountsAddedSince: 3, now: T0 }, false],
    ['added, backup 30 days ago', { lastBackupAt: T0 - 30 * DAY, accountsAddedSince: 3, now: T0 }, true],
    ['added, backup a year ago', { lastBackupAt: T0 - 365 * DAY, accountsAddedSince: 1, now: T0 }, true],
    ['nothing added, backup a year ago', { lastBackupAt: T0 - 365 * DAY, accountsAddedSince: 0, now: T0 }, false],
  ])('%s -> %s', (_name, input, expected) => {
    expect(needsBackupReminder(input)).toBe(expected);
  });

  it('uses 30 days', () => {
    expect(BACKUP_REMINDER_DAYS).toBe(30);
  });
});

describe('countAccountsAddedSince', () => {
  it('counts accounts created after the last backup, or all without one', () => {
    const accounts = [{ createdAt: T0 - 2 * DAY }, { createdAt: T0 - DAY }, { createdAt: T0 }];
    expect(countAccountsAddedSince(accounts, null)).toBe(3);
    expect(countAccountsAddedSince(accounts, T0 - DAY)).toBe(1);
    expect(countAccountsAddedSince(accounts, T0)).toBe(0);
  });
});
