/**
 * Settings → Back up / Export: the encrypted backup file (recommended), an
 * Aegis file (encrypted or not), Google Authenticator transfer QR codes, or a
 * plain list of otpauth:// links. The unencrypted ones come after a clear
 * warning. The formats are shared/vault's; this screen gathers the password,
 * saves the file or shows the codes, and records the backup's date.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { AppError } from '../../../shared/vault/import-errors';
import type { VaultAccount } from '../../../shared/vault/account';
import { exportAcmeBackup } from '../../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../../shared/vault/formats/aegis';
import { exportMigrationUris, findMigrationSkips, type MigrationExport } from '../../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../../shared/vault/formats/otpauth-list';
import { fieldsDroppedBy, type ImportFormat, type UnreadableEntry } from '../../../shared/vault/formats/types';
import type { VaultGroup } from '../../../shared/vault/groups';
import { listOrganisingFields } from './organising-fields';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/vault/key-slots';
import { Dialog } from '../components/Dialog';
import { Icon, type IconName } from '../components/Icon';
import { QrCode } from '../components/QrCode';
import { fileDate, downloadText } from '../model/download';
import { errorMessage, InputError } from '../model/errors';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  /** The accounts to export, in list order. */
  accounts: readonly VaultAccount[];
  /** The groups (the backup and Aegis files keep them). */
  groups?: readonly VaultGroup[];
  /** How many stored records do not decrypt: they cannot be exported, and the dialog says so (finding 10). */
  damagedCount?: number;
  /** Whether the passphrase lock is on (then its passphrase is offered as the password). */
  lockOn: boolean;
  /** Checks the vault passphrase (rejects with `wrong_passphrase`...). */
  onVerifyPassphrase(passphrase: string): Promise<void>;
  /** Records that a backup was made (the date shown in Settings). */
  onExported(): Promise<void>;
  /** Closes the dialog. */
  onClose(): void;
}

/** The export formats, as the dialog offers them. */
type ExportKind = 'acme' | 'aegis-encrypted' | 'google' | 'aegis-plain' | 'otpauth';

const KINDS: ReadonlyArray<{ kind: ExportKind; format: ImportFormat; icon: IconName; title: string; text: string; plain?: boolean }> = [
  {
    kind: 'acme',
    format: 'acme-backup',
    icon: 'lock',
    title: 'Encrypted backup (recommended)',
    text: 'A file protected by a password, to restore into this app on any device.',
  },
  {
    kind: 'aegis-encrypted',
    format: 'aegis',
    icon: 'lock',
    title: 'Aegis file, encrypted',
    text: 'For Aegis, Ente Auth, 2FAS or Bitwarden, protected by a password.',
  },
  {
    kind: 'google',
    format: 'google-migration',
    icon: 'qr',
    title: 'Google Authenticator QR codes',
    text: 'Scan them with Google Authenticator, or with this app on another phone.',
  },
  {
    kind: 'aegis-plain',
    format: 'aegis',
    icon: 'warning',
    title: 'Aegis file, not encrypted',
    text: 'Anyone who gets the file can copy every account.',
    plain: true,
  },
  {
    kind: 'otpauth',
    format: 'otpauth-list',
    icon: 'warning',
    title: 'otpauth:// links, not encrypted',
    text: 'A text file with one link per line. Anyone who gets it can copy every account.',
    plain: true,
  },
];

type Step =
  | { kind: 'menu' }
  | { kind: ExportKind }
  | { kind: 'qr'; codes: MigrationExport; index: number }
  | { kind: 'done'; fileName: string; encrypted: boolean };

