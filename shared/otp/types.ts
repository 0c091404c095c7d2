/** HMAC hash functions the authenticator and the portal support (RFC 6238 §1.2). */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Time-based (RFC 6238) or counter-based (RFC 4226) one-time passwords. */
export type OtpType = 'totp' | 'hotp';

/** The secret and parameters needed to compute codes; what a Key URI carries. */
export interface OtpParams {
  /** totp or hotp. */
  type: OtpType;
  /** The shared secret as upper-case Base32 without padding or separators. */
  secret: string;
  /** HMAC hash function; SHA1 unless the issuer says otherwise. */
  algorithm: OtpAlgorithm;
  /** Code length, 6 to 10. */
  digits: number;
  /** TOTP step length in seconds (positive); ignored for HOTP. */
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
export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp'];

/** The code lengths the Key URI Format allows: 6 to 10 digits inclusive. */
export const OTP_DIGITS_RANGE = { min: 6, max: 10 } as const;
