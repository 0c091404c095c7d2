import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { generateTotp } from '../../shared/otp/totp';
import {
  classifySecondFactor,
  decideAttempt,
  describeLock,
  HARD_LOCK_FAILURES,
  INITIAL_VERIFIER_STATE,
  isHardLocked,
  isLocked,
  lockoutDuration,
  LOCKOUT_MS,
  MAX_FAILED_ATTEMPTS,
  MAX_LOCKOUT_MS,
  PORTAL_TOTP,
  VERIFY_WINDOW,
  verifyTotpAttempt,
  type AttemptOutcome,
  type VerifierState,
} from '../../shared/portal/verifier';

/** The issue's key: 2a2bbba1092ffdd25a328ad1a0a5f5d61d7aacc4 (hex). */
const ISSUE_SECRET = encodeBase32(
  new Uint8Array('2a2bbba1092ffdd25a328ad1a0a5f5d61d7aacc4'.match(/../g)!.map((byte) => parseInt(byte, 16))),
);

/** The issue's table: the code of each step 0..9 for that key (30 s steps, 6 digits). */
const ISSUE_CODES = ['179225', '656163', '839400', '154567', '346912', '471576', '045675', '101397', '491039', '784503'];

/** Feeds codes in order to one verifier, all at `now`, and returns which were accepted. */
function feed(codes: readonly string[], now: number, start: VerifierState = INITIAL_VERIFIER_STATE): boolean[] {
  let state = start;
  return codes.map((code) => {
    const outcome = verifyTotpAttempt(state, { secret: ISSUE_SECRET, code, now });
    state = outcome.state;
    return outcome.accepted;
  });
}

const refused = (outcome: AttemptOutcome) => (outcome.accepted ? null : outcome.reason);

describe('verifyTotpAttempt (the sequences of issue #3)', () => {
  it.each(ISSUE_CODES.map((code, step) => [step, code]))('has step %i code %s for the issue key', (step, code) => {
    expect(generateTotp({ ...PORTAL_TOTP, secret: ISSUE_SECRET }, step * 30_000)).toBe(code);
  });

  it.each([90, 100, 119])('accepts exactly the codes of steps 2, 3 and 4 fed in order at t = %i s', (seconds) => {
    const accepted = feed(ISSUE_CODES, seconds * 1000);
    expect(accepted.flatMap((ok, step) => (ok ? [step] : []))).toEqual([2, 3, 4]);
  });

  it("accepts step 3's code once and then refuses it", () => {
    expect(feed([ISSUE_CODES[3]!, ISSUE_CODES[3]!], 100_000)).toEqual([true, false]);
  });

  it("refuses step 3's code after step 4's was accepted", () => {
    expect(feed([ISSUE_CODES[4]!, ISSUE_CODES[3]!], 100_000)).toEqual([true, false]);
  });

  it('refuses a replay with reason replayed and a far code with reason wrong_code', () => {
    const first = verifyTotpAttempt(INITIAL_VERIFIER_STATE, { secret: ISSUE_SECRET, code: ISSUE_CODES[4]!, now: 100_000 });
    expect(first).toMatchObject({ accepted: true, step: 4 });
    expect(refused(verifyTotpAttempt(first.state, { secret: ISSUE_SECRET, code: ISSUE_CODES[3]!, now: 100_000 }))).toBe(
      'replayed',
    );
    expect(refused(verifyTotpAttempt(first.state, { secret: ISSUE_SECRET, code: ISSUE_CODES[6]!, now: 100_000 }))).toBe(
      'wrong_code',
    );
  });
});

