/**
 * What the service worker's share target (`share-target.ts`), the page that
 * takes the shared files (`app/launch/shared-files.ts`) and the manifest
 * (vite.config.ts) must agree on. The service worker's script carries a
 * copy (it is built on its own).
 */
import { LAUNCH_FRAGMENT } from '../app/launch/launch-fragment-names';

export const SHARE_TARGET = Object.freeze({
  /** The manifest's `share_target.action`, relative to the app's scope. */
  action: 'share-target',
  /** The form field of the shared files (`share_target.params.files[].name`). */
  filesField: 'files',
  /** The cache the files wait in until the app takes them: on this device only, emptied at once. */
  cacheName: 'shared-files',
  /** The path, under the scope, of each file's cache entry: `shared-file/<id>/<n>`. */
  cachePath: 'shared-file/',
  /** The fragment parameter that hands the app a share's id: `#share=<id>`. */
  idParam: LAUNCH_FRAGMENT.share,
  /** The fragment parameter that tells the app a share could not be taken: `#share-error=empty`. */
  errorParam: LAUNCH_FRAGMENT.shareError,
  /** Response header of a cached file: its name, URI-encoded. */
  nameHeader: 'x-shared-file-name',
  /** Response header of a cached file: its size in bytes (also for a file too large to keep). */
  sizeHeader: 'x-shared-file-size',
  /** At most this many files of one share are kept (the app opens the first). */
  maxFiles: 10,
  /**
   * A file larger than this is not kept, only its size, and the app refuses it
   * with the import's size message. 32 MB: a phone's photo of a QR code is a
   * few MB; an import file is capped at 10 MB anyway (IMPORT_LIMITS.fileBytes).
   */
  maxFileBytes: 32 * 1024 * 1024,
});
