//! API key rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::api_keys;

/// A stored API key (the secret itself is never stored).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = api_keys, check_for_backend(diesel::pg::Pg))]
pub struct ApiKey {
    pub id: Uuid,
    /// The user the key acts as.
    pub user_id: Uuid,
    /// A label.
    pub name: String,
    /// The first characters of the secret.
    pub prefix: String,
    /// SHA-256 of the secret.
    pub secret_hash: Vec<u8>,
    /// Permission names the key may use (the column is a plain `text[]`,
    /// so diesel sees nullable elements; none are ever null).
    pub scopes: Vec<Option<String>>,
    pub created_at: DateTime<Utc>,
    /// Stops working after this, if set.
    pub expires_at: Option<DateTime<Utc>>,
    /// Last used (updated at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// Revoked at, if revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiKey {
    /// The scopes as names.
    pub fn scope_names(&self) -> impl Iterator<Item = &String> {
        self.scopes.iter().flatten()
    }

    /// Whether the key may be used at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|at| at > now)
    }
}

/// A key to insert.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = api_keys)]
pub struct NewApiKey<'a> {
    pub user_id: Uuid,
    pub name: &'a str,
    /// Display prefix.
    pub prefix: &'a str,
    /// SHA-256 of the secret.
    pub secret_hash: &'a [u8],
    /// Scopes.
    pub scopes: Vec<Option<String>>,
    pub expires_at: Option<DateTime<Utc>>,
}
