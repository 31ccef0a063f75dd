// Live rows: the list follows `contentEvents` for its type. A change to a
// row on screen is written into the cache (the row updates in place and is
// marked briefly); anything that may add or remove rows only counts toward
// a "N changes — refresh" button, so rows never move under the cursor.
import { useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';

import { ContentListEventsSubscription, ContentListRowFragment } from '../../../api/content-list';
import type { ContentFilterInput } from '../../../gql/graphql';
import { classify } from './live';

/** How long a row stays marked after a live change. */
const HIGHLIGHT_MS = 2500;

export function useLiveRows(
  type: string | undefined,
  onPage: ReadonlySet<string>,
  filter: ContentFilterInput,
  /** Changes the key when the view changes: pending changes then reset. */
  viewKey: string,
) {
  const [stale, setStale] = useState<ReadonlySet<string>>(() => new Set());
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  // The subscription's callback reads the latest page and filter.
  const latest = useRef({ onPage, filter });
  latest.current = { onPage, filter };

  useEffect(() => setStale((current) => (current.size ? new Set() : current)), [viewKey]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const mark = useCallback((id: string) => {
    setHighlighted((current) => new Set(current).add(id));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setHighlighted((current) => {
          const next = new Set(current);
          next.delete(id);
          return next;
        });
      }, HIGHLIGHT_MS),
    );
  }, []);

  useSubscription(ContentListEventsSubscription, {
    variables: { filter: type ? { contentTypes: [type] } : null },
    // The hook's own result is unused: `onData` does the work.
    ignoreResults: true,
    onData: ({ client, data }) => {
      const event = data.data?.contentEvents;
      if (!event) return;
      const { onPage: page, filter: current } = latest.current;
      const effect = classify(event, page, current);
      if (effect.update && event.content) {
        // Same fragment as the list query: the normalised row updates.
        client.cache.writeFragment({
          fragment: ContentListRowFragment,
          fragmentName: 'ContentListRow',
          id: client.cache.identify({ __typename: 'Content', id: event.content.id }),
          data: event.content,
        });
        mark(event.content.id);
      }
      const id = event.content?.id ?? event.contentId;
      if (effect.stale && id) setStale((current) => new Set(current).add(id));
    },
  });

  const clearStale = useCallback(
    () => setStale((current) => (current.size ? new Set() : current)),
    [],
  );
  return { staleCount: stale.size, clearStale, highlighted };
}
