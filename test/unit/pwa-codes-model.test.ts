import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock, phaseAt } from '../../pwa/app/model/clock';
import { groupCode, spellCode } from '../../pwa/app/model/codes';
import { isIosSafari } from '../../pwa/app/model/install';
import { filterAccounts } from '../../pwa/app/model/search';
import { createVaultAccount, type AccountId } from '../../shared/vault/account';

/** 2025-03-14T15:09:30Z: a 30 s step starts; a 60 s step is half over. */
const T = Date.UTC(2025, 2, 14, 15, 9, 30);

describe('phaseAt', () => {
  it.each([
    // now offset (ms) into a 30 s step, soon?
    [0, false],
    [24_999, false],
    [25_000, true],
    [29_999, true],
  ])('at %i ms into a 30 s step, soon is %s', (offset, soon) => {
    expect(phaseAt(T + offset, 30)).toEqual({ step: T / 30_000, stepStart: T, soon });
  });

  it('never shows the next code for periods under 15 s', () => {
    expect(phaseAt(T + 9_999, 10).soon).toBe(false);
  });
});

describe('createClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T + 20_000);
  });
  afterEach(() => vi.useRealTimers());

  it('wakes subscribers of a period at its "soon" mark and its boundary, and not in between', () => {
    const clock = createClock();
    const thirty = vi.fn();
    const sixty = vi.fn();
    clock.subscribe(30, thirty);
    clock.subscribe(60, sixty);

    vi.advanceTimersByTime(4_990);
    expect(thirty).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20); // T+25 s: the 30 s "soon" mark
    expect(thirty).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000); // T+30 s: the 30 s boundary
    expect(thirty).toHaveBeenCalledTimes(2);
    // The 60 s period (boundary at T+30 s, since T is 15:09:30) woke at its own marks only.
    expect(sixty).toHaveBeenCalledTimes(2);
  });

  it('keeps one timer per distinct period, and none once nobody listens', () => {
    const clock = createClock();
    const stops = [clock.subscribe(30, () => {}), clock.subscribe(30, () => {}), clock.subscribe(60, () => {})];
    expect(vi.getTimerCount()).toBe(2);
    stops.forEach((stop) => stop());
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '12345 67890'],
  ])('groups %s as %s', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });
});

describe('spellCode', () => {
  it('spells a code digit by digit', () => {
    expect(spellCode('012345')).toBe('0 1 2 3 4 5');
  });
});

describe('filterAccounts', () => {
  const account = (issuer: string, label: string, n: number) =>
    createVaultAccount({ type: 'totp', issuer, label, secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }, 0, `id-${n}` as AccountId);
  const accounts = [account('GitHub', 'alice@example.com', 1), account('Zürich Bank', 'alice', 2), account('', 'bob@example.com', 3)];

  it('matches issuer or account name, ignoring case and accents, every word', () => {
    expect(filterAccounts(accounts, 'git').map((a) => a.id)).toEqual(['id-1']);
    expect(filterAccounts(accounts, 'zurich').map((a) => a.id)).toEqual(['id-2']);
    expect(filterAccounts(accounts, 'BOB').map((a) => a.id)).toEqual(['id-3']);
    expect(filterAccounts(accounts, 'alice bank').map((a) => a.id)).toEqual(['id-2']);
  });

  it('returns every account for a blank query', () => {
    expect(filterAccounts(accounts, '  ')).toBe(accounts);
  });
});

describe('isIosSafari', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 5, true],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 5, true],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 0, false],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1', 5, false],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36', 5, false],
  ])('%s with %i touch points: %s', (userAgent, touchPoints, expected) => {
    expect(isIosSafari(userAgent, touchPoints)).toBe(expected);
  });
});
