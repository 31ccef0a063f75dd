//! Version rows: what each change froze.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::shape::Snapshot;
use crate::db::schema::content_versions;

/// One immutable version of an item.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_versions, check_for_backend(diesel::pg::Pg))]
pub struct ContentVersion {
    pub content_id: Uuid,
    /// Number, from 1.
    pub version: i32,
    /// What made it: `created`, `updated`, `restored`, or a workflow action.
    pub event: String,
    /// Workflow state after the change.
    pub status: String,
    /// The editable fields as they were.
    #[diesel(embed)]
    pub content: Snapshot,
    /// Why (a review comment, a restore note).
    pub note: Option<String>,
    /// Who made it (`None`: Vellum itself).
    pub actor_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A version to append.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_versions)]
pub struct NewContentVersion<'a> {
    pub content_id: Uuid,
    /// Number.
    pub version: i32,
    /// What made it.
    pub event: &'a str,
    /// State after the change.
    pub status: &'a str,
    /// The editable fields.
    #[diesel(embed)]
    pub content: Snapshot,
    /// Note.
    pub note: Option<&'a str>,
    /// Actor.
    pub actor_id: Option<Uuid>,
    /// When (the database's clock when `None`; the demo seeder back-dates).
    pub created_at: Option<DateTime<Utc>>,
}
