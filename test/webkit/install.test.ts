/**
 * Installing on an iPhone (issue 14): iOS Safari has no install prompt, so
 * the app shows the "Add to Home Screen" steps instead of an "Install app"
 * button that could never work. The session's WebKit sends an iPhone's
 * Safari user agent, which is all the app can tell an iPhone by.
 */
import { describe, expect, it } from 'vitest';
import { openApp } from './support/webkit-app';

/** Safari on an iPhone with iOS 18. */
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

describe('installing on an iPhone', () => {
  it('shows the Add to Home Screen steps, and Not now puts them away for good', async () => {
    const app = await openApp(undefined, { userAgent: IPHONE_SAFARI });
    expect(await app.run('return navigator.userAgent')).toBe(IPHONE_SAFARI);

    const tip = await app.getByRole('complementary', 'Install Authenticator');
    await app.waitForText(tip, 'To add it to your Home Screen in Safari:');
    await app.waitForText(tip, 'Tap Share in the toolbar.');
    await app.waitForText(tip, 'Choose Add to Home Screen.');
    expect(await app.isShown('button', 'Install app')).toBe(false);

    await app.click(app.getByRole('button', 'Not now', { within: tip }));
    await app.waitUntilGone('complementary', 'Install Authenticator');
    await app.reload();
    await app.getByRole('heading', 'No accounts yet');
    expect(await app.isShown('complementary', 'Install Authenticator')).toBe(false);
  });

  it('is not offered as iPhone steps to WebKit on a desktop', async () => {
    const app = await openApp();
    await app.getByRole('heading', 'No accounts yet');
    expect(await app.isShown('complementary', 'Install Authenticator')).toBe(false);
    expect(await app.isShown('button', 'Install app')).toBe(false);
  });
});
