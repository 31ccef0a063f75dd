//! GraphQL for content: thin objects over [`ContentService`]. Relations
//! (author, type, category, tags, references) load through per-request
//! DataLoaders, so a list costs the same few queries at any length.

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::DataLoader;
use async_graphql::{
    Context, Enum, InputObject, Json, MaybeUndefined, Object, Result, SimpleObject,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::cursor::{ContentCursor, SortKey};
use super::diff::{Change, DiffSpan, DiffTag};
use super::fields::FieldDef;
use super::loaders::{CategoryId, ContentLoader, ItemId, TagId, TypeId};
use super::model::{
    ContentEntry, ContentFilter, ContentOrder, ContentOrderField, ContentVersion, Visibility,
};
use super::render::BodyFormat;
use super::service::{self, ContentEdit, ContentService, NewContent};
use super::taxonomy_graphql::{CategoryNode, TagNode};
use super::types_graphql::ContentTypeNode;
use super::validate::Draft;
use crate::error::AppError;
use crate::graphql::relay;
use crate::graphql::request::request_meta;
use crate::pagination::Page;
use crate::rbac::guard::{Require, RequireAny, SignedIn, principal};
use crate::rbac::perm;
use crate::users::graphql::UserNode;
use crate::users::loaders::UserLoader;

/// Who may edit some item (their own, or any).
const EDIT: &[&str] = &[perm::CONTENT_UPDATE_OWN, perm::CONTENT_UPDATE_ANY];
/// Who may trash some item.
const DELETE: &[&str] = &[perm::CONTENT_DELETE_OWN, perm::CONTENT_DELETE_ANY];
/// Who may read some item's history.
const HISTORY: &[&str] = &[perm::CONTENT_UPDATE_OWN, perm::CONTENT_READ_DRAFT];

pub(super) fn content_loader<'a>(ctx: &'a Context<'_>) -> Result<&'a DataLoader<ContentLoader>> {
    ctx.data::<DataLoader<ContentLoader>>()
}

/// How a body is written.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "BodyFormat")]
pub enum BodyFormatGql {
    /// HTML, sanitized to the rich-text allow-list on write.
    RichText,
    /// Markdown, rendered to sanitized `bodyHtml`.
    Markdown,
}

impl From<BodyFormatGql> for BodyFormat {
    fn from(f: BodyFormatGql) -> Self {
        match f {
            BodyFormatGql::RichText => BodyFormat::RichText,
            BodyFormatGql::Markdown => BodyFormat::Markdown,
        }
    }
}

fn body_format(stored: &str) -> BodyFormatGql {
    match BodyFormat::parse(stored) {
        Some(BodyFormat::Markdown) => BodyFormatGql::Markdown,
        _ => BodyFormatGql::RichText,
    }
}

/// A content item as the caller may see it: the working version for those
/// who may read its drafts, the live version for everyone else.
pub struct ContentNode {
    entry: ContentEntry,
    /// The caller sees drafts of this item (editorial fields are shown).
    editorial: bool,
}

impl ContentNode {
    pub(super) fn new(entry: ContentEntry, visibility: Visibility) -> Self {
        let editorial = match visibility {
            Visibility::All => true,
            Visibility::Own(user) => entry.item.author_id == user,
            Visibility::Public => false,
        };
        Self { entry, editorial }
    }

    fn of(ctx: &Context<'_>, entry: ContentEntry) -> Self {
        Self::new(entry, service::visibility(&principal(ctx)))
    }
}

#[Object(name = "Content")]
impl ContentNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.entry.item.id
    }

    /// The content type.
    #[graphql(name = "type")]
    async fn content_type(&self, ctx: &Context<'_>) -> Result<ContentTypeNode> {
        content_loader(ctx)?
            .load_one(TypeId(self.entry.item.type_id))
            .await?
            .map(ContentTypeNode)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("item without type")).into())
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.entry.version.title
    }

    /// Slug, unique per type; old slugs keep resolving in `contentBySlug`.
    async fn slug(&self) -> &str {
        &self.entry.item.slug
    }

    /// Short summary.
    async fn excerpt(&self) -> &str {
        &self.entry.version.excerpt
    }

    /// Body as written: sanitized HTML for rich text, Markdown source for
    /// Markdown.
    async fn body(&self) -> &str {
        &self.entry.version.body
    }

    /// How the body is written.
    async fn body_format(&self) -> BodyFormatGql {
        body_format(&self.entry.version.body_format)
    }

    /// The body as sanitized HTML, ready to render.
    async fn body_html(&self) -> &str {
        &self.entry.version.body_html
    }

    /// Custom field values (as defined by the type).
    async fn fields(&self) -> Json<&serde_json::Value> {
        Json(&self.entry.version.fields)
    }

    /// Minutes to read the body at 200 words a minute.
    async fn reading_time(&self) -> i32 {
        self.entry.version.reading_time
    }

    /// Locale.
    async fn locale(&self) -> &str {
        &self.entry.version.locale
    }

    /// Who wrote it.
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        Ok(ctx
            .data::<DataLoader<UserLoader>>()?
            .load_one(self.entry.item.author_id)
            .await?
            .map(UserNode::new))
    }

    /// Category.
    async fn category(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>> {
        let Some(id) = self.entry.version.category_id else {
            return Ok(None);
        };
        Ok(content_loader(ctx)?
            .load_one(CategoryId(id))
            .await?
            .map(CategoryNode))
    }

    /// Tags, in the order given.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let ids = self.entry.version.tags();
        let mut found = content_loader(ctx)?
            .load_many(ids.iter().map(|id| TagId(*id)))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.remove(&TagId(*id)))
            .map(TagNode)
            .collect())
    }

    /// Items this one refers to through reference fields, each shown by the
    /// same visibility rule as a direct read (null when hidden).
    async fn references(&self, ctx: &Context<'_>) -> Result<Vec<ContentReference>> {
        let serde_json::Value::Object(values) = &self.entry.version.fields else {
            return Ok(Vec::new());
        };
        let ty = content_loader(ctx)?
            .load_one(TypeId(self.entry.item.type_id))
            .await?;
        let defs: Vec<FieldDef> = match ty {
            Some(ty) => ty.field_defs()?,
            None => Vec::new(),
        };
        let refs = super::fields::references(&defs, values);
        let mut found = content_loader(ctx)?
            .load_many(refs.iter().map(|(_, _, id)| ItemId(*id)))
            .await?;
        let visibility = service::visibility(&principal(ctx));
        Ok(refs
            .into_iter()
            .map(|(path, _, id)| ContentReference {
                field: path.trim_start_matches("fields.").to_string(),
                id,
                content: found
                    .remove(&ItemId(id))
                    .map(|e| ContentNode::new(e, visibility)),
            })
            .collect())
    }

    /// Workflow state. The public sees `PUBLISHED` for anything live.
    async fn status(&self) -> &str {
        if self.editorial {
            &self.entry.item.status
        } else {
            "PUBLISHED"
        }
    }

    /// The version number shown.
    async fn version(&self) -> i32 {
        self.entry.version.version
    }

    /// The latest version number (null for callers who see only the live
    /// version).
    async fn working_version(&self) -> Option<i32> {
        self.editorial.then_some(self.entry.item.working_version)
    }

    /// The live version number, if anything is live.
    async fn live_version(&self) -> Option<i32> {
        self.entry.item.live_version
    }

    /// Whether the public can see this item.
    async fn is_live(&self) -> bool {
        self.entry.item.live_version.is_some() && self.entry.item.deleted_at.is_none()
    }

    /// How many versions the item has (null for callers who see only the
    /// live version).
    async fn version_count(&self) -> Option<i32> {
        self.editorial.then_some(self.entry.item.working_version)
    }

    /// When the live version went live.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.entry.item.published_at
    }

    /// When the item first went live.
    async fn first_published_at(&self) -> Option<DateTime<Utc>> {
        self.entry.item.first_published_at
    }

    /// Scheduled publication (editorial callers only).
    async fn publish_at(&self) -> Option<DateTime<Utc>> {
        self.entry.item.publish_at.filter(|_| self.editorial)
    }

    /// Scheduled take-down (editorial callers only).
    async fn unpublish_at(&self) -> Option<DateTime<Utc>> {
        self.entry.item.unpublish_at.filter(|_| self.editorial)
    }

    /// In the trash since (editorial callers only).
    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.entry.item.deleted_at.filter(|_| self.editorial)
    }

    /// Created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.entry.item.created_at
    }

    /// Last changed (for the public: when the live version went live).
    async fn updated_at(&self) -> DateTime<Utc> {
        if self.editorial {
            self.entry.item.updated_at
        } else {
            self.entry.version.created_at
        }
    }
}

