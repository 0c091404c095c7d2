import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import type { OtpAccount } from '../../shared/otp/types';
import { changedCodeFields, createVaultAccount, editVaultAccount, type AccountId } from '../../shared/vault/account';

const otp: OtpAccount = {
  type: 'totp',
  issuer: 'GitHub',
  label: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};
const stored = { ...createVaultAccount(otp, 1_000, 'id-1' as AccountId), order: 4 };

function codeOf(run: () => unknown): { code: string; field: unknown } | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, field: e.details.field };
  }
}

describe('editVaultAccount', () => {
  it('changes every OTP field and keeps id, position and creation date', () => {
    const edited = editVaultAccount(stored, { ...otp, type: 'hotp', secret: 'gezd gnbv', algorithm: 'SHA256', digits: 8, counter: 7, issuer: ' GitLab ' }, 2_000);
    expect(edited).toEqual({
      ...stored,
      type: 'hotp',
      issuer: 'GitLab',
      secret: 'GEZDGNBV',
      algorithm: 'SHA256',
      digits: 8,
      counter: 7,
      updatedAt: 2_000,
    });
  });

  it('copies only the OTP fields', () => {
    const edited = editVaultAccount(stored, { ...otp, period: 60, order: 99, id: 'other' } as OtpAccount, 2_000);
    expect(edited.order).toBe(4);
    expect(edited.id).toBe('id-1');
    expect(edited.period).toBe(60);
  });

  it.each<[string, Partial<OtpAccount>, string, string]>([
    ['an empty secret', { secret: '' }, 'missing_secret', 'secret'],
    ['a secret outside Base32', { secret: 'JBSW1!' }, 'secret_not_base32', 'secret'],
    ['a secret over its cap', { secret: 'A'.repeat(10_000) }, 'input_too_long', 'secret'],
    ['an issuer over its cap', { issuer: 'x'.repeat(10_000) }, 'input_too_long', 'issuer'],
    ['no name at all', { issuer: '', label: '' }, 'account_name_missing', 'label'],
    ['5 digits', { digits: 5 }, 'digits_out_of_range', 'digits'],
    ['11 digits', { digits: 11 }, 'digits_out_of_range', 'digits'],
    ['a period of 0', { period: 0 }, 'period_invalid', 'period'],
    ['a fractional period', { period: 1.5 }, 'period_invalid', 'period'],
    ['a negative counter', { counter: -1 }, 'counter_invalid', 'counter'],
    ['an unsafe counter', { counter: 2 ** 53 }, 'counter_invalid', 'counter'],
    ['an unknown algorithm', { algorithm: 'MD5' as OtpAccount['algorithm'] }, 'unsupported_algorithm', 'algorithm'],
    ['an unknown type', { type: 'motp' as OtpAccount['type'] }, 'unsupported_type', 'type'],
  ])('rejects %s', (_, change, code, field) => {
    expect(codeOf(() => editVaultAccount(stored, { ...otp, ...change }, 2_000))).toEqual({ code, field });
  });

  it('never puts the secret in its error', () => {
    try {
      editVaultAccount(stored, { ...otp, secret: 'SECRETSECRET1' }, 2_000);
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify(e) + String(e)).not.toContain('SECRETSECRET1');
    }
  });
});

describe('changedCodeFields', () => {
  it.each<[string, Partial<OtpAccount>, string[]]>([
    ['names only', { issuer: 'Other', label: 'bob' }, []],
    ['the same secret typed in groups', { secret: 'jbsw y3dp ehpk 3pxp' }, []],
    ['a new secret', { secret: 'GEZDGNBVGY3TQOJQ' }, ['secret']],
    ['the period and digits', { period: 60, digits: 8 }, ['digits', 'period']],
    ['the type and counter', { type: 'hotp', counter: 3 }, ['type', 'counter']],
    ['the algorithm', { algorithm: 'SHA512' }, ['algorithm']],
    ['a TOTP counter, which TOTP ignores', { counter: 5 }, []],
    ['an HOTP period, which HOTP ignores', { type: 'hotp', period: 60 }, ['type']],
  ])('%s', (_, change, expected) => {
    expect(changedCodeFields(otp, { ...otp, ...change })).toEqual(expected);
  });
});
