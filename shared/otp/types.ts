/** HMAC hash functions the authenticator and the portal support (RFC 6238 §1.2). */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * Time-based (RFC 6238) or counter-based (RFC 4226) one-time passwords, or
 * Steam Guard codes (time-based, 5 characters of Steam's alphabet: steam.ts).
 */
export type OtpType = 'totp' | 'hotp' | 'steam';

/** The secret and parameters needed to compute codes; what a Key URI carries. */
export interface OtpParams {
  /** totp, hotp or steam. */
  type: OtpType;
  /** The shared secret as upper-case Base32 without padding or separators. */
  secret: string;
  /** HMAC hash function; SHA1 unless the issuer says otherwise (always SHA1 for steam). */
  algorithm: OtpAlgorithm;
  /** Code length, 6 to 10 (always 5 for steam). */
  digits: number;
  /** Step length in seconds (positive) of totp (always 30 for steam); ignored for HOTP. */
  period: number;
  /** HOTP moving factor; ignored for TOTP. */
  counter: number;
}

/** The defaults of the Key URI Format: SHA1, 6 digits, 30 seconds. */
export const OTP_DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

/** An account as a Key URI describes it: who issued it, for whom, and how to compute its codes. */
export interface OtpAccount extends OtpParams {
  /** The service that issued the secret ("GitHub"); may be empty. */
  issuer: string;
  /** The account at that service, usually an email or user name. */
  label: string;
}

/** Every supported HMAC hash function, in the order a picker should list them. */
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Every supported OTP type. */
export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];

/** Whether codes of `type` follow the clock (totp, steam) rather than a counter (hotp). */
export function isTimeBased(type: OtpType): boolean {
  return type !== 'hotp';
}

/** The code lengths the Key URI Format allows for totp and hotp: 6 to 10 digits inclusive (steam: 5, fixed). */
export const OTP_DIGITS_RANGE = { min: 6, max: 10 } as const;
