/**
 * The bar across the top of every signed-in page: the brand, the tabs the
 * user may open (Admins and Audit log for the owner; the domain enforces the
 * rules, this only hides what would be refused), and the email menu.
 */
import type { Role } from '../../../shared/portal/model';
import { UserMenu } from './UserMenu';

/** One tab of the main navigation. */
export interface NavTab {
  /** What the tab says. */
  label: string;
  /** Where it goes (a hash link). */
  href: string;
  /** Whether it is the page in view. */
  current: boolean;
}

/** Props of {@link TopBar}. */
export interface TopBarProps {
  /** The tabs to show; none for a signed-out page. */
  tabs: NavTab[];
  /** The signed-in user, or null on the login page. */
  user: { email: string; name: string; role: Role } | null;
  /** Where the email menu's "Profile" goes. */
  profileHref: string;
  /** "Sign out" was chosen. */
  onSignOut(): void;
}

/** The words for each role. */
export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin' };

/** The portal's top bar. */
export function TopBar({ tabs, user, profileHref, onSignOut }: TopBarProps) {
  return (
    <header class="topbar">
      <div class="topbar__inner">
        <span class="brand">
          <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path d="M9.5 23 16 8.5 22.5 23M11.8 18h8.4" fill="none" stroke="var(--topbar-bg)" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          <span class="brand__name">Acme MSP</span>
          <span class="brand__tag">Reseller portal</span>
        </span>
        {tabs.length > 0 && (
          <nav class="tabs" aria-label="Main">
            <ul>
              {tabs.map((tab) => (
                <li key={tab.href}>
                  <a class="tabs__link" href={tab.href} aria-current={tab.current ? 'page' : undefined}>
                    {tab.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && (
          <UserMenu email={user.email} name={user.name} roleLabel={ROLE_LABELS[user.role]} profileHref={profileHref} onSignOut={onSignOut} />
        )}
      </div>
    </header>
  );
}
