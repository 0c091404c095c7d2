/**
 * Steps of the owner's pages (Admins tab, Link to QR window, Audit log), for
 * the end-to-end tests, written the way a person does them and finding
 * elements by role and label.
 */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** A demo account as the login page lists it. */
export interface DemoAccount {
  email: string;
  /** Empty for SSO users. */
  password: string;
  role: 'Owner' | 'Admin';
  sso: boolean;
}

/** Reads the demo accounts from the login page's "Demo accounts" table. */
export async function readDemoAccounts(page: Page): Promise<DemoAccount[]> {
  const table = page.getByRole('table', { name: 'Demo credentials' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const rows = await table.getByRole('row').all();
  const accounts: DemoAccount[] = [];
  for (const row of rows.slice(1)) {
    const cells = row.getByRole('cell');
    const email = (await cells.nth(0).innerText()).trim();
    const passwordCell = cells.nth(1);
    const sso = (await passwordCell.locator('code').count()) === 0;
    const password = sso ? '' : (await passwordCell.innerText()).trim();
    const role = (await cells.nth(2).innerText()).includes('Owner') ? 'Owner' : 'Admin';
    accounts.push({ email, password, role, sso });
  }
  return accounts;
}

/** The demo owner, the password admins, and the SSO admin, from the login page. */
export async function demoPeople(page: Page): Promise<{ owner: DemoAccount; admins: DemoAccount[]; sso: DemoAccount }> {
  const accounts = await readDemoAccounts(page);
  const owner = accounts.find((a) => a.role === 'Owner')!;
  const admins = accounts.filter((a) => a.role === 'Admin' && !a.sso);
  const sso = accounts.find((a) => a.sso)!;
  expect(owner, 'the login page lists the owner').toBeTruthy();
  expect(admins.length, 'the login page lists at least three password admins').toBeGreaterThanOrEqual(3);
  expect(sso, 'the login page lists an SSO admin').toBeTruthy();
  return { owner, admins, sso };
}

/** Opens the Admins tab from the top bar. */
export async function openAdminsTab(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admins' }).click();
  await expect(page.getByRole('heading', { name: 'Admins', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Showing \d/)).toBeVisible();
}

/** Opens the Audit log from the top bar. */
export async function openAuditLog(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
}

/** The row of one admin in the Admins table (its row header is the email). */
export function adminRow(page: Page, email: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: email }) });
}

/** The MFA column's Disabled/Enabled switch of one admin. */
export function mfaSwitch(page: Page, email: string): Locator {
  return page.getByRole('switch', { name: `MFA for ${email}` });
}

/** The Link to QR of one admin. */
export function qrLink(page: Page, email: string): Locator {
  return page.getByRole('link', { name: `Link to QR for ${email}` });
}

/** The Reset MFA button of one admin. */
export function resetButton(page: Page, email: string): Locator {
  return page.getByRole('button', { name: `Reset MFA for ${email}` });
}

/** Clicks Link to QR and returns the additional window it opens. */
export async function openQrWindow(page: Page, context: BrowserContext, email: string): Promise<Page> {
  const [qrWindow] = await Promise.all([context.waitForEvent('page'), qrLink(page, email).click()]);
  await qrWindow.waitForLoadState();
  return qrWindow;
}

/**
 * Puts `count` admins (admin-00001@bulk.example ...) into the portal's database
 * from `page`, a portal page. Test and benchmark data only: the portal has no
 * import, so they go straight into IndexedDB.
 */
export function addBulkAdmins(page: Page, count: number): Promise<void> {
  const admins = Array.from({ length: count }, (_, i) => ({
    email: `admin-${String(i + 1).padStart(5, '0')}@bulk.example`,
    name: `Bulk Admin ${i + 1}`,
  }));
  return addAdmins(page, admins);
}

/** An admin record for {@link addAdmins}: the email, and any field that differs from a password admin with MFA off. */
export interface SeededAdmin {
  email: string;
  name?: string;
  signIn?: 'password' | 'sso';
  /** MFA state as stored; a pending or enabled one gets a dummy sealed secret (never shown: tests of lists only). */
  mfa?: { status: 'disabled' } | { status: 'pending'; setBy: 'self' | 'owner'; expiresAt: number | null } | { status: 'enabled' };
  failedAttempts?: number;
  lockedUntil?: number | null;
}

/**
 * Puts admins into the portal's database from `page`, a portal page, in one
 * transaction. Test data only, for lists and filters: the portal has no
 * import, and their sealed secrets are dummies no code comes from.
 */
export async function addAdmins(page: Page, admins: readonly SeededAdmin[]): Promise<void> {
  await page.evaluate(async (admins) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portal');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('users', 'readwrite');
    const users = tx.objectStore('users');
    const sealed = { iv: new Uint8Array(12), data: new Uint8Array(36) };
    for (const admin of admins) {
      const mfa = admin.mfa ?? { status: 'disabled' };
      users.put({
        id: crypto.randomUUID(),
        email: admin.email,
        name: admin.name ?? '',
        role: 'admin',
        signIn: admin.signIn ?? 'password',
        mfa:
          mfa.status === 'pending'
            ? { ...mfa, secret: sealed, createdAt: Date.now() }
            : mfa.status === 'enabled'
              ? { status: 'enabled', secret: sealed, enabledAt: Date.now() }
              : { status: 'disabled' },
        lastAcceptedStep: null,
        recoveryCodeHashes: [],
        failedAttempts: admin.failedAttempts ?? 0,
        lockedUntil: admin.lockedUntil ?? null,
        passwordThrottle: { failures: 0, retryAt: null, lastFailureAt: null },
        createdAt: Date.now(),
      });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, admins);
}

/** An audit event as the portal stores it (without its id, which the store gives). */
export interface SeededAuditEvent {
  at: number;
  action: string;
  actor: string | null;
  subject: string | null;
  result: 'success' | 'failure';
  reason?: string;
}

/** Appends events to the portal's audit log from `page`, a portal page, in one transaction. Test data only. */
export async function addAuditEvents(page: Page, events: readonly SeededAuditEvent[]): Promise<void> {
  await page.evaluate(async (events) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portal');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('audit', 'readwrite');
    for (const event of events) tx.objectStore('audit').add(event);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, events);
}

/** The MFA status filter's radio button labelled `label` ("Disabled", "Enabled, not yet confirmed"...), with its count or not yet. */
export function statusChoice(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('group', { name: 'Show admins by MFA status' }).getByRole('radio', { name: new RegExp(`^${escaped}(, [\\d,]+ admins?)?$`) });
}
