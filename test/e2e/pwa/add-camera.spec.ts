/**
 * Adding an account with the camera (issue 4): Chromium's fake camera plays a
 * y4m video of a QR code made here, one browser launch per video.
 */
import { chromium, devices, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { chromiumPath, QUIET_ARGS } from '../support/chromium';
import {
  expectAccountCount,
  expectAccountShowsCode,
  expectedCode,
  fakeCameraArgs,
  FIXED_TIME,
  GITHUB_NAME,
  GITHUB_URI,
  makePicture,
  openAddScreen,
  writeY4m,
  type PictureOptions,
} from '../support/add-steps';

const { defaultBrowserType: _, ...pixel7 } = devices['Pixel 7'];

let videoDir: string;
test.beforeAll(async () => {
  videoDir = await mkdtemp(join(tmpdir(), 'add-camera-'));
});
test.afterAll(async () => {
  await rm(videoDir, { recursive: true, force: true });
});

/**
 * Launches Chromium whose camera shows `picture` (or, with `camera: false`,
 * with no camera at all), and opens a phone-sized page in it at a fixed time.
 */
async function launchWithCamera(name: string, picture: PictureOptions | null): Promise<{ browser: Browser; page: Page }> {
  const args = [...QUIET_ARGS];
  if (picture) {
    const video = join(videoDir, `${name}.y4m`);
    await writeY4m(video, makePicture(picture));
    args.push(...fakeCameraArgs(video));
  }
  const browser = await chromium.launch({ executablePath: chromiumPath(), args });
  const context = await browser.newContext({ ...pixel7, hasTouch: true });
  const page = await context.newPage();
  // Counts the frames the page sends to the decode worker, to tell "still scanning" from "stuck".
  await page.addInitScript(() => {
    const counter = window as unknown as { framesDecoded: number };
    counter.framesDecoded = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      counter.framesDecoded++;
      return post.apply(this, args as never);
    } as Worker['postMessage'];
  });
  await page.clock.setFixedTime(FIXED_TIME);
  return { browser, page };
}

/** Frames the page has handed to the decoder so far. */
const framesDecoded = (page: Page) => page.evaluate(() => (window as unknown as { framesDecoded: number }).framesDecoded);

for (const size of [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
]) {
  test(`scanning a QR code at ${size.width}x${size.height} adds the account and shows its code`, async ({ pwaUrl }) => {
    const { browser, page } = await launchWithCamera(`github-${size.width}`, { text: GITHUB_URI, ...size });
    try {
      const dialog = await openAddScreen(page, pwaUrl);
      await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');

      await expect(dialog.getByRole('status').filter({ hasText: `Added ${GITHUB_NAME}` })).toBeVisible({ timeout: 15_000 });
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: 'Done' }).click();

      await expect(dialog).toBeHidden();
      await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
    } finally {
      await browser.close();
    }
  });
}

test('undo removes the account just scanned, and the code held up is not read again', async ({ pwaUrl }) => {
  const { browser, page } = await launchWithCamera('github-undo', { text: GITHUB_URI });
  try {
    const dialog = await openAddScreen(page, pwaUrl);
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await expect(dialog.getByText(`Removed ${GITHUB_NAME}. Nothing was added.`)).toBeVisible();

    // Scanning goes on, but the same code, still in view, does not come back.
    const before = await framesDecoded(page);
    await expect.poll(() => framesDecoded(page)).toBeGreaterThan(before + 5);
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeHidden();

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectAccountCount(page, 0);
  } finally {
    await browser.close();
  }
});

