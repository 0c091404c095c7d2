/**
 * Organising accounts (issue 12): a group made in "Manage groups" and shown
 * alone from the group bar; a favourite pinned to the top; a note and a group
 * that survive a reload; an Aegis file with groups, favourites and notes
 * imported, exported and imported again with nothing lost. Axe on each new
 * dialog and on the group bar.
 */
import { readFile } from 'node:fs/promises';
import { devices, type Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { cardNames, openSettings, openWithAccounts, type SeedAccount } from '../support/vault-steps';

const { defaultBrowserType: _, ...pixel7 } = devices['Pixel 7'];

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Bank', label: 'alice', secret: 'GEZDGNBVGY3TQOJQ' },
  { issuer: 'Mail', label: 'alice', secret: 'MFRGGZDFMZTWQ2LK' },
];

test.describe.configure({ timeout: 120_000 });

/** The group bar's choices. */
const groupBar = (page: Page) => page.getByRole('group', { name: 'Show' });

async function createGroup(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Manage groups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage groups' });
  await dialog.getByLabel('New group').fill(name);
  await dialog.getByRole('button', { name: 'Add group' }).click();
  await expect(dialog.getByRole('list', { name: 'Groups' })).toContainText(name);
}

/** Opens an account's Edit dialog from its options sheet. */
async function editAccount(page: Page, name: string) {
  await page.getByRole('button', { name: `Options for ${name}` }).click();
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Edit' }).click();
  return page.getByRole('dialog', { name: 'Edit account' });
}

