/**
 * Item 5: the portal extension's Admins tab with 10,000 admins (plus the
 * demo's 5 people), in Chromium with the built extension loaded:
 * - first render: the click on "Admins" (from the Audit log) → the first page
 *   of the table shown ("Showing 1–50 of 10,005 admins") and painted;
 * - search keystroke: the last key of an email search → the table showing
 *   its one match, painted (any wait the app adds before searching would be
 *   included: it is part of what the person waits for; it adds none since the
 *   search runs over an index of the emails read when the tab opens);
 * - MFA toggle: the click on an admin's Disabled switch → the switch shown
 *   Enabled (the page updates it only once the service has stored the change,
 *   which is checked in the database afterwards);
 * - status filter: the click on the "Disabled" choice of the MFA status
 *   filter (after the toggles, once their counts show) → the first page of
 *   the admins with MFA Disabled shown and painted: a pass over the whole
 *   index in memory, then a page of rows read by id (issue 14).
 * The admins are put into the portal's database the way
 * test/e2e/extension/admins-many.spec.ts does. Baseline in the same run: the
 * same three with the demo's 5 people only. The extension is the run's copy
 * of dist/extension (see EXTENSION_BUILD in lib/paths.js).
 * Budget: 200 ms, 50 ms, 50 ms, 200 ms. A status chosen shows a new first
 * page, as the click on "Admins" does, so it has that budget; the 50 ms of a
 * keystroke is for typing, where the next key follows within about 100 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchPersistent, watchNetwork } from '../lib/browser.js';
import { EXTENSION_BUILD } from '../lib/paths.js';
import { importTs } from '../lib/ts.js';
import { median, round } from '../lib/stats.js';

/**
 * Arms a watcher in the page: the first `trigger` event (capture phase) starts
 * the clock; it stops when `condition` holds after a DOM change, and again
 * after the next paint. Resolves in the page to { start, shown, painted }.
 */
async function armWatch(page, trigger, condition) {
  await page.evaluate(
    ({ trigger, condition }) => {
      const watch = (window.__watch = {});
      document.addEventListener(trigger, () => (watch.start ??= performance.now()), { capture: true });
      const holds = () => {
        if (condition.text && !(document.body.textContent ?? '').includes(condition.text)) return false;
        if (condition.rowEmail && ![...document.querySelectorAll('th[scope="row"], [role="rowheader"]')].some((cell) => cell.textContent?.includes(condition.rowEmail))) return false;
        if (condition.switchOn) {
          const control = [...document.querySelectorAll('[role="switch"]')].find((el) => (el.textContent ?? '').includes(`MFA for ${condition.switchOn}`));
          if (!control || control.getAttribute('aria-checked') !== 'true' || control.getAttribute('aria-busy') === 'true') return false;
        }
        return true;
      };
      const observer = new MutationObserver(() => {
        if (watch.start === undefined || watch.shown !== undefined || !holds()) return;
        watch.shown = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (watch.painted = performance.now()), 0));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    },
    { trigger, condition },
  );
}

async function readWatch(page) {
  await page.waitForFunction(() => window.__watch.painted !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const { start, shown, painted } = window.__watch;
    return { shownMs: shown - start, paintedMs: painted - start };
  });
}

