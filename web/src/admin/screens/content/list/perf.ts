// The render budget's measurement (the e2e run reads it): from the moment
// a page's data arrives to the commit that puts its rows in the DOM.
const DATA = 'vellum:list-data';
const RENDERED = 'vellum:list-rendered';
const MEASURE = 'vellum:list-render';

/** The result being measured (one measure per page of data). */
let pending: object | undefined;

/** Call when a page's data arrives; the same result twice marks once. */
export function markDataArrived(page: object): void {
  if (pending === page) return;
  pending = page;
  performance.mark(DATA);
}

function rowsIn(table: Element): number {
  return table.querySelectorAll('tbody > tr').length;
}

/**
 * Call after a commit. React Aria builds the table's rows in a commit of
 * its own (not necessarily this component's), so when the rows are not in
 * the DOM yet this watches the table and marks on the commit that adds
 * them (a MutationObserver runs right after that commit, before paint).
 * Returns the cleanup.
 */
export function markRendered(page: object, table: Element | null, expected: number): () => void {
  if (pending !== page || !table) return () => {};
  const done = () => {
    if (pending !== page || rowsIn(table) < expected) return false;
    pending = undefined;
    performance.mark(RENDERED);
    performance.measure(MEASURE, DATA, RENDERED);
    return true;
  };
  if (done()) return () => {};
  const observer = new MutationObserver(() => {
    if (done()) observer.disconnect();
  });
  observer.observe(table, { childList: true, subtree: true });
  return () => observer.disconnect();
}
