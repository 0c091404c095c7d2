/** Fixtures shared by the sync tests: devices, a writer at a time, a vault account. */
import { createVaultAccount, type AccountId, type VaultAccount } from '../../shared/vault/account';
import type { DeviceId } from '../../shared/sync/stamp';
import type { SyncWriter } from '../../shared/sync/account-edits';

export const A = 'device-a' as DeviceId;
export const B = 'device-b' as DeviceId;
export const C = 'device-c' as DeviceId;
export const T0 = 1_750_000_000_000;

/** A writer: device `deviceId` at T0 + `ms`. */
export function at(deviceId: DeviceId, ms: number): SyncWriter {
  return { now: T0 + ms, deviceId };
}

/** Base32 secrets, distinct, 16 characters. */
export const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'ONSWG4TFOQYTEMZU', 'KRSXG5CTMVRXEZLU'];

export function vaultAccount(secret = SECRETS[0] as string, id = 'acc-1'): VaultAccount {
  return createVaultAccount(
    { type: 'totp', issuer: 'GitHub', label: 'alice@example.com', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    T0,
    id as AccountId,
  );
}
