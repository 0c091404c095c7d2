/**
 * The import dialog's "Moving from another app?" guide (issue 13): a list of
 * the apps people leave, as buttons; picking one shows how to export from it
 * (`import-sources.ts`). The dialog puts its file button (or Scan QR codes)
 * under the steps; Authy, which has no export, gets advice and no button.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { IMPORT_SOURCES, keptBy, type ImportSource } from './import-sources';

/** Props of {@link ImportSourceList}. */
export interface ImportSourceListProps {
  /** Called with the id of the app picked. */
  onPick(id: string): void;
  /** The app to focus on first render (the one picked before Back); none for a fresh list. */
  focusId?: string | null;
}

/** The list of apps, each a button that opens its steps. */
export function ImportSourceList({ onPick, focusId }: ImportSourceListProps) {
  const id = useId();
  const list = useRef<HTMLUListElement>(null);

  // Back from an app's steps lands on that app, where the person left the list.
  useEffect(() => {
    if (focusId) list.current?.querySelector<HTMLButtonElement>(`[data-source="${focusId}"]`)?.focus();
  }, []);

  return (
    <section class="import-sources" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="preview__heading">
        Moving from another app?
      </h3>
      <p class="hint">Pick the app you are leaving to see how to export from it.</p>
      <ul ref={list} class="menu import-sources__list">
        {IMPORT_SOURCES.map((source) => (
          <li key={source.id}>
            <button type="button" class="menu__item" data-source={source.id} onClick={() => onPick(source.id)}>
              <span class="import-sources__name">{source.name}</span>
              <span class="import-sources__chevron" aria-hidden="true">
                ›
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Props of {@link ImportSourceSteps}. */
export interface ImportSourceStepsProps {
  /** The app picked. */
  source: ImportSource;
  /** What to do next: the file button, Scan QR codes, or nothing (Authy). */
  children?: ComponentChildren;
}

/** How to export from one app, what this app reads of it, and what it keeps; takes focus when shown. */
export function ImportSourceSteps({ source, children }: ImportSourceStepsProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // Picking an app replaces the list: focus moves to what replaced it, so a screen reader reads on from here.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="import-guide" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} class="import-guide__title" tabIndex={-1}>
        {source.name}
      </h3>
      {source.route === 'none' ? (
        <>
          {source.steps.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <h4 class="preview__heading">Move your accounts instead</h4>
          <ol class="import-guide__steps">
            {source.advice?.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <ol class="import-guide__steps">
            {source.steps.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
          {source.note && <p>{source.note}</p>}
          <p class="hint">Reads: {source.reads}</p>
          <p class="hint">{keptBy(source)}</p>
        </>
      )}
      {children}
    </section>
  );
}
