import { useEffect, useState } from 'preact/hooks';

/** Props of {@link SettledAnnouncement}. */
export interface SettledAnnouncementProps {
  /** What to say, e.g. "Showing 1–50 of 212 admins". */
  text: string;
  /** How long `text` must stay the same before it is spoken. */
  quietMs?: number;
}

/**
 * A live region for screen readers that speaks `text` once it has stopped
 * changing: the Admins table is filtered at every key, and announcing each
 * count would talk over the typing.
 */
export function SettledAnnouncement({ text, quietMs = 700 }: SettledAnnouncementProps) {
  const [spoken, setSpoken] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(text), quietMs);
    return () => clearTimeout(timer);
  }, [text, quietMs]);
  return (
    <p class="sr-only" aria-live="polite">
      {spoken}
    </p>
  );
}
