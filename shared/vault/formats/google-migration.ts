/**
 * Google Authenticator's "Transfer accounts" QR codes:
 * `otpauth-migration://offline?data=BASE64`, where the data is a protobuf
 * `MigrationPayload`:
 *
 * ```proto
 * message MigrationPayload {
 *   enum Algorithm { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
 *   enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
 *   enum OtpType { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
 *   message OtpParameters {
 *     bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *     DigitCount digits = 5; OtpType type = 6; int64 counter = 7;
 *   }
 *   repeated OtpParameters otp_parameters = 1;
 *   int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
 * }
 * ```
 *
 * Decisions, following Aegis's importer and exporter where Google's are unknown:
 * - Unspecified algorithm, digits and type read as SHA1, 6 and TOTP; MD5 is unreadable.
 * - TOTP has no period field: it is always 30 seconds, and accounts with another
 *   period (or digits other than 6 and 8) cannot be exported this way.
 * - `name` holds the account name and `issuer` the service. Reading, a name that
 *   starts with "issuer:" loses that prefix, and with no issuer a name with a
 *   colon is split there, as a Key URI label is. Writing does the reverse, so
 *   every account survives the round trip exactly.
 * - The data may be percent-encoded or not, and contain `+` and `/` either way.
 */
import { AppError } from '../import-errors';
import { decodeBase32, encodeBase32 } from '../../otp/base32';
import type { OtpAccount, OtpAlgorithm } from '../../otp/types';
import { fromBase64, toBase64, toBytes, utf8Decode, type Bytes } from '../bytes';
import { describeEntryName, readEntries, readEntry } from './entry';
import { ProtoReader, ProtoWriter, WIRE, toInt32 } from './protobuf';
import { assertImportEntryCount, assertMigrationBatch } from '../import-limits';
import type { MigrationBatch, ParsedImport, UnreadableEntry } from './types';

/** At most this many accounts per QR code, so each stays scannable from a screen. */
export const MIGRATION_BATCH_LIMIT = 10;

const SCHEME = /^otpauth-migration:\/\/offline\/?\?/i;

const ALGORITHM_CODES: Readonly<Record<OtpAlgorithm, number>> = { SHA1: 1, SHA256: 2, SHA512: 3 };

/** The fields of one `OtpParameters`, as decoded. */
interface RawOtpParameters {
  secret: Bytes;
  /** undefined when the bytes were not valid UTF-8. */
  name: string | undefined;
  issuer: string | undefined;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

/** A decoded `MigrationPayload`. */
export interface MigrationPayload {
  /** The accounts' parameters, raw. */
  otpParameters: RawOtpParameters[];
  /** Payload version (Google writes 1). */
  version: number;
  /** Number of QR codes of the export. */
  batchSize: number;
  /** This code's position, from 0. */
  batchIndex: number;
  /** Id shared by the export's codes. */
  batchId: number;
}

function corrupt(): never {
  throw new AppError('import_corrupt', { format: 'google-migration' });
}

function expectWire(actual: number, expected: number): void {
  if (actual !== expected) corrupt();
}

function decodeOtpParameters(bytes: Uint8Array): RawOtpParameters {
  const reader = new ProtoReader(bytes, corrupt);
  const params: RawOtpParameters = { secret: new Uint8Array(), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 1:
        expectWire(wire, WIRE.lengthDelimited);
        params.secret = reader.lengthDelimited();
        break;
      case 2:
        expectWire(wire, WIRE.lengthDelimited);
        params.name = utf8Decode(reader.lengthDelimited());
        break;
      case 3:
        expectWire(wire, WIRE.lengthDelimited);
        params.issuer = utf8Decode(reader.lengthDelimited());
        break;
      case 4:
      case 5:
      case 6: {
        expectWire(wire, WIRE.varint);
        const value = toInt32(reader.varint());
        if (field === 4) params.algorithm = value;
        else if (field === 5) params.digits = value;
        else params.type = value;
        break;
      }
      case 7:
        expectWire(wire, WIRE.varint);
        params.counter = BigInt.asIntN(64, reader.varint());
        break;
      default:
        reader.skip(wire);
    }
  }
  return params;
}