test('a group made in Manage groups shows only its accounts, and a note and group survive a reload', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await expect(groupBar(page).getByRole('radio', { name: 'All' })).toBeChecked();
  await expectNoSeriousA11yViolations(page, 'group bar');

  await createGroup(page, 'Work');
  await expectNoSeriousA11yViolations(page, 'manage groups');
  // The name must be new, ignoring case: said at the field.
  const manage = page.getByRole('dialog', { name: 'Manage groups' });
  await manage.getByLabel('New group').fill('work');
  await manage.getByRole('button', { name: 'Add group' }).click();
  await expect(manage.getByRole('alert')).toContainText('There is already a group named "work"');
  await expect(manage.getByLabel('New group')).toHaveAttribute('aria-invalid', 'true');
  await manage.getByRole('button', { name: 'Close' }).click();

  const edit = await editAccount(page, 'Bank (alice)');
  await edit.getByRole('checkbox', { name: 'Work' }).check();
  await edit.getByLabel('Note').fill('Recovery codes in the blue folder\nSecond line');
  await expectNoSeriousA11yViolations(page, 'edit account with groups and note');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  await groupBar(page).getByRole('radio', { name: 'Work' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Bank (alice)']);
  // By keyboard: the arrow keys move between the choices.
  await page.keyboard.press('ArrowLeft');
  await expect(groupBar(page).getByRole('radio', { name: 'Favourites' })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing in Favourites yet' })).toBeVisible();

  // Search finds the note and the group name.
  await groupBar(page).getByRole('radio', { name: 'All' }).check();
  await page.getByRole('searchbox').fill('blue folder');
  await expect.poll(() => cardNames(page)).toEqual(['Bank (alice)']);
  await page.getByRole('searchbox').fill('work');
  await expect.poll(() => cardNames(page)).toEqual(['Bank (alice)']);
  await page.getByRole('searchbox').fill('');

  await page.reload();
  await groupBar(page).getByRole('radio', { name: 'Work' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Bank (alice)']);
  const again = await editAccount(page, 'Bank (alice)');
  await expect(again.getByLabel('Note')).toHaveValue('Recovery codes in the blue folder\nSecond line');
  await expect(again.getByRole('checkbox', { name: 'Work' })).toBeChecked();
});

test('groups are renamed, reordered and deleted in Manage groups; the accounts stay', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await createGroup(page, 'Work');
  const manage = page.getByRole('dialog', { name: 'Manage groups' });
  await manage.getByLabel('New group').fill('Home');
  await manage.getByRole('button', { name: 'Add group' }).click();
  await manage.getByRole('button', { name: 'Close' }).click();
  const edit = await editAccount(page, 'GitHub (alice)');
  await edit.getByRole('checkbox', { name: 'Home' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  await page.getByRole('button', { name: 'Manage groups' }).click();
  await manage.getByRole('button', { name: 'Rename Home' }).click();
  await manage.getByLabel('New name for Home').fill('House');
  await manage.getByRole('button', { name: 'Save name' }).click();
  await manage.getByRole('button', { name: 'Move House up' }).click();
  await expect(manage.getByRole('list', { name: 'Groups' }).getByRole('listitem').first()).toContainText('House');
  await manage.getByRole('button', { name: 'Close' }).click();
  await expect(groupBar(page).locator('label')).toHaveText(['All', 'Favourites', 'House', 'Work']);

  await page.reload();
  await expect(groupBar(page).locator('label')).toHaveText(['All', 'Favourites', 'House', 'Work']);
  await page.getByRole('button', { name: 'Manage groups' }).click();
  await manage.getByRole('button', { name: 'Delete House' }).click();
  await expect(manage.getByRole('group', { name: 'Delete House?' })).toContainText('Its account stays in your list.');
  await manage.getByRole('button', { name: 'Delete group' }).click();
  await expect(manage.getByRole('list', { name: 'Groups' })).not.toContainText('House');
  await manage.getByRole('button', { name: 'Close' }).click();
  await expect(groupBar(page).locator('label')).toHaveText(['All', 'Favourites', 'Work']);
  await expect.poll(() => cardNames(page)).toEqual(['GitHub (alice)', 'Bank (alice)', 'Mail (alice)']);
});

test('a favourite is pinned to the top and the change is announced', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  expect(await cardNames(page)).toEqual(['GitHub (alice)', 'Bank (alice)', 'Mail (alice)']);

  await page.getByRole('button', { name: 'Options for Mail (alice)' }).click();
  const sheet = page.getByRole('dialog', { name: 'Mail (alice)' });
  await sheet.getByRole('button', { name: 'Favourite' }).click();
  await expect(sheet.getByRole('button', { name: 'Favourite' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Mail (alice) added to favourites.')).toBeAttached();
  await sheet.getByRole('button', { name: 'Close' }).click();

  await expect.poll(() => cardNames(page)).toEqual(['Mail (alice)', 'GitHub (alice)', 'Bank (alice)']);
  await page.reload();
  await expect.poll(() => cardNames(page)).toEqual(['Mail (alice)', 'GitHub (alice)', 'Bank (alice)']);
  await groupBar(page).getByRole('radio', { name: 'Favourites' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Mail (alice)']);
});

/** Settings → Import, chooses `file`, imports; returns the preview's text. */
async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, count: number): Promise<string> {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles(file);
  await expect(dialog.getByRole('heading', { name: `To add (${count})` })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'import preview with organisation');
  const preview = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: `Import ${count} account${count === 1 ? '' : 's'}` }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  return preview;
}

const AEGIS = {
  version: 1,
  header: { slots: null, params: null },
  db: {
    version: 3,
    groups: [
      { uuid: 'a1', name: 'Work' },
      { uuid: 'b2', name: 'Family' },
    ],
    entries: [
      { type: 'totp', uuid: '1', name: 'bob', issuer: 'Forge', note: 'admin account', favorite: true, groups: ['a1'], icon: null, info: { secret: 'ORSXG5DJNZTQ', algo: 'SHA1', digits: 6, period: 30 } },
      { type: 'totp', uuid: '2', name: 'mum', issuer: 'Photos', note: '', favorite: false, groups: ['b2', 'a1'], icon: null, info: { secret: 'MZXW6YTBOI', algo: 'SHA1', digits: 6, period: 30 } },
      { type: 'totp', uuid: '3', name: 'me', issuer: 'Shop', icon: null, info: { secret: 'NBSWY3DP', algo: 'SHA1', digits: 6, period: 30 } },
    ],
  },
};

/** What must survive: per account, its favourite, note and group names. */
function organisation(db: typeof AEGIS.db) {
  const names = new Map(db.groups.map((g) => [g.uuid, g.name]));
  return db.entries
    .map((e) => ({ name: `${e.issuer}:${e.name}`, favorite: e.favorite === true, note: e.note ?? '', groups: (e.groups ?? []).map((id) => names.get(id)).sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

test('an Aegis file with groups, favourites and notes is imported, exported and imported again with nothing lost', async ({ page, pwaUrl, browser }) => {
  await openWithAccounts(page, pwaUrl, []);

  const preview = await importFile(page, { name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(AEGIS)) }, 3);
  expect(preview).toContain('This file keeps groups, favourites, notes and icons.');
  expect(preview).toContain('New groups: Work, Family.');
  expect(preview).toContain('cannot carry last-used times');
  await expect.poll(() => cardNames(page)).toEqual(['Forge (bob)', 'Photos (mum)', 'Shop (me)']);
  await groupBar(page).getByRole('radio', { name: 'Family' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Photos (mum)']);
  await groupBar(page).getByRole('radio', { name: 'All' }).check();

  // Export as a plain Aegis file: the menu names what each format drops.
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Back up / Export' }).click();
  const menu = page.getByRole('dialog', { name: 'Back up / Export' });
  await expect(menu.getByRole('button', { name: /otpauth:\/\/ links/ })).toContainText('Does not keep groups, favourites, notes, last-used times and icons.');
  await expect(menu.getByRole('button', { name: /Aegis file, not encrypted/ })).toContainText('Does not keep last-used times.');
  await expect(menu.getByRole('button', { name: /Aegis file, not encrypted/ })).toContainText('Of icons, keeps your own pictures (PNG and JPEG)');
  await expect(menu.getByRole('button', { name: /Encrypted backup/ })).not.toContainText('Does not keep');
  await menu.getByRole('button', { name: /Aegis file, not encrypted/ }).click();
  const plain = page.getByRole('dialog', { name: 'Aegis file, not encrypted' });
  const [download] = await Promise.all([page.waitForEvent('download'), plain.getByRole('button', { name: /^Download/ }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(organisation(exported.db)).toEqual(organisation(AEGIS.db));

  // Imported into an empty vault in another browser profile: nothing lost.
  const context = await browser.newContext(pixel7);
  const other = await context.newPage();
  await openWithAccounts(other, pwaUrl, []);
  await importFile(other, { name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) }, 3);
  await expect.poll(() => cardNames(other)).toEqual(['Forge (bob)', 'Photos (mum)', 'Shop (me)']);
  await groupBar(other).getByRole('radio', { name: 'Work' }).check();
  await expect.poll(() => cardNames(other)).toEqual(['Forge (bob)', 'Photos (mum)']);
  await groupBar(other).getByRole('radio', { name: 'Favourites' }).check();
  await expect.poll(() => cardNames(other)).toEqual(['Forge (bob)']);
  const edit = await editAccount(other, 'Forge (bob)');
  await expect(edit.getByLabel('Note')).toHaveValue('admin account');
  await context.close();
});
