/**
 * Taking a share's files from the service worker's cache (see
 * pwa/sw/share-target.ts): into memory, and out of the cache at once, so a
 * shared backup does not stay on the device outside the vault. Loaded with
 * import() only when the app is opened for a share.
 */
import { AppError } from '../../../shared/launch-errors';
import { assertImportFileSize } from '../../../shared/vault/import-limits';
import { SHARE_TARGET } from '../../sw/share-target-contract';

/** A file's position in its share, from its cache key `.../shared-file/<id>/<n>`. */
function indexOf(request: Request): number {
  return Number(request.url.slice(request.url.lastIndexOf('/') + 1)) || 0;
}

/**
 * Returns the files of share `id`, in the order they were shared, and empties
 * the share cache.
 *
 * @throws AppError `share_expired` when the share is no longer in the cache
 *   (taken already, or the app was reloaded); `import_limit_exceeded` for a
 *   file the service worker found too large to keep.
 */
export async function takeSharedFiles(id: string): Promise<File[]> {
  if (!('caches' in window)) throw new AppError('share_expired');
  const cache = await caches.open(SHARE_TARGET.cacheName);
  try {
    const prefix = new URL(`${SHARE_TARGET.cachePath}${id}/`, document.baseURI).href;
    const keys = (await cache.keys()).filter((key) => key.url.startsWith(prefix)).sort((a, b) => indexOf(a) - indexOf(b));
    const files: File[] = [];
    for (const key of keys) {
      const response = await cache.match(key);
      if (!response) continue;
      const size = Number(response.headers.get(SHARE_TARGET.sizeHeader) ?? 0);
      // Not kept by the service worker: refused with the import's own message, which names the limit.
      if (size > SHARE_TARGET.maxFileBytes) assertImportFileSize(size);
      const name = decodeURIComponent(response.headers.get(SHARE_TARGET.nameHeader) ?? '') || 'Shared file';
      const type = response.headers.get('content-type') ?? '';
      files.push(new File([await response.blob()], name, { type: type === 'application/octet-stream' ? '' : type }));
    }
    if (files.length === 0) throw new AppError('share_expired');
    return files;
  } finally {
    await caches.delete(SHARE_TARGET.cacheName);
  }
}
