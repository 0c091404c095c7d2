import type { UpdateChannel } from './service-worker';
import { UpdateBanner } from './UpdateBanner';

/** Props of {@link App}. */
export interface AppProps {
  updates: UpdateChannel;
}

/** The authenticator's shell. */
export function App({ updates }: AppProps) {
  return (
    <>
      <UpdateBanner updates={updates} />
      <header class="appbar">
        <h1>Authenticator</h1>
      </header>
      <main id="main">
        <p class="empty">No accounts yet.</p>
      </main>
    </>
  );
}
