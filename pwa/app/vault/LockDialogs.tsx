/**
 * The passphrase lock's dialogs, opened from Settings (and from the first-run
 * offer): turn the lock on, change the passphrase, turn it off, add a passkey.
 * Each only gathers input and calls the lock model; the vault checks it.
 */
import { AppError } from '../../../shared/errors';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/vault/key-slots';
import { InputError } from '../model/errors';
import { PassphraseDialog, vaultErrorField } from './PassphraseDialog';

/** Rejects a repeated passphrase that differs from the first. */
function assertSame(first: string, repeated: string, field: string): void {
  if (first !== repeated) throw new InputError(field, new AppError('passphrase_mismatch').message);
}

const NEW_HINT = `At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easy to remember and hard to guess. If you forget it, your accounts cannot be recovered without a backup.`;

/** Props shared by the lock dialogs. */
interface LockDialogProps {
  /** Closes the dialog (after success too). */
  onClose(): void;
}

/** Props of {@link EnableLockDialog}. */
export interface EnableLockDialogProps extends LockDialogProps {
  /** Turns the lock on. */
  onEnable(passphrase: string): Promise<void>;
}

/** "Turn on the passphrase lock". */
export function EnableLockDialog({ onEnable, onClose }: EnableLockDialogProps) {
  return (
    <PassphraseDialog
      title="Protect with a passphrase"
      description={
        <p>
          Your secret keys are encrypted with this passphrase, and the app asks for it when it opens and after it locks.
        </p>
      }
      fields={[
        { name: 'passphrase', label: 'New passphrase', autocomplete: 'new-password', hint: NEW_HINT },
        { name: 'repeat', label: 'Repeat the passphrase', autocomplete: 'new-password' },
      ]}
      submitLabel="Turn on lock"
      busyLabel="Encrypting your accounts…"
      fieldOf={vaultErrorField('passphrase', 'passphrase')}
      onSubmit={async ({ passphrase = '', repeat = '' }) => {
        if (passphrase.length >= MIN_PASSPHRASE_LENGTH) assertSame(passphrase, repeat, 'repeat');
        await onEnable(passphrase);
        onClose();
      }}
      onClose={onClose}
    />
  );
}

/** Props of {@link ChangePassphraseDialog}. */
export interface ChangePassphraseDialogProps extends LockDialogProps {
  /** Changes the passphrase. */
  onChange(current: string, next: string): Promise<void>;
}

/** "Change passphrase". */
export function ChangePassphraseDialog({ onChange, onClose }: ChangePassphraseDialogProps) {
  return (
    <PassphraseDialog
      title="Change passphrase"
      description={<p>Backups you made before keep the password they were made with.</p>}
      fields={[
        { name: 'current', label: 'Current passphrase', autocomplete: 'current-password' },
        { name: 'next', label: 'New passphrase', autocomplete: 'new-password', hint: NEW_HINT },
        { name: 'repeat', label: 'Repeat the new passphrase', autocomplete: 'new-password' },
      ]}
      submitLabel="Change passphrase"
      busyLabel="Changing the passphrase…"
      fieldOf={vaultErrorField('current', 'next')}
      onSubmit={async ({ current = '', next = '', repeat = '' }) => {
        if (next.length >= MIN_PASSPHRASE_LENGTH) assertSame(next, repeat, 'repeat');
        await onChange(current, next);
        onClose();
      }}
      onClose={onClose}
    />
  );
}

/** Props of {@link DisableLockDialog}. */
export interface DisableLockDialogProps extends LockDialogProps {
  /** Turns the lock off. */
  onDisable(passphrase: string): Promise<void>;
}

/** "Turn off the lock". */
export function DisableLockDialog({ onDisable, onClose }: DisableLockDialogProps) {
  return (
    <PassphraseDialog
      title="Turn off the lock?"
      description={
        <p>
          The app will open without a passphrase, and anyone who can use this browser can see your codes. Passkeys
          added for unlocking are removed.
        </p>
      }
      fields={[{ name: 'passphrase', label: 'Passphrase', autocomplete: 'current-password' }]}
      submitLabel="Turn off lock"
      busyLabel="Checking the passphrase…"
      danger
      onSubmit={async ({ passphrase = '' }) => {
        await onDisable(passphrase);
        onClose();
      }}
      onClose={onClose}
    />
  );
}

/** Props of {@link AddPasskeyDialog}. */
export interface AddPasskeyDialogProps extends LockDialogProps {
  /** Creates the passkey and adds it. */
  onAdd(label: string, passphrase: string): Promise<void>;
}

/** "Add a passkey". */
export function AddPasskeyDialog({ onAdd, onClose }: AddPasskeyDialogProps) {
  return (
    <PassphraseDialog
      title="Unlock with a passkey"
      description={
        <p>
          Unlock with your fingerprint, face or device PIN instead of typing the passphrase. The passphrase keeps working
          too.
        </p>
      }
      fields={[
        { name: 'label', label: 'Name of the passkey', autocomplete: 'off', text: true, initial: 'Authenticator on this device' },
        { name: 'passphrase', label: 'Passphrase', autocomplete: 'current-password' },
      ]}
      submitLabel="Add passkey"
      busyLabel="Waiting for the passkey…"
      fieldOf={vaultErrorField('passphrase', 'passphrase')}
      onSubmit={async ({ label = '', passphrase = '' }) => {
        await onAdd(label.trim() || 'Passkey', passphrase);
        onClose();
      }}
      onClose={onClose}
    />
  );
}
