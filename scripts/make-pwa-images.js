// Makes the PWA manifest's pictures that are not the app icon (issue 14):
// - the shortcuts' icons (pwa/public/icons/shortcut-*-96.png), drawn from the
//   add screen's own glyphs;
// - the install dialog's screenshots (pwa/public/screenshots/codes-*.png),
//   taken of the built app (dist/pwa) in Chromium, at phone and desktop size,
//   with a few accounts added through "Paste a link" at a fixed time.
// Run by hand after changing what they show: `npm run build:pwa && node scripts/make-pwa-images.js`,
// then `npm run build:pwa` again so dist/pwa carries them.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.js';
import { startStaticServer } from './static-server.js';

const OUT = resolve('pwa/public');
const BRAND = '#0f62fe';

/** The add screen's tab glyphs (pwa/app/add/AddAccountScreen.tsx), 24x24 paths. */
const SHORTCUTS = {
  scan: 'M3 8V4h4M17 4h4v4M21 16v4h-4M7 20H3v-4M7 12h10',
  key: 'M14 10a4 4 0 1 0-3.5 4L9 15.5V18H6.5V20.5H4V18l6-6 M15 7h.01',
};

/** Accounts for the screenshots: made-up secrets, well-known services (their logos are bundled). */
const ACCOUNTS = [
  ['GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'],
  ['Google', 'alice@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['Microsoft', 'alice@outlook.com', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'],
  ['Amazon Web Services', 'alice@acme-msp.example', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
  ['Acme MSP', 'owner@acme-msp.example', 'ONSWG4TFOQQHK4TMEBQXG43XN5ZGIIDP'],
  ['Dropbox', 'alice@example.com', 'NBSWY3DPEB3W64TMMQQHI2DFEB3W64TM'],
];

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const server = await startStaticServer({ root: resolve('dist/pwa') });
try {
  mkdirSync(resolve(OUT, 'icons'), { recursive: true });
  mkdirSync(resolve(OUT, 'screenshots'), { recursive: true });

  // Shortcut icons: a white glyph on the brand colour, in a circle (Android masks shortcut icons round).
  const iconPage = await browser.newPage({ viewport: { width: 96, height: 96 } });
  for (const [name, path] of Object.entries(SHORTCUTS)) {
    await iconPage.setContent(
      `<body style="margin:0"><svg width="96" height="96" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="${BRAND}"/>` +
        `<g transform="translate(5.4 5.4) scale(0.55)"><path d="${path}" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></g></svg></body>`,
    );
    await iconPage.screenshot({ path: resolve(OUT, `icons/shortcut-${name}-96.png`), omitBackground: true });
  }
  await iconPage.close();

  for (const [formFactor, viewport] of [
    ['narrow', { width: 412, height: 892 }],
    ['wide', { width: 1280, height: 800 }],
  ]) {
    const context = await browser.newContext({ viewport, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2025-03-14T15:09:02Z'));
    await page.goto(server.url);
    for (const [issuer, label, secret] of ACCOUNTS) {
      await page.getByRole('button', { name: 'Add account' }).first().click();
      const add = page.getByRole('dialog', { name: 'Add account' });
      await add.getByRole('tab', { name: 'Paste a link' }).click();
      await add.getByRole('textbox', { name: 'otpauth:// link' }).fill(`otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`);
      await add.getByRole('button', { name: 'Add account' }).click();
      await add.getByRole('button', { name: 'Done' }).click();
    }
    // The offers below the list are for the person, not the install dialog.
    for (const name of ['Not now', 'Later']) {
      const button = page.getByRole('button', { name });
      if (await button.isVisible()) await button.click();
    }
    await page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').nth(ACCOUNTS.length - 1).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(OUT, `screenshots/codes-${formFactor}.png`) });
    await context.close();
  }
  console.log('Wrote pwa/public/icons/shortcut-*-96.png and pwa/public/screenshots/codes-*.png.');
} finally {
  await server.close();
  await browser.close();
}
