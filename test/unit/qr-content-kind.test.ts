import { describe, expect, it } from 'vitest';
import { formatAppErrorMessage } from '../../shared/errors';
import { classifyQrContent } from '../../shared/qr/classify-qr-content';
import { isQrContentKind, QR_CONTENT_DESCRIPTIONS, type QrContentKind } from '../../shared/qr/qr-content-kind';

describe('classifyQrContent', () => {
  it.each<[string, string, QrContentKind]>([
    ['a WPA Wi-Fi code', 'WIFI:T:WPA;S:home;P:secret;;', 'wifi'],
    ['a Wi-Fi code with the fields in another order, lower case', 'wifi:S:cafe;T:nopass;;', 'wifi'],
    ['an https link', 'https://example.com/menu', 'web-address'],
    ['an http link in capitals', 'HTTP://EXAMPLE.COM', 'web-address'],
    ['a www. address', 'www.example.com', 'web-address'],
    ['a vCard', 'BEGIN:VCARD\nVERSION:3.0\nFN:Alice\nEND:VCARD', 'contact'],
    ['a MeCard', 'MECARD:N:Alice;TEL:+4420;;', 'contact'],
    ['a mailto link', 'mailto:alice@example.com?subject=Hi', 'email'],
    ['a MATMSG e-mail', 'MATMSG:TO:alice@example.com;SUB:Hi;BODY:x;;', 'email'],
    ['a bare e-mail address', 'alice@example.com', 'email'],
    ['a tel link', 'tel:+442079460018', 'phone'],
    ['a bare phone number', '+44 20 7946 0018', 'phone'],
    ['an SMS code', 'SMSTO:+442079460018:hello', 'sms'],
    ['an sms link', 'sms:+442079460018', 'sms'],
    ['a geo location', 'geo:51.5,-0.12', 'location'],
    ['a calendar event', 'BEGIN:VEVENT\nSUMMARY:Party\nEND:VEVENT', 'calendar-event'],
    ['a bitcoin payment', 'bitcoin:bc1qxyz?amount=0.1', 'payment'],
    ['a SEPA transfer (EPC QR)', 'BCD\n002\n1\nSCT\nBICXXX\nAlice\nDE00123', 'payment'],
    ['another app’s link', 'market://details?id=com.example', 'app-link'],
    ['plain text', 'hello world', 'text'],
    ['a bare secret key', 'JBSWY3DPEHPK3PXP', 'text'],
    ['leading spaces', '   WIFI:S:x;;', 'wifi'],
    ['nothing', '', 'text'],
  ])('reads %s as %s', (_name, text, kind) => {
    expect(classifyQrContent(text)).toBe(kind);
  });
});

describe('qr_not_otpauth', () => {
  it.each(Object.entries(QR_CONTENT_DESCRIPTIONS))('names %s as "%s", not an authenticator account', (kind, description) => {
    expect(formatAppErrorMessage('qr_not_otpauth', { kind })).toBe(
      `This QR code holds ${description}, not an authenticator account. Use the QR code the service shows when you turn on two-factor authentication.`,
    );
  });

  it('says "This QR code holds Wi-Fi network details" for a Wi-Fi code, and not its password', () => {
    const text = 'WIFI:T:WPA;S:home;P:correct-horse;;';
    const message = formatAppErrorMessage('qr_not_otpauth', { kind: classifyQrContent(text) });
    expect(message).toContain('This QR code holds Wi-Fi network details, not an authenticator account.');
    expect(message).not.toContain('correct-horse');
    expect(message).not.toContain('home');
  });

  it('has a message even for an unknown kind (an older build over messaging)', () => {
    expect(formatAppErrorMessage('qr_not_otpauth', { kind: 'hologram' })).toContain('This QR code holds something else, not an authenticator account.');
  });
});

describe('isQrContentKind', () => {
  it('knows every kind and nothing else', () => {
    for (const kind of Object.keys(QR_CONTENT_DESCRIPTIONS)) expect(isQrContentKind(kind)).toBe(true);
    expect(isQrContentKind('toString')).toBe(false);
    expect(isQrContentKind(undefined)).toBe(false);
  });
});
