/**
 * Account icons (issue 12), on a phone: the service's logo matched from the
 * issuer (hidden from screen readers, whose card name is read already), an
 * icon picked from the set, an image of one's own, back to the letter, axe
 * on the picker, and a matched icon still shown offline.
 */
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { siGithub, siGitlab } from 'simple-icons';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { card, openWithAccounts } from '../support/vault-steps';
import { waitUntilControlled } from '../support/service-worker';

const GITHUB = 'GitHub (alice@example.com)';

/** The card's avatar, as drawn (it is aria-hidden, so it is found by its class). */
function avatar(page: Page, name: string): Locator {
  return card(page, name).locator('.card__avatar');
}

/** A solid-colour PNG of `size`×`size` pixels, made here so the test needs no fixture file. */
function png(size: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0xd0, 0x30, 0x60]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

async function openIconPicker(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `Options for ${name}` }).click();
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Change icon' }).click();
  const picker = page.getByRole('dialog', { name: `Icon for ${name}` });
  await expect(picker).toBeVisible();
  return picker;
}

test('a GitHub account shows the GitHub logo, hidden from screen readers', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [
    { issuer: 'GitHub', label: 'alice@example.com' },
    { issuer: 'Acme Reseller Portal', label: 'owner' },
  ]);

  await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGithub.path);
  // An issuer the set does not know keeps its letter.
  await expect(avatar(page, 'Acme Reseller Portal (owner)')).toHaveText('A');
  // The logo adds nothing to what a screen reader reads: the card is still just its name and code.
  await expect(avatar(page, GITHUB)).toHaveAttribute('aria-hidden', 'true');
  await expect(card(page, GITHUB).getByRole('img')).toHaveCount(0);
  expect(await card(page, GITHUB).ariaSnapshot()).not.toMatch(/img|svg|GitHub logo/i);
});

test('picks another icon from the set, then goes back to the letter and to automatic', async ({ page, pwaUrl }) => {
  // A second account whose logo shows once the set has loaded, so "still a letter" is not read too early.
  await openWithAccounts(page, pwaUrl, [
    { issuer: 'GitHub', label: 'alice@example.com' },
    { issuer: 'GitLab', label: 'bob' },
  ]);
  await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGithub.path);

  const picker = await openIconPicker(page, GITHUB);
  await picker.getByRole('searchbox', { name: 'Search icons' }).fill('gitlab');
  await picker.getByRole('list', { name: 'Icons' }).getByRole('button', { name: 'GitLab', exact: true }).click();
  await expect(picker).toBeHidden();
  await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGitlab.path);

  await page.reload();
  await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGitlab.path);

  await (await openIconPicker(page, GITHUB)).getByRole('button', { name: 'Letter' }).click();
  await expect(avatar(page, GITHUB)).toHaveText('G');
  await expect(avatar(page, GITHUB).locator('path')).toHaveCount(0);
  await page.reload();
  await expect(avatar(page, 'GitLab (bob)').locator('path')).toHaveAttribute('d', siGitlab.path);
  await expect(avatar(page, GITHUB)).toHaveText('G');

  await (await openIconPicker(page, GITHUB)).getByRole('button', { name: /^Automatic/ }).click();
  await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGithub.path);
});

test('picks the icon from the set with the keyboard only', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
  const picker = await openIconPicker(page, GITHUB);
  const search = picker.getByRole('searchbox', { name: 'Search icons' });
  await expect(search).toBeFocused();
  await search.fill('gitl');
  const grid = picker.getByRole('list', { name: 'Icons' });
  await grid.getByRole('button').first().focus();
  await page.keyboard.press('ArrowRight');
  const second = await grid.getByRole('button').nth(1).innerText();
  await expect(grid.getByRole('button', { name: second, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(page.getByText('Icon changed')).toBeVisible();

  // The picker shows the keyboard's choice as the one chosen.
  const again = await openIconPicker(page, GITHUB);
  await again.getByRole('searchbox', { name: 'Search icons' }).fill('gitl');
  await expect(again.getByRole('list', { name: 'Icons' }).getByRole('button', { name: second, exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('an image of your own is resized, kept after a reload; a non-image or a huge file is refused', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [{ issuer: 'Intranet', label: 'alice' }]);
  const name = 'Intranet (alice)';

  let picker = await openIconPicker(page, name);
  await picker.getByLabel('Your own image…').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(picker.getByRole('alert')).toHaveText(/not an image this app can read/);
  await expect(picker.getByLabel('Your own image…')).toHaveAttribute('aria-invalid', 'true');
  await expect(avatar(page, name)).toHaveText('I');
  await picker.getByLabel('Your own image…').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await expect(picker.getByRole('alert')).toHaveText(/larger than 10 MB/);

  await picker.getByLabel('Your own image…').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(400) });
  await expect(picker).toBeHidden();
  const image = avatar(page, name).locator('img');
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([96, 96]);

  await page.reload();
  await expect(avatar(page, name).locator('img')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => avatar(page, name).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  await expect(card(page, name).getByRole('img')).toHaveCount(0);

  picker = await openIconPicker(page, name);
  await picker.getByRole('button', { name: 'Letter' }).click();
  await expect(avatar(page, name)).toHaveText('I');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the icon picker has no serious accessibility violations (${colorScheme})`, async ({ page, pwaUrl }) => {
    await page.emulateMedia({ colorScheme });
    await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
    const picker = await openIconPicker(page, GITHUB);
    await expect(picker.getByRole('list', { name: 'Icons' }).getByRole('button', { name: 'GitHub', exact: true }).locator('svg')).toBeVisible();
    await expectNoSeriousA11yViolations(page, `icon picker (${colorScheme})`);
  });
}

test.describe('offline', () => {
  // The phone project blocks the service worker; this test needs it.
  test.use({ serviceWorkers: 'allow' });

  test('a matched icon still shows after going offline and reloading', async ({ page, context, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
    await waitUntilControlled(page);
    // Shown once while the service worker controls the page, so its chunk is cached.
    await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGithub.path);

    await context.setOffline(true);
    try {
      await page.reload();
      await expect(avatar(page, GITHUB).locator('path')).toHaveAttribute('d', siGithub.path);
    } finally {
      await context.setOffline(false);
    }
  });
});
