//! SQL for one-time tokens: the password reset and email verification
//! links (and the few user columns those flows read and set).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{one_time_tokens, users};

/// What a one-time token is for (the `purpose` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Choose a new password without the old one.
    PasswordReset,
    /// Prove the account's email address.
    EmailVerification,
}

impl Purpose {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::EmailVerification => "email_verification",
        }
    }
}

/// A one-time token row (without its hash).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = one_time_tokens, check_for_backend(diesel::pg::Pg))]
pub struct OneTimeToken {
    pub user_id: Uuid,
    /// The address it was mailed to.
    pub email: String,
    /// Stops working after this.
    pub expires_at: DateTime<Utc>,
    /// Set once used.
    pub used_at: Option<DateTime<Utc>>,
}

impl OneTimeToken {
    /// Whether the token may still be used at `now`.
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        self.used_at.is_none() && self.expires_at > now
    }
}

/// A token to store.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = one_time_tokens)]
pub struct NewOneTimeToken<'a> {
    pub user_id: Uuid,
    /// `password_reset` or `email_verification`.
    pub purpose: &'static str,
    /// SHA-256 of the token.
    pub token_hash: &'a [u8],
    /// The address it is mailed to.
    pub email: &'a str,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// The user facts these flows need.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct Account {
    pub id: Uuid,
    /// Lower-cased email.
    pub email: String,
    /// Name to greet them by.
    pub display_name: String,
    /// Whether the account may sign in.
    pub active: bool,
    /// When the email was verified.
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// The account with this (lower-cased) email.
pub async fn account_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> QueryResult<Option<Account>> {
    users::table
        .filter(users::email.eq(email))
        .select(Account::as_select())
        .first(conn)
        .await
        .optional()
}

/// An account by id.
pub async fn account(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Account>> {
    users::table
        .find(id)
        .select(Account::as_select())
        .first(conn)
        .await
        .optional()
}

/// An account by id, locked until the transaction ends.
pub async fn lock_account(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Account>> {
    users::table
        .find(id)
        .select(Account::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Stores a token, first dropping the user's tokens that ended more than a
/// day ago, so the table stays the size of recent activity.
pub async fn insert(conn: &mut AsyncPgConnection, token: &NewOneTimeToken<'_>) -> QueryResult<()> {
    let day_ago = Utc::now() - chrono::Duration::days(1);
    diesel::delete(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(token.user_id))
            .filter(
                one_time_tokens::expires_at
                    .lt(day_ago)
                    .or(one_time_tokens::used_at.lt(day_ago)),
            ),
    )
    .execute(conn)
    .await?;
    diesel::insert_into(one_time_tokens::table)
        .values(token)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The token with this hash and purpose, without locking it.
pub async fn find(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    purpose: Purpose,
) -> QueryResult<Option<OneTimeToken>> {
    one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::purpose.eq(purpose.as_str()))
        .select(OneTimeToken::as_select())
        .first(conn)
        .await
        .optional()
}

/// The token with this hash and purpose, locked until the transaction
/// ends so two uses of one token cannot both succeed.
pub async fn lock(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
    purpose: Purpose,
) -> QueryResult<Option<OneTimeToken>> {
    one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::purpose.eq(purpose.as_str()))
        .select(OneTimeToken::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Marks every unused token of a user for a purpose used (the one just
/// presented included), so older links die with it; returns how many.
pub async fn use_all(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    purpose: Purpose,
) -> QueryResult<usize> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::purpose.eq(purpose.as_str()))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(diesel::dsl::now))
    .execute(conn)
    .await
}

/// Records that a user's email is verified (keeps the first time).
pub async fn mark_email_verified(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(diesel::dsl::now))
    .execute(conn)
    .await
    .map(|n| n > 0)
}
