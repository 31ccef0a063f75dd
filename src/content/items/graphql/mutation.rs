//! Item mutations.

use async_graphql::{Context, MaybeUndefined, Object, Result};

use super::inputs::{ContentPayload, CreateContentInput, UpdateContentInput, payload, reload};
use super::objects::{DELETE, EDIT};
use crate::content::graphql::DeleteByIdInput;
use crate::content::items::service::{ContentEdit, NewContent};
use crate::content::service::ContentService;
use crate::content::shape::Draft;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, RequireAny, principal};
use crate::rbac::perm;

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
                ..input.shared.into()
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
                ..input.shared.into()
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
}
