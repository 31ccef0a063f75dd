//! Content rows and the domain types built from them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::fields::FieldDef;
use super::render::BodyFormat;
use crate::db::schema::{
    categories, content_items, content_types, content_versions, tags, workflow_transitions,
};
use crate::error::AppError;

/// A content type: a name, an API id and custom field definitions.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_types, check_for_backend(diesel::pg::Pg))]
pub struct ContentType {
    /// Id.
    pub id: Uuid,
    /// Stable identifier used in the API, e.g. `article`.
    pub api_id: String,
    /// Human name.
    pub name: String,
    /// What the type is for.
    pub description: String,
    /// Field definitions as stored (see [`ContentType::field_defs`]).
    pub fields: serde_json::Value,
    /// The workflow its items follow.
    pub workflow: String,
    /// Seeded by Vellum (cannot be deleted).
    pub built_in: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl ContentType {
    /// The field definitions. They were checked when written, so a parse
    /// failure means the row was edited behind Vellum's back.
    pub fn field_defs(&self) -> Result<Vec<FieldDef>, AppError> {
        serde_json::from_value(self.fields.clone()).map_err(|e| {
            AppError::Internal(anyhow::Error::new(e).context(format!(
                "content type {} has unreadable field definitions",
                self.api_id
            )))
        })
    }
}

/// A new content type.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_types)]
pub struct NewContentType<'a> {
    /// API id.
    pub api_id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Description.
    pub description: &'a str,
    /// Field definitions.
    pub fields: serde_json::Value,
}

/// Changes to a content type.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = content_types)]
pub struct ContentTypeChangeset {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New field definitions.
    pub fields: Option<serde_json::Value>,
}

/// An item: identity, workflow state and version pointers.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_items, check_for_backend(diesel::pg::Pg))]
pub struct ContentItem {
    /// Id.
    pub id: Uuid,
    /// Its content type.
    pub type_id: Uuid,
    /// Who wrote it.
    pub author_id: Uuid,
    /// Current slug (unique per type).
    pub slug: String,
    /// Workflow state of the working version.
    pub status: String,
    /// The latest version.
    pub working_version: i32,
    /// The version the public sees, if any.
    pub live_version: Option<i32>,
    /// When the live version went live.
    pub published_at: Option<DateTime<Utc>>,
    /// When the item first went live.
    pub first_published_at: Option<DateTime<Utc>>,
    /// Scheduled publication.
    pub publish_at: Option<DateTime<Utc>>,
    /// Scheduled take-down.
    pub unpublish_at: Option<DateTime<Utc>>,
    /// Who scheduled it (the scheduler acts as them).
    pub scheduled_by: Option<Uuid>,
    /// In the trash since.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new item (its first version is written in the same transaction).
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_items)]
pub struct NewContentItem<'a> {
    /// Id, chosen up front so the version can point at it.
    pub id: Uuid,
    /// Type.
    pub type_id: Uuid,
    /// Author.
    pub author_id: Uuid,
    /// Slug.
    pub slug: &'a str,
    /// Initial state.
    pub status: &'a str,
    /// Always 1.
    pub working_version: i32,
}

/// Pointer and state changes applied with a new version.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = content_items)]
pub struct ItemChangeset {
    /// New slug.
    pub slug: Option<String>,
    /// New state.
    pub status: Option<String>,
    /// New latest version.
    pub working_version: Option<i32>,
    /// New live version (`Some(None)` takes the item down).
    pub live_version: Option<Option<i32>>,
    /// Went live at.
    pub published_at: Option<Option<DateTime<Utc>>>,
    /// First went live at.
    pub first_published_at: Option<Option<DateTime<Utc>>>,
    /// Scheduled publication.
    pub publish_at: Option<Option<DateTime<Utc>>>,
    /// Scheduled take-down.
    pub unpublish_at: Option<Option<DateTime<Utc>>>,
    /// Who scheduled.
    pub scheduled_by: Option<Option<Uuid>>,
    /// Trash.
    pub deleted_at: Option<Option<DateTime<Utc>>>,
}

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

