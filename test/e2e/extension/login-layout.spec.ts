/**
 * The login page's demo accounts table stays inside its card at every width
 * (it overflowed the card from about 1,100 to 1,280 px wide), with every
 * email, password and Use button on screen.
 */
import { test, expect } from '../fixtures';

for (const width of [1100, 1180, 1280, 1000, 900, 700, 360]) {
  test(`the demo accounts table fits its card ${width} px wide`, async ({ portal }) => {
    const page = await portal.open();
    await page.setViewportSize({ width, height: 900 });
    const card = page.getByRole('region', { name: 'Demo accounts' });
    const table = card.getByRole('table', { name: 'Demo credentials' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();

    const cardBox = (await card.boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    expect(tableBox.x, 'the table starts inside the card').toBeGreaterThanOrEqual(cardBox.x);
    expect(tableBox.x + tableBox.width, 'the table ends inside the card').toBeLessThanOrEqual(cardBox.x + cardBox.width);
    expect(tableBox.y + tableBox.height).toBeLessThanOrEqual(cardBox.y + cardBox.height);
    // Nothing in it is cut off either: each Use button is wholly within the card and the window.
    for (const use of await table.getByRole('button', { name: /^Use / }).all()) {
      const box = (await use.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(cardBox.x + cardBox.width, width));
    }
  });
}
