/**
 * The messages of the authenticator opened by the operating system (issue
 * 14): a share from another app, a file opened with the app. Kept apart from
 * `shared/errors.ts` so the first load does not carry them (they are needed
 * only when such a launch fails); every module that raises one takes
 * `AppError` from here, so they are registered before the first is made.
 */
import { registerErrorMessages, type AppErrorMessage } from './errors';

export { AppError } from './errors';

/** Messages of the launch codes. */
export const LAUNCH_ERROR_MESSAGES = {
  share_empty: () =>
    'Nothing arrived with the share: no file came with it. Share the screenshot or the backup file itself, or add the account from Add account, or the file from Settings → Import.',
  share_unreadable: () =>
    'The shared file could not be received. Share it again, or open it in the app instead: a picture from Add account → From an image, a backup from Settings → Import.',
  share_expired: () => 'The shared file is no longer here: the app keeps it only until it opens it. Share it again.',
  launch_file_unreadable: () =>
    'The file could not be opened (it may have been moved or deleted). Open it again, or choose it in Settings → Import.',
} satisfies Record<string, AppErrorMessage>;

/** A launch's error codes. */
export type LaunchErrorCode = keyof typeof LAUNCH_ERROR_MESSAGES;

registerErrorMessages(LAUNCH_ERROR_MESSAGES);