/// The editable fields of an item: what a version freezes and what
/// `contentDiff` compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Summary.
    pub excerpt: String,
    /// Body as written.
    pub body: String,
    /// Body format.
    #[serde(serialize_with = "serialize_format")]
    pub body_format: BodyFormat,
    /// Custom fields.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Category.
    pub category_id: Option<Uuid>,
    /// Tags.
    pub tag_ids: Vec<Uuid>,
    /// Locale.
    pub locale: String,
}

fn serialize_format<S: serde::Serializer>(format: &BodyFormat, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(format.as_str())
}

impl Snapshot {
    /// The snapshot as JSON, for diffs.
    pub fn to_json(&self) -> serde_json::Value {
        // Serializing plain strings, maps and uuids cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// An item with the version the caller sees.
#[derive(Debug, Clone)]
pub struct ContentEntry {
    /// The item.
    pub item: ContentItem,
    /// The version shown (live for the public, working for those who may
    /// read drafts).
    pub version: ContentVersion,
}

/// A category (categories nest).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    /// Description.
    pub description: String,
    /// Parent category.
    pub parent_id: Option<Uuid>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new category.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    /// Name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Description.
    pub description: &'a str,
    /// Parent.
    pub parent_id: Option<Uuid>,
}

/// Changes to a category.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChangeset {
    /// Name.
    pub name: Option<String>,
    /// Slug.
    pub slug: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Parent (`Some(None)` makes it a root).
    pub parent_id: Option<Option<Uuid>>,
}

/// A tag.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A new tag.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = tags)]
pub struct NewTag<'a> {
    /// Name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
}

/// One allowed workflow move (a row of `workflow_transitions`).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = workflow_transitions, check_for_backend(diesel::pg::Pg))]
pub struct Transition {
    /// Workflow name.
    pub workflow: String,
    /// Action, e.g. `publish`.
    pub action: String,
    /// State it leaves.
    pub from_status: String,
    /// State it enters.
    pub to_status: String,
    /// Permission the actor needs.
    pub permission: String,
    /// Permission enough for the item's author.
    pub own_permission: Option<String>,
    /// A comment must be given.
    pub comment_required: bool,
    /// Only while something is live.
    pub requires_live: bool,
    /// `none`, `go_live` or `take_down`.
    pub effect: String,
}

/// Which timestamp or text a content list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentOrderField {
    /// When the live version went live (never-published items: creation time).
    #[default]
    PublishedAt,
    /// Last change.
    UpdatedAt,
    /// Creation.
    CreatedAt,
    /// Title of the version shown.
    Title,
}

/// A list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContentOrder {
    /// The key.
    pub field: ContentOrderField,
    /// Largest first.
    pub descending: bool,
}

/// What a content list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ContentFilter {
    /// Content type ids.
    pub type_ids: Option<Vec<Uuid>>,
    /// Workflow states.
    pub statuses: Option<Vec<String>>,
    /// Authors.
    pub author_ids: Option<Vec<Uuid>>,
    /// Categories, descendants already expanded.
    pub category_ids: Option<Vec<Uuid>>,
    /// Items with any of these tags.
    pub tags_any: Option<Vec<Uuid>>,
    /// Items with all of these tags.
    pub tags_all: Option<Vec<Uuid>>,
    /// Title or excerpt contains this, case-insensitively.
    pub text: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
    /// Changed at or after.
    pub updated_from: Option<DateTime<Utc>>,
    /// Changed before.
    pub updated_to: Option<DateTime<Utc>>,
    /// Went live at or after.
    pub published_from: Option<DateTime<Utc>>,
    /// Went live before.
    pub published_to: Option<DateTime<Utc>>,
    /// Locale.
    pub locale: Option<String>,
    /// Items in the trash instead of the others.
    pub trashed: bool,
}

/// Which version of which items a caller may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Live versions of live items only.
    Public,
    /// Working versions of own items, live versions of the rest.
    Own(Uuid),
    /// Working versions of everything.
    All,
}