/// An item referred to by a reference field.
#[derive(SimpleObject)]
pub struct ContentReference {
    /// The field's API id.
    field: String,
    /// The referenced id.
    id: Uuid,
    /// The referenced item, when the caller may see it.
    content: Option<ContentNode>,
}

/// One immutable version of an item.
pub struct ContentVersionNode(ContentVersion);

#[Object(name = "ContentVersion")]
impl ContentVersionNode {
    /// Version number, from 1.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// What made it: `created`, `updated`, `restored`, `fields_migrated`,
    /// or a workflow action (`submit`, `publish`, ...).
    async fn event(&self) -> &str {
        &self.0.event
    }
    /// Workflow state after the change.
    async fn status(&self) -> &str {
        &self.0.status
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Slug.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Summary.
    async fn excerpt(&self) -> &str {
        &self.0.excerpt
    }
    /// Body as written.
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// Body format.
    async fn body_format(&self) -> BodyFormatGql {
        body_format(&self.0.body_format)
    }
    /// Body as sanitized HTML.
    async fn body_html(&self) -> &str {
        &self.0.body_html
    }
    /// Custom field values.
    async fn fields(&self) -> Json<&serde_json::Value> {
        Json(&self.0.fields)
    }
    /// Category.
    async fn category(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>> {
        let Some(id) = self.0.category_id else {
            return Ok(None);
        };
        Ok(content_loader(ctx)?
            .load_one(CategoryId(id))
            .await?
            .map(CategoryNode))
    }
    /// Tags that still exist.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let ids = self.0.tags();
        let mut found = content_loader(ctx)?
            .load_many(ids.iter().map(|id| TagId(*id)))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.remove(&TagId(*id)))
            .map(TagNode)
            .collect())
    }
    /// Locale.
    async fn locale(&self) -> &str {
        &self.0.locale
    }
    /// Minutes to read.
    async fn reading_time(&self) -> i32 {
        self.0.reading_time
    }
    /// A comment or note (review comments, restore notes).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Who made it (null: Vellum itself).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        let Some(id) = self.0.actor_id else {
            return Ok(None);
        };
        Ok(ctx
            .data::<DataLoader<UserLoader>>()?
            .load_one(id)
            .await?
            .map(UserNode::new))
    }
    /// When.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A run of a text diff.
