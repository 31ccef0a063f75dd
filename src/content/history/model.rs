//! Version rows: what each change froze.

use crate::content::render::BodyFormat;
use crate::content::shape::Snapshot;
use crate::db::schema::content_versions;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One immutable version of an item.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_versions, check_for_backend(diesel::pg::Pg))]
pub struct ContentVersion {
    /// The item.
    pub content_id: Uuid,
    /// Number, from 1.
    pub version: i32,
    /// What made it: `created`, `updated`, `restored`, or a workflow action.
    pub event: String,
    /// Workflow state after the change.
    pub status: String,
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Short summary.
    pub excerpt: String,
    /// Body as written (sanitized HTML, or Markdown).
    pub body: String,
    /// `richText` or `markdown`.
    pub body_format: String,
    /// Body as sanitized HTML.
    pub body_html: String,
    /// Custom field values.
    pub fields: serde_json::Value,
    /// Category.
    pub category_id: Option<Uuid>,
    /// Tags (SQL arrays may hold NULLs; these never do, see [`Self::tags`]).
    pub tag_ids: Vec<Option<Uuid>>,
    /// Locale.
    pub locale: String,
    /// Minutes to read.
    pub reading_time: i32,
    /// Why (a review comment, a restore note).
    pub note: Option<String>,
    /// Who made it (`None`: Vellum itself).
    pub actor_id: Option<Uuid>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl ContentVersion {
    /// The tag ids.
    pub fn tags(&self) -> Vec<Uuid> {
        self.tag_ids.iter().flatten().copied().collect()
    }

    /// The editable fields of this version.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            title: self.title.clone(),
            slug: self.slug.clone(),
            excerpt: self.excerpt.clone(),
            body: self.body.clone(),
            body_format: BodyFormat::parse(&self.body_format).unwrap_or(BodyFormat::RichText),
            fields: match &self.fields {
                serde_json::Value::Object(map) => map.clone(),
                _ => serde_json::Map::new(),
            },
            category_id: self.category_id,
            tag_ids: self.tags(),
            locale: self.locale.clone(),
        }
    }
}

/// A version to append.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_versions)]
pub struct NewContentVersion<'a> {
    /// The item.
    pub content_id: Uuid,
    /// Number.
    pub version: i32,
    /// What made it.
    pub event: &'a str,
    /// State after the change.
    pub status: &'a str,
    /// Title.
    pub title: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Summary.
    pub excerpt: &'a str,
    /// Body as written.
    pub body: &'a str,
    /// Body format.
    pub body_format: &'a str,
    /// Body as sanitized HTML.
    pub body_html: &'a str,
    /// Custom fields.
    pub fields: serde_json::Value,
    /// Category.
    pub category_id: Option<Uuid>,
    /// Tags.
    pub tag_ids: Vec<Option<Uuid>>,
    /// Locale.
    pub locale: &'a str,
    /// Minutes to read.
    pub reading_time: i32,
    /// Note.
    pub note: Option<&'a str>,
    /// Actor.
    pub actor_id: Option<Uuid>,
}
