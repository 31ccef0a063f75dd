// Recent activity: what just happened (live content events, newest first,
// with who did it) over the items most recently changed.
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';

import { ActivityActorQuery, DashboardItemsQuery } from '../../api/dashboard';
import { errorMessage } from '../../api/errors';
import type { ContentEventKind } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import { statusLabel } from '../../ui/status';
import type { LiveEvent } from './useLiveContent';

const KIND_WORDS: Record<ContentEventKind, string> = {
  CREATED: 'created',
  DELETED: 'moved to the trash',
  PUBLISHED: 'published',
  RESTORED: 'restored from the trash',
  SCHEDULED: 'scheduled',
  STATUS_CHANGED: 'moved',
  UNPUBLISHED: 'unpublished',
  UPDATED: 'edited',
  VERSION_RESTORED: 'restored a version of',
};

/** Who made the item's latest version; "Someone" when we may not know. */
function Actor({ event }: { event: LiveEvent }) {
  const { me } = useSession();
  const mine = event.actorId !== null && event.actorId !== undefined && event.actorId === me?.id;
  const { data } = useQuery(ActivityActorQuery, {
    variables: { contentId: event.contentId ?? '' },
    skip: mine || !event.contentId || !event.actorId,
    errorPolicy: 'ignore',
  });
  if (mine) return <>You</>;
  const actor = data?.contentVersions.nodes[0]?.actor;
  if (actor && actor.id === event.actorId) return <>{actor.displayName}</>;
  return <>Someone</>;
}

function EventEntry({ event }: { event: LiveEvent }) {
  const title = event.content?.title.trim() || 'an item';
  return (
    <li className="dash-item activity-live">
      <span>
        <strong>
          <Actor event={event} />
        </strong>{' '}
        {KIND_WORDS[event.kind] ?? 'changed'}{' '}
        {event.contentId && event.content ? (
          <Link to={`/admin/items/${event.contentId}`} className="dash-item-title">
            {title}
          </Link>
        ) : (
          title
        )}
        {event.kind === 'STATUS_CHANGED' ? ` to ${statusLabel(event.status).toLowerCase()}` : null}
      </span>
      <span className="dash-item-meta">
        <span className="badge" data-status={event.status}>
          {statusLabel(event.status)}
        </span>{' '}
        <RelativeTime iso={event.occurredAt} />
      </span>
    </li>
  );
}

export function ActivityCard({ events }: { events: LiveEvent[] }) {
  const { data, error, loading, refetch } = useQuery(DashboardItemsQuery, {
    variables: { filter: {}, first: 10, orderBy: { field: 'UPDATED_AT', direction: 'DESC' } },
  });
  // An item with a live event shows there, not twice.
  const seen = new Set(events.map((e) => e.contentId));
  const recent = (data?.contents.nodes ?? []).filter((item) => !seen.has(item.id));
  let body;
  if (!data && loading && events.length === 0)
    body = <Skeleton lines={5} label="Loading activity" />;
  else if (error && !data && events.length === 0)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (events.length === 0 && recent.length === 0)
    body = (
      <EmptyState title="No activity yet">
        Changes to content show up here as they happen.
      </EmptyState>
    );
  else
    body = (
      <ul className="dash-list" aria-label="Recent activity">
        {events.map((event) => (
          <EventEntry key={event.id} event={event} />
        ))}
        {recent.map((item) => (
          <li key={item.id} className="dash-item">
            <span>
              <Link to={`/admin/items/${item.id}`} className="dash-item-title">
                {item.title.trim() || 'Untitled'}
              </Link>{' '}
              <span className="dash-item-meta">
                updated{item.author ? ` · written by ${item.author.displayName}` : ''}
              </span>
            </span>
            <span className="dash-item-meta">
              <span className="badge" data-status={item.status}>
                {statusLabel(item.status)}
              </span>{' '}
              <RelativeTime iso={item.updatedAt} />
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <section className="card dash-card dash-activity" aria-labelledby="dash-activity-title">
      <h2 id="dash-activity-title" className="dash-card-title">
        Recent activity
      </h2>
      {body}
    </section>
  );
}