#[derive(SimpleObject)]
pub struct DiffSegment {
    /// `EQUAL`, `INSERT` or `DELETE`.
    op: DiffOp,
    /// The text.
    value: String,
}

/// What happened to a run of text.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum DiffOp {
    /// Unchanged.
    Equal,
    /// Added.
    Insert,
    /// Removed.
    Delete,
}

fn segments(spans: Vec<DiffSpan>) -> Vec<DiffSegment> {
    spans
        .into_iter()
        .map(|s| DiffSegment {
            op: match s.tag {
                DiffTag::Equal => DiffOp::Equal,
                DiffTag::Insert => DiffOp::Insert,
                DiffTag::Delete => DiffOp::Delete,
            },
            value: s.value,
        })
        .collect()
}

/// One changed path between two versions.
#[derive(SimpleObject)]
pub struct ContentChange {
    /// Dotted path: `title`, `fields.price`.
    path: String,
    /// The value before (null when absent).
    before: Option<Json<serde_json::Value>>,
    /// The value after (null when absent).
    after: Option<Json<serde_json::Value>>,
    /// Line diff, for text.
    lines: Option<Vec<DiffSegment>>,
    /// Word diff, for text.
    words: Option<Vec<DiffSegment>>,
    /// Unified line diff, for text.
    unified: Option<String>,
}

impl From<Change> for ContentChange {
    fn from(c: Change) -> Self {
        let (lines, words, unified) = match c.text {
            Some(t) => (
                Some(segments(t.lines)),
                Some(segments(t.words)),
                Some(t.unified),
            ),
            None => (None, None, None),
        };
        Self {
            path: c.path,
            before: c.before.map(Json),
            after: c.after.map(Json),
            lines,
            words,
            unified,
        }
    }
}

/// The changes between two versions.
#[derive(SimpleObject)]
pub struct ContentDiff {
    /// From this version.
    from: i32,
    /// To this version.
    to: i32,
    /// What changed, by path.
    changes: Vec<ContentChange>,
}

