/**
 * The first thing the app does (issue 14): take what it was opened for out
 * of the address. A fragment of the app's (a `web+otpauth:` link with its
 * secret, a shortcut, a share; see launch-fragment.ts) is removed from the
 * address bar and its history entry at once (`history.replaceState`), now
 * and whenever one comes later (`hashchange`), and held here in memory.
 *
 * Only this is on the first load; reading the fragments and acting on them
 * (launch-requests.ts) is fetched when the codes are up, or at once after a
 * share, whose files are taken out of the service worker's cache straight
 * away, even while the app is locked.
 */
import { LAUNCH_FRAGMENT } from './launch-fragment-names';

/** The fragments the app was opened with, until launch-requests.ts takes them. */
export interface LaunchInbox {
  /** Returns the fragments held (`#add=...`), oldest first, and forgets them. */
  drain(): string[];
  /** Calls `listener` when a fragment comes (null: no one). */
  onFragment(listener: (() => void) | null): void;
}

const APP_FRAGMENT = new RegExp(`^#(${Object.values(LAUNCH_FRAGMENT).join('|')})=`);

/** Starts taking the app's fragments out of the address; call once, before the app renders. */
export function openLaunchInbox(): LaunchInbox {
  const held: string[] = [];
  let notify: (() => void) | null = null;
  const capture = () => {
    const { hash } = location;
    if (!APP_FRAGMENT.test(hash)) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    held.push(hash);
    notify?.();
  };
  capture();
  window.addEventListener('hashchange', capture);
  const inbox: LaunchInbox = { drain: () => held.splice(0), onFragment: (listener) => void (notify = listener) };
  if (held.some((hash) => hash.startsWith(`#${LAUNCH_FRAGMENT.share}`))) void import('./launch-requests').then((m) => m.listenForLaunches(inbox));
  return inbox;
}
