//! Workflow mutations: the named moves, any move by action, scheduling.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::items::graphql::{ContentPayload, EDIT, payload, reload};
use crate::content::service::ContentService;
use crate::content::workflow::model::Transition;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, RequireAny, SignedIn, principal};
use crate::rbac::perm;

/// A workflow action the caller may run on an item now
/// (`Content.availableActions`).
#[derive(SimpleObject)]
#[graphql(name = "WorkflowAction")]
pub struct WorkflowActionNode {
    /// The action, as `transitionContent` takes it (`submit`, `approve`, ...).
    action: String,
    /// The state the item moves to.
    to_status: String,
    /// The action needs a comment.
    comment_required: bool,
    /// The item's working version goes live.
    goes_live: bool,
    /// Nothing of the item stays live.
    takes_down: bool,
}

impl From<&Transition> for WorkflowActionNode {
    fn from(t: &Transition) -> Self {
        Self {
            action: t.action.clone(),
            to_status: t.to_status.clone(),
            comment_required: t.comment_required,
            goes_live: t.goes_live(),
            takes_down: t.takes_down(),
        }
    }
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

/// Workflow mutations.
#[derive(Default)]
pub struct WorkflowMutation;

#[Object]
impl WorkflowMutation {
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
}