/// What a content list is narrowed to.
#[derive(InputObject, Default)]
pub struct ContentFilterInput {
    /// Content type API ids.
    types: Option<Vec<String>>,
    /// Workflow states.
    status: Option<Vec<String>>,
    /// Authors.
    author_ids: Option<Vec<Uuid>>,
    /// A category and its descendants.
    category_id: Option<Uuid>,
    /// Items with any of these tags.
    tags_any: Option<Vec<Uuid>>,
    /// Items with all of these tags.
    tags_all: Option<Vec<Uuid>>,
    /// Title or excerpt contains this (case-insensitive).
    text: Option<String>,
    /// Created at or after.
    created_after: Option<DateTime<Utc>>,
    /// Created before.
    created_before: Option<DateTime<Utc>>,
    /// Changed at or after.
    updated_after: Option<DateTime<Utc>>,
    /// Changed before.
    updated_before: Option<DateTime<Utc>>,
    /// Went live at or after.
    published_after: Option<DateTime<Utc>>,
    /// Went live before.
    published_before: Option<DateTime<Utc>>,
    /// Locale.
    locale: Option<String>,
    /// Items in the trash instead of the others.
    #[graphql(default)]
    trashed: bool,
}

/// Sort keys for content lists.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ContentOrderField")]
pub enum ContentOrderFieldGql {
    /// When the live version went live (never-published items: creation).
    PublishedAt,
    /// Last change.
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
    field: ContentOrderFieldGql,
    /// The direction.
    #[graphql(default_with = "OrderDirection::Desc")]
    direction: OrderDirection,
}

/// Extra fields on a content list.
pub struct ContentConnectionFields {
    filter: ContentFilter,
}

#[Object]
impl ContentConnectionFields {
    /// How many items match (counted only when asked).
    async fn total_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(ctx
            .data::<ContentService>()?
            .count(&principal(ctx), &self.filter)
            .await?)
    }
}

/// Content queries.
#[derive(Default)]
pub struct ContentQuery;

#[Object]
impl ContentQuery {
    /// An item by id (null when missing or not visible to the caller).
    async fn content(&self, ctx: &Context<'_>, id: Uuid) -> Result<Option<ContentNode>> {
        let entry = ctx
            .data::<ContentService>()?
            .get(&principal(ctx), id)
            .await?;
        Ok(entry.map(|e| ContentNode::of(ctx, e)))
    }

