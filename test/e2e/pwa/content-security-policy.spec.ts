/**
 * The PWA's Content Security Policy (issue 11, 12a): delivered by our server as a
 * header and by the page itself as a <meta> tag, it refuses injected script, and
 * the app's own paths (adding, codes, the lock's WebAssembly, import, the QR
 * decoder's worker, the service worker) run under it without a single violation.
 */
import { chromium, devices, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../../pwa/content-security-policy.js';
import { test, expect } from '../fixtures';
import { chromiumPath, QUIET_ARGS } from '../support/chromium';
import { waitUntilActivated } from '../support/service-worker';
import {
  encodePng,
  expectAccountShowsCode,
  expectedCode,
  fakeCameraArgs,
  FIXED_TIME,
  GITHUB_NAME,
  GITHUB_URI,
  makePicture,
  openAddScreen,
  writeY4m,
} from '../support/add-steps';
import { openSettings, turnOnLock } from '../support/vault-steps';

// This spec tests the service worker: allow it (the phone project blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

/** A second account, for the picture and the camera. */
const GITLAB_URI = 'otpauth://totp/GitLab:bob%40example.com?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=GitLab';
const GITLAB_NAME = 'GitLab (bob@example.com)';
/** A third, for the import. */
const MICROSOFT_URI = 'otpauth://totp/Microsoft:carol%40example.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Microsoft';
const MICROSOFT_NAME = 'Microsoft (carol@example.com)';

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csp-'));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Records, from the next navigation on, every CSP violation the page reports
 * (`securitypolicyviolation`), every console error and every uncaught error.
 * Returns the list, which fills as the test goes.
 */
async function recordProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}

/** Makes the page's server send no CSP header, as a static host that cannot set headers. */
async function dropCspHeader(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
}

test('our server sends the policy as a header, and the page carries it as a meta tag', async ({ page, pwaUrl }) => {
  const response = await page.goto(pwaUrl);

  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy());
  expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', contentSecurityPolicy({ meta: true }));
  // The meta copy comes first in <head>, so it governs every script and stylesheet after it.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
});

/** Ways an attacker who got text into the page would try to run it, and the directive that refuses each. */
const INJECTIONS: ReadonlyArray<{ name: string; directive: string; inject: () => void | Promise<unknown> }> = [
  {
    name: 'an inline <script>',
    directive: 'script-src-elem inline',
    inject: () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    },
  },
  {
    name: 'an inline event handler',
    directive: 'script-src-attr inline',
    inject: () => {
      const element = document.createElement('div');
      element.setAttribute('onclick', 'window.injected = true');
      document.body.append(element);
      element.click();
    },
  },
  {
    // Page code's eval, new Function and string timers share one check; DevTools' own evaluation
    // (page.evaluate) is exempt from it, so the string goes through a timer.
    name: 'a string evaluated as code',
    directive: 'script-src eval',
    inject: () => {
      setTimeout('window.injected = true', 0);
    },
  },
  {
    name: 'a script from a data: URL',
    directive: 'script-src-elem data',
    inject: () => {
      const url = 'data:text/javascript,window.injected=true';
      return import(url).catch(() => undefined);
    },
  },
];

for (const delivery of ['the header and the meta tag', 'the meta tag alone (a static host)'] as const) {
  for (const { name, directive, inject } of INJECTIONS) {
    test(`with ${delivery}, ${name} is refused`, async ({ page, pwaUrl }) => {
      if (delivery !== 'the header and the meta tag') await dropCspHeader(page);
      const problems = await recordProblems(page);
      const response = await page.goto(pwaUrl);
      expect(response?.headers()['content-security-policy'] === undefined).toBe(delivery !== 'the header and the meta tag');
      await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();

      await page.evaluate(inject);

      await expect.poll(() => problems.some((problem) => problem.startsWith(`violation: ${directive}`))).toBe(true);
      expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    });
  }
}

test('another site cannot frame the app', async ({ page, pwaUrl }) => {
  const refusal = page.waitForEvent('console', (message) => message.text().includes("frame-ancestors 'none'"));
  await page.setContent(`<iframe src="${pwaUrl}" title="framed"></iframe>`);
  await refusal;
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Authenticator' })).toHaveCount(0);
});

test('the app works under the policy without a single violation', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(FIXED_TIME);
  const problems = await recordProblems(page);

  // Adding by link shows the account's code.
  let dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await dialog.getByRole('textbox', { name: 'otpauth:// link' }).fill(GITHUB_URI);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));

  // A picture of a QR code: shown from a blob: URL, read by the decoder's worker.
  const picture = join(dir, 'gitlab.png');
  await writeFile(picture, encodePng(makePicture({ text: GITLAB_URI })));
  await page.getByRole('button', { name: 'Add account' }).click();
  dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('tab', { name: 'From an image' }).click();
  const worker = page.waitForEvent('worker');
  await dialog.getByLabel('Choose an image').setInputFiles(picture);
  expect((await worker).url()).toMatch(/decode\.worker-[\w-]+\.js$/);
  await expect(dialog.getByText(`Added ${GITLAB_NAME}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITLAB_NAME, expectedCode(GITLAB_URI));

  // The passphrase lock derives its key with Argon2id in WebAssembly ('wasm-unsafe-eval').
  await turnOnLock(page);

  // An import, read in its own worker (which gets the policy from its own response).
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const importing = page.getByRole('dialog', { name: 'Import accounts' });
  const importWorker = page.waitForEvent('worker', (started) => /import\.worker-[\w-]+\.js$/.test(started.url()));
  await importing.getByLabel('Choose a file').setInputFiles({ name: 'accounts.txt', mimeType: 'text/plain', buffer: Buffer.from(`${MICROSOFT_URI}\n`) });
  await importWorker;
  await importing.getByRole('button', { name: 'Import 1 account' }).click();
  await importing.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, MICROSOFT_NAME, expectedCode(MICROSOFT_URI));

  // The service worker, whose script gets the policy from its own response, installs and takes over.
  await waitUntilActivated(page);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.active?.scriptURL))).toMatch(/sw\.js$/);

  expect(problems).toEqual([]);
});

test('the camera scanner loads its worker and reads a code without a violation', async ({ pwaUrl }) => {
  const video = join(dir, 'gitlab.y4m');
  await writeY4m(video, makePicture({ text: GITLAB_URI }));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...QUIET_ARGS, ...fakeCameraArgs(video)] });
  try {
    const { defaultBrowserType: _, ...pixel7 } = devices['Pixel 7'];
    const page = await (await browser.newContext({ ...pixel7, hasTouch: true })).newPage();
    await page.clock.setFixedTime(FIXED_TIME);
    const problems = await recordProblems(page);

    const worker = page.waitForEvent('worker');
    const dialog = await openAddScreen(page, pwaUrl);
    await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
    expect((await worker).url()).toMatch(/decode\.worker-[\w-]+\.js$/);
    await expect(dialog.getByText(`Added ${GITLAB_NAME}`)).toBeVisible({ timeout: 20_000 });
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