/** The MFA status stored for `email`, read from the portal's database. */
function storedMfa(page, email) {
  return page.evaluate(async (email) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('portal');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const user = await new Promise((resolve, reject) => {
      const request = db.transaction('users').objectStore('users').index('by-email').get(email);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return user?.mfa?.status ?? null;
  }, email);
}

/**
 * What the ways of searching cost (not the product's code: raw IndexedDB in
 * the same page and database): the email index walked with a key cursor, one
 * step per entry (as listUsers does for a search); one bulk read of the
 * index's records (getAll) filtered in memory; reading the ids and emails as
 * the Admins tab's index does (the store's records by id in chunks of 1,000,
 * then sorted by email) and, once read, the substring filter over it alone.
 */
async function probeSearchQuery(page, needle) {
  return page.evaluate(async (needle) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('portal');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const index = () => db.transaction('users').objectStore('users').index('by-email');
    const cursorStart = performance.now();
    let cursorMatches = 0;
    await new Promise((resolve, reject) => {
      const request = index().openKeyCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        if (String(cursor.key).includes(needle)) cursorMatches++;
        cursor.continue();
      };
      request.onerror = () => reject(request.error);
    });
    const cursorMs = performance.now() - cursorStart;
    const bulkStart = performance.now();
    const records = await new Promise((resolve, reject) => {
      const request = index().getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const bulkMatches = records.filter((user) => user.email.includes(needle)).length;
    const bulkMs = performance.now() - bulkStart;
    const indexStart = performance.now();
    const entries = [];
    for (let after; ; ) {
      const chunk = await new Promise((resolve, reject) => {
        const request = db
          .transaction('users')
          .objectStore('users')
          .getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 1000);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const user of chunk) entries.push({ id: user.id, email: user.email });
      if (chunk.length < 1000) break;
      after = chunk[chunk.length - 1].id;
    }
    entries.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    const indexReadMs = performance.now() - indexStart;
    const filterStart = performance.now();
    const indexMatches = entries.filter((entry) => entry.email.includes(needle)).length;
    const filterMs = performance.now() - filterStart;
    db.close();
    return {
      keyCursorMs: cursorMs,
      keyCursorMatches: cursorMatches,
      getAllFilterMs: bulkMs,
      getAllMatches: bulkMatches,
      indexReadMs,
      indexFilterMs: filterMs,
      indexMatches,
    };
  }, needle);
}

/** First render, search and toggle for the people now stored: `total` admins; `search` finds `match` alone; `toggle` are switched on. */
async function measureTab(page, portalUrl, { total, search, match, toggle, repeats }) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const heading = (name) => page.getByRole('heading', { name, level: 1 });
  const showingAll = `Showing 1–${Math.min(50, total)} of ${total.toLocaleString('en-US')} admins`;
  const renders = [];
  for (let r = 0; r < repeats + 1; r++) {
    await page.goto(portalUrl('#/audit'));
    await heading('Audit log').waitFor();
    await armWatch(page, 'click', { text: showingAll });
    await nav.getByRole('link', { name: 'Admins' }).click();
    const timing = await readWatch(page);
    if (r > 0) renders.push(timing);
  }
  const box = page.getByRole('searchbox', { name: 'Search admins by email' });
  const searches = [];
  for (let r = 0; r < repeats; r++) {
    await box.fill(search.slice(0, -1));
    await page.getByText(/^Showing \d/).waitFor();
    await page.waitForTimeout(400);
    // The text without its last key matches several admins; with it, one.
    if (await page.getByText('Showing 1–1 of 1 admins').count()) throw new Error(`item 5: "${search.slice(0, -1)}" should match more than one admin`);
    await armWatch(page, 'keydown', { text: 'Showing 1–1 of 1 admins', rowEmail: match });
    await box.press(search.slice(-1));
    searches.push(await readWatch(page));
    await box.fill('');
    await page.getByText(showingAll).waitFor();
  }
  const toggles = [];
  for (const email of toggle) {
    await armWatch(page, 'click', { switchOn: email });
    await page.getByRole('switch', { name: `MFA for ${email}` }).click();
    const timing = await readWatch(page);
    const stored = await storedMfa(page, email);
    if (stored !== 'pending') throw new Error(`item 5: after the toggle, ${email} is stored with MFA ${stored}`);
    toggles.push(timing);
  }
  // The status filter: wait until the counts include the toggles (the index has been read again), then
  // time the click on "Disabled" until its first page is shown, and go back to All.
  const statusGroup = page.getByRole('group', { name: 'Show admins by MFA status' });
  // The toggled admins are pending, and at 10,000 the two toggled in the 5-people run still are.
  const pendingCount = toggle.length + (total > 5 ? 2 : 0);
  await statusGroup.getByRole('radio', { name: `Enabled, not yet confirmed, ${pendingCount} admin${pendingCount === 1 ? '' : 's'}` }).waitFor({ timeout: 60_000 });
  // The choice's name as read out: "Disabled, 9,999 admins".
  const disabledName = await statusGroup
    .getByRole('radio', { name: /^Disabled, / })
    .evaluate((input) => input.closest('label')?.querySelector('.sr-only')?.textContent ?? '');
  const disabledTotal = Number(/([\d,]+) admins?$/.exec(disabledName)?.[1]?.replace(/,/g, '') ?? NaN);
  if (!Number.isFinite(disabledTotal)) throw new Error(`item 5: no count on the Disabled choice ("${disabledName}")`);
  const showingDisabled = `Showing 1–${Math.min(50, disabledTotal)} of ${disabledTotal.toLocaleString('en-US')} admins`;
  const filters = [];
  for (let r = 0; r < repeats; r++) {
    await armWatch(page, 'click', { text: showingDisabled });
    await statusGroup.getByRole('radio', { name: /^Disabled, / }).check();
    filters.push(await readWatch(page));
    await statusGroup.getByRole('radio', { name: /^All, / }).check();
    await page.getByText(showingAll).waitFor();
  }
  const pick = (list) => ({ paintedMs: round(median(list.map((t) => t.paintedMs))), shownMs: round(median(list.map((t) => t.shownMs))) });
  return {
    total,
    firstRender: pick(renders),
    search: pick(searches),
    toggle: pick(toggles),
    statusFilter: pick(filters),
    runs: { renders, searches, toggles, filters },
  };
}

