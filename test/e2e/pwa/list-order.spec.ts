/**
 * Organising the list (issue 12), at phone size: drag to reorder by touch, by
 * mouse and by keyboard (order kept after a reload), hide codes then tap to
 * reveal until the next period, sorting, and editing the OTP parameters.
 */
import type { Page } from '@playwright/test';
import { generateTotp } from '../../../shared/otp';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { card, cardNames, openAt, openWithAccounts, openSettings, spelled, type SeedAccount } from '../support/vault-steps';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const SEEDS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'GEZDGNBVGY3TQOJQ' },
  { issuer: 'Microsoft', label: 'alice@contoso.com', secret: 'MFRGGZDFMZTWQ2LK' },
  { issuer: 'amazon', label: 'alice', secret: 'KRUGKIDROVUWG2ZA' },
];
const GITHUB = 'GitHub (alice@example.com)';
const GOOGLE = 'Google (alice.smith@gmail.com)';
const MICROSOFT = 'Microsoft (alice@contoso.com)';
const AMAZON = 'amazon (alice)';

/** A moment 12 s before a 30 s (and 60 s) boundary. */
const T0 = Date.UTC(2025, 2, 14, 15, 9, 48);

/** The centre of an element, in viewport coordinates. */
async function centreOf(page: Page, name: string) {
  const box = (await page.getByRole('button', { name }).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The vertical centre of a card. */
async function cardCentreY(page: Page, name: string): Promise<number> {
  const box = (await card(page, name).boundingBox())!;
  return box.y + box.height / 2;
}

test.describe('drag to reorder', () => {
  test('a finger drags a card by its handle, the others make room, and the order is stored', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const start = await centreOf(page, `Reorder ${GITHUB}`);
    // Where the handle must go for the card's centre to pass Microsoft's by 20 px.
    const end = start.y + (await cardCentreY(page, MICROSOFT)) - (await cardCentreY(page, GITHUB)) + 20;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: start.x, y }] });

    await touch('touchStart', start.y);
    const microsoftBefore = await cardCentreY(page, MICROSOFT);
    for (let step = 1; step <= 10; step++) await touch('touchMove', start.y + ((end - start.y) * step) / 10);
    // Mid-drag: the card follows the finger and the one it passed slid up to make room.
    await expect(card(page, GITHUB)).toHaveAttribute('data-dragging');
    expect(await cardCentreY(page, GITHUB)).toBeGreaterThan(microsoftBefore);
    await expect.poll(() => cardCentreY(page, MICROSOFT)).toBeLessThan(microsoftBefore - 50);
    await touch('touchEnd', end);

    await expect.poll(() => cardNames(page)).toEqual([GOOGLE, MICROSOFT, GITHUB, AMAZON]);
    await expect(page.locator('[aria-live="polite"]')).toHaveText(`${GITHUB} moved to position 3 of 4.`);
    await page.reload();
    expect(await cardNames(page)).toEqual([GOOGLE, MICROSOFT, GITHUB, AMAZON]);
  });

  test('the mouse drags a card up by its handle, and the order is stored', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const start = await centreOf(page, `Reorder ${AMAZON}`);
    // Where the handle must go for the card's centre to pass Google's by 20 px.
    const end = start.y + (await cardCentreY(page, GOOGLE)) - (await cardCentreY(page, AMAZON)) - 20;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x, end, { steps: 12 });
    await page.mouse.up();

    await expect.poll(() => cardNames(page)).toEqual([GITHUB, AMAZON, GOOGLE, MICROSOFT]);
    await page.reload();
    expect(await cardNames(page)).toEqual([GITHUB, AMAZON, GOOGLE, MICROSOFT]);
  });

  test('Escape during a drag puts the card back', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const start = await centreOf(page, `Reorder ${GITHUB}`);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x, (await cardCentreY(page, AMAZON)) + 20, { steps: 8 });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await expect(card(page, GITHUB)).not.toHaveAttribute('data-dragging');
    await page.reload();
    expect(await cardNames(page)).toEqual([GITHUB, GOOGLE, MICROSOFT, AMAZON]);
  });

  test('the handle moves its card with the arrow keys, announcing each move', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const grip = page.getByRole('button', { name: `Reorder ${GOOGLE}` });
    await grip.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[aria-live="polite"]')).toHaveText(`${GOOGLE} moved to position 3 of 4.`);
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[aria-live="polite"]')).toHaveText(`${GOOGLE} moved to position 4 of 4.`);
    await expect(grip).toBeFocused();
    await page.reload();
    expect(await cardNames(page)).toEqual([GITHUB, MICROSOFT, AMAZON, GOOGLE]);
  });

  test('there is no handle while a search narrows the list or a sort orders it, and the list says why', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await expect(page.getByRole('button', { name: /^Reorder / })).toHaveCount(4);

    await page.getByRole('searchbox').fill('alice');
    await expect(page.getByRole('button', { name: /^Reorder / })).toHaveCount(0);
    await expect(page.getByText('Clear the search to drag accounts into another order.')).toBeVisible();
    await page.getByRole('searchbox').fill('');

    await page.getByLabel('Sort by').selectOption({ label: 'Issuer' });
    await expect(page.getByRole('button', { name: /^Reorder / })).toHaveCount(0);
    await expect(page.getByText(/Sorted by issuer\. Choose “My order” to drag/)).toBeVisible();
    // Alt+↓ would move it in an order the list does not show: it says so instead.
    await page.getByRole('button', { name: `Copy code for ${AMAZON}` }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.locator('[aria-live="polite"]')).toHaveText(/sorted by issuer/);
    await expectNoSeriousA11yViolations(page, 'list sorted by issuer');
  });
});

