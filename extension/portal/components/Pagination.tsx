/** Formats counts the way the rest of the portal's English text does ("10,000"). */
const count = new Intl.NumberFormat('en-US');

/**
 * Describes which rows are in view, e.g. "Showing 1–50 of 10,000 admins".
 * @param offset Index of the first row in view.
 * @param shown How many rows are in view.
 * @param total How many rows there are in all.
 * @param noun What the rows are, plural ("admins").
 */
export function describeRange(offset: number, shown: number, total: number, noun: string): string {
  if (total === 0 || shown === 0) return `No ${noun} to show`;
  return `Showing ${count.format(offset + 1)}–${count.format(offset + shown)} of ${count.format(total)} ${noun}`;
}

/** Props of {@link Pagination}. */
export interface PaginationProps {
  /** Names the navigation landmark, e.g. "Admins pages". */
  label: string;
  /** Index of the first row in view. */
  offset: number;
  /** Rows per page. */
  limit: number;
  /** How many rows there are in all. */
  total: number;
  /** Shows the page that starts at this row. */
  onPage(offset: number): void;
}

/** Previous/next page buttons and where we are ("Page 3 of 200"). Hidden when everything fits on one page. */
export function Pagination({ label, offset, limit, total, onPage }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={label}>
      <button type="button" class="button button--secondary button--small" onClick={() => onPage(0)} disabled={page === 1}>
        First page
      </button>
      <button type="button" class="button button--secondary button--small" onClick={() => onPage(offset - limit)} disabled={page === 1}>
        Previous page
      </button>
      <span class="pagination-where">
        Page {count.format(page)} of {count.format(pages)}
      </span>
      <button type="button" class="button button--secondary button--small" onClick={() => onPage(offset + limit)} disabled={page === pages}>
        Next page
      </button>
      <button type="button" class="button button--secondary button--small" onClick={() => onPage((pages - 1) * limit)} disabled={page === pages}>
        Last page
      </button>
    </nav>
  );
}
