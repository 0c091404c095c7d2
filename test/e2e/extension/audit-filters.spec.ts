/**
 * The Audit log's filters and CSV download, as the owner uses them, in a
 * browser set to New York time: by person, by kind of event and by days
 * (both included, New York's days, across the night its clocks went
 * forward), combined and kept across a reload; a From day after the To day
 * is explained; the download holds exactly the filtered rows, in words, and
 * an email made to look like a spreadsheet formula is neutralised.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { signIn } from '../support/portal-steps';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { addAdmins, addAuditEvents, demoPeople, mfaSwitch, openAdminsTab, openAuditLog, type SeededAuditEvent } from '../support/admins-steps';

test.use({ portalTimezone: 'America/New_York' });

const ALICE = 'alice@acme-msp.example';
const BOB = 'bob@acme-msp.example';
const CAROL = 'carol@acme-msp.example';
const OWNER = 'owner@acme-msp.example';
/** An admin whose email a spreadsheet would run as a formula (a valid address: "=", "|", "'" and "!" may be in its local part). */
const FORMULA_EMAIL = "=cmd|' /c calc'!a0@evil.example";

/**
 * Events around 9 March 2025 in New York, the night its clocks went forward:
 * that day runs from 05:00 UTC (EST) to 04:00 UTC on the 10th (EDT).
 */
const SEEDED: SeededAuditEvent[] = [
  { at: Date.parse('2025-03-09T04:59:59Z'), action: 'sign_in', actor: ALICE, subject: ALICE, result: 'success', reason: 'totp' },
  { at: Date.parse('2025-03-09T05:00:00Z'), action: 'code_rejected', actor: BOB, subject: BOB, result: 'failure', reason: 'wrong_code' },
  { at: Date.parse('2025-03-09T12:00:00Z'), action: 'mfa_reset', actor: OWNER, subject: ALICE, result: 'success' },
  { at: Date.parse('2025-03-10T03:59:59Z'), action: 'code_rejected', actor: ALICE, subject: ALICE, result: 'failure', reason: 'wrong_code' },
  { at: Date.parse('2025-03-10T04:00:00Z'), action: 'locked_out', actor: CAROL, subject: CAROL, result: 'failure', reason: 'locked_for_15_minutes' },
  { at: Date.parse('2025-03-10T15:00:00Z'), action: 'sign_in_failed', actor: null, subject: ALICE, result: 'failure', reason: 'wrong_password' },
];

/** One row of the Audit log table as a person reads it, with its time in UTC. */
interface ShownEvent {
  utc: string;
  event: string;
  who: string;
  aboutWhom: string;
  result: string;
  reason: string;
}

/** The Audit log table's rows, newest first. */
async function shownEvents(page: Page): Promise<ShownEvent[]> {
  const rows = page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row');
  const events: ShownEvent[] = [];
  for (const row of (await rows.all()).slice(1)) {
    const cells = row.getByRole('cell');
    const text = async (i: number) => (await cells.nth(i).innerText()).trim();
    events.push({
      utc: (await cells.nth(0).locator('time').getAttribute('datetime'))!,
      event: await text(1),
      who: await text(2),
      aboutWhom: (await text(3)) === '—' ? '' : await text(3),
      result: await text(4),
      reason: await text(5),
    });
  }
  return events;
}

/** The UTC times of the rows shown, newest first. */
async function shownTimes(page: Page): Promise<string[]> {
  return (await shownEvents(page)).map((event) => event.utc);
}

/** Clicks Download CSV and returns the file's name and its rows, parsed by papaparse (header row first). */
async function downloadCsv(page: Page): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const text = await readFile((await download.path())!, 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { name: download.suggestedFilename(), rows: parsed.data };
}

/** The filter's fields. */
function filters(page: Page): { person: Locator; event: Locator; from: Locator; to: Locator } {
  const form = page.getByRole('search', { name: 'Filter the audit log' });
  return {
    person: form.getByRole('searchbox', { name: 'Person' }),
    event: form.getByRole('combobox', { name: 'Event' }),
    from: form.getByLabel('From'),
    to: form.getByLabel('To'),
  };
}

