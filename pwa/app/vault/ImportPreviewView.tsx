/**
 * What an import will do, shown before anything is written: the accounts to
 * add, the duplicates skipped, and the entries that could not be read, each
 * with its reason (shown, not dropped: Ente Auth's rule for unparseable
 * entries). Used by Settings → Import and by the scanner for Google codes.
 */
import { useId } from 'preact/hooks';
import type { ImportPreview } from '../../../shared/vault/import-preview';
import { describeAccount } from '../add/add-input';
import { listOrganisingFields } from './organising-fields';

/** Props of {@link ImportPreviewView}. */
export interface ImportPreviewViewProps {
  /** The preview to show. */
  preview: ImportPreview;
}

/** How the preview names an account. */
function nameOf(account: { issuer: string; label: string }): string {
  return describeAccount(account) || 'Unnamed account';
}

/** The three lists of an import preview. */
export function ImportPreviewView({ preview }: ImportPreviewViewProps) {
  const id = useId();
  const { toAdd, duplicates, unreadable } = preview;
  return (
    <div class="preview">
      <p class="preview__summary">
        {toAdd.length === 0
          ? 'Nothing new to add: every readable account is already in your list.'
          : `${toAdd.length} account${toAdd.length === 1 ? '' : 's'} will be added.`}
        {duplicates.length > 0 && ` ${duplicates.length} already in your list will be skipped.`}
        {unreadable.length > 0 && ` ${unreadable.length} could not be read.`}
      </p>
      {toAdd.length > 0 && (
        <p class="preview__summary">
          {preview.keeps.length > 0 && `This file keeps ${listOrganisingFields(preview.keeps)}. `}
          {preview.newGroupNames.length > 0 && (
            <>
              New groups: <bdi>{preview.newGroupNames.join(', ')}</bdi>.{' '}
            </>
          )}
          {preview.cannotCarry.length > 0 && `This kind of file cannot carry ${listOrganisingFields(preview.cannotCarry)}.`}
        </p>
      )}
      {toAdd.length > 0 && (
        <section aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`} class="preview__heading">
            To add ({toAdd.length})
          </h3>
          <ul class="preview__list">
            {toAdd.map((account, index) => (
              <li key={index}>
                <bdi>{nameOf(account)}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}
      {duplicates.length > 0 && (
        <section aria-labelledby={`${id}-duplicates`}>
          <h3 id={`${id}-duplicates`} class="preview__heading">
            Already in your list, skipped ({duplicates.length})
          </h3>
          <ul class="preview__list">
            {duplicates.map((entry, index) => (
              <li key={index}>
                <bdi>{nameOf(entry.account)}</bdi>
                <span class="preview__why">
                  {entry.of === 'file'
                    ? ' (listed twice in the file)'
                    : entry.existing && nameOf(entry.existing) !== nameOf(entry.account)
                      ? <> (same key as <bdi>{nameOf(entry.existing)}</bdi>)</>
                      : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {unreadable.length > 0 && (
        <section aria-labelledby={`${id}-unreadable`}>
          <h3 id={`${id}-unreadable`} class="preview__heading preview__heading--warning">
            Could not be read ({unreadable.length})
          </h3>
          <ul class="preview__list">
            {unreadable.map((entry) => (
              <li key={entry.index}>
                <strong>
                  <bdi>{entry.name || `Entry ${entry.index + 1}`}</bdi>
                </strong>
                <span class="preview__reason">{entry.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