/** The Back up / Export dialog. */
export function ExportDialog({ accounts, groups = [], damagedCount = 0, lockOn, onVerifyPassphrase, onExported, onClose }: ExportDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'menu' });
  // What a transfer code must leave out (Steam Guard accounts, other digits or periods), named before it is chosen.
  const googleSkips = useMemo(() => findMigrationSkips(accounts), [accounts]);
  const titleOf = (s: Step) => (s.kind === 'menu' || s.kind === 'done' ? 'Back up / Export' : s.kind === 'qr' ? 'Transfer QR codes' : KINDS.find((k) => k.kind === s.kind)!.title);

  const saved = async (fileName: string, encrypted: boolean) => {
    await onExported().catch(() => undefined);
    setStep({ kind: 'done', fileName, encrypted });
  };

  return (
    <Dialog title={titleOf(step)} onClose={onClose}>
      {damagedCount > 0 && (step.kind === 'menu' || step.kind === 'done') && (
        <p class="vault-warning" role="status">
          {damagedCount === 1 ? '1 damaged account is' : `${damagedCount} damaged accounts are`} not included: {damagedCount === 1 ? 'its' : 'their'}{' '}
          saved data could not be decrypted. Only the {accounts.length === 1 ? 'account' : `${accounts.length} accounts`} shown in
          your list {step.kind === 'done' ? 'were' : 'will be'} exported.
        </p>
      )}
      {step.kind === 'menu' && (
        <ExportMenu count={accounts.length} googleSkips={googleSkips.length} onChoose={(kind) => setStep({ kind })} />
      )}
      {(step.kind === 'acme' || step.kind === 'aegis-encrypted') && (
        <EncryptedExport
          kind={step.kind}
          lockOn={lockOn}
          onVerifyPassphrase={onVerifyPassphrase}
          onExport={async (password) => {
            const now = Date.now();
            if (step.kind === 'acme') {
              const name = `authenticator-backup-${fileDate(now)}.json`;
              downloadText(await exportAcmeBackup(accounts, password, { now, groups }), name);
              await saved(name, true);
            } else {
              const name = `aegis-export-${fileDate(now)}.json`;
              downloadText(await exportAegisJson(accounts, { password, groups }), name);
              await saved(name, true);
            }
          }}
          onBack={() => setStep({ kind: 'menu' })}
        />
      )}
      {(step.kind === 'aegis-plain' || step.kind === 'otpauth') && (
        <PlainExport
          kind={step.kind}
          onExport={async () => {
            const now = Date.now();
            if (step.kind === 'otpauth') {
              const name = `authenticator-links-${fileDate(now)}.txt`;
              downloadText(exportOtpauthList(accounts), name, 'text/plain');
              await saved(name, false);
            } else {
              const name = `aegis-export-plain-${fileDate(now)}.json`;
              downloadText(await exportAegisJson(accounts, { groups }), name);
              await saved(name, false);
            }
          }}
          onBack={() => setStep({ kind: 'menu' })}
        />
      )}
      {step.kind === 'google' && (
        <GoogleIntro
          skipped={googleSkips}
          onShow={async () => {
            const codes = exportMigrationUris(accounts);
            setStep({ kind: 'qr', codes, index: 0 });
            if (codes.uris.length > 0) await onExported().catch(() => undefined);
          }}
          onBack={() => setStep({ kind: 'menu' })}
        />
      )}
      {step.kind === 'qr' && (
        <TransferCodes
          codes={step.codes}
          index={step.index}
          onIndex={(index) => setStep({ ...step, index })}
          onDone={onClose}
        />
      )}
      {step.kind === 'done' && <ExportDone fileName={step.fileName} encrypted={step.encrypted} onDone={onClose} />}
    </Dialog>
  );
}

