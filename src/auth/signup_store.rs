//! SQL for pending sign-ups: accounts asked for but not yet confirmed from
//! the mailbox (see [`super::signup`]).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::{pending_sign_ups, users};

/// A sign-up to store until its link is followed.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = pending_sign_ups)]
pub(crate) struct NewPendingSignUp<'a> {
    /// Lower-cased email.
    pub email: &'a str,
    pub display_name: &'a str,
    /// Argon2id hash of the chosen password.
    pub password_hash: &'a str,
    /// SHA-256 of the link's token.
    pub token_hash: &'a [u8],
    pub expires_at: DateTime<Utc>,
}

/// A confirmed sign-up, taken out of the table.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = pending_sign_ups, check_for_backend(diesel::pg::Pg))]
pub(crate) struct PendingSignUp {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// The id and display name of the account with this (lower-cased) email.
pub(crate) async fn owner_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> QueryResult<Option<(uuid::Uuid, String)>> {
    users::table
        .filter(users::email.eq(email))
        .select((users::id, users::display_name))
        .first(conn)
        .await
        .optional()
}

/// Stores a pending sign-up, first dropping every expired one, so the table
/// stays the size of the last day's sign-ups.
pub(crate) async fn insert(
    conn: &mut AsyncPgConnection,
    row: &NewPendingSignUp<'_>,
) -> QueryResult<()> {
    diesel::delete(
        pending_sign_ups::table.filter(pending_sign_ups::expires_at.le(diesel::dsl::now)),
    )
    .execute(conn)
    .await?;
    diesel::insert_into(pending_sign_ups::table)
        .values(row)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Removes and returns the pending sign-up with this token hash, so a link
/// works once even when followed twice at the same moment.
pub(crate) async fn take(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<PendingSignUp>> {
    diesel::delete(pending_sign_ups::table.filter(pending_sign_ups::token_hash.eq(token_hash)))
        .returning(PendingSignUp::as_returning())
        .get_result(conn)
        .await
        .optional()
}

/// Drops every other pending sign-up for an address once one is confirmed.
pub(crate) async fn delete_for_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> QueryResult<usize> {
    diesel::delete(pending_sign_ups::table.filter(pending_sign_ups::email.eq(email)))
        .execute(conn)
        .await
}
