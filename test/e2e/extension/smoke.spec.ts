import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, EXTENSION_DIR } from '../fixtures';

test.describe('the built extension', () => {
  test('loads in Chromium and gets an extension id', async ({ portal }) => {
    expect(portal.extensionId).toMatch(/^[a-p]{32}$/);
  });

  test('renders the portal page', async ({ portal }) => {
    const page = await portal.open();
    await expect(page).toHaveTitle('Acme MSP Portal');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('asks for no permissions and loads no remote code', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions ?? []).toEqual([]);
    expect(manifest.host_permissions ?? []).toEqual([]);
    // An explicit policy, stricter than MV3's default (issue 11): only the extension's own scripts, no plugins.
    const policy: string = manifest.content_security_policy.extension_pages;
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/'unsafe-|https?:|\*/);
  });
});
