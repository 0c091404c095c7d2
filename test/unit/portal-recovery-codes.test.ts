import { describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/portal/model';
import {
  findRecoveryCodeHash,
  generateRecoveryCodes,
  hashRecoveryCode,
  hashRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from '../../shared/portal/recovery-codes';

const ALICE = 'user-alice' as UserId;
const BOB = 'user-bob' as UserId;

describe('generateRecoveryCodes', () => {
  it('returns 10 distinct codes shaped xxxxx-xxxxx from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it('returns a different set each time', () => {
    const first = new Set(generateRecoveryCodes());
    expect(generateRecoveryCodes().some((code) => first.has(code))).toBe(false);
  });

  it('uses the whole alphabet (no character stuck)', () => {
    const seen = new Set(Array.from({ length: 40 }, generateRecoveryCodes).flat().join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });
});

describe('normalizeRecoveryCode', () => {
  it.each([
    ['abcde-fghjk', 'abcdefghjk'],
    [' ABCDE FGHJK ', 'abcdefghjk'],
    ['abcdefghjk', 'abcdefghjk'],
    ['O0iI1-lL234', '0011111234'],
    ['abcde-fghju', null],
    ['abcde-fghj', null],
    ['abcde-fghjkm', null],
    ['abcde_fghjk', null],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
  });
});

describe('hashRecoveryCode', () => {
  it('gives a SHA-256 hex digest that is the same for every way of typing the code', async () => {
    const hash = await hashRecoveryCode(ALICE, 'abcde-fghjk');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashRecoveryCode(ALICE, 'ABCDE FGHJK')).toBe(hash);
  });

  it('differs per user, so one table of hashes serves one user only', async () => {
    expect(await hashRecoveryCode(ALICE, 'abcde-fghjk')).not.toBe(await hashRecoveryCode(BOB, 'abcde-fghjk'));
  });

  it('never contains the code', async () => {
    const hash = await hashRecoveryCode(ALICE, 'abcde-fghjk');
    expect(hash).not.toContain('abcde');
  });
});

describe('findRecoveryCodeHash', () => {
  it('finds a code of the set and nothing else', async () => {
    const codes = generateRecoveryCodes();
    const hashes = await hashRecoveryCodes(ALICE, codes);
    expect(findRecoveryCodeHash(hashes, await hashRecoveryCode(ALICE, codes[7]!))).toBe(7);
    expect(findRecoveryCodeHash(hashes, await hashRecoveryCode(BOB, codes[7]!))).toBe(-1);
    expect(findRecoveryCodeHash([], await hashRecoveryCode(ALICE, codes[0]!))).toBe(-1);
  });
});
