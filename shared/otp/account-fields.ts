/**
 * The one check every account passes on its way in (issue 11): the Key URI
 * parser, every import format's `readEntry`, the key form, `createVaultAccount`
 * and `renameVaultAccount` all end here, so no way in can skip it.
 */
import { AppError } from '../errors';
import { sanitizeAccountText } from './account-text';
import { normalizeBase32Secret } from './base32';
import { assertRawNameWithinLimit, assertWithinLimit } from './input-limits';
import type { OtpAccount } from './types';

/** Matches a lone UTF-16 surrogate, which no Key URI (and so no export) can carry. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Counts Unicode code points, so an emoji or a CJK character outside the BMP counts as one. */
export function countCodePoints(text: string): number {
  return [...text].length;
}

/**
 * Reads an issuer or account name: sanitised (`sanitizeAccountText`), then
 * checked. May return '' (the caller decides whether the other name is enough).
 *
 * @throws AppError `input_too_long` (with `field` and `limit`) over the cap;
 *   `label_invalid` (reason `encoding`) for a lone surrogate.
 */
export function readAccountName(raw: string, field: 'issuer' | 'label'): string {
  assertRawNameWithinLimit(field, raw);
  const name = sanitizeAccountText(raw);
  if (LONE_SURROGATE.test(name)) throw new AppError('label_invalid', { field, reason: 'encoding' });
  assertWithinLimit(field, countCodePoints(name));
  return name;
}

/**
 * Returns a copy of `account` with only the OTP fields, its names read with
 * {@link readAccountName} and its secret normalised (and capped) with
 * `normalizeBase32Secret`. Idempotent, so a caller need not know whether an
 * earlier step already checked. The parameters (algorithm, digits...) are the
 * parser's and `readEntry`'s to check; they are copied as given.
 *
 * @throws AppError naming the field at fault: `input_too_long`,
 *   `label_invalid` (a lone surrogate, or reason `empty` when neither name is
 *   left), `missing_secret` or `secret_not_base32`. Never with the secret in it.
 */
export function normalizeAccountFields(account: OtpAccount): OtpAccount {
  const secret = normalizeBase32Secret(account.secret);
  const issuer = readAccountName(account.issuer, 'issuer');
  const label = readAccountName(account.label, 'label');
  if (issuer === '' && label === '') throw new AppError('label_invalid', { field: 'label', reason: 'empty' });
  return {
    type: account.type,
    issuer,
    label,
    secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
  };
}