    /// An item by type and slug; old slugs resolve to the item (compare
    /// `slug` to see whether to redirect).
    async fn content_by_slug(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "type")] type_api_id: String,
        slug: String,
    ) -> Result<Option<ContentNode>> {
        let found = ctx
            .data::<ContentService>()?
            .by_slug(&principal(ctx), &type_api_id, &slug)
            .await?;
        Ok(found.map(|(e, _)| ContentNode::of(ctx, e)))
    }

    /// Items the caller may see, newest published first by default.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn contents(
        &self,
        ctx: &Context<'_>,
        filter: Option<ContentFilterInput>,
        order_by: Option<ContentOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, ContentNode, ContentConnectionFields>> {
        let page = Page::<ContentCursor>::new(first, after, last, before)?;
        let service = ctx.data::<ContentService>()?;
        let filter = to_filter(service, filter.unwrap_or_default()).await?;
        let order = match order_by {
            Some(o) => ContentOrder {
                field: match o.field {
                    ContentOrderFieldGql::PublishedAt => ContentOrderField::PublishedAt,
                    ContentOrderFieldGql::UpdatedAt => ContentOrderField::UpdatedAt,
                    ContentOrderFieldGql::CreatedAt => ContentOrderField::CreatedAt,
                    ContentOrderFieldGql::Title => ContentOrderField::Title,
                },
                descending: o.direction == OrderDirection::Desc,
            },
            None => ContentOrder {
                field: ContentOrderField::PublishedAt,
                descending: true,
            },
        };
        let caller = principal(ctx);
        let (rows, more) = service.page(&caller, &filter, order, &page).await?;
        let (has_previous, has_next) = page.page_info(more);
        let visibility = service::visibility(&caller);
        let mut connection = Connection::with_additional_fields(
            has_previous,
            has_next,
            ContentConnectionFields { filter },
        );
        connection.edges.extend(rows.into_iter().map(|entry| {
            let key = match order.field {
                ContentOrderField::PublishedAt => {
                    SortKey::At(entry.item.published_at.unwrap_or(entry.item.created_at))
                }
                ContentOrderField::UpdatedAt => SortKey::At(entry.item.updated_at),
                ContentOrderField::CreatedAt => SortKey::At(entry.item.created_at),
                ContentOrderField::Title => SortKey::Text(entry.version.title.clone()),
            };
            let cursor = ContentCursor {
                key,
                id: entry.item.id,
            };
            Edge::new(cursor.encode(), ContentNode::new(entry, visibility))
        }));
        Ok(connection)
    }

    /// An item's versions, newest first (for those who may read its drafts).
    #[graphql(
        guard = "RequireAny(HISTORY)",
        complexity = "relay::complexity(first, None, child_complexity)"
    )]
    async fn content_versions(
        &self,
        ctx: &Context<'_>,
        content_id: Uuid,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ContentVersionNode>> {
        let page = Page::<i32>::new(first, after, None, None)?;
        let (rows, more) = ctx
            .data::<ContentService>()?
            .versions(&principal(ctx), content_id, &page)
            .await?;
        let (has_previous, has_next) = page.page_info(more);
        let mut connection = Connection::new(has_previous, has_next);
        connection.edges.extend(rows.into_iter().map(|v| {
            Edge::new(
                super::cursor::encode_version(v.version),
                ContentVersionNode(v),
            )
        }));
        Ok(connection)
    }

    /// One version of an item.
    #[graphql(guard = "RequireAny(HISTORY)")]
    async fn content_version(
        &self,
        ctx: &Context<'_>,
        content_id: Uuid,
        version: i32,
    ) -> Result<Option<ContentVersionNode>> {
        Ok(ctx
            .data::<ContentService>()?
            .version(&principal(ctx), content_id, version)
            .await?
            .map(ContentVersionNode))
    }

    /// What changed between two versions of an item.
    #[graphql(guard = "RequireAny(HISTORY)")]
    async fn content_diff(
        &self,
        ctx: &Context<'_>,
        content_id: Uuid,
        from: i32,
        to: i32,
    ) -> Result<ContentDiff> {
        let changes = ctx
            .data::<ContentService>()?
            .diff(&principal(ctx), content_id, from, to)
            .await?;
        Ok(ContentDiff {
            from,
            to,
            changes: changes.into_iter().map(ContentChange::from).collect(),
        })
    }
}

async fn to_filter(service: &ContentService, input: ContentFilterInput) -> Result<ContentFilter> {
    let type_ids = match &input.types {
        Some(types) => Some(service.type_ids("filter.types", types).await?),
        None => None,
    };
    let category_ids = match input.category_id {
        Some(id) => Some(service.category_tree(id).await?),
        None => None,
    };
    let text = input.text.map(|t| t.trim().to_string());
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(AppError::bad_input("filter.text", "must be at most 200 characters").into());
    }
    Ok(ContentFilter {
        type_ids,
        statuses: input.status,
        author_ids: input.author_ids,
        category_ids,
        tags_any: input.tags_any,
        tags_all: input.tags_all,
        text,
        created_from: input.created_after,
        created_to: input.created_before,
        updated_from: input.updated_after,
        updated_to: input.updated_before,
        published_from: input.published_after,
        published_to: input.published_before,
        locale: input.locale,
        trashed: input.trashed,
    })
}

/// A new item.
#[derive(InputObject)]
pub struct CreateContentInput {
    /// Content type API id.
    #[graphql(name = "type")]
    type_api_id: String,
    /// Title.
    title: String,
    /// Slug (generated from the title when missing).
    slug: Option<String>,
    /// Summary.
    excerpt: Option<String>,
    /// Body.
    body: Option<String>,
    /// Body format (rich text by default).
    body_format: Option<BodyFormatGql>,
    /// Custom field values.
    fields: Option<Json<serde_json::Value>>,
    /// Category.
    category_id: Option<Uuid>,
    /// Tags.
    tag_ids: Option<Vec<Uuid>>,
    /// Locale (`en` by default).
    locale: Option<String>,
    /// Note for the first version.
    note: Option<String>,
}

