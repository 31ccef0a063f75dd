// The users and roles screens' operations. One fragment (`UserRow`) names a
// user's fields everywhere, so a change made on the detail page updates the
// list's row in the normalised cache.
import { graphql } from '../../gql';

export const UserRowFragment = graphql(`
  fragment UserRow on User {
    id
    displayName
    email
    emailVerified
    active
    createdAt
    updatedAt
    lastSignInAt
    role {
      id
      name
      level
    }
  }
`);

export const UserListQuery = graphql(`
  query UserList(
    $filter: UserFilterInput
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...UserRow
      }
    }
  }
`);

export const RolesQuery = graphql(`
  query Roles {
    roles {
      id
      name
      level
      description
      permissions
    }
  }
`);

/** One user; whether they have two-factor on only matters on their page. */
export const UserDetailQuery = graphql(`
  query UserDetail($id: UUID!) {
    user(id: $id) {
      ...UserRow
      twoFactorEnabled
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        ...UserRow
      }
    }
  }
`);

export const ResetUserTwoFactorMutation = graphql(`
  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {
    resetUserTwoFactor(input: $input) {
      ok
    }
  }
`);

export const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      user {
        ...UserRow
      }
    }
  }
`);

/** A user's live sessions (for managers who outrank them). */
export const UserSessionsQuery = graphql(`
  query UserSessions($id: UUID!) {
    user(id: $id) {
      id
      sessions {
        id
        createdAt
        lastSeenAt
        expiresAt
        ip
        userAgent
        current
      }
    }
  }
`);

export const RevokeUserSessionMutation = graphql(`
  mutation RevokeUserSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) {
      id
    }
  }
`);
