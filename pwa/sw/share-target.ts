/**
 * The service worker's part of the manifest's `share_target` (issue 14): a
 * screenshot of a QR code or a backup file shared from another app arrives
 * as a POST of multipart/form-data to `./share-target`, which no static host
 * can answer. This answers it in the browser: the files go into a short-lived
 * cache on this device (never to a server), and the app is opened at
 * `./#share=<id>`; the page takes them from the cache at once, deletes them,
 * and opens the add screen (an image) or Import (anything else).
 *
 * Built on its own (`share-target-sw.js`, see pwa/service-worker-addons.ts) and
 * loaded by Workbox's generated sw.js with importScripts, so it must not import
 * anything: it is a classic script.
 */
import { SHARE_TARGET } from './share-target-contract';

// This file runs in the service worker, not in a window.
declare const self: ServiceWorkerGlobalScope;

/** Where the app goes after a share, with what happened in the fragment. */
function appUrl(fragment: string): string {
  return new URL(`./#${fragment}`, self.registration.scope).href;
}

/** Stores the shared files and answers with a redirect into the app. */
async function receiveShare(request: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.redirect(appUrl(`${SHARE_TARGET.errorParam}=unreadable`), 303);
  }
  // A form's empty file field still sends a nameless, empty part: that is no file.
  const files = form.getAll(SHARE_TARGET.filesField).filter((value): value is File => typeof value !== 'string' && (value.name !== '' || value.size > 0));
  if (files.length === 0) return Response.redirect(appUrl(`${SHARE_TARGET.errorParam}=empty`), 303);

  const cache = await caches.open(SHARE_TARGET.cacheName);
  // One share at a time: whatever an earlier share left (the app never opened) goes now.
  await Promise.all((await cache.keys()).map((key) => cache.delete(key)));
  const id = crypto.randomUUID();
  await Promise.all(
    files.slice(0, SHARE_TARGET.maxFiles).map((file, index) => {
      const tooLarge = file.size > SHARE_TARGET.maxFileBytes;
      const headers = {
        'content-type': file.type || 'application/octet-stream',
        [SHARE_TARGET.nameHeader]: encodeURIComponent(file.name),
        [SHARE_TARGET.sizeHeader]: String(file.size),
      };
      // A file over the cap is not stored, only its size: the app refuses it with the import's own message.
      return cache.put(new Request(new URL(`${SHARE_TARGET.cachePath}${id}/${index}`, self.registration.scope)), new Response(tooLarge ? null : file, { headers }));
    }),
  );
  return Response.redirect(appUrl(`${SHARE_TARGET.idParam}=${id}`), 303);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'POST') return;
  if (new URL(request.url).pathname !== new URL(SHARE_TARGET.action, self.registration.scope).pathname) return;
  event.respondWith(receiveShare(request));
});