describe('verifyTotpAttempt', () => {
  it('uses a window of one step either side', () => {
    expect(VERIFY_WINDOW).toBe(1);
    // At t = 150 s (step 5): steps 4, 5, 6 pass; 3 and 7 do not.
    const at = (step: number) => verifyTotpAttempt(INITIAL_VERIFIER_STATE, { secret: ISSUE_SECRET, code: ISSUE_CODES[step]!, now: 150_000 }).accepted;
    expect([3, 4, 5, 6, 7].map(at)).toEqual([false, true, true, true, false]);
  });

  it('records the accepted step as lastAcceptedStep', () => {
    const outcome = verifyTotpAttempt(INITIAL_VERIFIER_STATE, { secret: ISSUE_SECRET, code: ISSUE_CODES[3]!, now: 90_000 });
    expect(outcome.state.lastAcceptedStep).toBe(3);
  });

  it.each([
    ['spaces inside', '154 567', true],
    ['surrounding spaces', ' 154567 ', true],
    ['a dash', '154-567', false],
    ['a letter', '15456a', false],
    ['full-width digits', '１５４５６７', false],
    ['seven digits', '1545670', false],
    ['a sign', '+154567', false],
    ['nothing', '', false],
  ])('with %s (%j) accepts: %s', (_name, code, ok) => {
    const outcome = verifyTotpAttempt(INITIAL_VERIFIER_STATE, { secret: ISSUE_SECRET, code, now: 90_000 });
    expect(outcome.accepted).toBe(ok);
    if (!ok) expect(refused(outcome)).toBe('malformed');
  });

  it('counts malformed input as a failure', () => {
    const outcome = verifyTotpAttempt(INITIAL_VERIFIER_STATE, { secret: ISSUE_SECRET, code: 'abc', now: 90_000 });
    expect(outcome.state.failedAttempts).toBe(1);
  });
});

