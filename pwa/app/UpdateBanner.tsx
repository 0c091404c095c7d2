import { useEffect, useState } from 'preact/hooks';
import type { UpdateChannel } from './service-worker';

/** Props of {@link UpdateBanner}. */
export interface UpdateBannerProps {
  updates: UpdateChannel;
}

/** Tells the user a new version is ready and lets them choose when to reload. */
export function UpdateBanner({ updates }: UpdateBannerProps) {
  const [ready, setReady] = useState(false);
  useEffect(() => updates.onUpdateReady(() => setReady(true)), [updates]);
  if (!ready) return null;
  return (
    <div class="update-banner" role="status">
      <span>A new version is available</span>
      <button type="button" onClick={() => updates.applyUpdate()}>
        Reload
      </button>
    </div>
  );
}
