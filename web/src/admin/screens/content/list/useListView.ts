// The list's view as React state backed by the URL: reading parses the
// search params, updating writes new ones (a new history entry, so back
// returns to the previous view).
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

import { readView, writeView, type ListView } from './params';

export interface ViewUpdate {
  /** Replace the history entry instead of adding one (typing in search). */
  replace?: boolean;
  /** Keep the current page (only paging itself does). */
  keepPage?: boolean;
}

export function useListView() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the string is the identity
  const view = useMemo(() => readView(params), [key]);

  // `update` is stable and always starts from the URL as it is now: handlers
  // kept by memoised widgets (React Aria caches collection items) must not
  // write back a view from an older render.
  const latest = useRef({ params, setParams });
  latest.current = { params, setParams };

  const update = useCallback((patch: Partial<ListView>, options: ViewUpdate = {}) => {
    const next: ListView = { ...readView(latest.current.params), ...patch };
    if (!options.keepPage) {
      next.after = null;
      next.before = null;
    }
    latest.current.setParams(writeView(next), { replace: options.replace ?? false });
  }, []);

  return { view, update };
}
