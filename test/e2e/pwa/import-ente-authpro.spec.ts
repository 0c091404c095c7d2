/**
 * Moving in from Ente Auth and Authenticator Pro (issue 13): an encrypted
 * export of each is opened with its password through the Import screen, in
 * the import worker under the app's Content Security Policy (libsodium's
 * secretstream and Argon2id for Ente, Argon2id and AES-GCM for Authenticator
 * Pro), and the accounts show the right codes at a fixed time.
 */
import type { Page } from '@playwright/test';
import { generateHotp, generateTotp } from '../../../shared/otp';
import type { OtpAccount } from '../../../shared/otp/types';
import { encryptStrong } from '../../fixtures/formats/authenticator-pro/samples';
import { encryptLikeEnte, enteLine } from '../../fixtures/formats/ente/samples';
import { test, expect } from '../fixtures';
import { card, openSettings, openWithAccounts, spelled } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

/** A moment 12 s before a 30 s (and 60 s) boundary: 2025-03-14T15:09:48Z. */
const T0 = Date.UTC(2025, 2, 14, 15, 9, 48);

const ENTE_GITHUB: OtpAccount = { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const ENTE_BANK: OtpAccount = { type: 'totp', issuer: 'Zürich Bank', label: 'anna', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 };
const AUTHPRO_TOKYO: OtpAccount = { type: 'hotp', issuer: '東京', label: 'key', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', algorithm: 'SHA512', digits: 6, period: 30, counter: 7 };
const AUTHPRO_MAIL: OtpAccount = { type: 'totp', issuer: 'Mail', label: 'me@example.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', algorithm: 'SHA512', digits: 8, period: 30, counter: 0 };
const ENTE_STEAM: OtpAccount = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
const AUTHPRO_STEAM: OtpAccount = { ...ENTE_STEAM, label: 'gordon', secret: 'NBSWY3DPO5XXE3DE' };

/** An encrypted Ente Auth export: three accounts (one pinned with a tag, one Steam), and one in Ente's trash. */
async function enteExport(password: string): Promise<Buffer> {
  const text = [
    enteLine(`otpauth://totp/GitHub:octocat?algorithm=SHA1&digits=6&issuer=GitHub&period=30&secret=${ENTE_GITHUB.secret}`, { pinned: true, tags: ['Work'] }),
    enteLine(`otpauth://totp/Z%C3%BCrich%20Bank:anna?algorithm=SHA256&digits=8&issuer=Z%C3%BCrich+Bank&period=60&secret=${ENTE_BANK.secret}`, {}),
    enteLine(`otpauth://steam/Steam:gaben?algorithm=SHA1&digits=5&issuer=Steam&period=30&secret=${ENTE_STEAM.secret}`, {}),
    enteLine('otpauth://totp/Deleted:me?algorithm=SHA1&digits=6&issuer=Deleted&period=30&secret=ORSXG5DTMVRXEZLU', { trashed: true }),
  ].join('\n');
  return Buffer.from(await encryptLikeEnte(text, password));
}

/** An encrypted Authenticator Pro backup (the current format, at its real Argon2id cost): HOTP, TOTP and Steam (Type 4). */
async function authenticatorProBackup(password: string): Promise<Buffer> {
  const entry = (account: OtpAccount, type: number, algorithm: number) => ({
    Type: type,
    Icon: null,
    Issuer: account.issuer,
    Username: account.label,
    Secret: account.secret,
    Pin: null,
    Algorithm: algorithm,
    Digits: account.digits,
    Period: account.period,
    Counter: account.counter,
    Ranking: 0,
    CopyCount: 0,
  });
  const backup = { Authenticators: [entry(AUTHPRO_TOKYO, 1, 2), entry(AUTHPRO_MAIL, 2, 2), entry(AUTHPRO_STEAM, 4, 0)], Categories: [], AuthenticatorCategories: [], CustomIcons: [] };
  return Buffer.from(await encryptStrong(backup, password));
}

/** Chooses `file` on the Import screen, types its password and opens it; returns the dialog at the preview. */
async function openEncryptedFile(page: Page, file: { name: string; buffer: Buffer }, password: string) {
  await (await openSettings(page)).getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
  await dialog.getByLabel('Password of the file').fill(password);
  await dialog.getByRole('button', { name: 'Open file' }).click();
  return dialog;
}

test('an encrypted Ente Auth export and an encrypted Authenticator Pro backup import with their passwords, with the right codes', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(T0);
  await openWithAccounts(page, pwaUrl, []);
  // (After the setup, whose seeding page answers 404 by design.)
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const libsodium = page.waitForRequest(/\/assets\/libsodium-wrappers-[\w-]+\.js$/);

  const ente = await openEncryptedFile(page, { name: 'ente-auth-codes-2025-03-14.txt', buffer: await enteExport('ente password') }, 'ente password');
  await expect(ente.getByText('3 accounts will be added. 1 could not be read.')).toBeVisible({ timeout: 60_000 });
  await expect(ente.getByRole('listitem').filter({ hasText: 'Deleted: me' })).toContainText("in Ente Auth's trash");
  await ente.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(ente.getByText('Imported 3 accounts.')).toBeVisible();
  await ente.getByRole('button', { name: 'Done' }).click();

  const authPro = await openEncryptedFile(page, { name: 'backup.authpro', buffer: await authenticatorProBackup('stratum password') }, 'stratum password');
  await expect(authPro.getByText('3 accounts will be added.')).toBeVisible({ timeout: 60_000 });
  await authPro.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(authPro.getByText('Imported 3 accounts.')).toBeVisible();
  await authPro.getByRole('button', { name: 'Done' }).click();

  // Steam Guard codes are 5 characters of Steam's alphabet, from the same 30 s steps.
  for (const account of [ENTE_GITHUB, ENTE_BANK, AUTHPRO_MAIL, ENTE_STEAM, AUTHPRO_STEAM]) {
    await expect(card(page, `${account.issuer} (${account.label})`).getByText(spelled(generateTotp(account, T0)), { exact: true })).toBeAttached();
  }
  await expect(card(page, '東京 (key)').getByText(spelled(generateHotp(AUTHPRO_TOKYO, 7)), { exact: true })).toBeAttached();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(6);
  // libsodium came as its own file, fetched for the Ente file only, and nothing complained (a CSP refusal logs an error).
  await libsodium;
  expect(errors).toEqual([]);
});

test('a wrong password for an encrypted Ente Auth export says so and imports nothing', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, []);
  const dialog = await openEncryptedFile(page, { name: 'ente.txt', buffer: await enteExport('ente password') }, 'not the password');
  await expect(dialog.getByRole('alert')).toContainText('The password does not open this Ente Auth file.');
  await expect(dialog.getByLabel('Password of the file')).toHaveAttribute('aria-invalid', 'true');
});
