import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase32 } from '../../shared/otp/base32';
import { generateSecret, SECRET_BYTES } from '../../shared/otp/secret';

describe('generateSecret', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns 32 Base32 characters without padding', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeBase32(secret)).toHaveLength(SECRET_BYTES);
  });

  it('returns a different secret each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateSecret()));
    expect(secrets.size).toBe(50);
  });

  it('encodes the 20 bytes crypto.getRandomValues gives', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      bytes.set(new TextEncoder().encode('12345678901234567890'));
      return array;
    });
    expect(generateSecret()).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(spy).toHaveBeenCalledOnce();
    expect((spy.mock.calls[0]?.[0] as Uint8Array).length).toBe(20);
  });
});
