/** Props of {@link EmailText}. */
export interface EmailTextProps {
  /** The email to show. */
  email: string;
}

/**
 * An email that may wrap after its "@" when its box is narrow
 * ("sam.sso@" / "acme-msp.example") rather than anywhere. Each part is a
 * `.email-part`, which a page's CSS may keep on one line.
 */
export function EmailText({ email }: EmailTextProps) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      <span class="email-part">{email.slice(0, at + 1)}</span>
      <wbr />
      <span class="email-part">{email.slice(at + 1)}</span>
    </>
  );
}