/** Runs item 5. */
export async function benchAdmins({ repeats = 3, log }) {
  const { listDemoCredentials } = await importTs('shared/portal/demo-data.ts');
  const { addBulkAdmins } = await importTs('test/e2e/support/admins-steps.ts');
  const owner = listDemoCredentials().find((user) => user.role === 'owner');
  const profile = await mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'bench-portal-'));
  const context = await launchPersistent(profile, [`--disable-extensions-except=${EXTENSION_BUILD}`, `--load-extension=${EXTENSION_BUILD}`]);
  try {
    // The portal is all in the extension: any http(s) request at all would be a leak.
    const foreign = watchNetwork(context, 'chrome-extension://');
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const portalUrl = (hash = '') => `chrome-extension://${extensionId}/extension/portal/index.html${hash}`;
    const page = await context.newPage();
    await page.goto(portalUrl());
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });

    const base = await measureTab(page, portalUrl, { total: 5, search: 'ow', match: 'owner@acme-msp.example', toggle: ['alice@acme-msp.example', 'bob@acme-msp.example'], repeats });
    await addBulkAdmins(page, 10_000);
    const big = await measureTab(page, portalUrl, {
      total: 10_005,
      search: 'admin-07777',
      match: 'admin-07777@bulk.example',
      toggle: ['admin-00001@bulk.example', 'admin-00002@bulk.example', 'admin-00003@bulk.example'],
      repeats,
    });
    const probe = await probeSearchQuery(page, 'admin-07777');
    if (foreign.length) throw new Error(`item 5: the portal asked the network for ${foreign.join(', ')}`);
    log(`  admins x10,000: first render ${big.firstRender.paintedMs} ms, search ${big.search.paintedMs} ms, toggle ${big.toggle.paintedMs} ms, status filter ${big.statusFilter.paintedMs} ms (5 people: ${base.firstRender.paintedMs}, ${base.search.paintedMs}, ${base.toggle.paintedMs}, ${base.statusFilter.paintedMs})`);
    log(`  search probe: key cursor ${probe.keyCursorMs.toFixed(0)} ms, getAll + filter ${probe.getAllFilterMs.toFixed(0)} ms; index read ${probe.indexReadMs.toFixed(0)} ms, then its filter ${probe.indexFilterMs.toFixed(2)} ms`);
    const row = (name, key, budget) => ({
      item: '5',
      name,
      figure: `${big[key].paintedMs.toFixed(0)} ms`,
      baseline: `5 people ${base[key].paintedMs.toFixed(0)} ms`,
      ratio: `${(big[key].paintedMs / base[key].paintedMs).toFixed(2)}x`,
      budget: `≤ ${budget} ms`,
      meets: big[key].paintedMs <= budget,
      value: big[key].paintedMs,
      ratioValue: round(big[key].paintedMs / base[key].paintedMs),
    });
    return {
      results: { baseline5People: base, admins10000: big, searchQueryProbe: probe },
      summary: [
        row('Admins tab, 10,000 admins: click "Admins" → first page painted', 'firstRender', 200),
        row('Admins tab, 10,000 admins: search keystroke → table updated, painted', 'search', 50),
        row('Admins tab, 10,000 admins: MFA toggle → stored, switch painted', 'toggle', 50),
        row('Admins tab, 10,000 admins: MFA status filter "Disabled" → first page painted', 'statusFilter', 200),
      ],
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