describe('decideAttempt', () => {
  const fail = () => ({ ok: false as const, reason: 'wrong_code' as const });
  const pass = () => ({ ok: true as const, step: 7 });

  /** The state after `n` failures starting fresh at `now`. */
  function failures(n: number, now: number): VerifierState {
    let state = INITIAL_VERIFIER_STATE;
    for (let i = 0; i < n; i++) state = decideAttempt(state, now, fail).state;
    return state;
  }

  it('locks on the fifth consecutive failure, for 15 minutes', () => {
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(LOCKOUT_MS).toBe(15 * 60 * 1000);
    const four = failures(4, 1_000);
    expect(four).toEqual({ lastAcceptedStep: null, failedAttempts: 4, lockedUntil: null });
    const fifth = decideAttempt(four, 2_000, fail);
    expect(fifth).toMatchObject({ accepted: false, lockedOut: true });
    expect(fifth.state.lockedUntil).toBe(2_000 + LOCKOUT_MS);
  });

  it('refuses while locked without running the check, even for a valid code', () => {
    const locked = failures(5, 0);
    let ran = false;
    const outcome = decideAttempt(locked, LOCKOUT_MS - 1, () => {
      ran = true;
      return pass();
    });
    expect(ran).toBe(false);
    expect(outcome).toMatchObject({ accepted: false, reason: 'locked', lockedOut: false });
    expect(outcome.state).toEqual(locked);
  });

  // Issue 11: the count used to restart after each lock, allowing ~480 guesses a day.
  it('lets attempts through again when the 15 minutes are over, but keeps counting', () => {
    const locked = failures(5, 0);
    expect(isLocked(locked, LOCKOUT_MS - 1)).toBe(true);
    expect(isLocked(locked, LOCKOUT_MS)).toBe(false);
    expect(decideAttempt(locked, LOCKOUT_MS, pass)).toMatchObject({ accepted: true });
    expect(decideAttempt(locked, LOCKOUT_MS, fail).state).toEqual({ lastAcceptedStep: null, failedAttempts: 6, lockedUntil: null });
  });

  it('locks for twice as long each time, 15 minutes up to at most 24 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 19].map((n) => lockoutDuration(n) / 60_000)).toEqual([
      15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440,
    ]);
    expect(MAX_LOCKOUT_MS).toBe(24 * 60 * 60 * 1000);
    // Each lock waited out, then 5 more failures: the second lock lasts 30 minutes, the third an hour.
    let state = failures(5, 0);
    let now = 0;
    for (const expected of [30, 60]) {
      now = state.lockedUntil!;
      for (let i = 0; i < 5; i++) state = decideAttempt(state, now, fail).state;
      expect((state.lockedUntil! - now) / 60_000).toBe(expected);
    }
    expect(state.failedAttempts).toBe(15);
  });

  /** Fails `n` times in a row, waiting out every lock in between; returns the state and when it was reached. */
  function failThroughLocks(n: number): { state: VerifierState; now: number } {
    let state = INITIAL_VERIFIER_STATE;
    let now = 0;
    for (let i = 0; i < n; i++) {
      if (state.lockedUntil !== null) now = Math.max(now, state.lockedUntil);
      state = decideAttempt(state, now, fail).state;
    }
    return { state, now };
  }

  it('locks hard on the 100th failure in a row: TOTP codes are refused, unchecked, even when valid', () => {
    expect(HARD_LOCK_FAILURES).toBe(100);
    const { state: ninetyNine, now } = failThroughLocks(99);
    expect(isHardLocked(ninetyNine)).toBe(false);
    const hundredth = decideAttempt(ninetyNine, now, fail);
    expect(hundredth).toMatchObject({ accepted: false, lockedOut: true, lockout: { kind: 'hard' } });
    expect(isHardLocked(hundredth.state)).toBe(true);
    // No end in sight: a year later, a valid TOTP code is still refused and the check never runs.
    let ran = false;
    const later = decideAttempt(hundredth.state, now + 365 * 24 * 3600_000, () => {
      ran = true;
      return pass();
    });
    expect(ran).toBe(false);
    expect(later).toMatchObject({ accepted: false, reason: 'hard_locked' });
    expect(later.state).toEqual(hundredth.state);
    expect(describeLock(hundredth.state, now)).toEqual({ status: 'hard' });
  });

  it('lets a correct recovery code in under a hard lock, and counts wrong ones (every 5th locks for 24 hours)', () => {
    const { state: hard, now } = failThroughLocks(100);
    const recovered = decideAttempt(hard, now, () => ({ ok: true, step: null }), 'recovery');
    expect(recovered).toMatchObject({ accepted: true });
    expect(recovered.state).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    let state = hard;
    for (let i = 0; i < 5; i++) state = decideAttempt(state, now, fail, 'recovery').state;
    expect(state.failedAttempts).toBe(105);
    expect(state.lockedUntil).toBe(now + MAX_LOCKOUT_MS);
    expect(decideAttempt(state, now + 1, pass, 'recovery')).toMatchObject({ accepted: false, reason: 'locked' });
  });

  it('tells where a lock stands: none, timed until when, or hard', () => {
    expect(describeLock(INITIAL_VERIFIER_STATE, 0)).toEqual({ status: 'none' });
    const locked = failures(5, 1_000);
    expect(describeLock(locked, 1_000)).toEqual({ status: 'timed', until: 1_000 + LOCKOUT_MS });
    expect(describeLock(locked, 1_000 + LOCKOUT_MS)).toEqual({ status: 'none' });
  });

  it('resets the count on success', () => {
    const four = failures(4, 0);
    const success = decideAttempt(four, 0, pass);
    expect(success.state).toEqual({ lastAcceptedStep: 7, failedAttempts: 0, lockedUntil: null });
    // Four more failures after the success do not lock.
    let state = success.state;
    for (let i = 0; i < 4; i++) state = decideAttempt(state, 0, fail).state;
    expect(state.lockedUntil).toBeNull();
  });

  it('keeps lastAcceptedStep for a success without a step (a recovery code)', () => {
    const outcome = decideAttempt({ lastAcceptedStep: 9, failedAttempts: 2, lockedUntil: null }, 0, () => ({ ok: true, step: null }));
    expect(outcome.state).toEqual({ lastAcceptedStep: 9, failedAttempts: 0, lockedUntil: null });
  });
});

describe('classifySecondFactor', () => {
  it.each([
    ['123456', { kind: 'totp', code: '123456' }],
    ['123 456', { kind: 'totp', code: '123456' }],
    ['abcde-fghjk', { kind: 'recovery', code: 'abcdefghjk' }],
    ['ABCDE FGHJK', { kind: 'recovery', code: 'abcdefghjk' }],
    ['oiL23-45678', { kind: 'recovery', code: '0112345678' }],
    ['12345', { kind: 'malformed' }],
    ['abcde-fghju', { kind: 'malformed' }],
    ['abcde-fghj', { kind: 'malformed' }],
    ['', { kind: 'malformed' }],
  ])('reads %j as %j', (input, expected) => {
    expect(classifySecondFactor(input)).toEqual(expected);
  });
});
