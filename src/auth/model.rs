//! Rows for sessions and credentials.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::{refresh_tokens, sessions};

/// What signing in needs to know about a user.
#[derive(Debug, Clone, diesel::Queryable)]
pub struct Credentials {
    /// User id.
    pub id: Uuid,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Whether the account may sign in.
    pub active: bool,
    /// Whether a second factor is required.
    pub two_factor: bool,
}

/// What each request needs to know about its user (cached).
#[derive(Debug, Clone, Copy, diesel::Queryable)]
pub struct UserAccess {
    /// Whether the account may sign in.
    pub active: bool,
    /// Current role.
    pub role_id: Uuid,
    /// Whether a second factor is set up.
    pub two_factor: bool,
}

/// A session row.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct Session {
    /// Id (the `sid` of access tokens).
    pub id: Uuid,
    pub user_id: Uuid,
    /// Browser or client that signed in.
    pub user_agent: Option<String>,
    /// Client IP at sign-in.
    pub ip: Option<String>,
    /// Signed in at.
    pub created_at: DateTime<Utc>,
    /// Last refreshed at.
    pub last_seen_at: DateTime<Utc>,
    /// Refresh tokens stop working after this.
    pub expires_at: DateTime<Utc>,
    /// Revoked at, if revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Session {
    /// Whether tokens of this session may still be used at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// A session to insert.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub user_id: Uuid,
    /// Client's user agent.
    pub user_agent: Option<&'a str>,
    /// Client IP.
    pub ip: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
}

/// A refresh token row.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = refresh_tokens, check_for_backend(diesel::pg::Pg))]
pub struct RefreshToken {
    pub id: Uuid,
    /// Set once rotated; seeing it again means theft.
    pub used_at: Option<DateTime<Utc>>,
}
