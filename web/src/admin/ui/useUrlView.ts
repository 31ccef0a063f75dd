// A screen's view (filters and keyset page) as state backed by the URL's
// search params: a link, a reload or back/forward shows the same view.
// `update` starts from the URL as it is now, so handlers kept by memoised
// widgets never write back an older view.
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

export interface Paged {
  after: string | null;
  before: string | null;
}

export interface UrlViewUpdate {
  /** Replace the history entry instead of adding one (typing in a search box). */
  replace?: boolean;
  /** Keep the current page (only paging itself does: new filters start at the first). */
  keepPage?: boolean;
}

export function useUrlView<V extends Paged>(
  read: (params: URLSearchParams) => V,
  write: (view: V) => URLSearchParams,
) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // The params' text is the view's identity: a new object with the same
  // text must not make a new view (and re-run every query keyed on it).
  const view = useMemo(() => read(params), [key]);

  const latest = useRef({ params, setParams, read, write });
  latest.current = { params, setParams, read, write };

  const update = useCallback((patch: Partial<V>, options: UrlViewUpdate = {}) => {
    const now = latest.current;
    const next: V = { ...now.read(now.params), ...patch };
    if (!options.keepPage) {
      next.after = null;
      next.before = null;
    }
    now.setParams(now.write(next), { replace: options.replace ?? false });
  }, []);

  return { view, update };
}

/** Reads the keyset page from the params (`after` wins over `before`). */
export function readPage(params: URLSearchParams): Paged {
  const after = params.get('after');
  return { after, before: after ? null : params.get('before') };
}

/** Writes the keyset page into the params. */
export function writePage(params: URLSearchParams, page: Paged): void {
  if (page.after) params.set('after', page.after);
  else if (page.before) params.set('before', page.before);
}

/** The paging variables: forward by `after`, backward by `before`. */
export function pageVariables(page: Paged, size: number) {
  return page.before
    ? { last: size, before: page.before }
    : { first: size, after: page.after ?? undefined };
}
