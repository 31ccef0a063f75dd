//! Event rows and the kinds of event.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::events;

/// Event kinds (`<domain>.<what happened>`).
pub mod kind {
    /// An account was created by sign-up.
    pub const USER_SIGNED_UP: &str = "user.signed_up";
    /// An account's role, active flag or name changed (`data.action` says
    /// which, as in the audit log).
    pub const USER_UPDATED: &str = "user.updated";
    /// Cached facts about a user or their sessions are stale (a session
    /// ended, a role changed): every instance forgets them.
    pub const USER_ACCESS_CHANGED: &str = "user.access_changed";
    /// An item was created.
    pub const CONTENT_CREATED: &str = "content.created";
    /// An item's working version changed (an edit or field migration).
    pub const CONTENT_UPDATED: &str = "content.updated";
    /// An old version became the working version again.
    pub const CONTENT_VERSION_RESTORED: &str = "content.version_restored";
    /// A workflow move that changed nothing live (submit, approve, ...).
    pub const CONTENT_STATUS_CHANGED: &str = "content.status_changed";
    /// A version went live.
    pub const CONTENT_PUBLISHED: &str = "content.published";
    /// Nothing of the item is live any more (unpublished or archived).
    pub const CONTENT_UNPUBLISHED: &str = "content.unpublished";
    /// The item went to the trash.
    pub const CONTENT_DELETED: &str = "content.deleted";
    /// The item came back from the trash.
    pub const CONTENT_RESTORED: &str = "content.restored";
    /// The item's schedule changed.
    pub const CONTENT_SCHEDULED: &str = "content.scheduled";
    /// Many items changed at once (an import or demo seeding); caches drop
    /// everything, subscriptions are not told item by item.
    pub const CONTENT_BULK_CHANGED: &str = "content.bulk_changed";
    /// A content type, category or tag was created, changed or deleted
    /// (`data.action` says which, as in the audit log): public answers
    /// name them, so every instance's caches drop everything.
    pub const CONTENT_CATALOG_CHANGED: &str = "content.catalog_changed";
    /// A user got a notification (`user_id` is the recipient,
    /// `data.notificationId` the notification).
    pub const NOTIFICATION_CREATED: &str = "notification.created";
}

/// A stored event.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable, serde::Serialize)]
#[diesel(table_name = events, check_for_backend(diesel::pg::Pg))]
pub struct Event {
    /// Id (announced by NOTIFY).
    pub id: i64,
    /// The writing transaction; with `id`, the reading position.
    pub txid: i64,
    /// What happened, e.g. `content.published`.
    pub kind: String,
    /// The item concerned.
    pub content_id: Option<Uuid>,
    /// The user concerned.
    pub user_id: Option<Uuid>,
    /// Who acted (`None`: Vellum itself).
    pub actor_id: Option<Uuid>,
    /// Facts subscribers filter on (kept small).
    pub data: serde_json::Value,
    pub occurred_at: DateTime<Utc>,
}

impl Event {
    /// Whether this is a content event.
    pub fn is_content(&self) -> bool {
        self.kind.starts_with("content.")
    }
}

/// An event to write.
#[derive(Debug, Clone, diesel::Insertable)]
#[diesel(table_name = events)]
pub struct NewEvent {
    /// What happened.
    pub kind: &'static str,
    /// The item concerned.
    pub content_id: Option<Uuid>,
    /// The user concerned.
    pub user_id: Option<Uuid>,
    /// Who acted.
    pub actor_id: Option<Uuid>,
    /// Facts subscribers filter on.
    pub data: serde_json::Value,
}

/// A position in the event stream: events after it are new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// Transaction.
    pub txid: i64,
    /// Id within it.
    pub id: i64,
}

impl Event {
    /// This event's position.
    pub fn position(&self) -> Position {
        Position {
            txid: self.txid,
            id: self.id,
        }
    }
}
