// The dashboard's operations: the live figures, the item lists of its cards
// and the live content events that keep them fresh.
import { graphql } from '../gql';

export const DashboardStatsSubscription = graphql(`
  subscription DashboardStats {
    dashboardStats {
      byStatus {
        status
        count
      }
      inReview
      live
      nextPublishAt
      publishedToday
    }
  }
`);

/** One list for a card: the same fields whatever the filter. */
export const DashboardItemsQuery = graphql(`
  query DashboardItems($filter: ContentFilterInput, $first: Int!, $orderBy: ContentOrderBy) {
    contents(filter: $filter, first: $first, orderBy: $orderBy) {
      nodes {
        id
        title
        status
        isLive
        updatedAt
        publishAt
        unpublishAt
        type {
          id
          apiId
          name
        }
        author {
          id
          displayName
        }
      }
    }
  }
`);

export const DashboardContentEventsSubscription = graphql(`
  subscription DashboardContentEvents {
    contentEvents {
      id
      kind
      status
      occurredAt
      actorId
      contentId
      content {
        id
        title
        status
        type {
          id
          name
        }
      }
    }
  }
`);

/** Who made an item's latest version (events carry only the actor's id). */
export const ActivityActorQuery = graphql(`
  query ActivityActor($contentId: UUID!) {
    contentVersions(contentId: $contentId, first: 1) {
      nodes {
        version
        actor {
          id
          displayName
        }
      }
    }
  }
`);
