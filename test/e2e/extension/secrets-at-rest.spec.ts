/**
 * What a person with the browser profile on disk could read: a raw dump of the
 * portal's IndexedDB, taken after MFA is on for the owner and pending for an
 * admin, holds no TOTP secret (Base32 or hex), no recovery code and no password.
 */
import { test, expect } from '../fixtures';
import { decodeBase32 } from '../../../shared/otp';
import { DEMO, enableMfaForYourself, readSecretKey, signIn } from '../support/portal-steps';
import { mfaSwitch, openAdminsTab, openQrWindow } from '../support/admins-steps';

test('a raw dump of the portal database shows no secret, recovery code or password', async ({ portal }) => {
  const page = await portal.open();
  await signIn(page, DEMO.owner.email, DEMO.owner.password);
  const { secret: ownerSecret, recoveryCodes } = await enableMfaForYourself(page, DEMO.owner.email);

  await openAdminsTab(page);
  await mfaSwitch(page, DEMO.alice.email).click();
  const qrWindow = await openQrWindow(page, portal.context, DEMO.alice.email);
  const aliceSecret = await readSecretKey(qrWindow);

  // Every record of every store, with byte arrays written out as hex, Base32-ish
  // text and Latin-1 so that no encoding of a secret could hide.
  const dump = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portal');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all: unknown[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      all.push({ store: name, records });
    }
    db.close();
    return JSON.stringify(all, (_key, value) => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        const bytes = new Uint8Array(value as ArrayBuffer);
        return {
          hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
          latin1: String.fromCharCode(...bytes),
        };
      }
      if (value instanceof CryptoKey) return { cryptoKey: value.algorithm, extractable: value.extractable };
      return value;
    });
  });

  expect(dump).toContain('"store":"users"');
  expect(dump).toContain(DEMO.owner.email);
  // The key that encrypts the secrets cannot be read out of the browser.
  expect(dump).toContain('"extractable":false');
  for (const secret of [ownerSecret, aliceSecret]) {
    const hex = Buffer.from(decodeBase32(secret)).toString('hex');
    expect(dump.toUpperCase()).not.toContain(secret);
    expect(dump.toLowerCase()).not.toContain(hex);
  }
  for (const code of recoveryCodes) {
    expect(dump.toLowerCase()).not.toContain(code.toLowerCase());
    expect(dump.toLowerCase()).not.toContain(code.replace('-', '').toLowerCase());
  }
  for (const person of [DEMO.owner, DEMO.alice, DEMO.bob, DEMO.carol]) {
    expect(dump).not.toContain(person.password);
  }
});