test('scanning an account already in the list asks to keep both or skip', async ({ pwaUrl }) => {
  const { browser, page } = await launchWithCamera('github-duplicate', { text: GITHUB_URI });
  try {
    let dialog = await openAddScreen(page, pwaUrl);
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Add account' }).click();
    dialog = page.getByRole('dialog', { name: 'Add account' });
    await expect(dialog.getByRole('alert')).toContainText(`${GITHUB_NAME} is already in your list.`, { timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Skip' }).click();
    await expect(dialog.getByText(`Skipped ${GITHUB_NAME}. Nothing was added.`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectAccountCount(page, 1);
  } finally {
    await browser.close();
  }
});

test('a video without a QR code adds nothing, and the scanner keeps scanning', async ({ pwaUrl }) => {
  const { browser, page } = await launchWithCamera('no-code', { text: '', variant: 'none' });
  try {
    const dialog = await openAddScreen(page, pwaUrl);
    const status = dialog.getByRole('status').filter({ hasText: 'Looking for a QR code…' });
    await expect(status).toBeVisible({ timeout: 15_000 });

    const before = await framesDecoded(page);
    await expect.poll(() => framesDecoded(page), { timeout: 15_000 }).toBeGreaterThan(before + 20);
    await expect(status).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectAccountCount(page, 0);
  } finally {
    await browser.close();
  }
});

test('a Wi-Fi QR code is reported by its kind, never its password, and scanning goes on', async ({ pwaUrl }) => {
  const wifi = 'WIFI:T:WPA;S:home;P:tr0ub4dor-and-3;;';
  const { browser, page } = await launchWithCamera('wifi', { text: wifi });
  try {
    const dialog = await openAddScreen(page, pwaUrl);
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText(
      'This QR code holds Wi-Fi network details, not an authenticator account. Use the QR code the service shows when you turn on two-factor authentication.',
      { timeout: 15_000 },
    );
    // The password is nowhere on the page, not even for a screen reader.
    expect(await page.locator('body').innerText()).not.toContain('tr0ub4dor');
    expect(await page.content()).not.toContain('tr0ub4dor');
    await expect(dialog.getByRole('status').filter({ hasText: 'Looking for a QR code…' })).toBeVisible();

    await expectNoSeriousA11yViolations(page);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectAccountCount(page, 0);
  } finally {
    await browser.close();
  }
});

test('the camera stops when the page is hidden, starts again when shown, and stops when the scanner closes', async ({ pwaUrl }) => {
  const { browser, page } = await launchWithCamera('lifecycle', { text: '', variant: 'none' });
  try {
    // Keep every camera stream the page opens, to see whether it is still running.
    await page.addInitScript(() => {
      const streams: MediaStream[] = [];
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
      const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints);
        streams.push(stream);
        return stream;
      };
    });
    const liveCameras = () =>
      page.evaluate(() =>
        (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.filter((s) => s.getTracks().some((t) => t.readyState === 'live')).length,
      );
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => value === 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);

    const dialog = await openAddScreen(page, pwaUrl);
    await expect(dialog.getByText('Looking for a QR code…')).toBeVisible({ timeout: 15_000 });
    expect(await liveCameras()).toBe(1);

    await setVisibility('hidden');
    await expect.poll(liveCameras).toBe(0);
    await expect(dialog.getByText('The camera is off while the app is in the background.')).toBeVisible();

    await setVisibility('visible');
    await expect(dialog.getByText('Looking for a QR code…')).toBeVisible();
    await expect.poll(liveCameras).toBe(1);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(liveCameras).toBe(0);
  } finally {
    await browser.close();
  }
});

test('with no camera, the screen says so and offers the other three ways', async ({ pwaUrl }) => {
  const { browser, page } = await launchWithCamera('none', null);
  try {
    const dialog = await openAddScreen(page, pwaUrl);
    // No camera: the screen opens on "From an image".
    await expect(dialog.getByRole('tab', { name: 'From an image' })).toHaveAttribute('aria-selected', 'true');

    await dialog.getByRole('tab', { name: 'Scan QR code' }).click();
    await expect(dialog.getByRole('alert')).toContainText('No camera found');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Paste a link' }).click();
    await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByRole('textbox', { name: 'otpauth:// link' })).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('with the camera refused, the screen says so and offers the other three ways', async ({ pwaUrl }) => {
  const video = join(videoDir, 'refused.y4m');
  await writeY4m(video, makePicture({ text: GITHUB_URI }));
  // A camera, but no automatic "Allow": the headless browser refuses the prompt.
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...QUIET_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await (await browser.newContext({ ...pixel7, hasTouch: true })).newPage();
    const dialog = await openAddScreen(page, pwaUrl);
    await expect(dialog.getByRole('alert')).toContainText('Camera access was refused', { timeout: 15_000 });
    await expectNoSeriousA11yViolations(page);
    for (const way of ['From an image', 'Paste a link', 'Enter the key']) {
      await expect(dialog.getByRole('button', { name: way })).toBeVisible();
    }
    await dialog.getByRole('button', { name: 'Enter the key' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Secret key' })).toBeVisible();
  } finally {
    await browser.close();
  }
});
