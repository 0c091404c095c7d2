/**
 * The demo reseller account the portal holds on first run and after "Reset
 * demo data": the owner, three admins who sign in with a password and one
 * who signs in by SSO. Nobody has MFA yet, so every flow can be walked from
 * the start. The passwords are shown on the login page on purpose.
 */
import type { PasswordHash, PortalUser, Role, SignInMethod, UserId } from './model';
import { INITIAL_PASSWORD_THROTTLE } from './password-throttle';

/** The reseller account's name: the issuer in every QR code. */
export const DEMO_ACCOUNT_NAME = 'Acme MSP';

/** One demo user with the password the login page shows ('' for SSO users, who have none). */
export interface DemoCredential {
  /** Sign-in email. */
  email: string;
  /** The demo password; empty for SSO users. */
  password: string;
  /** Owner or admin. */
  role: Role;
  /** Password or SSO. */
  signIn: SignInMethod;
}

/** A demo user: credentials plus a display name. */
interface DemoUser extends DemoCredential {
  /** Display name. */
  name: string;
}

const DEMO_USERS: readonly DemoUser[] = [
  { email: 'owner@acme-msp.example', name: 'Olivia Owner', role: 'owner', signIn: 'password', password: 'Owner-Demo-2024!' },
  { email: 'alice@acme-msp.example', name: 'Alice Admin', role: 'admin', signIn: 'password', password: 'Alice-Demo-2024!' },
  { email: 'bob@acme-msp.example', name: 'Bob Admin', role: 'admin', signIn: 'password', password: 'Bob-Demo-2024!' },
  { email: 'carol@acme-msp.example', name: 'Carol Admin', role: 'admin', signIn: 'password', password: 'Carol-Demo-2024!' },
  { email: 'sam.sso@acme-msp.example', name: 'Sam SSO', role: 'admin', signIn: 'sso', password: '' },
];

/** The demo credentials, as the login page lists them. */
export function listDemoCredentials(): DemoCredential[] {
  return DEMO_USERS.map(({ email, password, role, signIn }) => ({ email, password, role, signIn }));
}

/**
 * Builds the demo users as of `now`, hashing the passwords in parallel with `hash`.
 * Ids are fresh, so a reset also ends every session.
 */
export async function createDemoUsers(
  now: number,
  hash: (password: string) => Promise<PasswordHash>,
): Promise<PortalUser[]> {
  return Promise.all(
    DEMO_USERS.map(async (demo): Promise<PortalUser> => {
      const user: PortalUser = {
        id: crypto.randomUUID() as UserId,
        email: demo.email,
        name: demo.name,
        role: demo.role,
        signIn: demo.signIn,
        mfa: { status: 'disabled' },
        lastAcceptedStep: null,
        recoveryCodeHashes: [],
        failedAttempts: 0,
        lockedUntil: null,
        passwordThrottle: { ...INITIAL_PASSWORD_THROTTLE },
        createdAt: now,
      };
      if (demo.signIn === 'password') user.password = await hash(demo.password);
      return user;
    }),
  );
}
