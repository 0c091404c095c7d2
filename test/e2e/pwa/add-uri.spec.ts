/** Adding an account by pasting its otpauth:// link (issue 4). */
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import {
  closeAndExpectAccounts,
  expectAccountShowsCode,
  expectedCode,
  FIXED_TIME,
  GITHUB_NAME,
  GITHUB_URI,
  openAddScreen,
} from '../support/add-steps';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FIXED_TIME);
});

test('a pasted link adds the account, which shows its code', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await dialog.getByRole('textbox', { name: 'otpauth:// link' }).fill(GITHUB_URI);
  await dialog.getByRole('button', { name: 'Add account' }).click();

  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
});

for (const [fault, link, message] of [
  ['not an otpauth:// link', 'https://github.com/settings/security', 'This text holds a web address, not an otpauth:// link.'],
  ['plain text', 'JBSWY3DPEHPK3PXP', 'This is not an otpauth:// link.'],
  ['no secret', 'otpauth://totp/GitHub:alice?issuer=GitHub', 'The secret key is missing.'],
  ['a secret that is not Base32', 'otpauth://totp/GitHub:alice?secret=JBSWY3DP1HPK3PXP', 'The secret key may contain only the letters A–Z and the digits 2–7'],
  ['12 digits', `${GITHUB_URI}&digits=12`, 'The digits setting "12" is not allowed: codes must be a whole number of 6 to 10 digits.'],
  ['an unknown algorithm', `${GITHUB_URI}&algorithm=MD5`, 'The algorithm "MD5" is not supported.'],
  ['an unknown type', 'otpauth://motp/GitHub:alice?secret=JBSWY3DPEHPK3PXP', 'The link\'s type "motp" is not supported'],
  ['an HOTP link without a counter', 'otpauth://hotp/GitHub:alice?secret=JBSWY3DPEHPK3PXP', 'needs a counter parameter'],
] as const) {
  test(`a link with ${fault} says so, marks the field and saves nothing`, async ({ page, pwaUrl }) => {
    const dialog = await openAddScreen(page, pwaUrl);
    await dialog.getByRole('tab', { name: 'Paste a link' }).click();
    const field = dialog.getByRole('textbox', { name: 'otpauth:// link' });
    await field.fill(link);
    await dialog.getByRole('button', { name: 'Add account' }).click();

    await expect(dialog.getByRole('alert')).toContainText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    // Correcting the link clears the error.
    await field.fill(GITHUB_URI);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await closeAndExpectAccounts(page, 0);
  });
}

test('a link over 16,384 characters is refused before it is read, naming the limit', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  const field = dialog.getByRole('textbox', { name: 'otpauth:// link' });
  await field.fill(`${GITHUB_URI}&pad=${'x'.repeat(16384)}`);
  await dialog.getByRole('button', { name: 'Add account' }).click();

  await expect(dialog.getByRole('alert')).toContainText('The link is too long: it may have at most 16,384 characters.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await closeAndExpectAccounts(page, 0);
});

for (const [trick, issuer, shown] of [
  ['a right-to-left override', '\u202Elapyap\u202C.com', 'lapyap.com'],
  ['a zero-width space', 'pay\u200Bpal.com', 'paypal.com'],
  ['an isolate and a byte order mark', '\u2067pay\uFEFFpal.com\u2069', 'paypal.com'],
] as const) {
  test(`an issuer hiding ${trick} is shown as the letters it really has`, async ({ page, pwaUrl }) => {
    const dialog = await openAddScreen(page, pwaUrl);
    await dialog.getByRole('tab', { name: 'Paste a link' }).click();
    const link = `otpauth://totp/${encodeURIComponent(issuer)}:alice?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(issuer)}`;
    await dialog.getByRole('textbox', { name: 'otpauth:// link' }).fill(link);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.getByText(`Added ${shown} (alice)`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const name = page.getByRole('main').getByRole('listitem', { name: `${shown} (alice)` }).getByText(shown, { exact: true });
    await expect(name).toHaveJSProperty('textContent', shown);
    await expect(name).toHaveAttribute('dir', 'auto');
  });
}

test('a link pasted anywhere on the add screen fills in the link field', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Enter the key' }).click();
  await dialog.getByRole('tab', { name: 'Enter the key' }).focus();
  await page.evaluate((text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, GITHUB_URI);

  await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('textbox', { name: 'otpauth:// link' })).toHaveValue(GITHUB_URI);
});

test('pasting the same link again asks before keeping both', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  const field = dialog.getByRole('textbox', { name: 'otpauth:// link' });
  await field.fill(GITHUB_URI);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await dialog.getByRole('button', { name: 'Add another' }).click();

  // The same secret under another name is still the same account.
  await field.fill('otpauth://totp/Work%20GitHub:alice?secret=jbsw-y3dp-ehpk-3pxp');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  const question = dialog.getByRole('alert');
  await expect(question).toContainText(`${GITHUB_NAME} is already in your list.`);
  await expect(question).toContainText('Work GitHub (alice) has the same secret key');
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(dialog.getByText('Added Work GitHub (alice)')).toBeVisible();
  await closeAndExpectAccounts(page, 2);
});

test('the four ways are tabs, switched with the arrow keys', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  const imageTab = dialog.getByRole('tab', { name: 'From an image' });
  await expect(imageTab).toHaveAttribute('aria-selected', 'true');
  await imageTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toBeFocused();
  await expect(dialog.getByRole('tabpanel')).toContainText('otpauth:// link');
  await page.keyboard.press('End');
  await expect(dialog.getByRole('tab', { name: 'Enter the key' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the link screen has no serious accessibility violations, with or without an error', async ({ page, pwaUrl }) => {
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
