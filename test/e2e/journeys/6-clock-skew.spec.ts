/**
 * Journey 6, a phone whose clock is off: codes from a phone 25 seconds behind
 * or ahead are accepted (one 30-second step either side, RFC 6238 §5.2); 95
 * seconds off they are refused, with the same message as any wrong code,
 * which suggests checking that the phone sets its time automatically.
 */
import { test, expect } from './fixtures';
import { DEMO, enterCode, expectSignedInAs, openProfile, signIn, signInToMfaPrompt, signOut } from '../support/portal-steps';

const { email, password } = DEMO.carol;

test('a phone 25 s off still signs in; 95 s off it is refused like a wrong code, with a hint about its clock', async ({ portal, phone, clock }) => {
  const page = await portal.open();

  await test.step('set-up: Carol scans her Profile QR code and turns MFA on with the phone’s code', async () => {
    await signIn(page, email, password);
    await openProfile(page, email);
    await phone.scan(page.getByRole('img', { name: `QR code for ${email}` }));
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, await phone.readCode(email));
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await signOut(page, email);
  });

  for (const skew of [-25_000, 25_000]) {
    await test.step(`with the phone ${Math.abs(skew) / 1000} s ${skew < 0 ? 'behind' : 'ahead'}, its code is accepted`, async () => {
      await clock.advance(60_000);
      await phone.setClockOffset(skew);
      await signInToMfaPrompt(page, email, password);
      await enterCode(page, await phone.readCode(email));
      await expectSignedInAs(page, email);
      await signOut(page, email);
    });
  }

  let wrongCodeMessage = '';
  await test.step('a mistyped code is refused with a hint to check that the phone sets its time automatically', async () => {
    await clock.advance(60_000);
    await phone.setClockOffset(0);
    await signInToMfaPrompt(page, email, password);
    const code = await phone.readCode(email);
    const mistyped = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
    await enterCode(page, mistyped);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('That code was not accepted');
    await expect(alert).toContainText('check that your phone sets its date and time automatically');
    wrongCodeMessage = (await alert.textContent()) ?? '';
  });

  for (const skew of [-95_000, 95_000]) {
    await test.step(`with the phone ${Math.abs(skew) / 1000} s ${skew < 0 ? 'behind' : 'ahead'}, its code is refused with that same message`, async () => {
      await phone.setClockOffset(skew);
      await enterCode(page, await phone.readCode(email));
      await expect(page.getByRole('alert')).toHaveText(wrongCodeMessage);
      await expect(page.getByLabel('Authentication code')).toHaveAttribute('aria-invalid', 'true');
    });
  }

  await test.step('once the phone sets its time automatically again, its code is accepted', async () => {
    await phone.setClockOffset(0);
    await enterCode(page, await phone.readCode(email));
    await expectSignedInAs(page, email);
  });
});
