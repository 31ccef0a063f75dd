// The "My account" screen's operations: the profile, the password, two-factor
// authentication, the caller's sessions and notification settings.
import { graphql } from '../gql';

export const AccountProfileQuery = graphql(`
  query AccountProfile {
    me {
      id
      displayName
      email
      emailVerified
      createdAt
      lastSignInAt
      role {
        id
        name
        description
      }
    }
  }
`);

export const UpdateDisplayNameMutation = graphql(`
  mutation UpdateDisplayName($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        id
        displayName
      }
    }
  }
`);

export const RequestEmailVerificationMutation = graphql(`
  mutation RequestEmailVerification {
    requestEmailVerification {
      expiresAt
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      revokedSessions
    }
  }
`);

/** Whether the caller has two-factor on (kept apart: only its panel needs it). */
export const AccountTwoFactorQuery = graphql(`
  query AccountTwoFactor {
    me {
      id
      twoFactorEnabled
    }
  }
`);

export const SetupTwoFactorMutation = graphql(`
  mutation SetupTwoFactor {
    setupTwoFactor {
      secret
      otpauthUrl
      qrCode
    }
  }
`);

export const ConfirmTwoFactorMutation = graphql(`
  mutation ConfirmTwoFactor($input: TwoFactorCodeInput!) {
    confirmTwoFactor(input: $input) {
      backupCodes
    }
  }
`);

export const RegenerateBackupCodesMutation = graphql(`
  mutation RegenerateBackupCodes($input: TwoFactorCodeInput!) {
    regenerateBackupCodes(input: $input) {
      backupCodes
    }
  }
`);

export const DisableTwoFactorMutation = graphql(`
  mutation DisableTwoFactor($input: TwoFactorCodeInput!) {
    disableTwoFactor(input: $input) {
      ok
    }
  }
`);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      current
      createdAt
      lastSeenAt
      expiresAt
      ip
      userAgent
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) {
      id
    }
  }
`);

export const SignOutEverywhereMutation = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere {
      revokedSessions
    }
  }
`);

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      digest
      updatedAt
      kinds {
        kind
        inApp
        email
        locked
      }
    }
  }
`);

export const UpdateNotificationPreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      preferences {
        digest
        updatedAt
        kinds {
          kind
          inApp
          email
          locked
        }
      }
    }
  }
`);
