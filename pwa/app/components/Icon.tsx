/**
 * The app's icons: 24×24 outline paths (Material Symbols style), drawn
 * inline so they follow the text colour and need no network or font.
 */

/** The icons the app draws. */
export type IconName =
  | 'add'
  | 'settings'
  | 'search'
  | 'more'
  | 'check'
  | 'edit'
  | 'up'
  | 'down'
  | 'delete'
  | 'camera'
  | 'image'
  | 'link'
  | 'key'
  | 'refresh'
  | 'install'
  | 'shield'
  | 'close'
  | 'share'
  | 'copy'
  | 'offline'
  | 'speaker'
  | 'lock'
  | 'upload'
  | 'drag'
  | 'warning'
  | 'qr';

/**
 * The paths of the icons the first screen draws (the list, its app bar and
 * toasts); the others arrive with the lazy screens (icon-paths-more.ts, loaded
 * by lazy()), so they are not in the first script (issue 7).
 */
const PATHS: Partial<Record<IconName, string>> = {
  add: 'M11 19v-6H5v-2h6V5h2v6h6v2h-6v6z',
  settings:
    'm9.25 22-.4-3.2q-.33-.13-.61-.3-.29-.18-.57-.38l-2.97 1.25-2.75-4.75 2.58-1.95q-.03-.18-.03-.34v-.68q0-.16.03-.34L1.95 9.36 4.7 4.6l2.98 1.26q.27-.2.57-.38.3-.17.6-.3l.4-3.18h5.5l.4 3.2q.33.12.61.3.29.17.57.37l2.97-1.25 2.75 4.75-2.58 1.95q.03.18.03.34v.68q0 .16-.05.34l2.58 1.95-2.75 4.75-2.95-1.25q-.27.2-.57.38-.3.17-.6.3l-.4 3.19Zm2.8-6.5q1.45 0 2.48-1.03Q15.55 13.45 15.55 12t-1.02-2.48Q13.5 8.5 12.05 8.5q-1.48 0-2.49 1.02Q8.55 10.55 8.55 12t1.01 2.47q1.01 1.03 2.49 1.03Zm0-2q-.63 0-1.06-.44-.44-.44-.44-1.06t.44-1.06q.43-.44 1.06-.44.62 0 1.06.44.44.44.44 1.06t-.44 1.06q-.44.44-1.06.44Z',
  search:
    'm19.6 21-6.3-6.3q-.75.6-1.73.95T9.5 16q-2.73 0-4.61-1.89T3 9.5q0-2.73 1.89-4.61T9.5 3q2.73 0 4.61 1.89T16 9.5q0 1.1-.35 2.08T14.7 13.3l6.3 6.3ZM9.5 14q1.88 0 3.19-1.31T14 9.5q0-1.88-1.31-3.19T9.5 5Q7.63 5 6.31 6.31T5 9.5q0 1.88 1.31 3.19T9.5 14',
  more: 'M12 20q-.83 0-1.41-.59T10 18t.59-1.41T12 16t1.41.59T14 18t-.59 1.41T12 20m0-6q-.83 0-1.41-.59T10 12t.59-1.41T12 10t1.41.59T14 12t-.59 1.41T12 14m0-6q-.83 0-1.41-.59T10 6t.59-1.41T12 4t1.41.59T14 6t-.59 1.41T12 8',
  check: 'm9.55 18-5.7-5.7 1.43-1.43 4.27 4.28 9.18-9.18 1.42 1.43Z',
  refresh:
    'M12 20q-3.35 0-5.67-2.33T4 12t2.33-5.67T12 4q1.73 0 3.3.71T18 6.75V4h2v7h-7V9h4.2q-.8-1.4-2.19-2.2T12 6Q9.5 6 7.75 7.75T6 12t1.75 4.25T12 18q1.93 0 3.48-1.1T17.65 14h2.1q-.7 2.65-2.85 4.33T12 20',
  install: 'M12 16 7 11l1.4-1.45 2.6 2.6V4h2v8.15l2.6-2.6L17 11Zm-6 4q-.83 0-1.41-.59T4 18v-3h2v3h12v-3h2v3q0 .83-.59 1.41T18 20Z',
  shield:
    'M12 22q-3.48-.88-5.74-3.99T4 11.1V5l8-3 8 3v6.1q0 3.8-2.26 6.91T12 22m0-2.1q2.6-.83 4.3-3.3t1.7-5.5V6.38l-6-2.25-6 2.25v4.72q0 3.03 1.7 5.5t4.3 3.3m-1.05-4.35 5.65-5.65-1.43-1.43-4.22 4.23-2.1-2.1-1.42 1.42Z',
  close: 'M6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5l5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6Z',
  share:
    'M6 23q-.83 0-1.41-.59T4 21V10q0-.83.59-1.41T6 8h3v2H6v11h12V10h-3V8h3q.83 0 1.41.59T20 10v11q0 .83-.59 1.41T18 23Zm5-7V4.83L9.4 6.43 8 5l4-4 4 4-1.4 1.43L13 4.83V16Z',
  copy: 'M9 18q-.83 0-1.41-.59T7 16V4q0-.83.59-1.41T9 2h9q.83 0 1.41.59T20 4v12q0 .83-.59 1.41T18 18Zm0-2h9V4H9Zm-4 6q-.83 0-1.41-.59T3 20V6h2v14h11v2Zm4-6V4Z',
  offline:
    'M19.8 22.6 8.45 11.25q-.3.1-.6.2T7.3 11.7q-1.25.6-2.3 1.54L3.6 11.83q.97-.97 2.05-1.65t2.2-1.1L5.6 6.8q-1.03.45-1.99 1.15T1.8 9.6L.4 8.2q.85-.88 1.85-1.61t2.05-1.29L1.4 2.4l1.4-1.4 18.4 18.4ZM17.35 13.6l-5.7-5.7q2.05.1 3.98.93T19 11.2l-.83.83ZM21.2 9.75q-1.95-1.9-4.45-2.95T12 5.75q-.53 0-1.02.04T10 5.9L8.05 3.95q.95-.2 1.95-.32t2-.13q3 0 5.76 1.14T22.6 8.3ZM12 21l-3.55-3.55q.7-.7 1.6-1.07T12 16t1.95.38 1.6 1.07Z',
  speaker:
    'M14 20.73v-2.05q2.25-.65 3.63-2.5T19 12t-1.37-4.18T14 5.33V3.28q3.1.7 5.05 3.14T21 12t-1.95 5.59T14 20.73M3 15V9h4l5-5v16l-5-5Zm11 1V7.95q1.18.55 1.84 1.65T16.5 12t-.66 2.38T14 16m-4-7.15L7.85 11H5v2h2.85L10 15.15ZM7.5 12',
  lock: 'M6 22q-.83 0-1.41-.59T4 20V10q0-.83.59-1.41T6 8h1V6q0-2.08 1.46-3.54T12 1t3.54 1.46T17 6v2h1q.83 0 1.41.59T20 10v10q0 .83-.59 1.41T18 22Zm0-2h12V10H6Zm6-3q.83 0 1.41-.59T14 15t-.59-1.41T12 13t-1.41.59T10 15t.59 1.41T12 17M9 8h6V6q0-1.25-.87-2.12T12 3t-2.12.88T9 6ZM6 20V10Z',
  warning: 'M1 21 12 2l11 19Zm3.45-2h15.1L12 6ZM12 18q.43 0 .71-.29T13 17t-.29-.71T12 16t-.71.29T11 17t.29.71T12 18m-1-3h2v-5h-2Z',
  drag: 'M9 20q-.83 0-1.41-.59T7 18t.59-1.41T9 16t1.41.59T11 18t-.59 1.41T9 20m6 0q-.83 0-1.41-.59T13 18t.59-1.41T15 16t1.41.59T17 18t-.59 1.41T15 20m-6-6q-.83 0-1.41-.59T7 12t.59-1.41T9 10t1.41.59T11 12t-.59 1.41T9 14m6 0q-.83 0-1.41-.59T13 12t.59-1.41T15 10t1.41.59T17 12t-.59 1.41T15 14M9 8q-.83 0-1.41-.59T7 6t.59-1.41T9 4t1.41.59T11 6t-.59 1.41T9 8m6 0q-.83 0-1.41-.59T13 6t.59-1.41T15 4t1.41.59T17 6t-.59 1.41T15 8',
};

/** Adds the paths of icons loaded later (icon-paths-more.ts). */
export function addIconPaths(paths: Partial<Record<IconName, string>>): void {
  Object.assign(PATHS, paths);
}

/** Props of {@link Icon}. */
export interface IconProps {
  /** Which icon. */
  name: IconName;
  /** Size in CSS units (defaults to 1.5rem, so it grows with the text). */
  size?: string;
  /** Extra class names. */
  class?: string;
}

/** A decorative icon: hidden from assistive technology, which reads the control's own name instead. */
export function Icon({ name, size = '1.5rem', class: className }: IconProps) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
