// The history screen's operations: the item, its versions, the diff of two
// of them, and restoring one as the new draft.
import { graphql } from '../gql';

export const HistoryItemQuery = graphql(`
  query HistoryItem($id: UUID!) {
    content(id: $id) {
      id
      title
      status
      version
      workingVersion
      versionCount
      type {
        id
        name
      }
    }
  }
`);

export const HistoryVersionsQuery = graphql(`
  query HistoryVersions($contentId: UUID!, $first: Int!, $after: String) {
    contentVersions(contentId: $contentId, first: $first, after: $after) {
      nodes {
        version
        event
        status
        note
        createdAt
        title
        actor {
          id
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const HistoryDiffQuery = graphql(`
  query HistoryDiff($contentId: UUID!, $from: Int!, $to: Int!) {
    contentDiff(contentId: $contentId, from: $from, to: $to) {
      from
      to
      changes {
        path
        before
        after
        words {
          op
          value
        }
      }
    }
  }
`);

export const RestoreContentVersionMutation = graphql(`
  mutation RestoreContentVersion($id: UUID!, $version: Int!) {
    restoreContentVersion(input: { id: $id, version: $version }) {
      content {
        id
        status
        version
        workingVersion
        versionCount
        updatedAt
      }
    }
  }
`);
