//! Audit log rows.

use uuid::Uuid;

use crate::context::RequestMeta;
use crate::db::schema::audit_log;

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A signed-in person.
    User,
    /// Vellum itself (CLI, scheduler).
    System,
}

impl ActorKind {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::System => "system",
        }
    }
}

/// A new audit entry; build with [`NewAuditEntry::new`] and the setters.
#[derive(Debug, Clone, diesel::Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditEntry {
    /// The acting user, if a user acted.
    pub actor_id: Option<Uuid>,
    /// `user`, `api_key` or `system`.
    pub actor_kind: &'static str,
    /// Dotted action name, e.g. `user.created`.
    pub action: String,
    /// Kind of thing acted on.
    pub target_type: Option<String>,
    /// Id of the thing acted on.
    pub target_id: Option<String>,
    /// Client IP, when known.
    pub ip: Option<String>,
    /// Client user agent, when known.
    pub user_agent: Option<String>,
    /// Request id, when known.
    pub request_id: Option<String>,
    /// Anything else worth keeping.
    pub details: serde_json::Value,
}

impl NewAuditEntry {
    /// An entry for `action` from the request described by `meta`, acted by
    /// the system until [`Self::by_user`] says otherwise.
    pub fn new(action: &str, meta: &RequestMeta) -> Self {
        Self {
            actor_id: None,
            actor_kind: ActorKind::System.as_str(),
            action: action.to_string(),
            target_type: None,
            target_id: None,
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            request_id: meta.request_id.clone(),
            details: serde_json::json!({}),
        }
    }

    /// Acted by this user.
    pub fn by_user(mut self, user_id: Uuid) -> Self {
        self.actor_id = Some(user_id);
        self.actor_kind = ActorKind::User.as_str();
        self
    }

    /// Acting on this thing.
    pub fn target(mut self, kind: &str, id: impl ToString) -> Self {
        self.target_type = Some(kind.to_string());
        self.target_id = Some(id.to_string());
        self
    }

    /// With these details.
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// A stored audit entry.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct AuditEntry {
    pub id: Uuid,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    /// Acting user.
    pub actor_id: Option<Uuid>,
    /// `user`, `api_key` or `system`.
    pub actor_kind: String,
    /// Action name.
    pub action: String,
    /// Target kind.
    pub target_type: Option<String>,
    /// Target id.
    pub target_id: Option<String>,
    /// Client IP.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// Details.
    pub details: serde_json::Value,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// By this actor.
    pub actor_id: Option<Uuid>,
    /// This action.
    pub action: Option<String>,
    /// This target kind.
    pub target_type: Option<String>,
    /// This target id.
    pub target_id: Option<String>,
    /// At or after.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Before.
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}
