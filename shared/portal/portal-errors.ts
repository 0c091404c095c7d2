/**
 * The portal's error messages (sign-in, MFA, admins, passwords), kept apart
 * from `shared/errors.ts` so that the authenticator, which never raises
 * them, does not load them. Every portal module takes `AppError` from here,
 * so the messages are registered before the first portal error is made.
 */
import { formatSeconds, quoteValue, registerErrorMessages, type AppErrorMessage } from '../errors';

export { AppError } from '../errors';

/** What each part of a page request (`page_invalid`'s `field`) must be. */
const PAGE_RULES: Readonly<Record<string, string>> = {
  offset: 'the offset must be a whole number, 0 or more',
  limit: 'the page size must be a whole number from 1 to 100',
  search: 'the search must be text of at most 254 characters',
  ids: 'a page is at most 100 ids, each a string',
  mfa: 'the MFA status must be one of all, enabled, pending, disabled, locked or not_applicable',
  filter: 'the filter must be an object',
  person: 'the person must be text of at most 254 characters',
  action: 'the event must be one of the kinds the audit log records',
  from: 'the start must be a time in ms since 1970',
  until: 'the end must be a time in ms since 1970, not before the start',
};

/** The Audit log filter's fields, as its labels name them. */
const AUDIT_FILTER_FIELDS: Readonly<Record<string, string>> = { from: 'From', to: 'To' };

/** Messages of the portal's codes. One message for an unknown email and a wrong password, and one
 * for a wrong, reused or locked-out code, so neither tells an attacker which it was. */
export const PORTAL_ERROR_MESSAGES = {
  invalid_credentials: ({ retryInSeconds }) =>
    `The email or password is not correct. Check both and try again${
      typeof retryInSeconds === 'number' ? ` in ${formatSeconds(retryInSeconds)} (too many wrong passwords in a row)` : ''
    }. If your account uses single sign-on, choose "Sign in with SSO" instead.`,
  invalid_code: ({ context }) =>
    `That code was not accepted. Each code works once: wait for your authenticator app to show a new 6-digit code and enter it${
      context === 'enrollment' ? '' : ', or enter one of your recovery codes'
    }. Every 5 failed attempts in a row lock codes out for a while (15 minutes, then twice as long each time)${
      context === 'enrollment' ? '' : '; after 100, only a recovery code or the account owner can unlock them'
    }.`,
  challenge_expired: () => 'Your sign-in took too long and has expired. Enter your email and password again.',
  session_expired: () => 'You have been signed out (sessions last 12 hours, or you signed out elsewhere). Sign in again.',
  permission_denied: () =>
    "Only the account owner can do this. Ask your reseller account's owner to make the change for you.",
  mfa_not_applicable: () =>
    'MFA does not apply to this user: they sign in with single sign-on (SSO), and their SSO application authenticates them.',
  sso_not_available: () =>
    'Single sign-on is not set up for this email. Sign in with your email and password instead.',
  wrong_password: ({ retryInSeconds }) =>
    `The password is not correct. Enter the password you sign in with, then try again${
      typeof retryInSeconds === 'number' ? ` in ${formatSeconds(retryInSeconds)} (too many wrong passwords in a row)` : ''
    }.`,
  enrollment_expired: () =>
    'This secret key has expired (a new key is offered every 10 minutes). Scan the new QR code or type the new key, then enter the code it shows.',
  mfa_not_pending: () =>
    'There is no MFA setup in progress. Tick "MFA Enabled" on your Profile to get a QR code first.',
  mfa_already_enabled: () =>
    'MFA is already on. To move to a different authenticator, turn MFA off (with your password), then turn it on again.',
  mfa_not_enabled: () =>
    'MFA is not on for this user, so there are no recovery codes or confirmed secret to replace. Turn MFA on first.',
  qr_unavailable: () =>
    "The QR code is shown only while the admin's MFA setup is pending. If they have already confirmed it, use Reset MFA to give them a new one.",
  own_mfa_on_profile: () =>
    'To change your own MFA, use your Profile page: click your email in the top-right, then "Profile".',
  user_not_found: () => 'That admin no longer exists; the list may be out of date. Reload the Admins tab.',
  page_invalid: ({ field }) => `The page request is not valid: ${PAGE_RULES[String(field)] ?? `${PAGE_RULES.offset}, and ${PAGE_RULES.limit}`}.`,
  mfa_secret_unreadable: () =>
    "Your MFA secret can't be read on this device any more. Sign in with a recovery code, or ask the account owner to reset your MFA.",
  password_throttled: ({ retryInSeconds }) =>
    `Too many wrong passwords in a row for this account. Wait ${formatSeconds(Number(retryInSeconds))}, then try again.`,
  password_invalid: ({ reason }) =>
    reason === 'too_long'
      ? 'The new password is too long: use at most 1024 characters.'
      : reason === 'mismatch'
        ? 'The two new passwords are not the same. Type the new password again in both fields.'
        : reason === 'same_as_current'
          ? 'The new password is the same as the current one. Choose a different password.'
          : 'The new password is too short: use at least 8 characters (a few words make a good one).',
  password_not_applicable: () =>
    'You sign in with single sign-on (SSO), so there is no portal password to change. Change it with your identity provider.',
  audit_filter_invalid: ({ field, reason, value }) => {
    if (reason === 'after_to') return 'The From date is after the To date. Choose a From date on or before the To date (both days are included).';
    if (field === 'timeZone') {
      return `This browser's time zone ${quoteValue(value)} is not one it can place dates in. Clear the From and To dates, or update the browser.`;
    }
    if (field === 'event') return 'That kind of event is not one the audit log records. Choose one from the Event list.';
    if (field === 'person') return 'The person is too long: type part of an email, at most 254 characters.';
    const name = AUDIT_FILTER_FIELDS[String(field)] ?? 'From';
    return `The ${name} date ${quoteValue(value)} is not a date. Pick a day from the calendar, or type it as year-month-day, for example 2025-03-31.`;
  },
  mfa_setup_at_sign_in: () =>
    'The account owner turned on MFA for you. Sign out, then sign in again to scan the QR code and finish setting it up.',
} satisfies Record<string, AppErrorMessage>;

registerErrorMessages(PORTAL_ERROR_MESSAGES);