test.describe('Audit log filters and CSV', () => {
  test.beforeEach(async ({ portal }) => {
    const page = await portal.open();
    const { owner } = await demoPeople(page);
    await signIn(page, owner.email, owner.password);
    await addAuditEvents(page, SEEDED);
    await addAdmins(page, [{ email: FORMULA_EMAIL, name: 'Formula' }]);
    // The owner turns on MFA for that admin: the log records it, about them.
    await page.reload();
    await openAdminsTab(page);
    await page.getByRole('searchbox', { name: 'Search admins by email' }).fill('evil');
    await mfaSwitch(page, FORMULA_EMAIL).click();
    await expect(mfaSwitch(page, FORMULA_EMAIL)).toBeChecked();
    await page.close();
  });

  test('filters by days in the owner’s time zone, by person and by kind, combined, and keeps them across a reload', async ({ portal }) => {
    const page = await portal.open();
    await openAuditLog(page);
    const { person, event, from, to } = filters(page);
    await expect(page.getByText('Days in your time zone (America/New_York); the From and To days are both included.')).toBeVisible();

    // 9 March in New York: from its first second to its last, and nothing of the days around it.
    await from.fill('2025-03-09');
    await to.fill('2025-03-09');
    await expect(page.getByText('Showing 1–3 of 3 events')).toBeVisible();
    expect(await shownTimes(page)).toEqual(['2025-03-10T03:59:59.000Z', '2025-03-09T12:00:00.000Z', '2025-03-09T05:00:00.000Z']);
    await expect(page.locator('.sr-only[aria-live="polite"]')).toHaveText('3 events match the filters.');

    // Alice did it, or it was about her.
    await person.fill('Alice');
    await expect(page.getByText('Showing 1–2 of 2 events')).toBeVisible();
    expect(await shownEvents(page)).toEqual([
      { utc: '2025-03-10T03:59:59.000Z', event: 'Entered a wrong code', who: ALICE, aboutWhom: ALICE, result: 'Failed', reason: 'Wrong code' },
      { utc: '2025-03-09T12:00:00.000Z', event: 'Reset MFA', who: OWNER, aboutWhom: ALICE, result: 'Succeeded', reason: '' },
    ]);

    await event.selectOption({ label: 'Entered a wrong code' });
    await expect(page.getByText('Showing 1–1 of 1 events')).toBeVisible();
    expect(await shownTimes(page)).toEqual(['2025-03-10T03:59:59.000Z']);
    await expect(page).toHaveURL(/#\/audit\?person=Alice&event=code_rejected&from=2025-03-09&to=2025-03-09$/);
    await expectNoSeriousA11yViolations(page, 'Audit log with filters');

    // A reload keeps every filter.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await expect(page.getByText('Showing 1–1 of 1 events')).toBeVisible();
    await expect(person).toHaveValue('Alice');
    await expect(event).toHaveValue('code_rejected');
    await expect(from).toHaveValue('2025-03-09');
    await expect(to).toHaveValue('2025-03-09');

    // The last day alone takes in its first second, New York's midnight (04:00 UTC in summer time).
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(person).toBeFocused();
    await from.fill('2025-03-10');
    await to.fill('2025-03-10');
    await expect(page.getByText('Showing 1–2 of 2 events')).toBeVisible();
    expect(await shownEvents(page)).toEqual([
      { utc: '2025-03-10T15:00:00.000Z', event: 'Sign-in failed', who: 'Not signed in', aboutWhom: ALICE, result: 'Failed', reason: 'Wrong password' },
      { utc: '2025-03-10T04:00:00.000Z', event: 'Locked out after too many wrong codes', who: CAROL, aboutWhom: CAROL, result: 'Failed', reason: 'Locked for 15 minutes' },
    ]);
  });

  test('says what to do when the From day is after the To day, and lists nothing until it is fixed', async ({ portal }) => {
    const page = await portal.open();
    await openAuditLog(page);
    const { from, to } = filters(page);
    await to.fill('2025-03-09');
    await from.fill('2025-03-10');
    const alert = page.getByRole('alert').filter({ hasText: 'The From date is after the To date' });
    await expect(alert).toHaveText('The From date is after the To date. Choose a From date on or before the To date (both days are included).');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('table', { name: 'Audit log, newest first' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
    await expectNoSeriousA11yViolations(page, 'Audit log with a filter at fault');

    await from.fill('2025-03-09');
    await expect(alert).toHaveCount(0);
    await expect(from).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Showing 1–3 of 3 events')).toBeVisible();
  });

  test('downloads the filtered log as CSV: the rows shown, in words, with times in UTC and New York time', async ({ portal }) => {
    const page = await portal.open();
    await openAuditLog(page);
    const { from, to } = filters(page);
    await from.fill('2025-03-09');
    await to.fill('2025-03-10');
    await expect(page.getByText('Showing 1–5 of 5 events')).toBeVisible();
    const shown = await shownEvents(page);

    const { name, rows } = await downloadCsv(page);
    expect(name).toMatch(/^acme-msp-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByRole('status').filter({ hasText: `Downloaded ${name}: 5 events.` })).toBeVisible();
    const [header, ...body] = rows;
    expect(header).toEqual(['Time (UTC)', 'Local time', 'Time zone', 'Event', 'Who did it', 'About whom', 'Result', 'Reason', 'Event code', 'Reason code', 'Event ID']);
    const column = (row: string[], title: string) => row[header!.indexOf(title)]!;
    expect(
      body.map((row) => ({
        utc: column(row, 'Time (UTC)'),
        event: column(row, 'Event'),
        who: column(row, 'Who did it'),
        aboutWhom: column(row, 'About whom'),
        result: column(row, 'Result'),
        reason: column(row, 'Reason'),
      })),
    ).toEqual(shown);
    expect(body.map((row) => column(row, 'Local time'))).toEqual([
      '2025-03-10T11:00:00-04:00',
      '2025-03-10T00:00:00-04:00',
      '2025-03-09T23:59:59-04:00',
      '2025-03-09T08:00:00-04:00',
      '2025-03-09T00:00:00-05:00',
    ]);
    for (const row of body) expect(column(row, 'Time zone')).toBe('America/New_York');
    expect(body.map((row) => column(row, 'Reason code'))).toEqual(['wrong_password', 'locked_for_15_minutes', 'wrong_code', '', 'wrong_code']);
    // The download is in the log too, by the owner (after today's date, so outside this filter).
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').nth(1)).toContainText('Downloaded the audit log as CSV');
  });

  test('neutralises an email that a spreadsheet would run as a formula', async ({ portal }) => {
    const page = await portal.open();
    await openAuditLog(page);
    const { person, event } = filters(page);
    await person.fill('evil.example');
    await event.selectOption({ label: 'Turned MFA on (waiting for the QR code to be scanned)' });
    await expect(page.getByText('Showing 1–1 of 1 events')).toBeVisible();
    // The page shows it as it is...
    const shown = await shownEvents(page);
    expect(shown).toEqual([expect.objectContaining({ who: OWNER, aboutWhom: FORMULA_EMAIL, result: 'Succeeded' })]);

    // ...the file with a leading apostrophe, so a spreadsheet shows it as text instead of running it.
    const { rows } = await downloadCsv(page);
    const [header, row] = rows;
    expect(rows).toHaveLength(2);
    expect(row![header!.indexOf('About whom')]).toBe(`'${FORMULA_EMAIL}`);
    expect(row![header!.indexOf('Who did it')]).toBe(OWNER);
    expect(row![header!.indexOf('Event')]).toBe('Turned MFA on (waiting for the QR code to be scanned)');
    expect(row![header!.indexOf('Time (UTC)')]).toBe(shown[0]!.utc);
  });
});