/**
 * Decodes a `MigrationPayload` from its protobuf bytes.
 *
 * @throws AppError `import_corrupt` for bytes that are not one.
 */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationPayload {
  const reader = new ProtoReader(bytes, corrupt);
  const payload: MigrationPayload = { otpParameters: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      expectWire(wire, WIRE.lengthDelimited);
      payload.otpParameters.push(decodeOtpParameters(reader.lengthDelimited()));
    } else if (field >= 2 && field <= 5) {
      expectWire(wire, WIRE.varint);
      const value = toInt32(reader.varint());
      if (field === 2) payload.version = value;
      else if (field === 3) payload.batchSize = value;
      else if (field === 4) payload.batchIndex = value;
      else payload.batchId = value;
    } else {
      reader.skip(wire);
    }
  }
  return payload;
}

/** Encodes a `MigrationPayload`: account fields at their default value are left out, as protobuf 3 does; the batch fields are always written. */
export function encodeMigrationPayload(payload: MigrationPayload): Bytes {
  const writer = new ProtoWriter();
  for (const params of payload.otpParameters) {
    const inner = new ProtoWriter().bytes(1, params.secret);
    if (params.name) inner.string(2, params.name);
    if (params.issuer) inner.string(3, params.issuer);
    if (params.algorithm) inner.varint(4, params.algorithm);
    if (params.digits) inner.varint(5, params.digits);
    if (params.type) inner.varint(6, params.type);
    if (params.counter) inner.varint(7, params.counter);
    writer.bytes(1, inner.finish());
  }
  // Google writes the batch fields even when 0 (its exports end in `10 01 18 01 20 00 28 ...`); so do we.
  writer.varint(2, payload.version).varint(3, payload.batchSize).varint(4, payload.batchIndex).varint(5, payload.batchId);
  return writer.finish();
}

/** Splits Google's name into issuer and account name (see the module comment). */
function splitName(name: string, issuer: string): { issuer: string; label: string } {
  if (issuer !== '') return { issuer, label: name.startsWith(`${issuer}:`) ? name.slice(issuer.length + 1) : name };
  const colon = name.indexOf(':');
  return colon === -1 ? { issuer: '', label: name } : { issuer: name.slice(0, colon), label: name.slice(colon + 1) };
}

/** The inverse of {@link splitName} for our accounts. */
function joinName(issuer: string, label: string): string {
  if (issuer !== '') return label.startsWith(`${issuer}:`) ? `${issuer}:${label}` : label;
  return label.includes(':') ? `:${label}` : label;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Turns one decoded parameter set into an account. Throws an AppError naming the field. */
function readOtpParameters(params: RawOtpParameters): OtpAccount {
  if (params.name === undefined) throw new AppError('label_invalid', { field: 'label', reason: 'encoding' });
  if (params.issuer === undefined) throw new AppError('label_invalid', { field: 'issuer', reason: 'encoding' });
  if (params.secret.length === 0) throw new AppError('missing_secret', { field: 'secret' });
  const algorithm =
    params.algorithm === 0 || params.algorithm === 1
      ? 'SHA1'
      : params.algorithm === 2
        ? 'SHA256'
        : params.algorithm === 3
          ? 'SHA512'
          : params.algorithm === 4
            ? 'MD5'
            : String(params.algorithm);
  const digits = params.digits === 0 || params.digits === 1 ? 6 : params.digits === 2 ? 8 : `code ${params.digits}`;
  const type = params.type === 0 || params.type === 2 ? 'totp' : params.type === 1 ? 'hotp' : `code ${params.type}`;
  const counter = params.counter >= 0n && params.counter <= MAX_SAFE ? Number(params.counter) : params.counter.toString();
  const { issuer, label } = splitName(params.name, params.issuer);
  return readEntry({
    type,
    secret: encodeBase32(params.secret),
    issuer,
    label,
    algorithm,
    digits,
    period: 30,
    counter: type === 'hotp' ? counter : undefined,
  });
}

/** Reads the `data` parameter of a migration URI as bytes, or undefined. */
function readData(uri: string): Bytes | undefined {
  const query = uri.trim().replace(SCHEME, '');
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    if (equals === -1 || pair.slice(0, equals).toLowerCase() !== 'data') continue;
    let value = pair.slice(equals + 1).split('#')[0] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    // Base64 has no spaces: a space is a `+` that form-decoding turned into one.
    return fromBase64(value.replace(/ /g, '+'));
  }
  return undefined;
}

