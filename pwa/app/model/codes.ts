/**
 * The codes the cards show, computed on WebCrypto through the shared OTP core
 * (`createAsyncHotpGenerator`: each account's key imported once, every code one
 * native `crypto.subtle.sign`). Computing a code is asynchronous, but showing
 * one is not: codes are kept in a {@link CodeBook} per counter, and what a card
 * shows is read from it while rendering.
 *
 * So that a card seldom waits:
 * - the list computes the codes of a screenful of cards, together, before it
 *   shows them ({@link prepareCodes});
 * - each card asks, in idle time, for the code after the one it shows (the
 *   next step, the next HOTP counter), so at the "next code" mark and at the
 *   boundary the code is already there and the card re-renders at once.
 * When a code is not there yet (a card just added), the card keeps showing
 * what it showed, or a placeholder, until it is.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { AppError } from '../../../shared/errors';
import { createAsyncHotpGenerator, type AsyncHotpGenerator } from '../../../shared/otp/hotp-webcrypto';
import { isTimeBased, type OtpAlgorithm, type OtpType } from '../../../shared/otp/types';
import type { AccountId, VaultAccount } from '../../../shared/vault/account';
import { errorMessage } from './errors';
import { whenIdle } from './idle-queue';
import { phaseAt, useClockPhase, type Clock, type ClockPhase } from './clock';
import type { RenderingSkip } from './rendering-skip';

/** What a card shows for its account at the current time. */
export type AccountCode =
  | {
      /** Time-based: a TOTP or a Steam Guard account (its code is 5 characters of Steam's alphabet). */
      kind: 'totp';
      /** The current code. */
      code: string;
      /** The code of the next step, once fewer than 5 seconds remain; otherwise null. */
      next: string | null;
      /** The current step, which keys the countdown animation. */
      step: number;
      /** When the current step started, in milliseconds since the epoch. */
      stepStart: number;
      /** The step length in seconds. */
      period: number;
    }
  | {
      kind: 'hotp';
      /** The code for the stored counter. */
      code: string;
      /** The stored counter the code is for. */
      counter: number;
    }
  | {
      /** The card's first code is still being computed (a few milliseconds). */
      kind: 'pending';
    }
  | {
      kind: 'error';
      /** Why no code can be computed (a stored secret the core rejects); the card shows it instead of hiding the account. */
      message: string;
    };

/** One computed code, or why it cannot be computed. */
export type CodeResult = { code: string } | { error: string };

/** Codes computed for the accounts of a list, by account and counter. */
export interface CodeBook {
  /** The code of `account` for `counter` if it has been computed (or why it can't be); undefined while it hasn't. */
  peek(account: VaultAccount, counter: number): CodeResult | undefined;
  /** Computes the codes of `account` for `counters` that are not in the book; resolves once all are. Never rejects. */
  compute(account: VaultAccount, counters: readonly number[]): Promise<void>;
  /** Computes the code of `account` for `counter` in idle time, unless it is in the book already. */
  prefetch(account: VaultAccount, counter: number): void;
}

/** One account's generator and codes. */
interface BookEntry {
  /** What the generator was made from: an account whose type, secret, algorithm or digits differ gets a new entry. */
  type: OtpType;
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** The generator, or why the account's parameters have none. */
  generate: AsyncHotpGenerator | { error: string };
  /** Codes by counter, computed or being computed: the shown ones and the next (older ones are dropped). */
  codes: Map<number, CodeResult | Promise<void>>;
}

const DONE = Promise.resolve();

/** How many codes one idle task computes ahead (see `computeAhead`). */
const CODES_PER_IDLE_TASK = 40;

/**
 * Makes an empty code book. Keys live as long as the book: the list keeps one
 * while it is mounted, and locking the vault unmounts it (issue 6). An
 * account deleted meanwhile keeps its entry until then: a few keys at most.
 */
export function createCodeBook(): CodeBook {
  const entries = new Map<AccountId, BookEntry>();
  /** Codes to compute in idle time, by account: the latest counter asked for. */
  const ahead = new Map<AccountId, { account: VaultAccount; counter: number }>();

  function entryFor(account: VaultAccount): BookEntry {
    const { type, secret, algorithm, digits } = account;
    const known = entries.get(account.id);
    if (known && known.type === type && known.secret === secret && known.algorithm === algorithm && known.digits === digits) return known;
    let generate: BookEntry['generate'];
    try {
      generate = createAsyncHotpGenerator({ type, secret, algorithm, digits });
    } catch (e) {
      generate = { error: errorMessage(e) };
    }
    const entry: BookEntry = { type, secret, algorithm, digits, generate, codes: new Map() };
    entries.set(account.id, entry);
    return entry;
  }

  function computeOne(entry: BookEntry, counter: number): Promise<void> {
    const { generate, codes } = entry;
    if (typeof generate !== 'function') return DONE;
    const known = codes.get(counter);
    if (known) return known instanceof Promise ? known : DONE;
    const store = (result: CodeResult) => {
      codes.set(counter, result);
      // A card shows at most this code and the one before it (the current step while the next shows).
      codes.delete(counter - 2);
      if (codes.size > 2) for (const older of codes.keys()) if (older < counter - 1) codes.delete(older);
    };
    const computing = generate(counter).then(
      (code) => store({ code }),
      (e: unknown) => store({ error: errorMessage(e) }),
    );
    codes.set(counter, computing);
    return computing;
  }

  /**
   * Computes the next {@link CODES_PER_IDLE_TASK} codes asked for ahead, issued
   * together, and queues itself again while more are asked for. In slices
   * because Chromium signs on the page's thread, before `sign` returns (5 to
   * 40 microseconds a code here, the first with a key the dearest): a
   * thousand at once would be a long frame.
   */
  function computeAhead(): void {
    let count = 0;
    for (const [id, { account, counter }] of ahead) {
      if (count++ === CODES_PER_IDLE_TASK) break;
      ahead.delete(id);
      void computeOne(entryFor(account), counter);
    }
    if (ahead.size > 0) whenIdle('codes-ahead', computeAhead);
  }

  /** A computed code, not one being computed. */
  function computed(entry: BookEntry, counter: number): CodeResult | undefined {
    const known = entry.codes.get(counter);
    return known instanceof Promise ? undefined : known;
  }

  return {
    peek(account, counter) {
      const entry = entryFor(account);
      return typeof entry.generate === 'function' ? computed(entry, counter) : entry.generate;
    },
    compute(account, counters) {
      const entry = entryFor(account);
      // Mostly one counter: no Promise.all for it, since a refresh does this a thousand times.
      if (counters.length === 1) return computeOne(entry, counters[0]!);
      return Promise.all(counters.map((counter) => computeOne(entry, counter))).then(() => undefined);
    },
    prefetch(account, counter) {
      if (entryFor(account).codes.has(counter)) return; // computed, or being computed
      ahead.set(account.id, { account, counter });
      if (ahead.size === 1) whenIdle('codes-ahead', computeAhead);
    },
  };
}

