//! Item queries.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use super::inputs::{ContentFilterInput, ContentOrderBy, ContentOrderFieldGql, OrderDirection};
use super::objects::ContentNode;
use crate::content::items::cursor::{ContentCursor, SortKey};
use crate::content::items::model::{Columns, ContentFilter, ContentOrder, ContentOrderField};
use crate::content::service;
use crate::content::service::ContentService;
use crate::error::AppError;
use crate::graphql::relay;
use crate::pagination::Page;
use crate::rbac::guard::principal;

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
        let (rows, more) = service
            .page(&caller, &filter, order, &page, columns_shown(ctx))
            .await?;
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
                ContentOrderField::UpdatedAt => SortKey::At(entry.updated_at(visibility)),
                ContentOrderField::CreatedAt => SortKey::At(entry.item.created_at),
                ContentOrderField::Title => SortKey::Text(entry.version.content.title.clone()),
            };
            let cursor = ContentCursor {
                key,
                id: entry.item.id,
            };
            Edge::new(cursor.encode(), ContentNode::new(entry, visibility))
        }));
        Ok(connection)
    }
}
/// The columns a page must read: the large ones only when its selection
/// shows a field made from them (a node still reads them itself if one
/// slips past this look-ahead, see `ContentNode::content`).
fn columns_shown(ctx: &Context<'_>) -> Columns {
    let look = ctx.look_ahead();
    let nodes = [look.field("edges").field("node"), look.field("nodes")];
    let large = nodes.iter().any(|node| {
        ContentNode::FROM_LARGE_COLUMNS
            .iter()
            .any(|field| node.field(field).exists())
    });
    if large {
        Columns::Full
    } else {
        Columns::Summary
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
        scheduled: input.scheduled,
    })
}
