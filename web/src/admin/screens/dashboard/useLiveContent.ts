// The dashboard's live feed: every content event the caller may see is kept
// (newest first) for the activity card, and makes the item cards refetch, so
// a newly submitted article appears in the review queue without a reload.
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';

import { DashboardContentEventsSubscription, DashboardItemsQuery } from '../../api/dashboard';
import type { DashboardContentEventsSubscription as EventData } from '../../gql/graphql';

export type LiveEvent = EventData['contentEvents'];

/** Events kept for the activity card. */
const KEEP = 20;
/** Several changes close together make one refetch. */
const REFETCH_DELAY_MS = 400;

export function useLiveContent(): { events: LiveEvent[]; connected: boolean } {
  const client = useApolloClient();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const { error } = useSubscription(DashboardContentEventsSubscription, {
    onData: ({ data }) => {
      const event = data.data?.contentEvents;
      if (!event) return;
      setEvents((previous) =>
        previous.some((e) => e.id === event.id) ? previous : [event, ...previous].slice(0, KEEP),
      );
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void client.refetchQueries({ include: [DashboardItemsQuery] });
      }, REFETCH_DELAY_MS);
    },
  });
  return { events, connected: !error };
}
