//! User rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::users;

/// A user as stored (without the password hash).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    /// Id.
    pub id: Uuid,
    /// Lower-cased email.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role.
    pub role_id: Uuid,
    /// Whether the account may sign in.
    pub active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A user to insert.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    /// Lower-cased email.
    pub email: &'a str,
    /// Name shown to others.
    pub display_name: &'a str,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
    /// Role.
    pub role_id: Uuid,
}
