// The notification bell's operations.
import { graphql } from '../gql';

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const BellNotificationsQuery = graphql(`
  query BellNotifications($first: Int!) {
    notifications(first: $first) {
      nodes {
        id
        kind
        title
        body
        contentId
        createdAt
        read
      }
    }
  }
`);

export const NotificationReceivedSubscription = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      kind
      title
      body
      contentId
      createdAt
      read
    }
  }
`);

export const MarkNotificationReadMutation = graphql(`
  mutation MarkNotificationRead($id: UUID!) {
    markNotificationRead(input: { id: $id }) {
      notification {
        id
        read
        readAt
      }
    }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      count
    }
  }
`);
