import { describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../shared/errors';
import {
  checkSecret,
  checkSecretWhileTyping,
  describeAccount,
  EMPTY_KEY_FORM,
  findDuplicate,
  readKeyForm,
  readLinkText,
  readQrText,
  type KeyFormValues,
} from '../../pwa/app/add/add-input';
import { createVaultAccount } from '../../shared/vault/account';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('readQrText', () => {
  it('reads an otpauth:// link as an account', () => {
    expect(readQrText(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).toMatchObject({
      type: 'totp',
      issuer: 'GitHub',
      label: 'alice',
      secret: SECRET,
    });
  });

  it.each([
    ['a web link', 'https://example.com/setup', 'This QR code holds a web address, not an authenticator account.'],
    ['plain text', 'hello', 'This QR code holds plain text, not an authenticator account.'],
    ['a Wi-Fi code', 'WIFI:T:WPA;S:home;P:secret-wifi-password;;', 'This QR code holds Wi-Fi network details, not an authenticator account.'],
    ['a contact card', 'BEGIN:VCARD\nVERSION:3.0\nFN:Alice\nTEL:+44 20 7946 0018\nEND:VCARD', 'This QR code holds a contact card, not an authenticator account.'],
  ])('reports %s by its kind, never repeating its content', (_name, text, message) => {
    try {
      readQrText(text);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'qr_not_otpauth')).toBe(true);
      expect((error as Error).message).toContain(message);
      // Not a word of the content: a Wi-Fi code's password, a card's phone number.
      expect((error as Error).message).not.toMatch(/example\.com|hello|home|secret-wifi-password|Alice|7946/);
      expect(JSON.stringify((error as AppError).details)).not.toMatch(/example\.com|hello|secret-wifi-password|7946/);
    }
  });

  it.each([
    ['an otpauth://steam/ link', `otpauth://steam/Steam:gaben?secret=${SECRET}&issuer=Steam`, 'gaben'],
    ['a KeePassXC encoder=steam link', `otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=steam`, 'gaben'],
    ['a Bitwarden steam:// key', `steam://${SECRET}`, ''],
  ])('reads %s as a Steam Guard account', (_name, text, label) => {
    expect(readQrText(text)).toEqual({ type: 'steam', issuer: 'Steam', label, secret: SECRET, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  });

  it("reports a faulty otpauth:// link with the core's message", () => {
    expect(() => readQrText('otpauth://totp/GitHub:alice?issuer=GitHub')).toThrow(/secret key is missing/);
  });
});

describe('readLinkText', () => {
  it.each([
    ['a Wi-Fi code', 'WIFI:T:WPA;S:home;P:secret-wifi-password;;', 'This text holds Wi-Fi network details, not an otpauth:// link.'],
    ['a web address', 'https://github.com/settings/security', 'This text holds a web address, not an otpauth:// link.'],
    ['plain text', 'JBSWY3DPEHPK3PXP', 'This is not an otpauth:// link.'],
  ])('reports pasted %s by its kind, never repeating it', (_name, text, message) => {
    try {
      readLinkText(text);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'not_otpauth_uri')).toBe(true);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toMatch(/secret-wifi-password|github\.com|JBSWY3DPEHPK3PXP/);
    }
  });

  it('reads an otpauth:// link', () => {
    expect(readLinkText(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).toMatchObject({ kind: 'account', account: { issuer: 'GitHub' } });
  });
});

describe('describeAccount', () => {
  it.each([
    [{ issuer: 'GitHub', label: 'alice' }, 'GitHub (alice)'],
    [{ issuer: 'GitHub', label: '' }, 'GitHub'],
    [{ issuer: '', label: 'alice' }, 'alice'],
  ])('names %o as %s', (account, expected) => {
    expect(describeAccount(account)).toBe(expected);
  });
});

describe('findDuplicate', () => {
  const stored = createVaultAccount(readQrText(`otpauth://totp/A:a?secret=${SECRET}`), 0);

  it('finds the stored account with the same type and secret, whatever its name', () => {
    expect(findDuplicate(readQrText(`otpauth://totp/B:b?secret=${SECRET.toLowerCase()}`), [stored])).toBe(stored);
  });

  it('ignores the same secret under another type', () => {
    expect(findDuplicate(readQrText(`otpauth://hotp/A:a?secret=${SECRET}&counter=0`), [stored])).toBeUndefined();
  });
});

describe('checkSecretWhileTyping', () => {
  it.each([['JBSW'], ['jbsw y3dp-ehpk'], [''], ['JBSWY3']])('accepts %j while it is typed', (secret) => {
    expect(checkSecretWhileTyping(secret)).toBeNull();
  });

  it('reports a character outside Base32 at once, with its position', () => {
    expect(checkSecretWhileTyping('JBSW0')?.message).toMatch(/character 5/);
  });
});

describe('checkSecret', () => {
  it('reports a length that cannot be Base32', () => {
    expect(checkSecret('JBSWY3')?.code).toBe('secret_not_base32');
  });

  it('leaves an empty field to the submit', () => {
    expect(checkSecret('  ')).toBeNull();
  });
});

describe('readKeyForm', () => {
  const form = (values: Partial<KeyFormValues>): KeyFormValues => ({ ...EMPTY_KEY_FORM, ...values });

  it('returns the account, secret normalised, with the defaults', () => {
    expect(readKeyForm(form({ issuer: ' GitHub ', label: 'alice', secret: 'jbsw y3dp-ehpk 3pxp' }))).toEqual({
      account: { type: 'totp', issuer: 'GitHub', label: 'alice', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    });
  });

  it('reads the advanced settings of an HOTP account', () => {
    const { account } = readKeyForm(form({ label: 'alice', secret: SECRET, type: 'hotp', algorithm: 'SHA512', digits: '8', counter: '42' }));
    expect(account).toMatchObject({ type: 'hotp', algorithm: 'SHA512', digits: 8, counter: 42 });
  });

  it.each([
    ['no name at all', form({ secret: SECRET }), 'label', 'account_name_missing'],
    ['no secret', form({ label: 'alice' }), 'secret', 'missing_secret'],
    ['a secret that is not Base32', form({ label: 'alice', secret: 'JBSW1' }), 'secret', 'secret_not_base32'],
    ['5 digits', form({ label: 'alice', secret: SECRET, digits: '5' }), 'digits', 'digits_out_of_range'],
    ['11 digits', form({ label: 'alice', secret: SECRET, digits: '11' }), 'digits', 'digits_out_of_range'],
    ['digits that are not a number', form({ label: 'alice', secret: SECRET, digits: 'six' }), 'digits', 'digits_out_of_range'],
    ['a zero period', form({ label: 'alice', secret: SECRET, period: '0' }), 'period', 'period_invalid'],
    ['a negative counter', form({ label: 'alice', secret: SECRET, type: 'hotp', counter: '-1' }), 'counter', 'counter_invalid'],
  ] as const)('reports %s on its field', (_name, values, field, code) => {
    const { account, errors } = readKeyForm(values);
    expect(account).toBeUndefined();
    expect(errors?.[field]?.code).toBe(code);
  });

  it('reports every field at fault at once', () => {
    const { errors } = readKeyForm(form({ secret: 'JBSW1', digits: '5' }));
    expect(Object.keys(errors ?? {}).sort()).toEqual(['digits', 'label', 'secret']);
  });

  it('reads a Steam Guard account with Steam\'s fixed parameters, whatever the hidden fields hold', () => {
    const { account } = readKeyForm(form({ issuer: 'Steam', label: 'gaben', secret: SECRET, type: 'steam', algorithm: 'SHA512', digits: 'x', period: '60' }));
    expect(account).toEqual({ type: 'steam', issuer: 'Steam', label: 'gaben', secret: SECRET, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  });

  it('names the service of a Steam Guard account "Steam" when it is left blank, and still checks the secret', () => {
    expect(readKeyForm(form({ label: 'gaben', secret: SECRET, type: 'steam' })).account).toMatchObject({ issuer: 'Steam', label: 'gaben' });
    expect(readKeyForm(form({ issuer: 'Valve', secret: SECRET, type: 'steam' })).account).toMatchObject({ issuer: 'Valve', label: '' });
    expect(readKeyForm(form({ secret: 'JBSW1', type: 'steam' })).errors).toEqual({ secret: expect.objectContaining({ code: 'secret_not_base32' }) });
  });

  it('ignores the period of an HOTP account and the counter of a TOTP one', () => {
    expect(readKeyForm(form({ label: 'a', secret: SECRET, type: 'hotp', period: 'x' })).account).toBeDefined();
    expect(readKeyForm(form({ label: 'a', secret: SECRET, counter: 'x' })).account).toBeDefined();
  });
});
