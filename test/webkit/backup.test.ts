/**
 * Backing up and restoring in WebKit (issue 14): with the lock on, an
 * encrypted backup is saved through the app's own "Download backup" (an
 * <a download> of a Blob, which WebKitGTK saves to the browser's download
 * folder, where the test reads it); then a new session (empty storage: a new
 * phone) imports that file through "Choose a file", refuses a wrong password,
 * and with the right one brings every account back with the right codes.
 */
import { describe, expect, it } from 'vitest';
import { generateHotp, parseOtpauthUri } from '../../shared/otp';
import {
  addByLink,
  card,
  expectCardShowsCode,
  GITHUB,
  GITHUB_NAME,
  GITHUB_URI,
  openSettings,
  PASSPHRASE,
  spelled,
  turnOnLock,
} from './support/steps';
import { openApp, SLOW_WAIT_MS } from './support/webkit-app';

/** A counter-based account: its counter must come back too. */
const HOTP_URI = 'otpauth://hotp/Counter:hotp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Counter&counter=7';
const HOTP_NAME = 'Counter (hotp)';

/** "2025-03-14" in the time zone the page and this process share. */
function today(now: number): string {
  const date = new Date(now);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('an encrypted backup in WebKit', () => {
  it('is saved from one device and restored on another with its password', async () => {
    const phone = await openApp();
    await addByLink(phone, GITHUB_URI, GITHUB_NAME);
    await addByLink(phone, HOTP_URI, HOTP_NAME);
    await turnOnLock(phone);

    let settings = await openSettings(phone);
    await phone.click(phone.getByRole('button', 'Back up / Export', { within: settings }));
    const menu = await phone.getByRole('dialog', 'Back up / Export');
    await phone.click(phone.getByRole('button', /^Encrypted backup/, { within: menu }));
    const form = await phone.getByRole('dialog', 'Encrypted backup (recommended)');
    expect(await (await phone.getByRole('radio', 'Use my passphrase', { within: form })).isSelected()).toBe(true);
    const fileName = `authenticator-backup-${today(await phone.now())}.json`;
    await phone.forgetDownload(fileName);
    await phone.fill(phone.getByLabel('Your passphrase', { within: form }), PASSPHRASE);
    await phone.click(phone.getByRole('button', 'Download backup', { within: form }));
    const done = await phone.getByRole('dialog', 'Back up / Export', { timeout: SLOW_WAIT_MS });
    await phone.getByRoleWithText('status', `Saved ${fileName}`, { within: done, timeout: SLOW_WAIT_MS });
    const { path, text } = await phone.savedFile(fileName);
    expect(JSON.parse(text)).toMatchObject({ format: 'acme-authenticator-backup', version: 1, kdf: { algorithm: 'argon2id' } });
    for (const secret of ['GitHub', 'alice', 'JBSWY3DPEHPK3PXP', 'Counter']) expect(text).not.toContain(secret);
    await phone.click(phone.getByRole('button', 'Done', { within: done }));
    settings = await openSettings(phone);
    await phone.waitForText(settings, /Last backup: .*\d{4}/);
    await phone.close();

    // A new session has no site data: a new phone.
    const newPhone = await openApp();
    await newPhone.getByRole('heading', 'No accounts yet');
    settings = await openSettings(newPhone);
    await newPhone.click(newPhone.getByRole('button', 'Import', { within: settings }));
    const importing = await newPhone.getByRole('dialog', 'Import accounts');
    await newPhone.chooseFile(await importing.findElement({ css: 'input[type="file"]' }), path);
    await newPhone.waitForText(importing, 'is an encrypted backup from this app');

    const password = newPhone.getByLabel('Password of the file', { within: importing });
    await newPhone.fill(password, 'a wrong password');
    await newPhone.click(newPhone.getByRole('button', 'Open file', { within: importing }));
    await newPhone.getByRoleWithText('alert', 'The password does not open this backup file', { within: importing, timeout: SLOW_WAIT_MS });
    expect(await newPhone.attribute(await password, 'aria-invalid')).toBe('true');

    await newPhone.fill(password, PASSPHRASE);
    await newPhone.click(newPhone.getByRole('button', 'Open file', { within: importing }));
    await newPhone.waitForText(importing, '2 accounts will be added.', SLOW_WAIT_MS);
    await newPhone.click(newPhone.getByRole('button', 'Import 2 accounts', { within: importing }));
    await newPhone.waitForText(importing, 'Imported 2 accounts.');
    await newPhone.click(newPhone.getByRole('button', 'Done', { within: importing }));

    await expectCardShowsCode(newPhone, GITHUB_NAME, GITHUB);
    const hotp = parseOtpauthUri(HOTP_URI);
    await newPhone.waitForText(await card(newPhone, HOTP_NAME), spelled(generateHotp(hotp, 7)));
  });
});
