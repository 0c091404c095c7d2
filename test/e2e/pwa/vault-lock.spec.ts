/**
 * The passphrase lock (issue 6): turned on at first run, asked for after a
 * reload, wrong passphrases (message, growing delay), auto-lock after the idle
 * time and after the app was hidden that long, and what is left on screen
 * and in IndexedDB while locked. The vault runs at its production Argon2id
 * cost, so each unlock takes a second or so.
 */
import { generateTotp } from '../../../shared/otp';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import {
  card,
  dumpIndexedDb,
  lockScreen,
  openAt,
  openSettings,
  openWithAccounts,
  otpAccount,
  PASSPHRASE,
  spelled,
  turnOnLock,
  unlock,
  type SeedAccount,
} from '../support/vault-steps';

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Zephyrbank', label: 'quillon.vantablack', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' },
];
/** A moment 20 s into a 30 s step, so no code changes during a short step of a test. */
const T0 = Date.UTC(2025, 2, 14, 15, 9, 0) + 5_000;

test.describe.configure({ timeout: 120_000 });

test('set a passphrase, reload, unlock, and see the codes', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await turnOnLock(page);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Protect your accounts with a passphrase' })).toBeHidden();

  await page.reload();
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Accounts' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'lock screen');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'lock screen, dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await unlock(page);
  for (const seed of ACCOUNTS) {
    const account = otpAccount(seed);
    const now = await page.evaluate(() => Date.now());
    const codes = [generateTotp(account, now), generateTotp(account, now + 30_000)].map(spelled);
    await expect(card(page, `${seed.issuer} (${seed.label})`)).toContainText(new RegExp(codes.join('|')));
  }

  // "Lock now" in Settings locks at once; nothing of the accounts stays in the page.
  const settings = await openSettings(page);
  await expect(settings.getByText('Passphrase lock')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings, lock on');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'settings, lock on, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await settings.getByRole('button', { name: 'Lock now' }).click();
  await expect(lockScreen(page)).toBeVisible();
  const html = await page.content();
  for (const seed of ACCOUNTS) {
    expect(html).not.toContain(seed.issuer);
    expect(html).not.toContain(seed.label);
  }
});

test('a wrong passphrase says so, and after three in a row the next try waits', async ({ page, pwaUrl }) => {
  await openAt(page, pwaUrl, ACCOUNTS, T0);
  await turnOnLock(page);
  await page.getByRole('button', { name: 'Lock the app' }).click();
  await expect(lockScreen(page)).toBeVisible();

  const field = page.getByLabel('Passphrase', { exact: true });
  const button = page.getByRole('button', { name: 'Unlock', exact: true });
  const alert = page.getByRole('alert').filter({ hasText: 'passphrase is not correct' });
  for (let attempt = 1; attempt <= 2; attempt++) {
    await field.fill(`wrong guess ${attempt}`);
    await button.click();
    // Each try takes a second (Argon2id); the button is back when it has been judged.
    await expect(button).toBeEnabled({ timeout: 30_000 });
    await expect(alert).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(button).toBeEnabled();
  }
  // The third wrong one in a row starts a wait: 1 s, doubling after each further failure.
  await field.fill('wrong guess 3');
  await button.click();
  await expect(alert).toContainText('try again in 1 second', { timeout: 30_000 });
  await expect(button).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'You can try again in 1 second.' })).toBeVisible();

  // The wait survives a reload (the vault keeps the count).
  await page.reload();
  await page.clock.runFor(100);
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeDisabled();

  await page.clock.runFor(2_000);
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeEnabled();
  await unlock(page);
  await page.clock.runFor(200);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
});

