//! GraphQL objects of items.

use std::borrow::Cow;
use std::sync::Arc;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::catalog::CatalogSnapshot;
use crate::content::items::loaders::{
    CategoryId, ItemId, MediaId, TagId, TypeId, WorkflowName, content_loader,
};
use crate::content::items::model::{Columns, ContentEntry, Visibility};
use crate::content::render::BodyFormat;
use crate::content::service;
use crate::content::service::ContentService;
use crate::content::shape::Snapshot;
use crate::content::taxonomy::graphql::{CategoryNode, TagNode};
use crate::content::types::fields::FieldDef;
use crate::content::types::graphql::ContentTypeNode;
use crate::content::workflow::graphql::WorkflowActionNode;
use crate::content::workflow::rules;
use crate::error::AppError;
use crate::media::graphql::MediaNode;
use crate::rbac::guard::principal;
use crate::rbac::perm;
use crate::users::graphql::UserNode;
use crate::users::loaders::UserLoader;
use crate::users::model::User;

/// Who may edit some item (their own, or any).
pub(crate) const EDIT: &[&str] = &[perm::CONTENT_UPDATE_OWN, perm::CONTENT_UPDATE_ANY];
/// Who may trash some item.
pub(crate) const DELETE: &[&str] = &[perm::CONTENT_DELETE_OWN, perm::CONTENT_DELETE_ANY];
/// Who may read some item's history.
pub(crate) const HISTORY: &[&str] = &[perm::CONTENT_UPDATE_OWN, perm::CONTENT_READ_DRAFT];

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

impl From<BodyFormat> for BodyFormatGql {
    fn from(f: BodyFormat) -> Self {
        match f {
            BodyFormat::RichText => BodyFormatGql::RichText,
            BodyFormat::Markdown => BodyFormatGql::Markdown,
        }
    }
}

/// A content item as the caller may see it: the working version for those
/// who may read its drafts, the live version for everyone else.
pub struct ContentNode {
    entry: ContentEntry,
    /// What the caller sees.
    visibility: Visibility,
    /// The caller sees drafts of this item (editorial fields are shown).
    editorial: bool,
}

impl ContentNode {
    pub(crate) fn new(entry: ContentEntry, visibility: Visibility) -> Self {
        let editorial = visibility.sees_drafts_of(entry.item.author_id);
        Self {
            entry,
            visibility,
            editorial,
        }
    }

    pub(crate) fn of(ctx: &Context<'_>, entry: ContentEntry) -> Self {
        Self::new(entry, service::visibility(&principal(ctx)))
    }

    /// The fields shown from a version's large columns, which a list reads
    /// only when its selection has one of them.
    pub(crate) const FROM_LARGE_COLUMNS: &[&str] =
        &["body", "bodyHtml", "fields", "fieldsHtml", "references"];

    /// The version's content with its large columns: as read, or read now
    /// when the entry came from a summary list.
    async fn content(&self, ctx: &Context<'_>) -> Result<Cow<'_, Snapshot>> {
        match self.entry.columns {
            Columns::Full => Ok(Cow::Borrowed(&self.entry.version.content)),
            Columns::Summary => Ok(Cow::Owned(
                ctx.data::<ContentService>()?
                    .full_content(&self.entry)
                    .await?,
            )),
        }
    }

    /// One large value of the content: borrowed as read, so a full entry
    /// is not copied per field; read again for a summary entry.
    async fn large<'a, T: Clone + 'a>(
        &'a self,
        ctx: &Context<'_>,
        pick: fn(&Snapshot) -> &T,
    ) -> Result<Cow<'a, T>> {
        Ok(match self.content(ctx).await? {
            Cow::Borrowed(content) => Cow::Borrowed(pick(content)),
            Cow::Owned(content) => Cow::Owned(pick(&content).clone()),
        })
    }
}

#[Object(name = "Content")]
impl ContentNode {
    /// Id.
    async fn id(&self, ctx: &Context<'_>) -> Uuid {
        if let Some(keys) = ctx.data_opt::<std::sync::Arc<crate::graphql::observe::SurrogateKeys>>()
        {
            keys.content(self.entry.item.id);
        }
        self.entry.item.id
    }

