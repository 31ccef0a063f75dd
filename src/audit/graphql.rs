//! GraphQL for reading the audit log (needs `audit.read`).

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, InputObject, Json, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{AuditEntry, AuditFilter};
use super::service;
use crate::db::Db;
use crate::graphql::relay;
use crate::pagination::{Cursor, Page};
use crate::rbac::guard::{Require, principal};
use crate::rbac::perm;
use crate::users::graphql::{UserNode, user_node};

/// One recorded action.
pub struct AuditEntryNode(AuditEntry);

#[Object(name = "AuditEntry")]
impl AuditEntryNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// When it happened.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }

    /// Who acted, when a user did (null for the system, or a deleted user).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        user_node(ctx, self.0.actor_id).await
    }

    /// `user`, `api_key` or `system`.
    async fn actor_kind(&self) -> &str {
        &self.0.actor_kind
    }

    /// Dotted action name, e.g. `auth.sign_in`.
    async fn action(&self) -> &str {
        &self.0.action
    }

    /// Kind of thing acted on.
    async fn target_type(&self) -> Option<&str> {
        self.0.target_type.as_deref()
    }

    /// Id of the thing acted on.
    async fn target_id(&self) -> Option<&str> {
        self.0.target_id.as_deref()
    }

    /// Client IP.
    async fn ip(&self) -> Option<&str> {
        self.0.ip.as_deref()
    }

    /// Client user agent.
    async fn user_agent(&self) -> Option<&str> {
        self.0.user_agent.as_deref()
    }

    /// Request id, to find the log lines.
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// Action-specific details.
    async fn details(&self) -> Json<serde_json::Value> {
        Json(self.0.details.clone())
    }
}

/// Which entries to list.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    /// Only actions by this user.
    pub actor_id: Option<Uuid>,
    /// Only this action, e.g. `auth.sign_in_failed`.
    pub action: Option<String>,
    /// Only this kind of target, e.g. `user`.
    pub target_type: Option<String>,
    /// Only this target id.
    pub target_id: Option<String>,
    /// At or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Before this time.
    pub to: Option<DateTime<Utc>>,
}

/// Queries on the audit log.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, newest first (needs `audit.read`).
    #[graphql(
        guard = "Require(perm::AUDIT_READ)",
        complexity = "relay::complexity(first, last, child_complexity)"
    )]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, AuditEntryNode>> {
        let page = Page::new(first, after, last, before)?;
        let filter = filter.unwrap_or_default();
        let filter = AuditFilter {
            actor_id: filter.actor_id,
            action: filter.action,
            target_type: filter.target_type,
            target_id: filter.target_id,
            from: filter.from,
            to: filter.to,
        };
        let (rows, more) =
            service::page(ctx.data::<Db>()?, &principal(ctx), &filter, &page).await?;
        let (has_previous, has_next) = page.page_info(more);
        let mut connection = Connection::new(has_previous, has_next);
        connection.edges.extend(rows.into_iter().map(|entry| {
            let cursor = Cursor {
                at: entry.occurred_at,
                id: entry.id,
            };
            Edge::new(cursor.encode(), AuditEntryNode(entry))
        }));
        Ok(connection)
    }
}
