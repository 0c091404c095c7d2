/**
 * Hostile import files and codes (issue 11): a Google transfer code claiming
 * 50,000,000 codes gets a clear message at once and the app stays usable,
 * pasted or read from an image; an encrypted Aegis file is opened in a worker,
 * with progress and a Cancel that imports nothing; the same file then imports.
 */
import type { Page } from '@playwright/test';
import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { decodeMigrationPayload, encodeMigrationPayload, exportMigrationUris } from '../../../shared/vault/formats/google-migration';
import { test, expect } from '../fixtures';
import { encodePng, makePicture, openAddScreen } from '../support/add-steps';
import { card, openSettings, openWithAccounts, otpAccount, type SeedAccount } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

const STORED: SeedAccount = { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const NEW: SeedAccount = { issuer: 'Fresh', label: 'bob', secret: 'KRSXG5CTMVRXEZLU' };

/** A real transfer code of `NEW`, rewritten to claim it is code 1 of `batchSize`. */
function hostileTransferCode(batchSize: number): string {
  const [uri] = exportMigrationUris([otpAccount(NEW)], { batchId: 99 }).uris;
  const data = Buffer.from(decodeURIComponent(uri!.split('data=')[1]!), 'base64');
  const payload = { ...decodeMigrationPayload(data), batchSize };
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(encodeMigrationPayload(payload)).toString('base64'))}`;
}

const TOO_MANY_CODES = 'says its export has more than 100 QR codes';

/** Pastes `text` as a link on the add screen. */
async function pasteLink(page: Page, text: string) {
  const add = page.getByRole('dialog', { name: 'Add account' });
  await add.getByRole('tab', { name: 'Paste a link' }).click();
  await add.getByLabel('otpauth:// link').fill(text);
  await add.getByRole('button', { name: 'Add account' }).click();
  return add;
}

test('a pasted transfer code claiming 50,000,000 codes is refused at once, and the app stays usable', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [STORED]);
  await page.getByRole('button', { name: 'Add account' }).click();
  const add = await pasteLink(page, hostileTransferCode(50_000_000));
  await expect(add.getByRole('alert')).toContainText(TOO_MANY_CODES);
  await add.getByRole('button', { name: 'OK' }).click();

  // The next action works straight away: a real transfer code of the same account is read and imported.
  await pasteLink(page, exportMigrationUris([otpAccount(NEW)]).uris[0]!);
  const preview = add.getByRole('region', { name: 'Google Authenticator export' });
  await preview.getByRole('button', { name: 'Import 1 account' }).click();
  await expect(add.getByText('Imported 1 account from Google Authenticator.')).toBeVisible();
});

test('a transfer code claiming 2^31 − 1 codes, read from an image, is refused, and the app stays usable', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  const png = encodePng(makePicture({ text: hostileTransferCode(2 ** 31 - 1) }));
  await dialog.getByLabel('Choose an image').setInputFiles({ name: 'transfer.png', mimeType: 'image/png', buffer: png });
  await expect(dialog.getByRole('alert')).toContainText(TOO_MANY_CODES);
  await dialog.getByRole('button', { name: 'OK' }).click();

  await pasteLink(page, exportMigrationUris([otpAccount(NEW)]).uris[0]!);
  await expect(dialog.getByRole('region', { name: 'Google Authenticator export' }).getByText('1 account will be added.')).toBeVisible();
});

/**
 * An encrypted Aegis file of `NEW`, made the way Aegis makes one (node:crypto,
 * not the code under test), with four password slots at the most scrypt cost
 * the app accepts (N = 2^17, r = 8, p = 1): three open with another password,
 * the last with `password`. Opening it takes four derivations: time to cancel.
 */
function slowAegisFile(password: string): string {
  const masterKey = randomBytes(32);
  const params = { N: 2 ** 17, r: 8, p: 1 };
  const slot = (slotPassword: string) => {
    const salt = randomBytes(32);
    const derived = scryptSync(slotPassword, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', derived, nonce);
    const key = Buffer.concat([cipher.update(masterKey), cipher.final()]);
    return {
      type: 1,
      uuid: randomUUID(),
      key: key.toString('hex'),
      key_params: { nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') },
      n: params.N,
      r: params.r,
      p: params.p,
      salt: salt.toString('hex'),
    };
  };
  const entry = { type: 'totp', uuid: randomUUID(), name: NEW.label, issuer: NEW.issuer, icon: null, info: { secret: NEW.secret, algo: 'SHA1', digits: 6, period: 30 } };
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
  const db = Buffer.concat([cipher.update(JSON.stringify({ version: 1, entries: [entry] })), cipher.final()]);
  return JSON.stringify({
    version: 1,
    header: {
      slots: [slot('another password'), slot('another password'), slot('another password'), slot(password)],
      params: { nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') },
    },
    db: db.toString('base64'),
  });
}

test('an encrypted Aegis file opens in the background with progress; Cancel imports nothing; opened again, it imports', async ({ page, pwaUrl }) => {
  const file = { name: 'aegis-export.json', mimeType: 'application/json', buffer: Buffer.from(slowAegisFile('aegis password')) };
  await openWithAccounts(page, pwaUrl, [STORED]);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles(file);
  await dialog.getByLabel('Password of the file').fill('aegis password');
  await dialog.getByRole('button', { name: 'Open file' }).click();

  await expect(dialog.getByRole('progressbar', { name: 'Reading the file' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('status')).toHaveText('The import was cancelled, so nothing was imported. Choose the file again when you are ready.');
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Open file' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(1);

  // The normal path: the same file, opened to the end, is previewed and imported.
  await (await openSettings(page)).getByRole('button', { name: 'Import' }).click();
  await dialog.getByLabel('Choose a file').setInputFiles(file);
  await dialog.getByLabel('Password of the file').fill('aegis password');
  await dialog.getByRole('button', { name: 'Open file' }).click();
  await expect(dialog.getByText('1 account will be added.')).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 1 account' }).click();
  await expect(dialog.getByText('Imported 1 account.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(card(page, 'Fresh (bob)')).toBeVisible();
});

test('a file over 10 MB is refused before it is read, naming the limit', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [STORED]);
  await (await openSettings(page)).getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  await dialog.getByLabel('Choose a file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: big });
  await expect(dialog.getByRole('alert')).toContainText('larger than 10 MB');
  await expect(dialog.getByLabel('Choose a file')).toHaveAttribute('aria-invalid', 'true');
});
