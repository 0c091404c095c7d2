/** Adding an account from a picture of its QR code: picked, dropped or pasted (issue 4). */
import type { Page } from '@playwright/test';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import {
  closeAndExpectAccounts,
  encodePng,
  expectAccountShowsCode,
  expectedCode,
  FIXED_TIME,
  GITHUB_NAME,
  GITHUB_URI,
  makePicture,
  openAddScreen,
  placeOnCanvas,
} from '../support/add-steps';

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'add-image-'));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FIXED_TIME);
});

/** Writes `bytes` to a file in the test's folder and returns its path. */
async function saveFile(name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Opens "From an image" (the first way without a camera) and picks `path`. */
async function pickImage(page: Page, pwaUrl: string, path: string) {
  const dialog = await openAddScreen(page, pwaUrl);
  await expect(dialog.getByRole('tab', { name: 'From an image' })).toHaveAttribute('aria-selected', 'true');
  await dialog.getByLabel('Choose an image').setInputFiles(path);
  return dialog;
}

/** Sends a file to the page as a paste (`paste`) or a drop (`drop`), as the browser would. */
async function deliverFile(page: Page, how: 'paste' | 'drop', png: Buffer): Promise<void> {
  await page.evaluate(
    ([how, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'Screenshot.png', { type: 'image/png' }));
      const target = document.querySelector('dialog[open]')!;
      if (how === 'paste') {
        document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      } else {
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    [how, png.toString('base64')] as const,
  );
}

test('a picture of the QR code adds the account, which shows its code', async ({ page, pwaUrl }) => {
  const dialog = await pickImage(page, pwaUrl, await saveFile('github.png', encodePng(makePicture({ text: GITHUB_URI }))));
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
});

test('a desktop screenshot with a small QR code in a corner adds the account', async ({ page, pwaUrl }) => {
  // The code's card is 160 of 1080 lines: too small for a whole-picture search.
  const small = makePicture({ text: GITHUB_URI, width: 640, height: 480 });
  const screenshot = placeOnCanvas(small, 1920, 1080, 1200, 520);
  const dialog = await pickImage(page, pwaUrl, await saveFile('desktop.png', encodePng(screenshot)));
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 20_000 });
});

for (const how of ['paste', 'drop'] as const) {
  test(`a screenshot ${how === 'paste' ? 'pasted from the clipboard' : 'dropped on the screen'} adds the account`, async ({ page, pwaUrl }) => {
    const dialog = await openAddScreen(page, pwaUrl);
    // From any way: the picture takes the screen to "From an image".
    await dialog.getByRole('tab', { name: 'Enter the key' }).click();
    await deliverFile(page, how, encodePng(makePicture({ text: GITHUB_URI })));
    await expect(dialog.getByRole('tab', { name: 'From an image' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
  });
}

for (const [fault, file, message] of [
  ['no QR code', () => encodePng(makePicture({ text: '', variant: 'none' })), 'No QR code found in this image.'],
  ['a QR code of a web link', () => encodePng(makePicture({ text: 'https://example.com/menu' })), 'This QR code holds a web address, not an authenticator account.'],
  ['a QR code of a Wi-Fi network', () => encodePng(makePicture({ text: 'WIFI:T:WPA;S:home;P:tr0ub4dor-and-3;;' })), 'This QR code holds Wi-Fi network details, not an authenticator account.'],
  ['an authenticator code with 12 digits', () => encodePng(makePicture({ text: `${GITHUB_URI}&digits=12` })), 'The digits setting "12" is not allowed'],
  ['no picture at all', () => 'This is a text file, not a picture.', 'This file could not be opened as an image.'],
] as const) {
  test(`a file with ${fault} says so and saves nothing`, async ({ page, pwaUrl }) => {
    const dialog = await pickImage(page, pwaUrl, await saveFile(`${fault.replace(/\W+/g, '-')}.png`, file()));
    await expect(dialog.getByRole('alert')).toContainText(message, { timeout: 15_000 });
    await expect(dialog.getByLabel('Choose an image')).toHaveAttribute('aria-invalid', 'true');
    // What a code that is not an authenticator code holds is never repeated (a Wi-Fi password, a link).
    expect(await page.content()).not.toMatch(/tr0ub4dor|example\.com\/menu/);
    await expectNoSeriousA11yViolations(page);
    await closeAndExpectAccounts(page, 0);
  });
}

test('a second picture of the same account asks, and "Keep both" keeps both', async ({ page, pwaUrl }) => {
  const path = await saveFile('twice.png', encodePng(makePicture({ text: GITHUB_URI })));
  const dialog = await pickImage(page, pwaUrl, path);
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Add another' }).click();
  await dialog.getByLabel('Choose an image').setInputFiles(path);
  await expect(dialog.getByRole('alert')).toContainText(`${GITHUB_NAME} is already in your list.`, { timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible();
  await closeAndExpectAccounts(page, 2);
});

test('the image screen has no serious accessibility violations', async ({ page, pwaUrl }) => {
  await openAddScreen(page, pwaUrl);
  await expectNoSeriousA11yViolations(page);
});