/** Whether a line is a Google Authenticator transfer URI (by its scheme). */
export function isMigrationUri(text: string): boolean {
  return SCHEME.test(text.trim());
}

/**
 * Reads one transfer QR code's content.
 *
 * @throws AppError `import_unrecognized_format` when it is not an
 *   `otpauth-migration://offline?...` URI; `import_corrupt` when its data
 *   is missing or not a MigrationPayload.
 */
export function parseMigrationUri(uri: string): ParsedImport {
  if (typeof uri !== 'string' || !isMigrationUri(uri)) throw new AppError('import_unrecognized_format', { format: 'google-migration' });
  const data = readData(uri);
  if (!data || data.length === 0) corrupt();
  const payload = decodeMigrationPayload(data);
  // A code written without batch fields (proto3 leaves zeros out) is a one-code export.
  const size = payload.batchSize === 0 ? 1 : payload.batchSize;
  assertMigrationBatch({ index: payload.batchIndex, size });
  assertImportEntryCount(payload.otpParameters.length, 'google-migration');
  const { accounts, unreadable } = readEntries(payload.otpParameters, readOtpParameters, (params) =>
    describeEntryName(params.issuer, params.name),
  );
  return {
    format: 'google-migration',
    encrypted: false,
    accounts,
    unreadable,
    batch: { id: payload.batchId, index: payload.batchIndex, size },
  };
}

/** The result of {@link exportMigrationUris}. */
export interface MigrationExport {
  /** One `otpauth-migration://` URI per QR code, in order ("batch N of M"). */
  uris: string[];
  /** Accounts this format cannot carry, with the reason (their `index` is in the input list). */
  skipped: UnreadableEntry[];
}

/** Why an account cannot be a Google transfer entry, or undefined if it can. */
function findUnrepresentable(account: OtpAccount): AppError | undefined {
  // Google's OtpType has only totp and hotp: a Steam account would come out as 6-digit codes Steam refuses.
  if (account.type === 'steam') {
    return new AppError('export_not_representable', { format: 'google-migration', field: 'type', value: 'steam' });
  }
  if (account.digits !== 6 && account.digits !== 8) {
    return new AppError('export_not_representable', { format: 'google-migration', field: 'digits', value: account.digits });
  }
  if (account.type === 'totp' && account.period !== 30) {
    return new AppError('export_not_representable', { format: 'google-migration', field: 'period', value: account.period });
  }
  return undefined;
}

/**
 * The accounts a transfer code cannot carry, each with why (`index` is its
 * position in `accounts`): Steam Guard accounts, digits other than 6 or 8,
 * TOTP periods other than 30 s. The export dialog names them before any code is shown.
 */
export function findMigrationSkips(accounts: readonly OtpAccount[]): UnreadableEntry[] {
  return accounts.flatMap((account, index) => {
    const problem = findUnrepresentable(account);
    return problem ? [{ index, name: describeEntryName(account.issuer, account.label), code: problem.code, reason: problem.message }] : [];
  });
}

/** A random positive int32 for `batch_id`. */
function randomBatchId(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] as number) & 0x7fffffff || 1;
}

/**
 * Encodes accounts as Google Authenticator transfer URIs (to be shown as QR
 * codes one after another), at most {@link MIGRATION_BATCH_LIMIT} accounts per code.
 *
 * @param accounts The accounts, in list order.
 * @param options `batchId` (random unless given), `batchLimit` (10 unless given, 1 to 10).
 */