/// An edit; omitted fields keep their values.
#[derive(InputObject)]
pub struct UpdateContentInput {
    /// The item.
    id: Uuid,
    /// The working version this edit is based on.
    expected_version: i32,
    /// Title.
    title: Option<String>,
    /// Slug (the old one keeps redirecting).
    slug: Option<String>,
    /// Summary.
    excerpt: Option<String>,
    /// Body.
    body: Option<String>,
    /// Body format.
    body_format: Option<BodyFormatGql>,
    /// Custom field values (the whole object).
    fields: Option<Json<serde_json::Value>>,
    /// Category (null clears it).
    category_id: MaybeUndefined<Uuid>,
    /// Tags (the whole list).
    tag_ids: Option<Vec<Uuid>>,
    /// Locale.
    locale: Option<String>,
    /// Note for the version.
    note: Option<String>,
}

/// An item to act on.
#[derive(InputObject)]
pub struct ContentIdInput {
    /// The item.
    id: Uuid,
    /// An optional comment, kept with the version.
    comment: Option<String>,
}

/// Changes requested by a reviewer.
#[derive(InputObject)]
pub struct RequestChangesInput {
    /// The item.
    id: Uuid,
    /// What to change (required).
    comment: String,
}

/// A workflow action by name (for custom workflows).
#[derive(InputObject)]
pub struct TransitionContentInput {
    /// The item.
    id: Uuid,
    /// The action, e.g. `submit`, `approve`, `publish`.
    action: String,
    /// Comment.
    comment: Option<String>,
}

/// A schedule; null clears that part.
#[derive(InputObject)]
pub struct ScheduleContentInput {
    /// The item.
    id: Uuid,
    /// Publish at.
    publish_at: Option<DateTime<Utc>>,
    /// Take down at.
    unpublish_at: Option<DateTime<Utc>>,
}

/// A version to restore as the new working version.
#[derive(InputObject)]
pub struct RestoreContentVersionInput {
    /// The item.
    id: Uuid,
    /// The version to copy.
    version: i32,
}

/// Something to delete by id.
#[derive(InputObject)]
pub struct DeleteByIdInput {
    /// The id.
    pub id: Uuid,
}

/// Result of a content change.
#[derive(SimpleObject)]
pub struct ContentPayload {
    /// The item after the change, as the caller sees it.
    content: ContentNode,
}

/// Result of a deletion.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The deleted id.
    pub id: Uuid,
}

fn payload(ctx: &Context<'_>, entry: ContentEntry) -> ContentPayload {
    ContentPayload {
        content: ContentNode::of(ctx, entry),
    }
}

async fn transition(
    ctx: &Context<'_>,
    id: Uuid,
    action: &str,
    comment: Option<String>,
) -> Result<ContentPayload> {
    let entry = ctx
        .data::<ContentService>()?
        .transition(&principal(ctx), &request_meta(ctx), id, action, comment)
        .await?;
    Ok(payload(ctx, entry))
}

/// Reloads an item after a change that returns only the item row.
async fn reload(ctx: &Context<'_>, id: Uuid) -> Result<ContentPayload> {
    let entry = ctx
        .data::<ContentService>()?
        .get(&principal(ctx), id)
        .await?
        .ok_or_else(|| AppError::NotFound("no such content".into()))?;
    Ok(payload(ctx, entry))
}

/// Content mutations.
#[derive(Default)]
pub struct ContentMutation;

#[Object]
impl ContentMutation {
    /// Creates an item as a draft.
    #[graphql(guard = "Require(perm::CONTENT_CREATE)")]
    async fn create_content(
        &self,
        ctx: &Context<'_>,
        input: CreateContentInput,
    ) -> Result<ContentPayload> {
        let new = NewContent {
            type_api_id: input.type_api_id,
            draft: Draft {
                title: Some(input.title),
                slug: input.slug,
                excerpt: input.excerpt,
                body: input.body,
                body_format: input.body_format.map(Into::into),
                fields: input.fields.map(|j| j.0),
                category_id: input.category_id.map(Some),
                tag_ids: input.tag_ids,
                locale: input.locale,
            },
            note: input.note,
        };
        let entry = ctx
            .data::<ContentService>()?
            .create(&principal(ctx), &request_meta(ctx), new)
            .await?;
        Ok(payload(ctx, entry))
    }

