/**
 * Adding accounts in WebKit (issue 14): by a pasted otpauth:// link and by a
 * typed secret key, each showing the right code, and both still there after
 * a reload.
 */
import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../shared/otp';
import { accountCount, card, expectCardShowsCode, GITHUB, GITHUB_NAME, GITHUB_URI, openAddScreen } from './support/steps';
import { openApp } from './support/webkit-app';

/** A second account, typed in by hand as a bank shows its key: lower case, in groups. */
const BANK = { issuer: 'Zephyrbank', label: 'quillon', typedSecret: 'krug kidr-ovuw g2za mjzg 653o ebtg 66ba' };
const BANK_NAME = 'Zephyrbank (quillon)';
const BANK_ACCOUNT = parseOtpauthUri(`otpauth://totp/Zephyrbank:quillon?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA`);

describe('adding an account in WebKit', () => {
  it('adds one from a pasted link and one from a typed key, with the right codes, kept after a reload', async () => {
    const app = await openApp();
    await app.getByRole('heading', 'No accounts yet');

    let dialog = await openAddScreen(app);
    await app.click(app.getByRole('tab', 'Paste a link', { within: dialog }));
    await app.fill(app.getByRole('textbox', 'otpauth:// link', { within: dialog }), GITHUB_URI);
    await app.click(app.getByRole('button', 'Add account', { within: dialog }));
    await app.getByRoleWithText('status', `Added ${GITHUB_NAME}`, { within: dialog });
    await app.click(app.getByRole('button', 'Done', { within: dialog }));
    await app.waitUntilGone('dialog', 'Add account');
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);

    dialog = await openAddScreen(app);
    await app.click(app.getByRole('tab', 'Enter the key', { within: dialog }));
    await app.fill(app.getByRole('textbox', 'Service', { within: dialog }), BANK.issuer);
    await app.fill(app.getByRole('textbox', 'Account name', { within: dialog }), BANK.label);
    await app.fill(app.getByRole('textbox', 'Secret key', { within: dialog }), BANK.typedSecret);
    await app.click(app.getByRole('button', 'Add account', { within: dialog }));
    await app.getByRoleWithText('status', `Added ${BANK_NAME}`, { within: dialog });
    await app.click(app.getByRole('button', 'Done', { within: dialog }));
    await expectCardShowsCode(app, BANK_NAME, BANK_ACCOUNT);
    expect(await accountCount(app)).toBe(2);

    await app.reload();
    await card(app, GITHUB_NAME);
    expect(await accountCount(app)).toBe(2);
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);
    await expectCardShowsCode(app, BANK_NAME, BANK_ACCOUNT);
  });
});
