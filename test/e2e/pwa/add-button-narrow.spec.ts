/**
 * The floating "Add account" button on a 320 px wide phone (issue 14): scrolled
 * to the bottom of the list, it covers none of the last card's text, and it
 * stays whole on screen, at 100% and zoomed to 200% (which lays the page out
 * 160 CSS pixels wide, as WCAG's reflow criterion 1.4.10 counts it).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { openWithAccounts } from '../support/vault-steps';

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Scrolls to the very bottom, again until the page stops growing (cards off screen are laid out as they come into view). */
async function scrollToBottom(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight;
      }),
    )
    .toBe(true);
}

/** The boxes of what a card shows: its names, its code, its ring and menu. */
async function textBoxes(card: Locator): Promise<Box[]> {
  return card.evaluate((element) =>
    [...element.querySelectorAll('.card__names, .card__code-row, .card__side')].map((part) => {
      const { x, y, width, height } = part.getBoundingClientRect();
      return { x, y, width, height };
    }),
  );
}

for (const zoom of [1, 2]) {
  const width = 320 / zoom;
  const height = 740 / zoom;
  test(`at 320 px zoomed to ${zoom * 100}%, the button covers none of the last card when scrolled to the bottom`, async ({ page, pwaUrl }) => {
    await page.setViewportSize({ width, height });
    const accounts = Array.from({ length: 6 }, (_, i) => ({ issuer: `Service ${i + 1}`, label: `user${i + 1}@example.com` }));
    await openWithAccounts(page, pwaUrl, accounts);
    // Put away the offers below the list, so the last card is the last thing on the page
    // (from the keyboard: at 160 px the app bar, kept on top, may be over them).
    await page.getByRole('button', { name: 'Not now' }).press('Enter');
    await page.getByRole('button', { name: 'Later' }).press('Enter');
    await expect(page.getByRole('button', { name: 'Later' })).toBeHidden();

    await scrollToBottom(page);
    const button = page.getByRole('button', { name: 'Add account' });
    const lastCard = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').last();
    await expect(lastCard).toHaveAccessibleName('Service 6 (user6@example.com)');
    await expect(lastCard).toBeInViewport();
    const buttonBox = (await button.boundingBox())!;
    const parts = await textBoxes(lastCard);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(overlaps(part, buttonBox), `the button ${JSON.stringify(buttonBox)} over ${JSON.stringify(part)}`).toBe(false);

    // Whole on screen: not pushed past either edge.
    expect(buttonBox.x).toBeGreaterThanOrEqual(0);
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(width);
    expect(buttonBox.y + buttonBox.height).toBeLessThanOrEqual(height);
    // Its name stays, for a screen reader, even where only the + shows.
    await expect(button).toHaveAccessibleName('Add account');
    await expectNoSeriousA11yViolations(page);
  });
}