/** The TOTP steps whose codes a card shows: the current one, and the next once it is "soon" (none for `phase` undefined: a period the card can't use). */
function shownSteps(phase: ClockPhase | undefined): number[] {
  if (!phase) return [];
  return phase.soon ? [phase.step, phase.step + 1] : [phase.step];
}

/** The counters whose codes a card shows: the HOTP counter, or the time steps (TOTP, Steam). */
function shownCounters(account: VaultAccount, phase: ClockPhase | undefined): number[] {
  return account.type === 'hotp' ? [account.counter] : shownSteps(phase);
}

/** The account's period if it is one the clock can use (a whole number of seconds, positive). */
function usablePeriod(period: number): number | undefined {
  return Number.isInteger(period) && period > 0 ? period : undefined;
}

/**
 * Computes, all together, the codes the cards of `accounts` show at `now`, so
 * they can appear with their codes. Resolves once all are in `book`.
 */
export function prepareCodes(book: CodeBook, accounts: readonly VaultAccount[], now: number): Promise<void> {
  // The TOTP steps per period, worked out once: a thousand accounts have a few periods between them.
  const stepsByPeriod = new Map<number | undefined, number[]>();
  const stepsOf = (period: number | undefined) => {
    let steps = stepsByPeriod.get(period);
    if (!steps) stepsByPeriod.set(period, (steps = shownSteps(period === undefined ? undefined : phaseAt(now, period))));
    return steps;
  };
  return Promise.all(
    accounts.map((account) =>
      book.compute(account, account.type === 'hotp' ? [account.counter] : stepsOf(usablePeriod(account.period))),
    ),
  ).then(() => undefined);
}

/**
 * The current code of an account, from `book`, re-rendering the caller only on
 * its period's boundaries (and 5 seconds before them, for the next code), and
 * when a code it waits for arrives; with `rendering` and `element`, not while
 * it is off screen (see {@link useClockPhase}).
 */
export function useAccountCode(
  account: VaultAccount,
  clock: Clock,
  book: CodeBook,
  rendering?: RenderingSkip,
  element?: { readonly current: Element | null },
): AccountCode {
  const period = usablePeriod(account.period);
  const phase = useClockPhase(clock, isTimeBased(account.type) ? period : undefined, rendering, element);
  const [, setArrivals] = useState(0);
  // What the card showed last, kept on screen while a new code is computed rather than a blank.
  const shown = useRef<AccountCode | null>(null);

  const counters = shownCounters(account, phase);
  const results = counters.map((counter) => book.peek(account, counter));
  const missing = counters.filter((_, i) => results[i] === undefined);
  const missingKey = missing.join();
  useLayoutEffect(() => {
    if (missing.length === 0) return undefined;
    let active = true;
    void book.compute(account, missing).then(() => active && setArrivals((n) => n + 1));
    return () => {
      active = false;
    };
  }, [book, account, missingKey]);

  const ahead = account.type === 'hotp' ? account.counter + 1 : phase && phase.step + 1;
  // At commit, not after paint: it only queues idle work, and an effect after paint would be a task of its own.
  useLayoutEffect(() => {
    if (ahead !== undefined) book.prefetch(account, ahead);
  }, [book, account, ahead]);

  if (isTimeBased(account.type) && !phase) {
    return { kind: 'error', message: new AppError('period_invalid', { value: account.period }).message };
  }
  const [current, next] = results;
  if (current && 'error' in current) return { kind: 'error', message: current.error };
  if (!current) return shown.current ?? { kind: 'pending' };
  const code: AccountCode =
    account.type === 'hotp'
      ? { kind: 'hotp', code: current.code, counter: account.counter }
      : {
          kind: 'totp',
          code: current.code,
          next: next && 'code' in next ? next.code : null,
          step: phase!.step,
          stepStart: phase!.stepStart,
          period: period!,
        };
  shown.current = code;
  return code;
}

/**
 * Groups a code for reading at a glance: "123 456", "1234 5678", "123 456 789",
 * "12345 67890".
 */
export function groupCode(code: string): string {
  const n = code.length;
  if (n === 9) return `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  if (n < 6) return code;
  const half = Math.floor(n / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Spells a code digit by digit for a screen reader: "1 2 3 4 5 6" rather than "one hundred twenty-three thousand…". */
export function spellCode(code: string): string {
  return code.split('').join(' ');
}
