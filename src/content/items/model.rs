//! Item rows and the domain types of reading them: entries, filters, order,
//! visibility.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::history::model::ContentVersion;
use crate::db::schema::content_items;
use crate::users::model::User;

/// An item: identity, workflow state and version pointers.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_items, check_for_backend(diesel::pg::Pg))]
pub struct ContentItem {
    pub id: Uuid,
    /// Its content type.
    pub type_id: Uuid,
    /// Who wrote it.
    pub author_id: Uuid,
    /// Working slug: the working version's (unique per type).
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The live version's slug, the one the public knows the item by
    /// (`None` while nothing is live).
    pub live_slug: Option<String>,
}

/// A new item (its first version is written in the same transaction).
#[derive(Debug, Clone, Copy, diesel::Insertable)]
#[diesel(table_name = content_items)]
pub struct NewContentItem<'a> {
    /// Id, chosen up front so the version can point at it.
    pub id: Uuid,
    pub type_id: Uuid,
    /// Author.
    pub author_id: Uuid,
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
    /// New working slug.
    pub slug: Option<String>,
    /// New live slug (moves with `live_version`).
    pub live_slug: Option<Option<String>>,
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

/// An item with the version the caller sees.
#[derive(Debug, Clone)]
pub struct ContentEntry {
    pub item: ContentItem,
    /// The version shown (live for the public, working for those who may
    /// read drafts).
    pub version: ContentVersion,
    /// Which of the version's columns were read: with
    /// [`Columns::Summary`], `body`, `body_html` and `fields` are empty
    /// and must be read again before they are shown.
    pub columns: Columns,
    /// The author, when read with the item (otherwise loaded by id).
    pub author: Option<Arc<User>>,
}

impl ContentEntry {
    /// An entry read with every column.
    pub fn full(item: ContentItem, version: ContentVersion) -> Self {
        Self {
            item,
            version,
            columns: Columns::Full,
            author: None,
        }
    }

    /// An entry read with every column and its author.
    pub(crate) fn read(
        (item, version, author): (ContentItem, ContentVersion, Option<User>),
    ) -> Self {
        Self {
            author: author.map(Arc::new),
            ..Self::full(item, version)
        }
    }

    /// When the item last changed, as a caller who sees `visibility` is
    /// told (and filters and orders by: `with_updated_at!` in the store):
    /// its last change for those who see its drafts, otherwise when the
    /// version shown (the live one) was written, so unpublished edits stay
    /// unseen.
    pub fn updated_at(&self, visibility: Visibility) -> DateTime<Utc> {
        if visibility.sees_drafts_of(self.item.author_id) {
            self.item.updated_at
        } else {
            self.version.created_at
        }
    }
}

/// Which columns of a version a list reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Columns {
    /// Everything.
    #[default]
    Full,
    /// All but the body (as written and as HTML) and the custom fields:
    /// the large values, which PostgreSQL keeps compressed out of line, so
    /// a page of twenty costs several times more with them. For lists
    /// whose selection shows none of them.
    Summary,
}

/// Which timestamp or text a content list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentOrderField {
    /// When the live version went live (never-published items: creation time).
    #[default]
    PublishedAt,
    /// The `updatedAt` the caller is shown (see [`ContentEntry::updated_at`]).
    UpdatedAt,
    /// Creation.
    CreatedAt,
    /// Title of the version shown.
    Title,
}

/// A list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContentOrder {
    pub field: ContentOrderField,
    /// Largest first.
    pub descending: bool,
}

/// What a content list is narrowed to. Every condition reads what the
/// caller is shown: version fields (category, tags, text, locale) the
/// version they see, times the values they see (`store::filtered`).
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
    /// Title or excerpt (of the version shown) contains this,
    /// case-insensitively.
    pub text: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
    /// Shown `updatedAt` at or after.
    pub updated_from: Option<DateTime<Utc>>,
    /// Shown `updatedAt` before.
    pub updated_to: Option<DateTime<Utc>>,
    /// Went live at or after.
    pub published_from: Option<DateTime<Utc>>,
    /// Went live before.
    pub published_to: Option<DateTime<Utc>>,
    pub locale: Option<String>,
    /// Items in the trash instead of the others.
    pub trashed: bool,
    /// Items with a scheduled publication or take-down (true), or with
    /// neither (false). Editorial callers only (`check_filter`).
    pub scheduled: Option<bool>,
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

impl Visibility {
    /// Whether this caller sees the working version (drafts) of an item
    /// written by `author`: the one rule every reader, object and
    /// subscription applies.
    pub fn sees_drafts_of(self, author: Uuid) -> bool {
        match self {
            Visibility::All => true,
            Visibility::Own(user) => user == author,
            Visibility::Public => false,
        }
    }
}

/// An item written with its state and times as they are elsewhere (the
/// demo seeder now; imports later).
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_items)]
pub struct ImportedItem<'a> {
    pub id: Uuid,
    pub type_id: Uuid,
    /// Author.
    pub author_id: Uuid,
    pub slug: &'a str,
    /// State.
    pub status: &'a str,
    /// Latest version.
    pub working_version: i32,
    /// Live version.
    pub live_version: Option<i32>,
    /// Live slug (with a live version).
    pub live_slug: Option<&'a str>,
    /// Went live at.
    pub published_at: Option<DateTime<Utc>>,
    /// First went live at.
    pub first_published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
