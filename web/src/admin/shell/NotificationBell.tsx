// The notification bell: the unread count (kept live by
// `notificationReceived`, with a polite announcement), and a popover with
// the latest notifications. Opening one marks it read and goes to its item.
import '../styles/bell.css';

import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { useNavigate } from 'react-router';

import { errorMessage } from '../api/errors';
import {
  BellNotificationsQuery,
  MarkAllNotificationsReadMutation,
  MarkNotificationReadMutation,
  NotificationReceivedSubscription,
  UnreadNotificationCountQuery,
} from '../api/notifications';
import type { BellNotificationsQuery as ListData } from '../gql/graphql';
import { Button } from '../ui/Button';
import { EmptyState, ErrorState, Skeleton } from '../ui/States';
import { RelativeTime } from '../ui/Time';

type Notification = ListData['notifications']['nodes'][number];

const LIST_SIZE = 20;

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** Keeps the count and the cached list up to date as notifications arrive. */
function useIncoming(onArrive: (n: Notification) => void) {
  const client = useApolloClient();
  useSubscription(NotificationReceivedSubscription, {
    onData: ({ data }) => {
      const incoming = data.data?.notificationReceived;
      if (!incoming) return;
      client.cache.updateQuery({ query: UnreadNotificationCountQuery }, (previous) =>
        previous && !incoming.read
          ? { ...previous, unreadNotificationCount: previous.unreadNotificationCount + 1 }
          : previous,
      );
      client.cache.updateQuery(
        { query: BellNotificationsQuery, variables: { first: LIST_SIZE } },
        (previous) =>
          previous && !previous.notifications.nodes.some((n) => n.id === incoming.id)
            ? {
                ...previous,
                notifications: {
                  ...previous.notifications,
                  nodes: [incoming, ...previous.notifications.nodes].slice(0, LIST_SIZE),
                },
              }
            : previous,
      );
      onArrive(incoming);
    },
  });
}

function NotificationList({ close }: { close(): void }) {
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(BellNotificationsQuery, {
    variables: { first: LIST_SIZE },
  });
  const refetchCount = { refetchQueries: [UnreadNotificationCountQuery] };
  const [markRead] = useMutation(MarkNotificationReadMutation, refetchCount);
  const [markAll, markingAll] = useMutation(MarkAllNotificationsReadMutation, {
    refetchQueries: [UnreadNotificationCountQuery, BellNotificationsQuery],
  });
  const nodes = data?.notifications.nodes ?? [];
  const open = (n: Notification) => {
    if (!n.read) void markRead({ variables: { id: n.id } }).catch(() => undefined);
    if (n.contentId) {
      close();
      void navigate(`/admin/items/${n.contentId}`);
    }
  };
  let body;
  if (!data && loading) body = <Skeleton lines={4} label="Loading notifications" />;
  else if (error && !data)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (nodes.length === 0)
    body = <EmptyState title="No notifications">You are all caught up.</EmptyState>;
  else
    body = (
      <ul className="bell-list">
        {nodes.map((n) => (
          <li key={n.id}>
            <Button
              variant="ghost"
              className={`bell-entry${n.read ? '' : ' bell-unread'}`}
              onPress={() => open(n)}
            >
              <span className="bell-marker" aria-hidden="true" />
              <span className="bell-text">
                <span className="bell-title">
                  {n.read ? null : <span className="visually-hidden">Unread: </span>}
                  {n.title}
                </span>
                <span className="bell-detail">
                  {n.body ? <span className="bell-body">{n.body}</span> : null}
                  <RelativeTime iso={n.createdAt} />
                </span>
              </span>
            </Button>
          </li>
        ))}
      </ul>
    );
  const anyUnread = nodes.some((n) => !n.read);
  return (
    <>
      <div className="bell-header">
        <Heading slot="title" className="bell-heading">
          Notifications
        </Heading>
        <Button
          size="sm"
          variant="ghost"
          isDisabled={!anyUnread}
          isPending={markingAll.loading}
          onPress={() => void markAll().catch(() => undefined)}
        >
          Mark all read
        </Button>
      </div>
      {markingAll.error ? <p className="field-error">{errorMessage(markingAll.error)}</p> : null}
      {body}
    </>
  );
}

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const count = useQuery(UnreadNotificationCountQuery);
  useIncoming((n) => setAnnouncement(`New notification: ${n.title}`));
  const unread = count.data?.unreadNotificationCount ?? 0;
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <>
      <DialogTrigger isOpen={open} onOpenChange={setOpen}>
        <Button variant="ghost" size="sm" className="bell-button" aria-label={label}>
          <BellIcon />
          {unread > 0 ? (
            <span className="bell-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </Button>
        <Popover className="popover bell-popover" placement="bottom end">
          <Dialog className="bell-dialog">
            <NotificationList close={() => setOpen(false)} />
          </Dialog>
        </Popover>
      </DialogTrigger>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
