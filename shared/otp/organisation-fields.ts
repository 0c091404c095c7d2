/**
 * Reading the free text that organises an account (issue 12): its note and
 * group names. Apart from account-fields.ts so that only the screens that
 * edit or import them fetch this code.
 */
import { AppError } from '../errors';
import { countCodePoints, LONE_SURROGATE } from './account-fields';
import { sanitizeAccountText, sanitizeNoteText } from './account-text';
import { assertRawNameWithinLimit, assertWithinLimit } from './input-limits';

/**
 * Reads an account's note: sanitised keeping its line breaks
 * (`sanitizeNoteText`), then checked against `INPUT_LIMITS.note`. May return ''.
 *
 * @throws AppError `input_too_long` (field `note`), `label_invalid` (field `note`, a lone surrogate).
 */
export function readAccountNote(raw: string): string {
  assertRawNameWithinLimit('note', raw);
  const note = sanitizeNoteText(raw);
  if (LONE_SURROGATE.test(note)) throw new AppError('label_invalid', { field: 'note', reason: 'encoding' });
  assertWithinLimit('note', countCodePoints(note));
  return note;
}

/**
 * Reads a group's name: sanitised like an account name, never empty, within
 * `INPUT_LIMITS.groupName`.
 *
 * @throws AppError `group_name_missing`, `input_too_long` (field `groupName`), `label_invalid`.
 */
export function readGroupName(raw: string): string {
  assertRawNameWithinLimit('groupName', raw);
  const name = sanitizeAccountText(raw);
  if (name === '') throw new AppError('group_name_missing', { field: 'groupName' });
  if (LONE_SURROGATE.test(name)) throw new AppError('label_invalid', { field: 'groupName', reason: 'encoding' });
  assertWithinLimit('groupName', countCodePoints(name));
  return name;
}

