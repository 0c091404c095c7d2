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
    // The default MV3 content security policy: no override.
    expect(manifest.content_security_policy).toBeUndefined();
  });
});
