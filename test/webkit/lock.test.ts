/**
 * The passphrase lock in WebKit (issue 14): turned on from the first-run
 * offer (Argon2id in WebAssembly at its production cost), asked for after a
 * reload, a wrong passphrase refused, the right one unlocking the codes, and
 * "Lock the app" locking again at once.
 */
import { describe, expect, it } from 'vitest';
import { addByLink, card, expectCardShowsCode, GITHUB, GITHUB_NAME, GITHUB_URI, LOCKED, PASSPHRASE, submitPassphrase, turnOnLock } from './support/steps';
import { openApp, SLOW_WAIT_MS } from './support/webkit-app';

describe('the passphrase lock in WebKit', () => {
  it('is asked for after a reload, refuses a wrong passphrase and unlocks with the right one', async () => {
    const app = await openApp();
    await addByLink(app, GITHUB_URI, GITHUB_NAME);
    await turnOnLock(app);
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);

    await app.reload();
    await app.getByRole('heading', LOCKED);
    expect(await app.isShown('list', 'Accounts')).toBe(false);
    expect(await app.run('return document.body.textContent')).not.toContain('GitHub');

    await submitPassphrase(app, 'not my passphrase');
    const alert = await app.getByRoleWithText('alert', 'passphrase is not correct', { timeout: SLOW_WAIT_MS });
    expect(await app.attribute(await app.getByLabel('Passphrase'), 'aria-invalid')).toBe('true');
    expect(await app.isShown('heading', LOCKED)).toBe(true);
    expect(await app.textOf(alert)).not.toContain('not my passphrase');

    await submitPassphrase(app, PASSPHRASE);
    await app.waitUntilGone('heading', LOCKED, { timeout: SLOW_WAIT_MS });
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);

    // "Lock the app" in the header locks at once, and nothing of the account stays in the page.
    await app.click(app.getByRole('button', 'Lock the app'));
    await app.getByRole('heading', LOCKED);
    expect(await app.run('return document.body.textContent')).not.toContain('GitHub');
    await submitPassphrase(app, PASSPHRASE);
    await card(app, GITHUB_NAME, SLOW_WAIT_MS);
  });
});
