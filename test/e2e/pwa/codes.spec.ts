/**
 * The list of codes: right codes at fixed times (page.clock), the next code in
 * the last 5 seconds, HOTP counters, copying, search, edit, reorder, delete
 * with undo, reading a code aloud, and a failed write that loses nothing.
 * Accounts are put into IndexedDB as test setup (see support/vault-steps.ts);
 * adding them through the add screen is tested in add-*.spec.ts.
 */
import { generateHotp, generateTotp } from '../../../shared/otp';
import { test, expect } from '../fixtures';
import { card, cardNames, openAt, openWithAccounts, otpAccount, RFC6238_SECRETS, spelled, type SeedAccount } from '../support/vault-steps';

/** A moment 12 s before a 30 s (and 60 s) boundary: 2025-03-14T15:09:48Z. */
const T0 = Date.UTC(2025, 2, 14, 15, 9, 48);

test.describe('codes at fixed times', () => {
  const RFC = (algorithm: 'SHA1' | 'SHA256' | 'SHA512'): SeedAccount => ({
    issuer: `RFC 6238 ${algorithm}`,
    label: '8 digits, 30 s',
    secret: RFC6238_SECRETS[algorithm],
    algorithm,
    digits: 8,
    period: 30,
  });
  const ACCOUNTS: SeedAccount[] = [
    RFC('SHA1'),
    RFC('SHA256'),
    RFC('SHA512'),
    { issuer: 'SHA1', label: '6 digits, 60 s', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 },
    { issuer: 'SHA256', label: '6 digits, 60 s', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', algorithm: 'SHA256', digits: 6, period: 60 },
    { issuer: 'SHA512', label: '8 digits, 60 s', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', algorithm: 'SHA512', digits: 8, period: 60 },
    { issuer: 'SHA512', label: '6 digits, 30 s', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', algorithm: 'SHA512', digits: 6, period: 30 },
  ];

  // RFC 6238 Appendix B: the app must show these exact codes at these times.
  const RFC_VECTORS: Array<{ seconds: number; SHA1: string; SHA256: string; SHA512: string }> = [
    { seconds: 59, SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' },
    { seconds: 1111111109, SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' },
    { seconds: 1234567890, SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' },
    { seconds: 2000000000, SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' },
    { seconds: 20000000000, SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' },
  ];

  test('every account shows the code the test computes, and the RFC 6238 vectors', async ({ page, pwaUrl }) => {
    await page.clock.setFixedTime(RFC_VECTORS[0].seconds * 1000);
    const stored = await openWithAccounts(page, pwaUrl, ACCOUNTS);

    for (const vector of RFC_VECTORS) {
      const now = vector.seconds * 1000;
      await page.clock.setFixedTime(now);
      await page.reload();
      for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
        const item = card(page, `RFC 6238 ${algorithm} (8 digits, 30 s)`);
        await expect(item.getByText(spelled(vector[algorithm]), { exact: true })).toBeAttached();
        // Grouped for the eye: "0708 1804".
        await expect(item).toContainText(`${vector[algorithm].slice(0, 4)} ${vector[algorithm].slice(4)}`);
      }
      for (const account of stored) {
        const expected = generateTotp(account, now);
        const item = card(page, `${account.issuer} (${account.label})`);
        await expect(item.getByText(spelled(expected), { exact: true }), `${account.issuer} ${account.label} at ${vector.seconds}`).toBeAttached();
      }
    }
  });
});

test.describe('the clock', () => {
  test('the next code appears when fewer than 5 seconds remain, and takes over at the boundary', async ({ page, pwaUrl }) => {
    const account = otpAccount({ issuer: 'GitHub', label: 'alice@example.com' });
    const slow = otpAccount({ issuer: 'Slow', label: 'sixty', period: 60, secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' });
    await openAt(page, pwaUrl, [account, slow], T0);
    const github = card(page, 'GitHub (alice@example.com)');
    const sixty = card(page, 'Slow (sixty)');
    const boundary = T0 + 12_000;

    await expect(github.getByText(spelled(generateTotp(account, T0)), { exact: true })).toBeAttached();
    await expect(github.getByText('Next')).toBeHidden();

    // 4.9 s left: the next code shows below the current one.
    await page.clock.runFor(7_100);
    await expect(github.getByText('Next')).toBeVisible();
    await expect(github).toContainText(group(generateTotp(account, boundary)));
    await expect(github.getByText(spelled(generateTotp(account, T0)), { exact: true })).toBeAttached();

    // Past the boundary: the next code is now the current one.
    await page.clock.runFor(5_000);
    await expect(github.getByText(spelled(generateTotp(account, boundary)), { exact: true })).toBeAttached();
    await expect(github.getByText('Next')).toBeHidden();
    // 12:09:48 was 12 s before a minute too; the 60-second account changed at the same moment.
    await expect(sixty.getByText(spelled(generateTotp(slow, boundary)), { exact: true })).toBeAttached();

    // A whole period later, the 30-second account moved on again.
    await page.clock.runFor(30_000);
    await expect(github.getByText(spelled(generateTotp(account, boundary + 30_000)), { exact: true })).toBeAttached();
    await expect(sixty.getByText(spelled(generateTotp(slow, boundary + 30_000)), { exact: true })).toBeAttached();
  });

  test('only cards whose period ticked re-render', async ({ page, pwaUrl }) => {
    const seeds: SeedAccount[] = [
      { issuer: 'Thirty', label: 'a', period: 30 },
      { issuer: 'Sixty', label: 'b', period: 60 },
    ];
    // 2025-03-14T15:09:10Z: 20 s to the 30-second boundary, 50 s to the minute.
    const start = Date.UTC(2025, 2, 14, 15, 9, 10);
    await openAt(page, pwaUrl, seeds, start);
    // Watch the DOM: a card that re-renders changes at least its countdown ring's
    // animation delay (computed at render), so a card with no mutations did not re-render.
    await page.evaluate(() => {
      const w = window as unknown as { changes: string[] };
      w.changes = [];
      new MutationObserver((records) => {
        for (const record of records) {
          const item = (record.target.parentElement ?? (record.target as Element)).closest('[role="listitem"]');
          if (item) w.changes.push(item.getAttribute('aria-label') ?? '');
        }
      }).observe(document.querySelector('[role="list"][aria-label="Accounts"]')!, { subtree: true, characterData: true, childList: true, attributes: true });
    });
    await page.clock.runFor(21_000);
    const changed = await page.evaluate(() => [...new Set((window as unknown as { changes: string[] }).changes)]);
    expect(changed).toContain('Thirty (a)');
    expect(changed).not.toContain('Sixty (b)');
  });
});

test.describe('a thousand accounts', () => {
  test('with 1,000 accounts every card is in the page, and cards off screen are right after boundaries when scrolled to', async ({ page, pwaUrl }) => {
    test.setTimeout(120_000);
    const seeds: SeedAccount[] = Array.from({ length: 1000 }, (_, i) => ({
      issuer: `Service ${i}`,
      label: `user${i}@example.com`,
      // Eight different secrets, each a valid Base32 length (createVaultAccount refuses others).
      secret: `JBSWY3DPEHPK3PXP${'A'.repeat((i % 8) * 8)}`,
      period: i % 10 === 0 ? 60 : 30,
    }));
    const boundary = Date.UTC(2025, 2, 14, 15, 10, 0);
    await openAt(page, pwaUrl, seeds, boundary - 8_000);
    // The "next code" mark, then the boundary, then a whole period later. (How
    // long a boundary's work takes is measured by `npm run bench`, not here.)
    await page.clock.runFor(3_100);
    await page.clock.runFor(5_000);
    await page.clock.runFor(30_000);

    const now = boundary + 30_100;
    for (const index of [999, 500, 10]) {
      const item = card(page, `Service ${index} (user${index}@example.com)`);
      await item.scrollIntoViewIfNeeded();
      await expect(item.getByText(spelled(generateTotp(otpAccount(seeds[index]), now)), { exact: true })).toBeAttached();
    }
    // Every card is in the page (for find-in-page and screen readers), on screen or not.
    const items = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { includeHidden: true });
    await expect(items).toHaveCount(1000);

    // A search narrows the list; clearing it brings every card back (added in idle time as time passes).
    const search = page.getByRole('searchbox', { name: 'Search accounts' });
    await search.fill('user999@');
    await expect(items).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.clock.runFor(5_000);
    await expect(items).toHaveCount(1000);
    const tenth = card(page, 'Service 10 (user10@example.com)');
    await expect(tenth.getByText(spelled(generateTotp(otpAccount(seeds[10]), now + 5_000)), { exact: true })).toBeAttached();
  });
});

test.describe('HOTP', () => {
  test('"Next code" moves the counter on and the counter is stored', async ({ page, pwaUrl }) => {
    // RFC 4226 Appendix D: secret "12345678901234567890", counters 0, 1, 2.
    const hotp = otpAccount({ issuer: 'Bank', label: 'alice', type: 'hotp', secret: RFC6238_SECRETS.SHA1, counter: 0 });
    await openWithAccounts(page, pwaUrl, [hotp]);
    const bank = card(page, 'Bank (alice)');
    await expect(bank.getByText(spelled('755224'), { exact: true })).toBeAttached();
    await expect(bank).toContainText('755 224');

    await bank.getByRole('button', { name: 'Next code' }).click();
    await expect(bank.getByText(spelled('287082'), { exact: true })).toBeAttached();
    await bank.getByRole('button', { name: 'Next code' }).click();
    await expect(bank.getByText(spelled('359152'), { exact: true })).toBeAttached();
    expect(generateHotp(hotp, 2)).toBe('359152');

    // The counter was stored: after a reload the card still shows counter 2's code.
    await page.reload();
    await expect(card(page, 'Bank (alice)').getByText(spelled('359152'), { exact: true })).toBeAttached();
  });
});

test.describe('copying', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a tap copies the code, says "Copied", and the clipboard is cleared after 30 seconds', async ({ page, pwaUrl }) => {
    const account = otpAccount({ issuer: 'GitHub', label: 'alice@example.com' });
    // Early in a step, so the code doesn't change while we look.
    const start = Date.UTC(2025, 2, 14, 15, 9, 31);
    await openAt(page, pwaUrl, [account], start);
    const github = card(page, 'GitHub (alice@example.com)');

    await github.click();
    const code = generateTotp(account, start);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await expect(github.getByText('Copied')).toBeVisible();

    await page.clock.runFor(29_000);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await page.clock.runFor(2_000);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');
  });

  test('Enter on a card copies too, and the clipboard is left alone if the user copied something else', async ({ page, pwaUrl }) => {
    const account = otpAccount({ issuer: 'GitHub', label: 'alice@example.com' });
    const start = Date.UTC(2025, 2, 14, 15, 9, 31);
    await openAt(page, pwaUrl, [account], start);

    await page.getByRole('button', { name: 'Copy code for GitHub (alice@example.com)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(generateTotp(account, start));
    await expect(card(page, 'GitHub (alice@example.com)').getByText('Copied')).toBeVisible();

    await page.evaluate(() => navigator.clipboard.writeText('my notes'));
    await page.clock.runFor(31_000);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('my notes');
  });
});

test.describe('reading a code aloud', () => {
  test('the code is spelt digit by digit and announced only when asked', async ({ page, pwaUrl }) => {
    const account = otpAccount({ issuer: 'GitHub', label: 'alice@example.com' });
    await openAt(page, pwaUrl, [account], T0);
    const github = card(page, 'GitHub (alice@example.com)');
    const code = generateTotp(account, T0);

    // Nothing about the code is inside a live region, so a new code is not announced by itself.
    const live = await github.evaluate((item) => !!item.closest('[aria-live], [role="status"], [role="alert"], [role="log"]'));
    expect(live).toBe(false);
    const announcer = page.locator('[aria-live="polite"]');
    await expect(announcer).toHaveText('');

    // A keyboard or screen reader user reaches "Read code" right after the card.
    await github.getByRole('button', { name: 'Read code' }).focus();
    await expect(github.getByRole('button', { name: 'Read code' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(announcer).toHaveText(`GitHub (alice@example.com): ${code.split('').join(' ')}. 12 seconds left.`);

    // The boundary passes: the card changes, the announcement doesn't.
    await page.clock.runFor(13_000);
    await expect(github.getByText(spelled(generateTotp(account, T0 + 13_000)), { exact: true })).toBeAttached();
    await expect(announcer).toHaveText(`GitHub (alice@example.com): ${code.split('').join(' ')}. 12 seconds left.`);
  });
});

test.describe('managing accounts', () => {
  const SEEDS: SeedAccount[] = [
    { issuer: 'GitHub', label: 'alice@example.com' },
    { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' },
    { issuer: 'Microsoft', label: 'alice@contoso.com', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' },
  ];

  test('search filters by issuer or account name', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const search = page.getByRole('searchbox', { name: 'Search accounts' });

    await search.fill('goo');
    expect(await cardNames(page)).toEqual(['Google (alice.smith@gmail.com)']);
    await search.fill('CONTOSO');
    expect(await cardNames(page)).toEqual(['Microsoft (alice@contoso.com)']);
    await search.fill('alice');
    expect(await cardNames(page)).toHaveLength(3);
    await search.fill('dropbox');
    await expect(page.getByText('No accounts match “dropbox”.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search' }).click();
    expect(await cardNames(page)).toHaveLength(3);
  });

  test('edit renames an account, and the new name is stored', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await card(page, 'GitHub (alice@example.com)').getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();

    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill('GitHub Enterprise');
    await dialog.getByLabel('Account name').fill('alice@acme.example');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, 'GitHub Enterprise (alice@acme.example)')).toBeVisible();

    await page.reload();
    expect(await cardNames(page)).toEqual(['GitHub Enterprise (alice@acme.example)', 'Google (alice.smith@gmail.com)', 'Microsoft (alice@contoso.com)']);
  });

  test('an account needs a name or an issuer', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: 'Options for Google (alice.smith@gmail.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill(' ');
    await dialog.getByLabel('Account name').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The rule moved to shared/vault (renameVaultAccount), with the message of the key form's same rule.
    await expect(dialog.getByRole('alert')).toHaveText(/Enter an account name .* or the service/);
    await expect(dialog.getByLabel('Account name')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Issuer')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page, 'Google (alice.smith@gmail.com)')).toBeVisible();
  });

  test('an edited name over 256 characters is refused, naming the field and its limit', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: 'Options for Google (alice.smith@gmail.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill('G'.repeat(257));
    await dialog.getByRole('button', { name: 'Save' }).click();

    await expect(dialog.getByRole('alert')).toContainText('The issuer (service name) is too long: it may have at most 256 characters.');
    await expect(dialog.getByLabel('Issuer')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Account name')).not.toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', 'Google (alice.smith@gmail.com)', 'Microsoft (alice@contoso.com)']);
  });

  test('an edited name loses its invisible and direction-changing characters', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: 'Options for Google (alice.smith@gmail.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill('\u202Elgoog\u202C Mail');
    await dialog.getByLabel('Account name').fill('alice\u200B.smith@gmail.com');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // The letters as they are ("lgoog"), not as an override would have shown them ("google").
    const edited = card(page, 'lgoog Mail (alice.smith@gmail.com)');
    await expect(edited.getByText('lgoog Mail', { exact: true })).toHaveJSProperty('textContent', 'lgoog Mail');
    await expect(edited.getByText('alice.smith@gmail.com', { exact: true })).toHaveJSProperty('textContent', 'alice.smith@gmail.com');
    // Each name is isolated, so a right-to-left name cannot reorder the text around it.
    await expect(edited.getByText('lgoog Mail', { exact: true })).toHaveAttribute('dir', 'auto');
  });

  test('move up and down reorders, by button and by keyboard, and the order is stored', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    await page.getByRole('button', { name: 'Options for Microsoft (alice@contoso.com)' }).click();
    const sheet = page.getByRole('dialog', { name: 'Microsoft (alice@contoso.com)' });
    await sheet.getByRole('button', { name: 'Move up' }).click();
    await expect(sheet.getByText('Position 2 of 3')).toBeVisible();
    await sheet.getByRole('button', { name: 'Move up' }).click();
    await expect(sheet.getByText('Position 1 of 3')).toBeVisible();
    await expect(sheet.getByRole('button', { name: 'Move up' })).toHaveAttribute('aria-disabled', 'true');
    await sheet.getByRole('button', { name: 'Close' }).click();
    expect(await cardNames(page)).toEqual(['Microsoft (alice@contoso.com)', 'GitHub (alice@example.com)', 'Google (alice.smith@gmail.com)']);

    // Keyboard: Alt+↓ on the focused card; focus stays on it.
    const github = page.getByRole('button', { name: 'Copy code for GitHub (alice@example.com)' });
    await github.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => cardNames(page)).toEqual(['Microsoft (alice@contoso.com)', 'Google (alice.smith@gmail.com)', 'GitHub (alice@example.com)']);
    await expect(github).toBeFocused();
    await expect(page.locator('[aria-live="polite"]')).toHaveText('GitHub (alice@example.com) moved to position 3 of 3.');

    await page.reload();
    expect(await cardNames(page)).toEqual(['Microsoft (alice@contoso.com)', 'Google (alice.smith@gmail.com)', 'GitHub (alice@example.com)']);
  });

  test('delete asks first, and Undo puts the account back where it was', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, SEEDS);
    const google = 'Google (alice.smith@gmail.com)';

    await page.getByRole('button', { name: `Options for ${google}` }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${google}?` });
    await expect(confirm).toContainText('turn off two-step verification at Google');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page, google)).toBeVisible();

    await page.getByRole('button', { name: `Options for ${google}` }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(card(page, google)).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Deleted ${google}` })).toBeVisible();

    // The cards already shown stay in the page while the restored one comes back (focus could be on one).
    const microsoft = await card(page, 'Microsoft (alice@contoso.com)').elementHandle();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(card(page, google)).toBeVisible();
    expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', google, 'Microsoft (alice@contoso.com)']);
    expect(await microsoft!.evaluate((element) => element.isConnected)).toBe(true);
    await page.reload();
    expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', google, 'Microsoft (alice@contoso.com)']);
  });

  test('a deletion not undone within a few seconds stays deleted', async ({ page, pwaUrl }) => {
    await page.clock.install();
    await openWithAccounts(page, pwaUrl, SEEDS);
    const github = page.getByRole('button', { name: 'Copy code for GitHub (alice@example.com)' });
    await github.focus();
    await page.keyboard.press('Delete');
    await page.getByRole('dialog', { name: 'Delete GitHub (alice@example.com)?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    // Focus moves to the next card, not to the top of the page.
    await expect(page.getByRole('button', { name: 'Copy code for Google (alice.smith@gmail.com)' })).toBeFocused();
    await page.clock.runFor(6_000);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden();
    await page.reload();
    expect(await cardNames(page)).toEqual(['Google (alice.smith@gmail.com)', 'Microsoft (alice@contoso.com)']);
  });

  test('a failed write shows why and loses nothing', async ({ page, pwaUrl }) => {
    // Chromium re-reads the quota every few seconds: give it time to see the new one.
    test.setTimeout(120_000);
    await openWithAccounts(page, pwaUrl, SEEDS);
    // Shrink this site's storage quota to 1 byte, as a full disk would, until IndexedDB
    // refuses writes (QuotaExceededError); a throwaway database tells when it does.
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(pwaUrl).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await expect.poll(() => page.evaluate(probeWrite), { timeout: 90_000, intervals: [2_000] }).toBe('QuotaExceededError');

    await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Issuer').fill('GitHub with a much longer name than before, to need more space');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^The device is out of storage space, so the change was not saved/);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();

    await page.getByRole('button', { name: 'Options for Microsoft (alice@contoso.com)' }).click();
    const sheet = page.getByRole('dialog', { name: 'Microsoft (alice@contoso.com)' });
    await sheet.getByRole('button', { name: 'Move up' }).click();
    await expect(sheet.getByRole('alert')).toHaveText(/out of storage space/);
    await expect(sheet.getByText('Position 3 of 3')).toBeVisible();
    await sheet.getByRole('button', { name: 'Close' }).click();
    expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', 'Google (alice.smith@gmail.com)', 'Microsoft (alice@contoso.com)']);

    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', 'Google (alice.smith@gmail.com)', 'Microsoft (alice@contoso.com)']);
  });
});

/** Writes a little to a throwaway database; resolves to the error's name, or 'ok'. */
async function probeWrite(): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('quota-probe', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('probe');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const result = await new Promise<string>((resolve) => {
    const tx = db.transaction('probe', 'readwrite');
    tx.objectStore('probe').put('x'.repeat(1000), 'probe');
    tx.oncomplete = () => resolve('ok');
    tx.onabort = () => resolve(tx.error?.name ?? 'AbortError');
  });
  db.close();
  return result;
}

/** "123 456" / "1234 5678", as the card groups a code. */
function group(code: string): string {
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
