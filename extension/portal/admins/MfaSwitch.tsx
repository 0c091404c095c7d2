/** Props of {@link MfaSwitch}. */
export interface MfaSwitchProps {
  /** The element id, so focus can be brought back to it. */
  id: string;
  /** The admin the switch belongs to: part of its accessible name. */
  email: string;
  /** Enabled (pending or confirmed) or Disabled. */
  on: boolean;
  /** True while the change is being saved: clicks wait. */
  busy: boolean;
  /** The user flipped the switch. */
  onToggle(next: boolean): void;
}

/**
 * The MFA column's Disabled/Enabled toggle for one admin: a button with
 * role="switch", named "MFA for <email>", showing the article's words.
 */
export function MfaSwitch({ id, email, on, busy, onToggle }: MfaSwitchProps) {
  return (
    <button
      type="button"
      id={id}
      role="switch"
      class="mfa-switch"
      aria-checked={on}
      aria-busy={busy}
      aria-disabled={busy}
      onClick={() => {
        if (!busy) onToggle(!on);
      }}
    >
      <span class="mfa-switch-track" aria-hidden="true">
        <span class="mfa-switch-thumb" />
      </span>
      <span class="sr-only">MFA for {email}: </span>
      <span class="mfa-switch-text">{on ? 'Enabled' : 'Disabled'}</span>
    </button>
  );
}
