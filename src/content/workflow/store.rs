//! All SQL of the workflow: transitions and due schedules.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::content::items::model::ContentItem;
use crate::content::workflow::model::Transition;
use crate::db::schema::{content_items, workflow_transitions};

/// Items whose scheduled publication or take-down is due, locked and
/// skipped by other workers (so several processes share the work).
pub async fn claim_due(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<ContentItem>> {
    content_items::table
        .filter(
            content_items::publish_at
                .le(now)
                .or(content_items::unpublish_at.le(now)),
        )
        .filter(content_items::deleted_at.is_null())
        .order(content_items::id)
        .limit(limit)
        .select(ContentItem::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
        .await
}

// ---------------------------------------------------------------- workflow

/// Every move `action` allows in `workflow`, one per starting state.
pub async fn transitions_for(
    conn: &mut AsyncPgConnection,
    workflow: &str,
    action: &str,
) -> QueryResult<Vec<Transition>> {
    workflow_transitions::table
        .filter(workflow_transitions::workflow.eq(workflow))
        .filter(workflow_transitions::action.eq(action))
        .order(workflow_transitions::from_status)
        .select(Transition::as_select())
        .load(conn)
        .await
}

/// Every move of each of `workflows`, by workflow, action and starting
/// state (`Content.availableActions` loads them once per request).
pub async fn transitions_of(
    conn: &mut AsyncPgConnection,
    workflows: &[String],
) -> QueryResult<Vec<(String, Transition)>> {
    workflow_transitions::table
        .filter(workflow_transitions::workflow.eq_any(workflows))
        .order((
            workflow_transitions::workflow,
            workflow_transitions::action,
            workflow_transitions::from_status,
        ))
        .select((workflow_transitions::workflow, Transition::as_select()))
        .load(conn)
        .await
}
