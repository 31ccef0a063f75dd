//! Audit log rows.

use uuid::Uuid;

use crate::db::schema::audit_log;

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A signed-in person.
    User,
    /// A program with an API key.
    ApiKey,
    /// Vellum itself (CLI, scheduler).
    System,
}

impl ActorKind {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::ApiKey => "api_key",
            Self::System => "system",
        }
    }
}

/// A new audit entry.
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
    /// Request id, when known.
    pub request_id: Option<String>,
    /// Anything else worth keeping.
    pub details: serde_json::Value,
}