test('the app locks after the idle time, and after being hidden that long', async ({ page, pwaUrl }) => {
  await openAt(page, pwaUrl, ACCOUNTS, T0);
  await turnOnLock(page);
  const settings = await openSettings(page);
  await settings.getByRole('radio', { name: '1 minute' }).check();
  await expect(settings.getByRole('radio', { name: '1 minute' })).toBeChecked();
  await settings.getByRole('button', { name: 'Close' }).click();

  // Idle: 59 s is not enough, 60 s is.
  await page.clock.runFor(59_000);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
  await page.clock.runFor(1_500);
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Accounts' })).toHaveCount(0);

  // The choice is kept; unlock and hide the app (another app in front) for more than a minute.
  await unlock(page);
  // The clock is paused: let Preact's effects (scheduled on animation frames) run.
  await page.clock.runFor(200);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
  const setHidden = (hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  // Timers are throttled in the background: the check on coming back must catch it by itself.
  await page.clock.setSystemTime(T0 + 10 * 60_000);
  await setHidden(false);
  await expect(lockScreen(page)).toBeVisible();
});

test('with the lock on, a raw dump of IndexedDB shows no secret, issuer or account name', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await turnOnLock(page);
  const dump = await dumpIndexedDb(page);
  expect(dump).toContain('accounts');
  for (const seed of ACCOUNTS) {
    expect(dump).not.toContain(seed.issuer);
    expect(dump).not.toContain(seed.label);
    expect(dump).not.toContain(seed.secret!);
  }
  // "JBSWY3DPEHPK3PXP" is the bytes "Hello!" + 0xDEADBEEF: not there as raw bytes either.
  expect(dump).not.toContain('Hello!');
  // And the same after a reload, locked.
  await page.reload();
  await expect(lockScreen(page)).toBeVisible();
  const locked = await dumpIndexedDb(page);
  for (const seed of ACCOUNTS) expect(locked).not.toContain(seed.issuer);
});

test('the first-run offer can be dismissed; Settings then warns that the secrets are unprotected', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  const offer = page.getByRole('complementary', { name: 'Protect your accounts with a passphrase' });
  await expect(offer).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'first-run offer');
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toBeHidden();
  await page.reload();
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
  await expect(offer).toBeHidden();

  const settings = await openSettings(page);
  await expect(settings.getByText('Your secret keys are stored unprotected on this device.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings, lock off');
  await settings.getByRole('button', { name: 'Turn on passphrase lock' }).click();
  const dialog = page.getByRole('dialog', { name: 'Protect with a passphrase' });
  // Too short, then two different ones: each said, at the field at fault.
  await dialog.getByLabel('New passphrase').fill('short');
  await dialog.getByRole('button', { name: 'Turn on lock' }).click();
  await expect(dialog.getByRole('alert')).toContainText('at least 8 characters');
  await expect(dialog.getByLabel('New passphrase')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('New passphrase').fill(PASSPHRASE);
  await dialog.getByLabel('Repeat the passphrase').fill(`${PASSPHRASE}!`);
  await dialog.getByRole('button', { name: 'Turn on lock' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not the same');
  await expect(dialog.getByLabel('Repeat the passphrase')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Turn on lock' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  // Change the passphrase, then turn the lock off again with the new one.
  const again = await openSettings(page);
  await again.getByRole('button', { name: 'Change passphrase' }).click();
  const change = page.getByRole('dialog', { name: 'Change passphrase' });
  await change.getByLabel('Current passphrase').fill(PASSPHRASE);
  await change.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase');
  await change.getByLabel('Repeat the new passphrase').fill('a brand new passphrase');
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(change).toBeHidden({ timeout: 30_000 });
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Turn off lock' }).click();
  const off = page.getByRole('dialog', { name: 'Turn off the lock?' });
  await off.getByLabel('Passphrase').fill('a brand new passphrase');
  await off.getByRole('button', { name: 'Turn off lock' }).click();
  await expect(off).toBeHidden({ timeout: 30_000 });
  await page.reload();
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
});

test('a stored account that fails its tag is listed apart, nothing of it is shown, and the others still work', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await turnOnLock(page);
  // Flip one bit of the first sealed record, as damage or tampering would (the lock moved the vault to authenticator@1).
  await page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await request(indexedDB.open('authenticator@1'));
    const store = db.transaction('accounts', 'readwrite').objectStore('accounts');
    const records = (await request(store.getAll())) as Array<{ order: number; ciphertext: Uint8Array }>;
    const record = records.find((r) => r.order === 0)!;
    record.ciphertext[0]! ^= 1;
    await request(store.put(record));
    db.close();
  });
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('region', { name: '1 account could not be opened' })).toBeVisible();
  await expect(card(page, 'Zephyrbank (quillon.vantablack)')).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(ACCOUNTS[0]!.issuer);
  expect(html).not.toContain(ACCOUNTS[0]!.label);
});