/** After a file was saved: where to keep it. */
function ExportDone({ fileName, encrypted, onDone }: { fileName: string; encrypted: boolean; onDone(): void }) {
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  return (
    <div class="form">
      <p role="status" class="vault-done">
        <Icon name="check" /> Saved {fileName}.
      </p>
      <p>
        Keep it somewhere other than this device: a computer, a USB stick or cloud storage.
        {encrypted ? ' You will need its password to restore it.' : ' It is not encrypted: delete it once you have imported it elsewhere.'}
      </p>
      <div class="dialog__actions">
        <button ref={done} type="button" class="btn btn--filled" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function ExportMenu({ count, googleSkips, onChoose }: { count: number; googleSkips: number; onChoose(kind: ExportKind): void }) {
  if (count === 0) {
    return (
      <p class="form__error" role="alert">
        {new AppError('export_empty').message}
      </p>
    );
  }
  return (
    <>
      <p>
        Keep a copy of your {count === 1 ? 'account' : `${count} accounts`} somewhere other than this device, so losing or
        resetting it does not lock you out.
      </p>
      <ul class="menu export-menu" role="list">
        {KINDS.map((entry) => (
          <li key={entry.kind}>
            <button type="button" class="menu__item export-menu__item" onClick={() => onChoose(entry.kind)}>
              <Icon name={entry.icon} />
              <span class="export-menu__body">
                <span class="export-menu__title">{entry.title}</span>
                <span class={`export-menu__text${entry.plain ? ' export-menu__text--warning' : ''}`}>{entry.text}</span>
                {fieldsDroppedBy(entry.format).length > 0 && (
                  <span class="export-menu__text">Does not keep {listOrganisingFields(fieldsDroppedBy(entry.format))}.</span>
                )}
                {entry.format === 'aegis' && (
                  <span class="export-menu__text">Of icons, keeps your own pictures (PNG and JPEG); Aegis matches logos itself.</span>
                )}
                {entry.format === 'google-migration' && googleSkips > 0 && (
                  <span class="export-menu__text export-menu__text--warning">
                    Leaves out {googleSkips === 1 ? '1 account' : `${googleSkips} accounts`} it cannot carry (named on the next step).
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The password step of an encrypted export: the vault passphrase, or a password for this file. */
function EncryptedExport({
  kind,
  lockOn,
  onVerifyPassphrase,
  onExport,
  onBack,
}: {
  kind: 'acme' | 'aegis-encrypted';
  lockOn: boolean;
  onVerifyPassphrase(passphrase: string): Promise<void>;
  onExport(password: string): Promise<void>;
  onBack(): void;
}) {
  const id = useId();
  const [source, setSource] = useState<'passphrase' | 'own'>(lockOn ? 'passphrase' : 'own');
  const [passphrase, setPassphrase] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ message: string; field: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { passphrase: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (source === 'passphrase') {
        await onVerifyPassphrase(passphrase);
        await onExport(passphrase);
      } else {
        if (password.length >= MIN_PASSPHRASE_LENGTH && password !== repeat) {
          throw new InputError('repeat', new AppError('passphrase_mismatch', { field: 'password' }).message);
        }
        await onExport(password);
      }
    } catch (e) {
      const field = source === 'passphrase' ? 'passphrase' : e instanceof InputError ? e.field : 'password';
      setError({ message: errorMessage(e), field });
      setBusy(false);
      const input = refs[field as keyof typeof refs]?.current;
      input?.focus();
      input?.select();
    }
  }

  const field = (name: 'passphrase' | 'password' | 'repeat', label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div class="field">
      <label for={`${id}-${name}`}>{label}</label>
      <input
        ref={refs[name]}
        id={`${id}-${name}`}
        type="password"
        autocomplete={name === 'passphrase' ? 'current-password' : 'new-password'}
        spellcheck={false}
        autocapitalize="off"
        value={value}
        aria-invalid={error?.field === name}
        aria-describedby={[hint ? `${id}-${name}-hint` : '', error?.field === name ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        onInput={(event) => set(event.currentTarget.value)}
      />
      {hint && (
        <p id={`${id}-${name}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );

  return (
    <form class="form" onSubmit={submit} noValidate>
      <p>
        {kind === 'acme'
          ? 'The file holds every account, encrypted with the password (Argon2id and AES-256-GCM). To restore it, use Settings → Import in this app.'
          : 'An Aegis vault file encrypted with the password (scrypt and AES-256-GCM), which Aegis, Ente Auth, 2FAS and Bitwarden import.'}
      </p>
      {lockOn && (
        <fieldset class="choice">
          <legend>Password of the file</legend>
          <label class="choice__option">
            <input type="radio" name={`${id}-source`} checked={source === 'passphrase'} onChange={() => setSource('passphrase')} />
            Use my passphrase
          </label>
          <label class="choice__option">
            <input type="radio" name={`${id}-source`} checked={source === 'own'} onChange={() => setSource('own')} />
            Choose another password
          </label>
        </fieldset>
      )}
      {source === 'passphrase'
        ? field('passphrase', 'Your passphrase', passphrase, setPassphrase)
        : [
            field('password', 'Password for the file', password, setPassword, `At least ${MIN_PASSPHRASE_LENGTH} characters. Without it, the file cannot be opened.`),
            field('repeat', 'Repeat the password', repeat, setRepeat),
          ]}
      <p id={`${id}-error`} class="form__error" role="alert">
        {error?.message}
      </p>
      <p role="status" class="vault-busy">
        {busy && (
          <>
            <span class="spinner" aria-hidden="true" /> Encrypting…
          </>
        )}
      </p>
      <div class="dialog__actions">
        <button type="button" class="btn btn--text" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="submit" class="btn btn--filled" disabled={busy}>
          <Icon name="install" /> {kind === 'acme' ? 'Download backup' : 'Download Aegis file'}
        </button>
      </div>
    </form>
  );
}

/** The warning before an unencrypted export. */
function PlainExport({ kind, onExport, onBack }: { kind: 'aegis-plain' | 'otpauth'; onExport(): Promise<void>; onBack(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div class="form">
      <div class="vault-warning" role="note">
        <Icon name="warning" />
        <p>
          <strong>This file is not encrypted.</strong> It contains the secret key of every account in plain text: anyone who
          reads it, or any app that can open your downloads, can make your codes. Import it straight away, then delete it.
          For a backup to keep, choose “Encrypted backup” instead.
        </p>
      </div>
      <p>
        {kind === 'otpauth'
          ? 'One otpauth:// link per line, which most authenticator apps can read.'
          : 'An Aegis vault file without encryption, which Aegis, Ente Auth, 2FAS and Bitwarden import.'}
      </p>
      <p class="form__error" role="alert">
        {error}
      </p>
      <div class="dialog__actions">
        <button type="button" class="btn btn--text" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button
          type="button"
          class="btn btn--danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onExport();
            } catch (e) {
              setError(errorMessage(e));
              setBusy(false);
            }
          }}
        >
          <Icon name="install" /> Download unencrypted file
        </button>
      </div>
    </div>
  );
}

/** The warning before showing transfer codes, naming the accounts they leave out. */
function GoogleIntro({ skipped, onShow, onBack }: { skipped: readonly UnreadableEntry[]; onShow(): Promise<void>; onBack(): void }) {
  return (
    <div class="form">
      {skipped.length > 0 && <SkippedAccounts skipped={skipped} />}
      <p>
        Your accounts are shown as QR codes, at most 10 accounts per code. On the other phone, in Google Authenticator
        choose Transfer accounts → Import accounts (or in this app, Add account → Scan QR code), and scan each code in turn.
      </p>
      <div class="vault-warning" role="note">
        <Icon name="warning" />
        <p>
          <strong>The codes carry your secret keys.</strong> Anyone who photographs them can copy your accounts. Show them
          only to your own phone, somewhere nobody is looking.
        </p>
      </div>
      <div class="dialog__actions">
        <button type="button" class="btn btn--text" onClick={onBack}>
          Back
        </button>
        <button type="button" class="btn btn--filled" onClick={() => void onShow()}>
          <Icon name="qr" /> Show QR codes
        </button>
      </div>
    </div>
  );
}

/** The accounts a transfer code leaves out, each with why. */
function SkippedAccounts({ skipped }: { skipped: readonly UnreadableEntry[] }) {
  return (
    <div class="vault-warning" role="note">
      <Icon name="warning" />
      <div>
        <p>
          <strong>
            {skipped.length} account{skipped.length === 1 ? '' : 's'} cannot be moved this way
          </strong>{' '}
          (use an Aegis file or an encrypted backup for {skipped.length === 1 ? 'it' : 'them'}):
        </p>
        <ul class="preview__list" aria-label="Accounts left out">
          {skipped.map((entry) => (
            <li key={entry.index}>
              <strong>{entry.name}</strong>
              <span class="preview__reason">{entry.reason}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The transfer codes, one at a time: "Batch N of M", Previous and Next. */
function TransferCodes({ codes, index, onIndex, onDone }: { codes: MigrationExport; index: number; onIndex(index: number): void; onDone(): void }) {
  const total = codes.uris.length;
  const uri = codes.uris[index];
  return (
    <div class="transfer">
      {codes.skipped.length > 0 && <SkippedAccounts skipped={codes.skipped} />}
      {uri === undefined ? (
        <p class="form__error" role="alert">
          None of your accounts can be put into a Google Authenticator transfer code.
        </p>
      ) : (
        <>
          <h3 class="transfer__count" aria-live="polite">
            Batch {index + 1} of {total}
          </h3>
          <div class="transfer__code">
            <QrCode value={uri} label={`Transfer QR code, batch ${index + 1} of ${total}`} />
          </div>
          <p class="hint">Turn the screen brightness up if the other phone does not read it.</p>
        </>
      )}
      <div class="dialog__actions transfer__actions">
        {total > 1 && (
          <>
            <button type="button" class="btn btn--tonal" disabled={index === 0} onClick={() => onIndex(index - 1)}>
              Previous
            </button>
            <button type="button" class="btn btn--tonal" disabled={index >= total - 1} onClick={() => onIndex(index + 1)}>
              Next
            </button>
          </>
        )}
        <button type="button" class="btn btn--filled" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
