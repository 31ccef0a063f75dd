//! User rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::users;

/// A user as stored (without the password hash).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: Uuid,
    /// Lower-cased email.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    pub role_id: Uuid,
    /// Whether the account may sign in.
    pub active: bool,
    /// When the email was verified.
    pub email_verified_at: Option<DateTime<Utc>>,
    /// When two-factor sign-in was turned on (null: off).
    #[diesel(column_name = totp_enabled_at)]
    pub two_factor_enabled_at: Option<DateTime<Utc>>,
    /// Last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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
    pub role_id: Uuid,
}

/// Changes to a user; `None` leaves a column alone.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChangeset {
    /// New display name.
    pub display_name: Option<String>,
    /// New role.
    pub role_id: Option<Uuid>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

/// Which users to list.
#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    /// Only this role (by name).
    pub role: Option<String>,
    /// Only active or only inactive.
    pub active: Option<bool>,
    /// Email or display name contains this, case-insensitively.
    pub search: Option<String>,
}
