//! Notification rows, kinds and preferences.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::{notification_preferences, notifications};

/// What a notification is about. The string forms are stored in
/// `notifications.kind` and as keys of the preference objects.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NotificationKind {
    /// An item was submitted for review (to reviewers).
    ReviewRequested,
    /// A reviewer asked for changes (to the author).
    ChangesRequested,
    /// A reviewer approved the item (to the author).
    ContentApproved,
    /// Someone published the item (to the author).
    ContentPublished,
    /// A scheduled publication went live (to the author).
    ScheduledPublishDone,
    /// The account's password changed (security; always on).
    PasswordChanged,
    /// Two-factor authentication was turned on (security; always on).
    TwoFactorEnabled,
    /// Two-factor authentication was turned off (security; always on).
    TwoFactorDisabled,
    /// A sign-in from a device (user agent) the account never used before
    /// (security; always on).
    NewSignIn,
}

impl NotificationKind {
    /// Every kind, in the order preferences list them.
    pub const ALL: [Self; 9] = [
        Self::ReviewRequested,
        Self::ChangesRequested,
        Self::ContentApproved,
        Self::ContentPublished,
        Self::ScheduledPublishDone,
        Self::PasswordChanged,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::NewSignIn,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReviewRequested => "review_requested",
            Self::ChangesRequested => "changes_requested",
            Self::ContentApproved => "content_approved",
            Self::ContentPublished => "content_published",
            Self::ScheduledPublishDone => "scheduled_publish_done",
            Self::PasswordChanged => "password_changed",
            Self::TwoFactorEnabled => "two_factor_enabled",
            Self::TwoFactorDisabled => "two_factor_disabled",
            Self::NewSignIn => "new_sign_in",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Security notices cannot be turned off: a user must hear about a
    /// change to their account they did not make.
    pub fn is_security(self) -> bool {
        matches!(
            self,
            Self::PasswordChanged
                | Self::TwoFactorEnabled
                | Self::TwoFactorDisabled
                | Self::NewSignIn
        )
    }
}

/// A stored notification.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = notifications, check_for_backend(diesel::pg::Pg))]
pub struct Notification {
    /// Id.
    pub id: Uuid,
    /// The recipient.
    pub user_id: Uuid,
    /// Stored kind name (see [`NotificationKind::as_str`]).
    pub kind: String,
    /// One line for a list.
    pub title: String,
    /// More detail (a reviewer's comment); may be empty.
    pub body: String,
    /// The item it is about.
    pub content_id: Option<Uuid>,
    /// The event that caused it.
    pub event_id: Option<i64>,
    /// Kind-specific facts (action, actor, comment).
    pub data: serde_json::Value,
    /// When the recipient read it.
    pub read_at: Option<DateTime<Utc>>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A notification to write.
#[derive(Debug, Clone, diesel::Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification {
    /// Id.
    pub id: Uuid,
    /// The recipient.
    pub user_id: Uuid,
    /// Stored kind name.
    pub kind: &'static str,
    /// One line for a list.
    pub title: String,
    /// More detail.
    pub body: String,
    /// The item it is about.
    pub content_id: Option<Uuid>,
    /// The event that caused it.
    pub event_id: Option<i64>,
    /// Kind-specific facts.
    pub data: serde_json::Value,
}

/// How often a user wants an email digest.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum DigestFrequency {
    /// An email per notification.
    Immediate,
    /// One email a day.
    Daily,
    /// One email a week.
    Weekly,
    /// No digest.
    #[default]
    Never,
}

impl DigestFrequency {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Never => "never",
        }
    }

    /// The frequency stored as `name` (the column's CHECK keeps it one of these).
    pub fn parse(name: &str) -> Self {
        match name {
            "immediate" => Self::Immediate,
            "daily" => Self::Daily,
            "weekly" => Self::Weekly,
            _ => Self::Never,
        }
    }
}

/// A user's stored preferences; a user without a row has the defaults.
#[derive(Debug, Clone, Default, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = notification_preferences, check_for_backend(diesel::pg::Pg))]
pub struct Preferences {
    /// The user.
    pub user_id: Uuid,
    /// `{kind: bool}` for in-app notifications; a missing kind is on.
    pub in_app: serde_json::Value,
    /// `{kind: bool}` for email; a missing kind is off.
    pub email: serde_json::Value,
    /// Stored digest frequency.
    pub digest: String,
    /// Last change (never changed: the zero time).
    pub updated_at: DateTime<Utc>,
}

impl Preferences {
    /// The defaults for `user_id`.
    pub fn defaults(user_id: Uuid) -> Self {
        Self {
            user_id,
            in_app: serde_json::json!({}),
            email: serde_json::json!({}),
            digest: DigestFrequency::Never.as_str().into(),
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    /// Whether `kind` shows in the app.
    pub fn in_app(&self, kind: NotificationKind) -> bool {
        kind.is_security() || flag(&self.in_app, kind).unwrap_or(true)
    }

    /// Whether `kind` is emailed.
    pub fn email(&self, kind: NotificationKind) -> bool {
        kind.is_security() || flag(&self.email, kind).unwrap_or(false)
    }

    /// The digest frequency.
    pub fn digest(&self) -> DigestFrequency {
        DigestFrequency::parse(&self.digest)
    }
}

fn flag(switches: &serde_json::Value, kind: NotificationKind) -> Option<bool> {
    switches.get(kind.as_str()).and_then(|v| v.as_bool())
}

/// A change to a user's preferences: only the given switches change.
#[derive(Debug, Clone, Default)]
pub struct PreferencesChange {
    /// `{kind: bool}` merged into the in-app switches.
    pub in_app: serde_json::Map<String, serde_json::Value>,
    /// `{kind: bool}` merged into the email switches.
    pub email: serde_json::Map<String, serde_json::Value>,
    /// A new digest frequency.
    pub digest: Option<DigestFrequency>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_security_ignores_switches() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        let mut prefs = Preferences::defaults(Uuid::nil());
        prefs.in_app = serde_json::json!({ "content_published": false, "password_changed": false });
        assert!(!prefs.in_app(NotificationKind::ContentPublished));
        assert!(prefs.in_app(NotificationKind::ContentApproved));
        assert!(prefs.in_app(NotificationKind::PasswordChanged));
        assert!(!prefs.email(NotificationKind::ContentApproved));
        assert!(prefs.email(NotificationKind::TwoFactorDisabled));
    }
}
