//! GraphQL inputs and payloads of items.

use async_graphql::{Context, Enum, InputObject, Json, MaybeUndefined, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::objects::{BodyFormatGql, ContentNode};
use crate::content::items::model::ContentEntry;
use crate::content::service::ContentService;
use crate::content::shape::Draft;
use crate::error::AppError;
use crate::rbac::guard::principal;

/// What a content list is narrowed to. Every condition reads what the
/// caller is shown of each item: callers who may not read an item's drafts
/// match its live version (`text`, category, tags, locale, status)
/// and the `updatedAt` they see.
#[derive(InputObject, Default)]
pub struct ContentFilterInput {
    /// Content type API ids.
    pub(crate) types: Option<Vec<String>>,
    /// Workflow states.
    pub(crate) status: Option<Vec<String>>,
    /// Authors.
    pub(crate) author_ids: Option<Vec<Uuid>>,
    /// A category and its descendants.
    pub(crate) category_id: Option<Uuid>,
    /// Items with any of these tags.
    pub(crate) tags_any: Option<Vec<Uuid>>,
    /// Items with all of these tags.
    pub(crate) tags_all: Option<Vec<Uuid>>,
    /// Title or excerpt contains this (case-insensitive).
    pub(crate) text: Option<String>,
    /// Created at or after.
    pub(crate) created_after: Option<DateTime<Utc>>,
    /// Created before.
    pub(crate) created_before: Option<DateTime<Utc>>,
    /// `updatedAt` (as the caller sees it) at or after.
    pub(crate) updated_after: Option<DateTime<Utc>>,
    /// `updatedAt` (as the caller sees it) before.
    pub(crate) updated_before: Option<DateTime<Utc>>,
    /// Went live at or after.
    pub(crate) published_after: Option<DateTime<Utc>>,
    /// Went live before.
    pub(crate) published_before: Option<DateTime<Utc>>,
    /// Locale.
    pub(crate) locale: Option<String>,
    /// Items in the trash instead of the others.
    #[graphql(default)]
    pub(crate) trashed: bool,
    /// True: only items with a scheduled publication or take-down
    /// (`publishAt` or `unpublishAt` set); false: only items with neither.
    /// Schedules are editorial: needs `content.read_draft`.
    pub(crate) scheduled: Option<bool>,
}

/// Sort keys for content lists.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ContentOrderField")]
pub enum ContentOrderFieldGql {
    /// When the live version went live (never-published items: creation).
    PublishedAt,
    /// `updatedAt`, as the caller sees it (the public: when the live
    /// version was written).
    UpdatedAt,
    /// Creation.
    CreatedAt,
    /// Title.
    Title,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum OrderDirection {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// A content list order.
#[derive(InputObject)]
pub struct ContentOrderBy {
    /// The key.
    pub(crate) field: ContentOrderFieldGql,
    /// The direction.
    #[graphql(default_with = "OrderDirection::Desc")]
    pub(crate) direction: OrderDirection,
}

/// A new item.
#[derive(InputObject)]
pub struct CreateContentInput {
    /// Content type API id.
    #[graphql(name = "type")]
    pub(crate) type_api_id: String,
    /// Title.
    pub(crate) title: String,
    /// Slug (generated from the title when missing).
    pub(crate) slug: Option<String>,
    /// Summary.
    pub(crate) excerpt: Option<String>,
    /// Body.
    pub(crate) body: Option<String>,
    /// Body format (rich text by default).
    pub(crate) body_format: Option<BodyFormatGql>,
    /// Custom field values.
    pub(crate) fields: Option<Json<serde_json::Value>>,
    /// Category.
    pub(crate) category_id: Option<Uuid>,
    /// Tags.
    pub(crate) tag_ids: Option<Vec<Uuid>>,
    /// Locale (`en` by default).
    pub(crate) locale: Option<String>,
    /// Fields that read the same in both inputs.
    #[graphql(flatten)]
    pub(crate) shared: SharedContentInput,
    /// Note for the first version.
    pub(crate) note: Option<String>,
}

/// An edit; omitted fields keep their values.
#[derive(InputObject)]
pub struct UpdateContentInput {
    /// The item.
    pub(crate) id: Uuid,
    /// The working version this edit is based on.
    pub(crate) expected_version: i32,
    /// Title.
    pub(crate) title: Option<String>,
    /// Slug (the old one keeps redirecting).
    pub(crate) slug: Option<String>,
    /// Summary.
    pub(crate) excerpt: Option<String>,
    /// Body.
    pub(crate) body: Option<String>,
    /// Body format.
    pub(crate) body_format: Option<BodyFormatGql>,
    /// Custom field values (the whole object).
    pub(crate) fields: Option<Json<serde_json::Value>>,
    /// Category (null clears it).
    pub(crate) category_id: MaybeUndefined<Uuid>,
    /// Tags (the whole list).
    pub(crate) tag_ids: Option<Vec<Uuid>>,
    /// Locale.
    pub(crate) locale: Option<String>,
    /// Fields that read the same in both inputs.
    #[graphql(flatten)]
    pub(crate) shared: SharedContentInput,
    /// Note for the version.
    pub(crate) note: Option<String>,
}

/// Result of a content change.
#[derive(SimpleObject)]
pub struct ContentPayload {
    /// The item after the change, as the caller sees it.
    pub(crate) content: ContentNode,
}

pub(crate) fn payload(ctx: &Context<'_>, entry: ContentEntry) -> ContentPayload {
    ContentPayload {
        content: ContentNode::of(ctx, entry),
    }
}

/// Reloads an item after a change that returns only the item row.
pub(crate) async fn reload(ctx: &Context<'_>, id: Uuid) -> Result<ContentPayload> {
    let entry = ctx
        .data::<ContentService>()?
        .get(&principal(ctx), id)
        .await?
        .ok_or_else(|| AppError::NotFound("no such content".into()))?;
    Ok(payload(ctx, entry))
}

/// The editable fields that read the same in `createContent` and
/// `updateContent`, flattened into both: omitted means the default on
/// creation and unchanged on an edit. A new built-in field goes here.
#[derive(InputObject, Default)]
pub struct SharedContentInput {
    /// Title for search engines and link previews (empty: use the title).
    pub(crate) seo_title: Option<String>,
    /// Description for search engines and link previews.
    pub(crate) seo_description: Option<String>,
    /// The page's canonical address when it is not the page itself (an
    /// absolute http or https URL; null or empty clears it).
    pub(crate) canonical_url: MaybeUndefined<String>,
    /// Ask search engines not to index the page.
    pub(crate) no_index: Option<bool>,
    /// The cover image: an image of the media library (null clears it).
    pub(crate) cover_image_id: MaybeUndefined<Uuid>,
    /// The image link previews show (Open Graph), when not the cover; an
    /// image of the media library (null clears it).
    pub(crate) og_image_id: MaybeUndefined<Uuid>,
}

impl From<SharedContentInput> for Draft {
    fn from(input: SharedContentInput) -> Self {
        Draft {
            seo_title: input.seo_title,
            seo_description: input.seo_description,
            canonical_url: input.canonical_url.into(),
            no_index: input.no_index,
            cover_image_id: input.cover_image_id.into(),
            og_image_id: input.og_image_id.into(),
            ..Draft::default()
        }
    }
}
