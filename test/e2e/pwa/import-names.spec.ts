/** Names from an imported file are shown as the letters they really have (issue 11, 12b). */
import { test, expect } from '../fixtures';
import { openSettings } from '../support/vault-steps';

test('an imported name loses its invisible and direction-changing characters', async ({ page, pwaUrl }) => {
  await page.goto(pwaUrl);
  const aegis = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 2,
      entries: [
        { type: 'totp', uuid: '1', name: 'b\u200Bob', issuer: '\u202Elapyap\u202C.com', icon: null, info: { secret: 'ORSXG5A=', algo: 'SHA1', digits: 6, period: 30 } },
      ],
    },
  };
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const importing = page.getByRole('dialog', { name: 'Import accounts' });
  await importing.getByLabel('Choose a file').setInputFiles({ name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(aegis)) });

  // The preview already shows the harmless form (it replaces the choose step, whose app guide is a list too).
  await expect(importing.getByRole('button', { name: 'Import 1 account' })).toBeVisible();
  await expect(importing.getByRole('listitem')).toHaveJSProperty('textContent', 'lapyap.com (bob)');
  await importing.getByRole('button', { name: 'Import 1 account' }).click();
  await importing.getByRole('button', { name: 'Done' }).click();

  const name = page.getByRole('main').getByRole('listitem', { name: 'lapyap.com (bob)' }).getByText('lapyap.com', { exact: true });
  await expect(name).toHaveJSProperty('textContent', 'lapyap.com');
  await expect(name).toHaveAttribute('dir', 'auto');
});
