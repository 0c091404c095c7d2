/**
 * FreeOTP+'s JSON export (helloworld1/FreeOTPPlus, `SavedTokens` written with
 * Gson from its legacy `Token`): `{ tokens: [...], tokenOrder: [...] }`.
 *
 * Each token: `type` (TOTP, HOTP), `algo` (SHA1, SHA256, SHA512; SHA224 and
 * SHA384 exist but are not supported here), `digits`, `period`, `counter`
 * (the next HOTP counter, as the app uses it), `secret` (the key's raw bytes
 * as signed Java bytes), `issuerExt` (the label's issuer), `issuerInt` (the
 * `issuer` parameter), `issuerAlt`/`labelAlt` (names edited in the app),
 * `label`, `image`, and in newer versions `category`. A token whose issuer is
 * "Steam" shows Steam Guard codes. `tokenOrder` lists the tokens' ids
 * ("issuer:label", or the label) in the app's order.
 *
 * FreeOTP (Red Hat) 2.x keeps tokens in the same JSON shape inside its
 * encrypted backup, so `freeotp.ts` reads them with {@link readFreeOtpToken}.
 */
import { AppError } from '../import-errors';
import { encodeBase32 } from '../../otp/base32';
import { INPUT_LIMITS } from '../../otp/input-limits';
import { assertImportEntryCount } from '../import-limits';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation } from './entry';
import { readJavaBytes } from './java-bytes';
import type { ImportedAccount, ParsedImport } from './types';

/** Longest secret read, in bytes: what `INPUT_LIMITS.secret` Base32 characters encode. */
export const FREEOTP_SECRET_MAX_BYTES = Math.floor((INPUT_LIMITS.secret * 5) / 8);

/** A FreeOTP(+) token's issuer: as edited in the app, else from the label, else the `issuer` parameter. */
function tokenIssuer(token: Record<string, unknown>): unknown {
  return [token.issuerAlt, token.issuerExt, token.issuerInt].find((name) => typeof name === 'string' && name !== '') ?? '';
}

/** A token's account name: as edited in the app, else its label. */
function tokenLabel(token: Record<string, unknown>): unknown {
  return typeof token.labelAlt === 'string' ? token.labelAlt : token.label;
}

/** Both apps show Steam Guard codes for a time-based token whose issuer is "Steam" (FreeOTP `Code.Factory`). */
function tokenType(token: Record<string, unknown>): unknown {
  const steam = [token.issuerExt, token.issuerInt].includes('Steam') && String(token.type).toUpperCase() === 'TOTP';
  return steam ? 'steam' : token.type;
}

/** "Issuer: label" of a token, for the list of unreadable entries. */
export function describeFreeOtpToken(value: unknown): string {
  const token = asObject(value);
  return describeEntryName(token ? tokenIssuer(token) : '', token ? tokenLabel(token) : '');
}

/**
 * Reads one FreeOTP(+) token, its key given as raw bytes (FreeOTP+: the
 * token's `secret`; FreeOTP: decrypted from the backup).
 *
 * @throws AppError naming the field at fault (see `readEntry`).
 */
export function readFreeOtpToken(token: Record<string, unknown>, secret: Uint8Array | undefined): ImportedAccount {
  if (!secret || secret.length === 0) throw new AppError('missing_secret', { field: 'secret' });
  const account = readEntry({
    type: tokenType(token),
    secret: encodeBase32(secret),
    issuer: tokenIssuer(token),
    label: tokenLabel(token),
    algorithm: token.algo,
    digits: token.digits,
    period: token.period,
    counter: token.counter,
  });
  return { ...account, ...readOrganisation({ groupNames: [token.category] }) };
}

/**
 * A token's `secret` (signed bytes), within {@link FREEOTP_SECRET_MAX_BYTES}.
 *
 * @throws AppError `missing_secret`, `input_too_long` or `entry_field_invalid` (field `secret`).
 */
function readSecretBytes(value: unknown): Uint8Array {
  if (value === undefined || value === null) throw new AppError('missing_secret', { field: 'secret' });
  if (Array.isArray(value) && value.length > FREEOTP_SECRET_MAX_BYTES) throw new AppError('input_too_long', { field: 'secret', limit: INPUT_LIMITS.secret });
  const bytes = readJavaBytes(value, FREEOTP_SECRET_MAX_BYTES);
  if (!bytes) throw new AppError('entry_field_invalid', { field: 'secret' });
  return bytes;
}

/** A token's id as FreeOTP+ writes it in `tokenOrder` (`Token.getID`). */
function tokenId(token: Record<string, unknown> | undefined): string {
  const issuer = [token?.issuerInt, token?.issuerExt].find((name) => typeof name === 'string' && name !== '');
  const label = typeof token?.label === 'string' ? token.label : '';
  return issuer === undefined ? label : `${issuer as string}:${label}`;
}

/**
 * The tokens in `tokenOrder`'s order; a token it does not name keeps its
 * place after them, in the file's order (FreeOTP+ itself would drop it).
 */
function orderTokens(tokens: readonly unknown[], order: readonly unknown[]): unknown[] {
  const waiting = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    const id = tokenId(asObject(token));
    waiting.set(id, [...(waiting.get(id) ?? []), index]);
  });
  const placed = new Set<number>();
  for (const id of order) {
    const next = typeof id === 'string' ? waiting.get(id)?.shift() : undefined;
    if (next !== undefined) placed.add(next);
  }
  const rest = tokens.map((_, index) => index).filter((index) => !placed.has(index));
  return [...placed, ...rest].map((index) => tokens[index]);
}

/** Whether parsed JSON is a FreeOTP+ export: a `tokens` array, and `tokenOrder` or tokens with byte-array secrets. */
export function isFreeOtpPlusFile(json: unknown): boolean {
  const file = asObject(json);
  if (!file || !Array.isArray(file.tokens)) return false;
  return Array.isArray(file.tokenOrder) || file.tokens.some((token) => Array.isArray(asObject(token)?.secret));
}

/**
 * Reads a FreeOTP+ JSON export, in the app's order.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_unrecognized_format`; `import_limit_exceeded` for
 *   more than `IMPORT_LIMITS.entries` tokens (or ids in `tokenOrder`).
 */
export function parseFreeOtpPlusJson(json: unknown): ParsedImport {
  const file = asObject(json);
  if (!file || !isFreeOtpPlusFile(file)) throw new AppError('import_unrecognized_format', { format: 'freeotp-plus' });
  const tokens = file.tokens as unknown[];
  const order = Array.isArray(file.tokenOrder) ? file.tokenOrder : [];
  assertImportEntryCount(tokens.length, 'freeotp-plus');
  assertImportEntryCount(order.length, 'freeotp-plus');
  const { accounts, unreadable } = readEntries(
    orderTokens(tokens, order),
    (value) => {
      const token = asObject(value);
      if (!token) throw new AppError('entry_field_invalid', { field: 'token' });
      return readFreeOtpToken(token, readSecretBytes(token.secret));
    },
    describeFreeOtpToken,
  );
  const groupNames = readGroupNames(accounts.flatMap((account) => account.groupNames ?? []));
  return { format: 'freeotp-plus', encrypted: false, accounts, unreadable, groupNames };
}
