// The content list's operations. One fragment (`ContentListRow`) names the
// row's fields, so the page query, the live events and the bulk mutations
// all write the same shape into the normalised cache: an event or a
// mutation result for an item on screen updates its row in place.
import { graphql } from '../gql';

export const ContentListRowFragment = graphql(`
  fragment ContentListRow on Content {
    id
    title
    status
    isLive
    version
    workingVersion
    createdAt
    updatedAt
    publishedAt
    publishAt
    unpublishAt
    deletedAt
    type {
      id
      apiId
      name
    }
    author {
      id
      displayName
    }
    category {
      id
      name
    }
    tags {
      id
      name
    }
    availableActions {
      action
      toStatus
      commentRequired
      goesLive
      takesDown
    }
  }
`);

export const ContentListQuery = graphql(`
  query ContentList(
    $first: Int
    $last: Int
    $after: String
    $before: String
    $filter: ContentFilterInput
    $orderBy: ContentOrderBy
  ) {
    contents(
      first: $first
      last: $last
      after: $after
      before: $before
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...ContentListRow
      }
    }
  }
`);

/** What the filter bar offers: categories, tags and the content types. */
export const ContentListFacetsQuery = graphql(`
  query ContentListFacets {
    categories {
      id
      name
      parentId
    }
    tags {
      id
      name
    }
    contentTypes {
      id
      apiId
      name
    }
  }
`);

/** Authors to filter by (only for holders of `users.read`). */
export const ContentListAuthorsQuery = graphql(`
  query ContentListAuthors {
    users(first: 100) {
      nodes {
        id
        displayName
      }
    }
  }
`);

export const ContentListEventsSubscription = graphql(`
  subscription ContentListEvents($filter: ContentEventFilter) {
    contentEvents(filter: $filter) {
      id
      kind
      contentId
      status
      content {
        ...ContentListRow
      }
    }
  }
`);

export const ContentListTransitionMutation = graphql(`
  mutation ContentListTransition($input: TransitionContentInput!) {
    transitionContent(input: $input) {
      content {
        ...ContentListRow
      }
    }
  }
`);

export const ContentListTrashMutation = graphql(`
  mutation ContentListTrash($input: DeleteByIdInput!) {
    deleteContent(input: $input) {
      content {
        ...ContentListRow
      }
    }
  }
`);