test.describe('sorting', () => {
  test('sorts by issuer and by name, case-insensitively, and remembers the choice', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByLabel('Sort by').selectOption({ label: 'Issuer' });
    await expect.poll(() => cardNames(page)).toEqual([AMAZON, GITHUB, GOOGLE, MICROSOFT]);
    await page.getByLabel('Sort by').selectOption({ label: 'Account name' });
    // "alice" < "alice.smith@…" < "alice@contoso…" < "alice@example…": the locale's order puts "." before "@".
    await expect.poll(() => cardNames(page)).toEqual([AMAZON, GOOGLE, MICROSOFT, GITHUB]);

    await page.reload();
    await expect(page.getByLabel('Sort by')).toHaveValue('name');
    expect(await cardNames(page)).toEqual([AMAZON, GOOGLE, MICROSOFT, GITHUB]);
    await page.getByLabel('Sort by').selectOption({ label: 'My order' });
    await expect.poll(() => cardNames(page)).toEqual([GITHUB, GOOGLE, MICROSOFT, AMAZON]);
  });
});

test.describe('hide codes', () => {
  test('codes hide, a tap reveals one for the rest of its period, a second tap copies, and it hides again at the next period', async ({ page, pwaUrl }) => {
    const [github] = await openAt(page, pwaUrl, SEEDS, T0);
    const code = generateTotp(github, T0);
    const githubCard = card(page, GITHUB);
    await expect(githubCard.getByText(spelled(code), { exact: true })).toBeAttached();

    const settings = await openSettings(page);
    await settings.getByRole('checkbox', { name: 'Hide codes' }).check();
    await expect(settings.getByText('tap again to copy it')).toBeVisible();
    await settings.getByRole('button', { name: 'Close' }).click();

    // Hidden: no digits on screen or for a screen reader, and no "Read code".
    await expect(githubCard).toContainText('••••••');
    await expect(githubCard).not.toContainText(code.slice(0, 3));
    await expect(githubCard.getByText(/^Code \d/)).toHaveCount(0);
    await expect(githubCard.getByRole('button', { name: /Read code/ })).toHaveCount(0);
    // The next code's preview (last 5 s of the period) stays hidden too.
    await page.clock.runFor(8_000);
    await expect(githubCard).not.toContainText('Next');

    const reveal = page.getByRole('button', { name: `Code hidden for ${GITHUB}, activate to reveal` });
    await reveal.click();
    const now = T0 + 8_000;
    await expect(githubCard.getByText(spelled(generateTotp(github, now)), { exact: true })).toBeAttached();
    await expect(githubCard).toContainText('Next');
    // The others stay hidden.
    await expect(card(page, GOOGLE)).toContainText('••••••');

    // A second tap copies.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: `Copy code for ${GITHUB}` }).click();
    await expect(page.locator('[aria-live="polite"]')).toHaveText(`Copied the code for ${GITHUB}.`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(generateTotp(github, now));

    // The next period hides it again.
    await page.clock.runFor(5_000);
    await expect(githubCard).toContainText('••••••');
    await expect(githubCard.getByText(/^Code \d/)).toHaveCount(0);

    // Remembered after a reload (the clock runs again: the app needs its timers to load).
    await page.clock.resume();
    await page.reload();
    await expect(card(page, GOOGLE)).toContainText('••••••');
  });
});

test.describe('edit every field', () => {
  test('changing the period asks first, says the codes change, and the code follows the new period', async ({ page, pwaUrl }) => {
    const [github] = await openAt(page, pwaUrl, SEEDS, T0);
    await page.getByRole('button', { name: `Options for ${GITHUB}` }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await expect(dialog.getByLabel('Secret key', { exact: true })).toHaveAttribute('type', 'password');

    await dialog.getByLabel('Period (seconds)').fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('period');
    await expect(dialog.getByLabel('Period (seconds)')).toHaveAttribute('aria-invalid', 'true');

    await dialog.getByLabel('Period (seconds)').fill('60');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const confirm = page.getByRole('dialog', { name: 'Change how codes are made?' });
    await expect(confirm).toContainText('You changed the period. The codes for this account will change.');
    await expect(confirm).toContainText('GitHub will only accept the new codes if its own setup changed too');
    await confirm.getByRole('button', { name: 'Change codes' }).click();
    await expect(confirm).toBeHidden();

    const expected = generateTotp({ ...github, period: 60 }, T0);
    expect(expected).not.toBe(generateTotp(github, T0));
    await expect(card(page, GITHUB).getByText(spelled(expected), { exact: true })).toBeAttached();
    // Stored: after a reload the dialog shows the new period.
    await page.clock.resume();
    await page.reload();
    await page.getByRole('button', { name: `Options for ${GITHUB}` }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(dialog.getByLabel('Period (seconds)')).toHaveValue('60');
  });

  test('a secret outside Base32 is refused, naming the field, and nothing is stored', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: `Options for ${GOOGLE}` }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Secret key', { exact: true }).fill('NOT-BASE32-1!');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText(/secret key/i);
    await expect(dialog.getByRole('alert')).not.toContainText('NOT-BASE32');
    await expect(dialog.getByLabel('Secret key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a names-only edit saves without asking', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: `Options for ${GOOGLE}` }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill('Google Workspace');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, 'Google Workspace (alice.smith@gmail.com)')).toBeVisible();
  });
});

test('axe finds nothing serious on hidden codes, the sort control, the edit dialog and its confirmation', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, SEEDS);
  await expectNoSeriousA11yViolations(page, 'list with handles and the sort control');
  const settings = await openSettings(page);
  await settings.getByRole('checkbox', { name: 'Hide codes' }).check();
  await expectNoSeriousA11yViolations(page, 'settings with hide codes');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(card(page, GITHUB)).toContainText('••••••');
  await expectNoSeriousA11yViolations(page, 'hidden codes');

  await page.getByRole('button', { name: `Options for ${GITHUB}` }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit account' });
  await dialog.getByLabel('Digits').fill('8');
  await dialog.getByLabel('Period (seconds)').fill('x');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Period (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page, 'edit dialog with an error');
  await dialog.getByLabel('Period (seconds)').fill('30');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Change how codes are made?' })).toContainText('You changed the number of digits.');
  await expectNoSeriousA11yViolations(page, 'edit confirmation');
});
