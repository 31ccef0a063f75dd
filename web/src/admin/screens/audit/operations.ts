// The audit log's operations.
import { graphql } from '../../gql';

export const AuditLogQuery = graphql(`
  query AuditLog(
    $filter: AuditLogFilter
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        occurredAt
        action
        actorKind
        actor {
          id
          displayName
        }
        targetType
        targetId
        ip
        userAgent
        requestId
        details
      }
    }
  }
`);

/** Content type ids to API ids, for links to a type's page. */
export const AuditContentTypesQuery = graphql(`
  query AuditContentTypes {
    contentTypes {
      id
      apiId
      name
    }
  }
`);

/** Users to pick an actor from (for holders of `users.read`). */
export const AuditActorSearchQuery = graphql(`
  query AuditActorSearch($search: String) {
    users(filter: { search: $search }, first: 20) {
      nodes {
        id
        displayName
        email
      }
    }
  }
`);

/** The chosen actor's name. */
export const AuditActorQuery = graphql(`
  query AuditActor($id: UUID!) {
    user(id: $id) {
      id
      displayName
      email
    }
  }
`);

/** A target user's name when it is already in the cache (no request). */
export const AuditUserNameFragment = graphql(`
  fragment AuditUserName on User {
    id
    displayName
  }
`);
