import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock, phaseAt } from '../../pwa/app/model/clock';
import { createCodeBook, groupCode, prepareCodes, spellCode } from '../../pwa/app/model/codes';
import { whenIdle } from '../../pwa/app/model/idle-queue';
import { createRenderingSkip } from '../../pwa/app/model/rendering-skip';
import { generateHotp, generateTotp } from '../../shared/otp';
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

describe('createCodeBook and prepareCodes', () => {
  /** RFC 6238 Appendix B's SHA1 seed, "12345678901234567890". */
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const totp = (id: string, secret = RFC_SECRET) =>
    createVaultAccount({ type: 'totp', issuer: 'RFC 6238', label: id, secret, algorithm: 'SHA1', digits: 8, period: 30, counter: 0 }, 0, id as AccountId);

  it('has no code until it is computed, then the RFC 6238 one', async () => {
    const book = createCodeBook();
    const account = totp('a');
    expect(book.peek(account, 1)).toBeUndefined();
    await prepareCodes(book, [account], 31_000);
    // RFC 6238 Appendix B: 94287082 at 59 s, the step that starts at 30 s.
    expect(book.peek(account, 1)).toEqual({ code: '94287082' });
    expect(book.peek(account, 2)).toBeUndefined();
  });

  it('computes the next step too in its last 5 seconds', async () => {
    const book = createCodeBook();
    const account = totp('a');
    await prepareCodes(book, [account], 59_000);
    expect(book.peek(account, 1)).toEqual({ code: '94287082' });
    expect(book.peek(account, 2)).toEqual({ code: generateTotp(account, 60_000) });
  });

  it('computes the HOTP code of the stored counter (RFC 4226 Appendix D)', async () => {
    const book = createCodeBook();
    const account = { ...totp('h'), type: 'hotp' as const, digits: 6, counter: 3 };
    await prepareCodes(book, [account], 0);
    expect(book.peek(account, 3)).toEqual({ code: '969429' });
    expect(generateHotp(account, 3)).toBe('969429');
  });

  it('computes a Steam account\'s 5-character code, KeePassXC\'s published one, and the next step\'s near the end', async () => {
    const book = createCodeBook();
    const account = createVaultAccount({ type: 'steam', issuer: 'Steam', label: 'gaben', secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 }, 0, 'st' as AccountId);
    // keepassxreboot/keepassxc tests/TestTotp.cpp: FR8RV at 1511200518 s, 18 s into its step.
    const now = 1511200518_000 + 10_000;
    await prepareCodes(book, [account], now);
    const step = Math.floor(now / 30_000);
    expect(book.peek(account, step)).toEqual({ code: 'FR8RV' });
    expect(book.peek(account, step + 1)).toEqual({ code: generateTotp(account, (step + 1) * 30_000) });
    expect(generateTotp(account, (step + 1) * 30_000)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });

  it('computes again for an account whose type changed, though its secret did not', async () => {
    const book = createCodeBook();
    const account = { ...totp('a'), digits: 6 };
    await prepareCodes(book, [account], 31_000);
    const steam = { ...account, type: 'steam' as const, digits: 5 };
    await book.compute(steam, [1]);
    expect(book.peek(steam, 1)).toEqual({ code: generateTotp(steam, 31_000) });
    expect(book.peek(steam, 1)).not.toEqual(book.peek(account, 1));
  });

  it('computes many accounts together, each with its own key', async () => {
    const book = createCodeBook();
    const secrets = ['JBSWY3DPEHPK3PXP', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA'];
    const accounts = secrets.map((secret, i) => ({ ...totp(`s${i}`, secret), digits: 6 }));
    const now = Date.UTC(2025, 2, 14, 15, 9, 31);
    await prepareCodes(book, accounts, now);
    for (const account of accounts) expect(book.peek(account, Math.floor(now / 30_000))).toEqual({ code: generateTotp(account, now) });
  });

  it('gives why, not a code, for a secret the core rejects, without the secret', async () => {
    const book = createCodeBook();
    // Stored by hand: createVaultAccount itself refuses a secret that is not Base32.
    const account = { ...totp('bad'), secret: 'GEZDGNBVGY3TQOJ1' };
    await prepareCodes(book, [account], 31_000);
    const result = book.peek(account, 1);
    expect(result).toHaveProperty('error');
    expect(JSON.stringify(result)).not.toContain('GEZDGNBVGY3TQOJ1');
  });

  it('computes again for an account whose secret changed', async () => {
    const book = createCodeBook();
    const account = totp('a');
    await prepareCodes(book, [account], 31_000);
    const changed = { ...account, secret: 'JBSWY3DPEHPK3PXP' };
    expect(book.peek(changed, 1)).toBeUndefined();
    await book.compute(changed, [1]);
    expect(book.peek(changed, 1)).toEqual({ code: generateTotp(changed, 31_000) });
  });

  it('keeps the codes a card shows and the next, not older ones', async () => {
    const book = createCodeBook();
    const account = totp('a');
    await book.compute(account, [1, 2]);
    await book.compute(account, [3]);
    expect(book.peek(account, 1)).toBeUndefined();
    expect(book.peek(account, 2)).toEqual({ code: generateTotp(account, 60_000) });
    expect(book.peek(account, 3)).toEqual({ code: generateTotp(account, 90_000) });
  });

  it('computes a code asked for ahead in idle time', async () => {
    const book = createCodeBook();
    const account = totp('a');
    book.prefetch(account, 4);
    await vi.waitFor(() => expect(book.peek(account, 4)).toEqual({ code: generateTotp(account, 120_000) }));
  });
});

describe('whenIdle', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs every task in the order queued, even when idle periods have no time left', async () => {
    // A page that is never idle: every idle callback comes with no time remaining.
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) =>
      setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 0),
    );
    const ran: number[] = [];
    for (let i = 0; i < 200; i++) whenIdle('card-update', () => ran.push(i));
    await vi.waitFor(() => expect(ran).toHaveLength(200));
    expect(ran).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});

describe('createRenderingSkip', () => {
  const change = (skipped: boolean) => Object.assign(new Event('contentvisibilityautostatechange'), { skipped });

  it('follows the element: not skipped until the browser says so, and tells subscribers of each change', () => {
    const element = new EventTarget() as Element;
    const rendering = createRenderingSkip();
    const seen: boolean[] = [];
    rendering.subscribe((skipped) => seen.push(skipped));
    rendering.observe(element);
    expect(rendering.skipped).toBe(false);

    element.dispatchEvent(change(true));
    expect(rendering.skipped).toBe(true);
    element.dispatchEvent(change(false));
    expect(seen).toEqual([true, false]);

    // Once the element is gone (its ref is called with null), its events no longer count.
    rendering.observe(null);
    element.dispatchEvent(change(true));
    expect(rendering.skipped).toBe(false);
    expect(seen).toEqual([true, false]);
  });
});

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '12345 67890'],
    // A Steam code: 5 characters, shown whole.
    ['FR8RV', 'FR8RV'],
  ])('groups %s as %s', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });
});

describe('spellCode', () => {
  it('spells a code digit by digit', () => {
    expect(spellCode('012345')).toBe('0 1 2 3 4 5');
    expect(spellCode('9P3VP')).toBe('9 P 3 V P');
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
