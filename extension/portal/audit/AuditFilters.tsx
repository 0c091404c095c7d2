import { AUDIT_ACTIONS } from '../../../shared/portal/model';
import type { AuditFilterProblem, AuditView } from './use-audit';
import { AUDIT_ACTION_WORDS } from './audit-words';

/** Props of {@link AuditFilters}. */
export interface AuditFiltersProps {
  /** The filter as set. */
  view: AuditView;
  /** Whether any part is set (Clear filters is offered then). */
  filtered: boolean;
  /** The part that is wrong, or null. */
  problem: AuditFilterProblem | null;
  /** The time zone the dates are days of, named in the hint. */
  timeZone: string;
  /** A part changed. */
  onChange(change: Partial<Omit<AuditView, 'offset'>>): void;
  /** Clear filters was chosen. */
  onClear(): void;
}

/** The element id of the filter's error, which the field at fault points to. */
const ERROR_ID = 'audit-filter-error';

/** The kinds of event in the Event list: in words, alphabetically, as a person looks for them. */
const EVENT_CHOICES = [...AUDIT_ACTIONS]
  .map((action) => ({ action, words: AUDIT_ACTION_WORDS[action] }))
  .sort((a, b) => a.words.localeCompare(b.words, 'en'));

/**
 * The Audit log's filters: Person (part of an email), Event (a kind), From
 * and To (days, both included, in the owner's time zone), combined; each
 * applies as it is changed. A filter that cannot be read is announced and
 * its field marked invalid.
 */
export function AuditFilters({ view, filtered, problem, timeZone, onChange, onClear }: AuditFiltersProps) {
  const invalid = (field: AuditFilterProblem['field']) =>
    problem?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': ERROR_ID } : {};
  return (
    <form class="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <div class="audit-filters__fields">
        <div class="field">
          <label class="field__label" for="audit-person">
            Person
          </label>
          <input
            id="audit-person"
            class="input"
            type="search"
            autocomplete="off"
            spellcheck={false}
            maxLength={254}
            aria-describedby={problem?.field === 'person' ? `audit-person-hint ${ERROR_ID}` : 'audit-person-hint'}
            aria-invalid={problem?.field === 'person' ? 'true' : undefined}
            value={view.person}
            onInput={(e) => onChange({ person: e.currentTarget.value })}
          />
          <p class="field__hint" id="audit-person-hint">
            Part of an email: who did it, or whom it was about
          </p>
        </div>
        <div class="field">
          <label class="field__label" for="audit-event">
            Event
          </label>
          <select id="audit-event" class="input" value={view.event} {...invalid('event')} onChange={(e) => onChange({ event: e.currentTarget.value })}>
            <option value="">All events</option>
            {EVENT_CHOICES.map(({ action, words }) => (
              <option key={action} value={action}>
                {words}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="audit-from">
            From
          </label>
          <input
            id="audit-from"
            class="input"
            type="date"
            max={view.to || undefined}
            value={view.from}
            {...invalid('from')}
            onInput={(e) => onChange({ from: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label class="field__label" for="audit-to">
            To
          </label>
          <input
            id="audit-to"
            class="input"
            type="date"
            min={view.from || undefined}
            value={view.to}
            {...invalid('to')}
            onInput={(e) => onChange({ to: e.currentTarget.value })}
          />
        </div>
      </div>
      <div class="audit-filters__foot">
        <p class="field__hint">Days in your time zone ({timeZone}); the From and To days are both included.</p>
        {filtered && (
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => {
              onClear();
              // The button goes with the filters it cleared: the focus goes back to the first one.
              document.getElementById('audit-person')?.focus();
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      {/* Always in the page, so a message put in it is announced. */}
      <div id={ERROR_ID} role="alert" class={problem ? 'field__error audit-filters__error' : 'sr-only'}>
        {problem?.message}
      </div>
    </form>
  );
}
