//! GraphQL of history: versions, diffs, restore.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Enum, InputObject, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::history::diff::{Change, DiffSpan, DiffTag};
use crate::content::history::model::ContentVersion;
use crate::content::items::graphql::{
    BodyFormatGql, ContentPayload, EDIT, HISTORY, SharedContentFields, payload, rendered_fields,
};
use crate::content::items::loaders::{CategoryId, ItemId, TagId, content_loader};
use crate::content::service::ContentService;
use crate::content::taxonomy::graphql::{CategoryNode, TagNode};
use crate::graphql::relay;
use crate::graphql::request::request_meta;
use crate::pagination::Page;
use crate::rbac::guard::{RequireAny, principal};
use crate::users::graphql::{UserNode, user_node};

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
        &self.0.content.title
    }
    /// Slug.
    async fn slug(&self) -> &str {
        &self.0.content.slug
    }
    /// Summary.
    async fn excerpt(&self) -> &str {
        &self.0.content.excerpt
    }
    /// Body as written.
    async fn body(&self) -> &str {
        &self.0.content.body
    }
    /// Body format.
    async fn body_format(&self) -> BodyFormatGql {
        self.0.content.body_format.into()
    }
    /// Body as sanitized HTML.
    async fn body_html(&self) -> &str {
        &self.0.content.body_html
    }
    /// Custom field values, as written (Markdown fields hold their source).
    async fn fields(&self) -> Json<&serde_json::Value> {
        Json(&self.0.content.fields)
    }
    /// Custom field values ready to show: Markdown fields rendered to
    /// sanitized HTML (as `bodyHtml` is), other values as in `fields`, by
    /// the item's type as it is now.
    async fn fields_html(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Json<serde_json::Map<String, serde_json::Value>>> {
        let item = content_loader(ctx)?
            .load_one(ItemId(self.0.content_id))
            .await?;
        rendered_fields(ctx, item.map(|e| e.item.type_id), &self.0.content.fields).await
    }
    /// Category.
    async fn category(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>> {
        let Some(id) = self.0.content.category_id else {
            return Ok(None);
        };
        Ok(content_loader(ctx)?
            .load_one(CategoryId(id))
            .await?
            .map(CategoryNode))
    }
    /// Tags that still exist.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let ids = self.0.content.tag_ids.0.clone();
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
        &self.0.content.locale
    }
    /// Minutes to read.
    async fn reading_time(&self) -> i32 {
        self.0.content.reading_time
    }
    /// The fields shared with `Content`.
    #[graphql(flatten)]
    async fn shared(&self) -> SharedContentFields<'_> {
        SharedContentFields(&self.0.content)
    }
    /// A comment or note (review comments, restore notes).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Who made it (null: Vellum itself).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        user_node(ctx, self.0.actor_id).await
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

/// A version to restore as the new working version.
#[derive(InputObject)]
pub struct RestoreContentVersionInput {
    /// The item.
    id: Uuid,
    /// The version to copy.
    version: i32,
}

/// History queries.
#[derive(Default)]
pub struct HistoryQuery;

#[Object]
impl HistoryQuery {
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
                crate::content::items::cursor::encode_version(v.version),
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

/// History mutations.
#[derive(Default)]
pub struct HistoryMutation;

#[Object]
impl HistoryMutation {
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
