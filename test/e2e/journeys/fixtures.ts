/**
 * Journeys across both products: a desktop browser running the portal
 * extension and a phone browser running the authenticator PWA, in separate
 * Chromium processes. Nothing passes from one to the other except pixels (the
 * phone's fake camera films a screenshot of the QR code the desktop shows) and
 * what a person types (a key read off the screen, a code read off the phone).
 *
 *   import { test, expect } from './fixtures';
 *   import { DEMO, enterCode, openProfile, signIn } from '../support/portal-steps';
 *
 *   test('Alice scans her QR code and confirms with the phone's code', async ({ portal, phone }) => {
 *     const page = await portal.open();
 *     await signIn(page, DEMO.alice.email, DEMO.alice.password);
 *     await openProfile(page, DEMO.alice.email);
 *     await phone.scan(page.getByRole('img', { name: `QR code for ${DEMO.alice.email}` }));
 *     await page.getByLabel('MFA Enabled').check();
 *     await page.getByRole('button', { name: 'Update Profile' }).click();
 *     await enterCode(page, await phone.readCode(DEMO.alice.email));
 *     await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
 *   });
 *
 * Fixtures:
 * - `portal`: the desktop, as in ../fixtures.ts (`portal.open()`,
 *   `portal.context`, `portal.url()`), on the shared `clock`.
 * - `phone`: a Pixel 7-sized, touch phone with the PWA (see {@link Phone}).
 *   Launched on first use; keeps its accounts (a browser profile) until the
 *   test ends.
 * - `newPhone()`: another phone (a replacement for a lost one, a second person's).
 * - `clock`: the time both devices agree on, as two devices set by the network
 *   do. It stands still, so a code does not change under the test's feet;
 *   `clock.advance(30_000)` moves every device on ("half a minute later").
 * - `pwaUrl`: where the PWA is served (from ../fixtures.ts).
 *
 * Why the clock stands still near the real time: codes change every 30
 * seconds, so both sides must agree on the step, and neither may move on
 * between "read the code" and "type it". The portal's Link to QR window is
 * opened by `windows.create`, which Playwright's clock may not reach; it then
 * runs on the real time, and checks the session made on the fixed time, which
 * must therefore be near the real one (sessions last 12 hours).
 */
import { chromium, devices, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, launchPortal, type PortalFixture } from '../fixtures';
import { decodePng, fakeCameraArgs } from '../support/add-steps';
import { chromiumPath, QUIET_ARGS } from '../support/chromium';
import { cameraVideo } from './camera';

/** The time every device of a journey keeps. */
export interface SharedClock {
  /** The devices' time now, in milliseconds since the epoch (a phone adds its own skew). */
  now(): number;
  /** Moves every device's clock on by `ms`. */
  advance(ms: number): Promise<void>;
  /** Keeps a device on this clock: calls `setTime` now and on every move. */
  follow(setTime: (time: number) => Promise<void>): Promise<void>;
}

/** A TOTP step, in milliseconds. */
const STEP_MS = 30_000;

/**
 * The journeys' start: 10 s into the step before the current real one, so it
 * is never ahead of the real time and never more than a minute behind it.
 */
function startTime(): number {
  return Math.floor(Date.now() / STEP_MS) * STEP_MS - STEP_MS + 10_000;
}

function createSharedClock(): SharedClock {
  let time = startTime();
  const devices: Array<(time: number) => Promise<void>> = [];
  return {
    now: () => time,
    async advance(ms) {
      time += ms;
      for (const setTime of devices) await setTime(time);
    },
    async follow(setTime) {
      devices.push(setTime);
      await setTime(time);
    },
  };
}

/** What a person types into the phone's "Enter the key" form. */
export interface TypedKey {
  /** The service, as the person names it ("Acme MSP"). */
  issuer: string;
  /** The account name ("alice@acme.example"). */
  account: string;
  /** The secret key as shown on the desktop (spaces are fine). */
  secret: string;
}

const { defaultBrowserType: _, ...PIXEL_7 } = devices['Pixel 7'];
/** Scans so far in this worker, to name the videos and the report's camera pictures. */
let scans = 0;

/**
 * A phone with the authenticator PWA. Each `scan` points its camera at a new
 * picture, which for Chromium's fake camera means a new browser launch; the
 * browser profile (the app's accounts, its service worker) stays, as on a real
 * phone.
 */