    /// The content type.
    #[graphql(name = "type")]
    async fn content_type(&self, ctx: &Context<'_>) -> Result<ContentTypeNode> {
        let id = self.entry.item.type_id;
        let held = catalog(ctx)
            .await?
            .and_then(|catalog| catalog.types.get(&id).cloned());
        let found = match held {
            Some(ty) => Some(ty),
            None => content_loader(ctx)?.load_one(TypeId(id)).await?,
        };
        found
            .map(ContentTypeNode)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("item without type")).into())
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.entry.version.content.title
    }

    /// Slug of the version shown, unique per type: the public sees the
    /// live slug until a changed slug is published. Old published slugs
    /// keep resolving in `contentBySlug`.
    async fn slug(&self) -> &str {
        &self.entry.version.content.slug
    }

    /// Short summary.
    async fn excerpt(&self) -> &str {
        &self.entry.version.content.excerpt
    }

    /// Body as written: sanitized HTML for rich text, Markdown source for
    /// Markdown.
    async fn body(&self, ctx: &Context<'_>) -> Result<Cow<'_, String>> {
        self.large(ctx, |content| &content.body).await
    }

    /// How the body is written.
    async fn body_format(&self) -> BodyFormatGql {
        self.entry.version.content.body_format.into()
    }

    /// The body as sanitized HTML, ready to render.
    async fn body_html(&self, ctx: &Context<'_>) -> Result<Cow<'_, String>> {
        self.large(ctx, |content| &content.body_html).await
    }

    /// Custom field values (as defined by the type), as written: Markdown
    /// fields hold their source. Pages should show `fieldsHtml`.
    async fn fields(&self, ctx: &Context<'_>) -> Result<Json<Cow<'_, serde_json::Value>>> {
        Ok(Json(self.large(ctx, |content| &content.fields).await?))
    }

    /// Custom field values ready to show: Markdown fields rendered to
    /// sanitized HTML (as `bodyHtml` is), rich text sanitized, other values
    /// as in `fields`.
    async fn fields_html(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Json<serde_json::Map<String, serde_json::Value>>> {
        let content = self.content(ctx).await?;
        rendered_fields(ctx, Some(self.entry.item.type_id), &content.fields).await
    }

    /// Minutes to read the body at 200 words a minute.
    async fn reading_time(&self) -> i32 {
        self.entry.version.content.reading_time
    }

    /// Locale.
    async fn locale(&self) -> &str {
        &self.entry.version.content.locale
    }

    /// The fields shared with `ContentVersion`.
    #[graphql(flatten)]
    async fn shared(&self) -> SharedContentFields<'_> {
        SharedContentFields(&self.entry.version.content)
    }

    /// Who wrote it.
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        if let Some(author) = &self.entry.author {
            return Ok(Some(UserNode::new(User::clone(author))));
        }
        Ok(ctx
            .data::<DataLoader<UserLoader>>()?
            .load_one(self.entry.item.author_id)
            .await?
            .map(UserNode::new))
    }

    /// Category.
    async fn category(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>> {
        let Some(id) = self.entry.version.content.category_id else {
            return Ok(None);
        };
        if let Some(category) = catalog(ctx)
            .await?
            .and_then(|catalog| catalog.categories.get(&id).cloned())
        {
            return Ok(Some(CategoryNode(category)));
        }
        Ok(content_loader(ctx)?
            .load_one(CategoryId(id))
            .await?
            .map(CategoryNode))
    }

    /// Tags, in the order given.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let ids = &self.entry.version.content.tag_ids.0;
        if let Some(catalog) = catalog(ctx).await?
            && ids.iter().all(|id| catalog.tags.contains_key(id))
        {
            return Ok(ids
                .iter()
                .filter_map(|id| catalog.tags.get(id).cloned())
                .map(TagNode)
                .collect());
        }
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
        let content = self.content(ctx).await?;
        let serde_json::Value::Object(values) = &content.fields else {
            return Ok(Vec::new());
        };
        let ty = content_loader(ctx)?
            .load_one(TypeId(self.entry.item.type_id))
            .await?;
        let defs: Vec<FieldDef> = match ty {
            Some(ty) => ty.field_defs()?,
            None => Vec::new(),
        };
        let refs = crate::content::types::fields::references(&defs, values);
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

    /// The workflow actions the caller may run on the item now (as
    /// `transitionContent` would allow them), ordered by action. Empty for
    /// callers who see only the live version, and for items in the trash.
    async fn available_actions(&self, ctx: &Context<'_>) -> Result<Vec<WorkflowActionNode>> {
        let caller = principal(ctx);
        if !self.editorial || self.entry.item.deleted_at.is_some() {
            return Ok(Vec::new());
        }
        let loader = content_loader(ctx)?;
        let Some(ty) = loader.load_one(TypeId(self.entry.item.type_id)).await? else {
            return Ok(Vec::new());
        };
        let rows = loader
            .load_one(WorkflowName(ty.workflow))
            .await?
            .unwrap_or_else(|| Vec::new().into());
        Ok(rules::available(&rows, &caller, &self.entry.item)
            .into_iter()
            .map(WorkflowActionNode::from)
            .collect())
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

    /// Last changed (for callers who see only the live version: when the
    /// live version was written). `updatedAfter`/`updatedBefore` and
    /// `UPDATED_AT` use the same value.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.entry.updated_at(self.visibility)
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

/// Custom field values ready to show (`fieldsHtml` of `Content` and
/// `ContentVersion`), rendered by the definitions of type `type_id`.
/// Without a type nothing says which values are Markdown, so nothing is
/// shown rather than unrendered source.
pub(crate) async fn rendered_fields(
    ctx: &Context<'_>,
    type_id: Option<Uuid>,
    fields: &serde_json::Value,
) -> Result<Json<serde_json::Map<String, serde_json::Value>>> {
    let (Some(type_id), serde_json::Value::Object(values)) = (type_id, fields) else {
        return Ok(Json(serde_json::Map::new()));
    };
    let defs: Vec<FieldDef> = match content_loader(ctx)?.load_one(TypeId(type_id)).await? {
        Some(ty) => ty.field_defs()?,
        None => Vec::new(),
    };
    Ok(Json(crate::content::types::fields::rendered(&defs, values)))
}

/// The catalog held in memory, if it can be used now (see
/// `content::catalog`).
async fn catalog(ctx: &Context<'_>) -> Result<Option<Arc<CatalogSnapshot>>> {
    Ok(ctx.data::<ContentService>()?.catalog().current().await?)
}

/// The fields of the content shape that read the same on `Content` and
/// `ContentVersion`, flattened into both. A new built-in field goes here.
pub struct SharedContentFields<'a>(pub(crate) &'a Snapshot);

#[Object]
impl SharedContentFields<'_> {
    /// Title for search engines and link previews (empty: use the title).
    async fn seo_title(&self) -> &str {
        &self.0.seo_title
    }

    /// Description for search engines and link previews (empty: use the
    /// excerpt).
    async fn seo_description(&self) -> &str {
        &self.0.seo_description
    }

    /// The page's canonical address, when it is not the page itself.
    async fn canonical_url(&self) -> Option<&str> {
        self.0.canonical_url.as_deref()
    }

    /// Whether search engines are asked not to index the page.
    async fn no_index(&self) -> bool {
        self.0.no_index
    }

    /// The cover image (null when unset or moved to the trash).
    async fn cover_image(&self, ctx: &Context<'_>) -> Result<Option<MediaNode>> {
        media_node(ctx, self.0.cover_image_id).await
    }

    /// The image link previews show (null when unset or trashed; front
    /// ends fall back to the cover).
    async fn og_image(&self, ctx: &Context<'_>) -> Result<Option<MediaNode>> {
        media_node(ctx, self.0.og_image_id).await
    }

    /// Every file this version uses: the cover, the preview image and the
    /// files of `media` fields (whose values are their ids), trashed
    /// ones left out.
    async fn files(&self, ctx: &Context<'_>) -> Result<Vec<MediaNode>> {
        let keys: Vec<MediaId> = self.0.media_ids.iter().copied().map(MediaId).collect();
        let mut found = content_loader(ctx)?.load_many(keys.iter().copied()).await?;
        Ok(keys
            .iter()
            .filter_map(|k| found.remove(k))
            .map(MediaNode)
            .collect())
    }
}

/// A file an item uses, through the request's loader.
async fn media_node(ctx: &Context<'_>, id: Option<Uuid>) -> Result<Option<MediaNode>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(content_loader(ctx)?
        .load_one(MediaId(id))
        .await?
        .map(MediaNode))
}
