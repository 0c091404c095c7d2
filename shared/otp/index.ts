/**
 * The OTP core shared by the portal and the authenticator: generation,
 * verification, the Key URI Format, Base32 and secret generation.
 */
export * from './types';
export { decodeBase32, encodeBase32, normalizeBase32Secret } from './base32';
export { isOtpAlgorithm } from './params';
export { createHotpGenerator, generateHotp, type HotpGenerator, type HotpParams } from './hotp';
export { createAsyncHotpGenerator, type AsyncHotpGenerator } from './hotp-webcrypto';
export { generateTotp, secondsRemaining, totpStep, type TotpParams } from './totp';
export {
  compareConstantTime,
  MAX_VERIFY_WINDOW,
  normalizeOtpCode,
  verifyHotp,
  verifyTotp,
  type HotpMatch,
  type TotpMatch,
  type VerifyHotpInput,
  type VerifyTotpInput,
} from './verify';
export { formatOtpauthUri, isKeyUriText, parseOtpauthUri } from './otpauth-uri';
export { STEAM_PARAMS } from './steam';
export { generateSecret, SECRET_BYTES } from './secret';