export class Phone {
  #context: BrowserContext | undefined;
  #page: Page | undefined;
  #offset = 0;
  /** The phone's time when the app last drew its codes. */
  #drawnAt: number | undefined;

  private constructor(
    private readonly pwaUrl: string,
    private readonly clock: SharedClock,
    private readonly folder: string,
  ) {}

  /** A new phone on `clock`, with nothing in it yet. Tests use the `phone` and `newPhone` fixtures instead. */
  static async create(pwaUrl: string, clock: SharedClock): Promise<Phone> {
    const phone = new Phone(pwaUrl, clock, await mkdtemp(join(tmpdir(), 'journey-phone-')));
    await clock.follow(() => phone.#applyTime());
    return phone;
  }

  /** The app's page, once the phone is on (`open`, `scan` or `typeKey`). */
  get page(): Page {
    if (!this.#page) throw new Error('The phone is off: call phone.open(), phone.scan() or phone.typeKey() first.');
    return this.#page;
  }

  /** The phone's own time: the shared clock plus its skew. */
  now(): number {
    return this.clock.now() + this.#offset;
  }

  /** Turns the phone on (if it is not) and shows the app's list of codes. */
  async open(): Promise<Page> {
    if (!this.#page) await this.launch();
    await this.showCodes();
    return this.page;
  }

  /**
   * Points the camera at `qr` and adds the account it holds: a locator of a
   * QR code on the desktop (photographed with a margin of the page around it)
   * or a screenshot already taken (PNG). Opens Add account → Scan QR code,
   * waits for "Added …", presses Done; returns the name the app gives the
   * account, e.g. "Acme MSP (alice@acme.example)". `options.whenAdded` runs
   * while the add screen still shows "Added …" (to take a screenshot, say).
   */
  async scan(qr: Locator | Buffer, options: { whenAdded?(page: Page): Promise<void> } = {}): Promise<string> {
    const png = Buffer.isBuffer(qr) ? qr : await photograph(qr);
    // In the report, what the camera was shown: the first thing to look at when a scan fails.
    await base.info().attach(`phone camera ${scans + 1}`, { body: png, contentType: 'image/png' });
    const video = join(this.folder, `camera-${++scans}.y4m`);
    await writeFile(video, cameraVideo(decodePng(png)));
    await this.launch(video);
    const dialog = await this.openAddScreen();
    const scanTab = dialog.getByRole('tab', { name: 'Scan QR code' });
    if ((await scanTab.getAttribute('aria-selected')) !== 'true') await scanTab.click();
    return this.confirmAdded(dialog, 20_000, options.whenAdded);
  }

  /** Adds an account through "Enter the key", typing as a person does; returns the app's name for it. */
  async typeKey({ issuer, account, secret }: TypedKey): Promise<string> {
    if (!this.#page) await this.launch();
    const dialog = await this.openAddScreen();
    await dialog.getByRole('tab', { name: 'Enter the key' }).click();
    await dialog.getByRole('textbox', { name: 'Service' }).fill(issuer);
    await dialog.getByRole('textbox', { name: 'Account name' }).fill(account);
    await dialog.getByRole('textbox', { name: 'Secret key' }).pressSequentially(secret);
    await dialog.getByRole('button', { name: 'Add account', exact: true }).click();
    return this.confirmAdded(dialog, 10_000);
  }

  /**
   * The code the phone shows now for the account whose name contains
   * `account` (an email will do): the large grouped digits on its card ("123
   * 456"), checked against what a screen reader says ("Code 1 2 3 4 5 6").
   */
  async readCode(account: string): Promise<string> {
    await this.open();
    const card = this.page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: account });
    // The current code comes first; in a step's last 5 seconds the next one shows after it.
    const digits = card.getByText(/^\d{3,5}( \d{3,5})+$/).first();
    await expect(digits).toBeVisible();
    // Read until it is a code: at a step's boundary the card is redrawn, and a read then can come back empty.
    let code = '';
    await expect.poll(async () => (code = (await digits.innerText()).replace(/\s/g, ''))).toMatch(/^\d{6,10}$/);
    await expect(card.getByText(`Code ${code.split('').join(' ')}`, { exact: true }), 'a screen reader hears the same code').toBeAttached();
    return code;
  }

  /**
   * Sets the phone's clock `ms` off the shared time (negative: behind), as a
   * phone whose time is set by hand drifts. Codes read after this are the
   * skewed phone's.
   */
  async setClockOffset(ms: number): Promise<void> {
    this.#offset = ms;
    await this.#applyTime();
  }

  /** Sets the browser's clock to the phone's time. */
  async #applyTime(): Promise<void> {
    if (this.#context) await this.#context.clock.setFixedTime(this.now());
  }

  /** Switches the phone off and forgets it (the fixtures do this at the end of the test). */
  async close(): Promise<void> {
    await this.#context?.close();
    this.#context = undefined;
    this.#page = undefined;
    await rm(this.folder, { recursive: true, force: true });
  }

  /** Starts the phone's browser on its profile, with `video` as its camera, and opens the app. */
  private async launch(video?: string): Promise<void> {
    await this.#context?.close();
    this.#context = await chromium.launchPersistentContext(join(this.folder, 'profile'), {
      ...PIXEL_7,
      executablePath: chromiumPath(),
      headless: true,
      args: [...QUIET_ARGS, ...(video ? fakeCameraArgs(video) : [])],
    });
    await this.#context.clock.setFixedTime(this.now());
    this.#page = this.#context.pages()[0] ?? (await this.#context.newPage());
    await this.#page.goto(this.pwaUrl);
    this.#drawnAt = this.now();
    await expect(this.#page.getByRole('button', { name: 'Add account' })).toBeVisible({ timeout: 20_000 });
  }

  /** Brings the app to the front; if the phone's time moved since it drew its codes, it opens afresh and draws them again. */
  private async showCodes(): Promise<void> {
    if (this.#drawnAt !== this.now()) {
      await this.page.reload();
      this.#drawnAt = this.now();
    }
    await expect(this.page.getByRole('button', { name: 'Add account' })).toBeVisible({ timeout: 20_000 });
  }

  private async openAddScreen(): Promise<Locator> {
    await this.showCodes();
    await this.page.getByRole('button', { name: 'Add account' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add account' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Waits for "Added …" in the add screen, presses Done, returns the account's name. */
  private async confirmAdded(dialog: Locator, timeout: number, whenAdded?: (page: Page) => Promise<void>): Promise<string> {
    const added = dialog.getByRole('status').filter({ hasText: 'Added ' });
    await expect(added).toBeVisible({ timeout });
    const name = (await added.getByText(/Added /).first().innerText()).replace(/^[^A]*Added\s+/, '').trim();
    await whenAdded?.(this.page);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    return name;
  }
}

/**
 * A screenshot of `qr` as a phone held up to the screen frames it: the code
 * and a margin of the page around it, clipped to the window.
 */
export async function photograph(qr: Locator, margin = 40): Promise<Buffer> {
  const page = qr.page();
  await expect(qr).toBeVisible();
  // In the middle of the window, as a person scrolls it, clear of a sticky top bar.
  await qr.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
  const box = (await qr.boundingBox())!;
  const view = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const clip = {
    x,
    y,
    width: Math.min(view.width, Math.ceil(box.x + box.width + margin)) - x,
    height: Math.min(view.height, Math.ceil(box.y + box.height + margin)) - y,
  };
  return page.screenshot({ clip, animations: 'disabled' });
}

/** The journey fixtures; see the top of this file. */
export const test = base.extend<{ clock: SharedClock; portal: PortalFixture; phone: Phone; newPhone: () => Promise<Phone> }>({
  clock: async ({}, use) => {
    await use(createSharedClock());
  },
  portal: async ({ clock }, use) => {
    const portal = await launchPortal();
    await clock.follow((time) => portal.context.clock.setFixedTime(time));
    await use(portal);
    await portal.close();
  },
  newPhone: async ({ pwaUrl, clock }, use) => {
    const phones: Phone[] = [];
    await use(async () => {
      const phone = await Phone.create(pwaUrl, clock);
      phones.push(phone);
      return phone;
    });
    for (const phone of phones) await phone.close();
  },
  phone: async ({ newPhone }, use) => {
    await use(await newPhone());
  },
});

export { expect };
