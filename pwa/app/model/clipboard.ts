/**
 * Copying a code, and clearing it from the clipboard again after 30 seconds
 * where the browser allows it, so a code doesn't linger for the next paste.
 * The clipboard is cleared only if it still holds our code when we can read it
 * (the user may have copied something else meanwhile); when the browser won't
 * let us read it without asking, we clear it anyway (best effort, as password
 * managers do), and when the page isn't focused at that moment, writing is not
 * allowed, so we try once more when it is, but only if we can then check.
 */

/** How long a copied code stays on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 30_000;

/** Copies codes to the system clipboard. */
export interface ClipboardModel {
  /**
   * Puts `text` on the clipboard and schedules clearing it.
   * @throws Error when the browser refuses (no clipboard access in this context).
   */
  copy(text: string): Promise<void>;
}

/** Makes the clipboard model. */
export function createClipboard(): ClipboardModel {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;

  async function canRead(): Promise<boolean> {
    if (!navigator.clipboard?.readText || !navigator.permissions) return false;
    try {
      // Only read when already allowed: a permission prompt 30 s after a copy would baffle anyone.
      const status = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
      return status.state === 'granted';
    } catch {
      return false;
    }
  }

  async function clear(text: string, retry: boolean): Promise<void> {
    if (pending !== text) return;
    const readable = await canRead();
    if (readable) {
      try {
        if ((await navigator.clipboard.readText()) !== text) {
          pending = null;
          return;
        }
      } catch {
        // Not focused: fall through to the write, which fails the same way and retries on focus.
      }
    } else if (retry) {
      pending = null;
      return;
    }
    try {
      await navigator.clipboard.writeText('');
      pending = null;
    } catch {
      if (retry) {
        pending = null;
        return;
      }
      window.addEventListener('focus', () => void clear(text, true), { once: true });
    }
  }

  return {
    async copy(text) {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
      } else {
        copyWithSelection(text);
      }
      pending = text;
      clearTimeout(timer);
      timer = setTimeout(() => void clear(text, false), CLIPBOARD_CLEAR_MS);
    },
  };
}

/** The old way, for pages without the async clipboard (served over plain http). */
function copyWithSelection(text: string): void {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  const ok = document.execCommand('copy');
  field.remove();
  if (!ok) throw new Error('The browser did not allow copying.');
}
