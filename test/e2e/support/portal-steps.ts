/**
 * Steps the portal's end-to-end tests share, written the way a person does
 * them: fill the labelled fields, press the named buttons, read what is shown.
 *
 *   await portal.context.clock.install({ time: T0 });
 *   const page = await portal.open();
 *   await signIn(page, DEMO.alice.email, DEMO.alice.password);
 *   await openProfile(page, DEMO.alice.email);
 *   const secret = await readSecretKey(page);
 *   await enterCode(page, totpFor(secret, await pageTime(page)));
 *
 * Codes are computed here from the secret shown on screen, with the shared
 * OTP core, at the page's (usually fake) time.
 */
import { expect, type Page } from '@playwright/test';
import { generateTotp } from '../../../shared/otp';
import { listDemoCredentials, type DemoCredential } from '../../../shared/portal/demo-data';

/** One of the demo accounts the login page lists. */
export type DemoUser = DemoCredential;

const demoUsers = listDemoCredentials();
const demoByEmail = (prefix: string): DemoUser => {
  const user = demoUsers.find((u) => u.email.startsWith(prefix));
  if (!user) throw new Error(`No demo user whose email starts with ${prefix}`);
  return user;
};

/** The demo accounts: the owner, three admins with passwords, and one SSO admin. */
export const DEMO = {
  owner: demoUsers.find((u) => u.role === 'owner')!,
  alice: demoByEmail('alice@'),
  bob: demoByEmail('bob@'),
  carol: demoByEmail('carol@'),
  sso: demoUsers.find((u) => u.signIn === 'sso')!,
} as const;

/** A fixed start time for tests that install a fake clock: a Monday morning, on a 30-second step boundary. */
export const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);

/**
 * Signs in with email and password on the login page and waits until the
 * password step is over: signed in, or asked for a code, or asked to finish
 * an enrollment the owner started, or refused.
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // PBKDF2 takes a moment: the button says "Signing in…" until it is done.
  await expect(page.getByRole('button', { name: 'Signing in…' })).toHaveCount(0, { timeout: 20_000 });
}

/** Signs in and waits for the MFA prompt. */
export async function signInToMfaPrompt(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Multi-factor authentication' })).toBeVisible();
}

/** Types a code into the "Authentication code" field and presses "Verify". */
export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Verifying…' })).toHaveCount(0);
}

/** On the MFA prompt: "Use a recovery code", then types `code` and presses "Verify". */
export async function enterRecoveryCode(page: Page, code: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Use a recovery code' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByLabel('Recovery code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Verifying…' })).toHaveCount(0);
}

/** Waits until the signed-in portal shows `email` in the top-right. */
export async function expectSignedInAs(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('button', { name: email, exact: true })).toBeVisible();
}

/** Opens Profile the way the article says: the email in the top-right, then "Profile". */
export async function openProfile(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: email, exact: true }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
}

/** Signs out through the email menu in the top-right. */
export async function signOut(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: email, exact: true }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** Reads the secret key shown beneath the QR code, without the spaces that group it. */
export async function readSecretKey(page: Page): Promise<string> {
  const text = await page.getByRole('group', { name: 'Secret key' }).locator('code').innerText();
  return text.replace(/\s+/g, '');
}

/** The code an authenticator shows for `secret` at `timeMs` (SHA1, 6 digits, 30 s), from the shared core. */
export function totpFor(secret: string, timeMs: number): string {
  return generateTotp({ secret, algorithm: 'SHA1', digits: 6, period: 30 }, timeMs);
}

/** A 6-digit code that is none of the codes of the steps around `timeMs` (a wrong code, surely). */
export function wrongCodeFor(secret: string, timeMs: number): string {
  const near = new Set([-1, 0, 1].map((d) => totpFor(secret, timeMs + d * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(totpFor(secret, timeMs)) + 500_000 + n) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/** The page's clock (ms): the fake time when the test installed a clock, for computing the code an authenticator would show. */
export async function pageTime(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/** Reads the recovery codes from the panel that shows them once after MFA is turned on. */
export async function readRecoveryCodes(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list).toBeVisible();
  return (await list.getByRole('listitem').allInnerTexts()).map((code) => code.trim());
}

/**
 * The article's "How to Enable MFA for Yourself", from a signed-in page:
 * email in the top-right → Profile → read the key beneath the barcode →
 * MFA Enabled → Update Profile → the code → the recovery codes, saved.
 * Returns the secret and the recovery codes.
 */
export async function enableMfaForYourself(page: Page, email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await openProfile(page, email);
  const secret = await readSecretKey(page);
  await page.getByLabel('MFA Enabled').check();
  await page.getByRole('button', { name: 'Update Profile' }).click();
  await enterCode(page, totpFor(secret, await pageTime(page)));
  const recoveryCodes = await readRecoveryCodes(page);
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
  return { secret, recoveryCodes };
}

export { expectNoSeriousA11yViolations } from './a11y';
