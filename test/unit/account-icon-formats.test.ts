import { describe, expect, it } from 'vitest';
import { createVaultAccount, setVaultAccountIcon } from '../../shared/vault/account';
import type { AccountIcon } from '../../shared/vault/account-icon';
import { exportAegisJson } from '../../shared/vault/formats/aegis';

const NOW = 1_750_000_000_000;
const account = createVaultAccount({ type: 'totp', issuer: 'Intranet', label: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }, NOW);

async function exportedEntry(icon: AccountIcon | null): Promise<Record<string, unknown>> {
  const file = JSON.parse(await exportAegisJson([setVaultAccountIcon(account, icon, NOW)])) as { db: { entries: Record<string, unknown>[] } };
  return file.db.entries[0]!;
}

describe('exportAegisJson (icons, issue 12)', () => {
  it.each([
    ['image/png', 'iVBORw0KGgo='],
    ['image/jpeg', '/9j/4AAQ'],
  ] as const)('writes an own %s image as the entry icon, with its type', async (mime, data) => {
    const entry = await exportedEntry({ kind: 'image', mime, data });
    expect(entry).toMatchObject({ icon: data, icon_mime: mime });
  });

  it.each([
    ['a WebP image (Aegis reads PNG, JPEG and SVG only)', { kind: 'image', mime: 'image/webp', data: 'UklGRg==' } as AccountIcon],
    ['an icon of the set (Aegis matches its own by issuer)', { kind: 'set', slug: 'github' } as AccountIcon],
    ['the letter', { kind: 'letter' } as AccountIcon],
    ['automatic', null],
  ])('writes no icon for %s', async (_case, icon) => {
    const entry = await exportedEntry(icon);
    expect(entry.icon).toBeNull();
    expect(entry).not.toHaveProperty('icon_mime');
  });
});
