import { describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/portal/model';
import {
  findRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  hashRecoveryCodes,
  isLegacyRecoveryCodeHash,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from '../../shared/portal/recovery-codes';
import { legacyRecoveryCodeHash } from './portal-helpers';

const ALICE = 'user-alice' as UserId;
const BOB = 'user-bob' as UserId;
const CODE = 'abcd-efgh-jkmn-pqrs-tvwx-yz01';

describe('generateRecoveryCodes', () => {
  it('returns 10 distinct codes of 24 characters (120 bits) in six groups of four from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(?:-[0-9a-hjkmnp-tv-z]{4}){5}$/);
    // 24 symbols of a 32-symbol alphabet: at least the 112 bits NIST SP 800-63B §5.1.2.2 asks of an unsalted-work-factor hash.
    expect(24 * Math.log2(32)).toBeGreaterThanOrEqual(112);
  });

  it('returns a different set each time', () => {
    const first = new Set(generateRecoveryCodes());
    expect(generateRecoveryCodes().some((code) => first.has(code))).toBe(false);
  });

  it('uses the whole alphabet (no character stuck)', () => {
    const seen = new Set(Array.from({ length: 10 }, generateRecoveryCodes).flat().join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });
});

describe('normalizeRecoveryCode', () => {
  it.each([
    [CODE, 'abcdefghjkmnpqrstvwxyz01'],
    [' ABCD EFGH JKMN PQRS TVWX YZ01 ', 'abcdefghjkmnpqrstvwxyz01'],
    ['abcdefghjkmnpqrstvwxyz01', 'abcdefghjkmnpqrstvwxyz01'],
    ['O0iI-1lL2-3456-7890-abcd-efgh', '0011111234567890abcdefgh'],
    ['abcd-efgh-jkmn-pqrs-tvwx-yz0u', null],
    ['abcd-efgh-jkmn-pqrs-tvwx-yz0', null],
    ['abcd-efgh-jkmn-pqrs-tvwx-yz012', null],
    ['abcd_efgh-jkmn-pqrs-tvwx-yz01', null],
    // The old format (10 characters) is still read, for sets stored before the change.
    ['abcde-fghjk', 'abcdefghjk'],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
  });
});

describe('hashRecoveryCode', () => {
  it('stores an HMAC-SHA256 under a fresh 16-byte salt, different every time for the same code', async () => {
    const first = await hashRecoveryCode(ALICE, CODE);
    expect(first).toMatch(/^hmac-sha256:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(await hashRecoveryCode(ALICE, CODE)).not.toBe(first);
  });

  it('never contains the code', async () => {
    const hash = await hashRecoveryCode(ALICE, CODE);
    expect(hash).not.toContain('abcdefgh');
    expect(hash).not.toContain('abcd-');
  });

  it('refuses a code of the old format: new sets are always 120 bits', async () => {
    await expect(hashRecoveryCode(ALICE, 'abcde-fghjk')).rejects.toThrow(TypeError);
  });
});

describe('findRecoveryCode', () => {
  it('finds a code of the set however it is typed, and nothing else', async () => {
    const codes = generateRecoveryCodes();
    const hashes = await hashRecoveryCodes(ALICE, codes);
    expect(await findRecoveryCode(ALICE, codes[7]!, hashes)).toBe(hashes[7]);
    expect(await findRecoveryCode(ALICE, codes[7]!.toUpperCase().replace(/-/g, ' '), hashes)).toBe(hashes[7]);
    expect(await findRecoveryCode(BOB, codes[7]!, hashes)).toBeNull();
    expect(await findRecoveryCode(ALICE, generateRecoveryCodes()[0]!, hashes)).toBeNull();
    expect(await findRecoveryCode(ALICE, codes[0]!, [])).toBeNull();
  });

  it('still finds a code of the old format stored as bare SHA-256, and only among old entries', async () => {
    const legacy = await legacyRecoveryCodeHash(ALICE, 'abcde-fghjk');
    expect(isLegacyRecoveryCodeHash(legacy)).toBe(true);
    const current = await hashRecoveryCode(ALICE, CODE);
    expect(isLegacyRecoveryCodeHash(current)).toBe(false);
    expect(await findRecoveryCode(ALICE, 'ABCDE FGHJK', [current, legacy])).toBe(legacy);
    expect(await findRecoveryCode(ALICE, CODE, [legacy, current])).toBe(current);
    expect(await findRecoveryCode(ALICE, 'abcde-fghjm', [current, legacy])).toBeNull();
  });
});