export function exportMigrationUris(
  accounts: readonly OtpAccount[],
  options: { batchId?: number; batchLimit?: number } = {},
): MigrationExport {
  const limit = Math.max(1, Math.min(MIGRATION_BATCH_LIMIT, Math.floor(options.batchLimit ?? MIGRATION_BATCH_LIMIT)));
  const batchId = options.batchId ?? randomBatchId();
  const skipped = findMigrationSkips(accounts);
  const left = new Set(skipped.map((entry) => entry.index));
  const entries: RawOtpParameters[] = [];
  accounts.forEach((account, index) => {
    if (left.has(index)) return;
    entries.push({
      secret: toBytes(decodeBase32(account.secret)),
      name: joinName(account.issuer, account.label),
      issuer: account.issuer,
      algorithm: ALGORITHM_CODES[account.algorithm],
      digits: account.digits === 8 ? 2 : 1,
      type: account.type === 'hotp' ? 1 : 2,
      counter: account.type === 'hotp' ? BigInt(account.counter) : 0n,
    });
  });
  const batchSize = Math.ceil(entries.length / limit);
  const uris: string[] = [];
  for (let batchIndex = 0; batchIndex < batchSize; batchIndex++) {
    const data = encodeMigrationPayload({
      otpParameters: entries.slice(batchIndex * limit, (batchIndex + 1) * limit),
      version: 1,
      batchSize,
      batchIndex,
      batchId,
    });
    uris.push(`otpauth-migration://offline?data=${encodeURIComponent(toBase64(data))}`);
  }
  return { uris, skipped };
}

/** Scanning a multi-code export: which codes of which export have been read. */
export interface MigrationProgress {
  /** The export's batch id. */
  batchId: number;
  /** How many codes it has (at most `IMPORT_LIMITS.migrationBatchSize`). */
  total: number;
  /** How many distinct codes have been scanned ("2 of 3"). */
  scanned: number;
  /** Whether every code has been scanned. */
  complete: boolean;
  /** The positions (from 0) not scanned yet, ascending. */
  missing: number[];
  /** The codes scanned so far, by position: only those seen, never a slot per announced code. */
  parts: ReadonlyMap<number, ParsedImport>;
}

/**
 * Adds a scanned code to the progress of its export (starting a new one when
 * there is none, or the last one was complete and this code is of another
 * export). Scanning a code twice changes nothing. The code's "N of M" is
 * checked first (issue 11: a code claiming 50,000,000 codes froze the app),
 * so the work is bounded by `IMPORT_LIMITS.migrationBatchSize`.
 *
 * @throws AppError `migration_other_export` for a code of another export while
 *   one is incomplete (the UI may offer to start over by passing `undefined`);
 *   `import_limit_exceeded` or `migration_batch_invalid` for an impossible "N of M".
 */
export function addMigrationBatch(progress: MigrationProgress | undefined, parsed: ParsedImport): MigrationProgress {
  const batch: MigrationBatch = parsed.batch ?? { id: 0, index: 0, size: 1 };
  assertMigrationBatch(batch);
  const sameExport = progress !== undefined && progress.batchId === batch.id && progress.total === batch.size;
  const start = !progress || (progress.complete && !sameExport);
  if (!start && !sameExport) {
    throw new AppError('migration_other_export', { scanned: progress.scanned, total: progress.total });
  }
  const parts = new Map(start ? [] : progress.parts);
  if (!parts.has(batch.index)) parts.set(batch.index, parsed);
  const missing: number[] = [];
  for (let index = 0; index < batch.size; index++) if (!parts.has(index)) missing.push(index);
  return { batchId: batch.id, total: batch.size, scanned: parts.size, complete: missing.length === 0, missing, parts };
}

/** All accounts of a (complete or partial) export's scanned codes, in code order, as one import. */
export function mergeMigrationBatches(progress: MigrationProgress): ParsedImport {
  const scanned = [...progress.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
  let offset = 0;
  const unreadable: UnreadableEntry[] = [];
  const accounts: OtpAccount[] = [];
  for (const part of scanned) {
    unreadable.push(...part.unreadable.map((entry) => ({ ...entry, index: entry.index + offset })));
    accounts.push(...part.accounts);
    offset += part.accounts.length + part.unreadable.length;
  }
  return { format: 'google-migration', encrypted: false, accounts, unreadable };
}