    /// Edits an item: a new working version on top of `expectedVersion`
    /// (`CONFLICT` with `extensions.currentVersion` when it is stale).
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn update_content(
        &self,
        ctx: &Context<'_>,
        input: UpdateContentInput,
    ) -> Result<ContentPayload> {
        let edit = ContentEdit {
            id: input.id,
            expected_version: input.expected_version,
            draft: Draft {
                title: input.title,
                slug: input.slug,
                excerpt: input.excerpt,
                body: input.body,
                body_format: input.body_format.map(Into::into),
                fields: input.fields.map(|j| j.0),
                category_id: match input.category_id {
                    MaybeUndefined::Undefined => None,
                    MaybeUndefined::Null => Some(None),
                    MaybeUndefined::Value(id) => Some(Some(id)),
                },
                tag_ids: input.tag_ids,
                locale: input.locale,
            },
            note: input.note,
        };
        let entry = ctx
            .data::<ContentService>()?
            .update(&principal(ctx), &request_meta(ctx), edit)
            .await?;
        Ok(payload(ctx, entry))
    }

    /// Moves an item to the trash.
    #[graphql(guard = "RequireAny(DELETE)")]
    async fn delete_content(
        &self,
        ctx: &Context<'_>,
        input: DeleteByIdInput,
    ) -> Result<ContentPayload> {
        let item = ctx
            .data::<ContentService>()?
            .trash(&principal(ctx), &request_meta(ctx), input.id, false)
            .await?;
        reload(ctx, item.id).await
    }

    /// Brings an item back from the trash.
    #[graphql(guard = "RequireAny(DELETE)")]
    async fn restore_content(
        &self,
        ctx: &Context<'_>,
        input: DeleteByIdInput,
    ) -> Result<ContentPayload> {
        let item = ctx
            .data::<ContentService>()?
            .trash(&principal(ctx), &request_meta(ctx), input.id, true)
            .await?;
        reload(ctx, item.id).await
    }

    /// Submits a draft for review.
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn submit_for_review(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "submit", input.comment).await
    }

    /// Sends an item back to its author with a comment.
    #[graphql(guard = "Require(perm::CONTENT_REVIEW)")]
    async fn request_changes(
        &self,
        ctx: &Context<'_>,
        input: RequestChangesInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "request_changes", Some(input.comment)).await
    }

    /// Approves an item in review.
    #[graphql(guard = "Require(perm::CONTENT_REVIEW)")]
    async fn approve_content(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "approve", input.comment).await
    }

    /// Makes the working version live.
    #[graphql(guard = "Require(perm::CONTENT_PUBLISH)")]
    async fn publish_content(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "publish", input.comment).await
    }

    /// Takes the live version down.
    #[graphql(guard = "Require(perm::CONTENT_PUBLISH)")]
    async fn unpublish_content(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "unpublish", input.comment).await
    }

    /// Retires an item (nothing live, no edits).
    #[graphql(guard = "Require(perm::CONTENT_PUBLISH)")]
    async fn archive_content(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "archive", input.comment).await
    }

    /// Brings an archived item back as a draft.
    #[graphql(guard = "Require(perm::CONTENT_PUBLISH)")]
    async fn unarchive_content(
        &self,
        ctx: &Context<'_>,
        input: ContentIdInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, "unarchive", input.comment).await
    }

    /// Runs any action of the item's workflow by name.
    #[graphql(guard = "SignedIn")]
    async fn transition_content(
        &self,
        ctx: &Context<'_>,
        input: TransitionContentInput,
    ) -> Result<ContentPayload> {
        transition(ctx, input.id, &input.action, input.comment).await
    }

    /// Sets (or clears, with nulls) scheduled publication and take-down.
    #[graphql(guard = "Require(perm::CONTENT_PUBLISH)")]
    async fn schedule_content(
        &self,
        ctx: &Context<'_>,
        input: ScheduleContentInput,
    ) -> Result<ContentPayload> {
        let item = ctx
            .data::<ContentService>()?
            .schedule(
                &principal(ctx),
                &request_meta(ctx),
                input.id,
                input.publish_at,
                input.unpublish_at,
            )
            .await?;
        reload(ctx, item.id).await
    }

    /// Makes an old version the new working version; what is live stays live.
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn restore_content_version(
        &self,
        ctx: &Context<'_>,
        input: RestoreContentVersionInput,
    ) -> Result<ContentPayload> {
        let entry = ctx
            .data::<ContentService>()?
            .restore_version(&principal(ctx), &request_meta(ctx), input.id, input.version)
            .await?;
        Ok(payload(ctx, entry))
    }
}
