/** How the import preview and the export dialog name what a format keeps or drops (issue 12). */
import type { OrganisingField } from '../../../shared/vault/formats/types';

const NAMES: Readonly<Record<OrganisingField, string>> = {
  groups: 'groups',
  favourite: 'favourites',
  note: 'notes',
  lastUsed: 'last-used times',
  icon: 'icons',
};

/** "groups, favourites and notes"; '' for none. */
export function listOrganisingFields(fields: readonly OrganisingField[]): string {
  const names = fields.map((field) => NAMES[field]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
