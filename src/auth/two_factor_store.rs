//! SQL for TOTP secrets, backup codes and sign-in challenges.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{backup_codes, two_factor_challenges, users};

/// A user's TOTP state.
#[derive(Debug, Clone, diesel::Queryable)]
pub struct TotpState {
    /// Lower-cased email (the authenticator's account name).
    pub email: String,
    /// Active secret (base32), when 2FA is on.
    pub secret: Option<String>,
    /// Secret awaiting confirmation.
    pub pending_secret: Option<String>,
}

/// A sign-in challenge.
#[derive(Debug, Clone, diesel::Queryable)]
pub struct Challenge {
    pub id: Uuid,
    /// The user who passed the password check.
    pub user_id: Uuid,
    /// Tries so far.
    pub attempts: i32,
    pub expires_at: DateTime<Utc>,
    /// Used at, once used.
    pub used_at: Option<DateTime<Utc>>,
}

/// A user's TOTP state.
pub async fn state(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<TotpState> {
    users::table
        .find(user_id)
        .select((users::email, users::totp_secret, users::totp_pending_secret))
        .first(conn)
        .await
}

/// Stores a secret awaiting confirmation.
pub async fn set_pending(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    secret: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::totp_pending_secret.eq(secret))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Turns 2FA on with the pending secret, remembering the step just used.
pub async fn enable(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    secret: &str,
    step: i64,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(secret),
            users::totp_pending_secret.eq(None::<String>),
            users::totp_enabled_at.eq(diesel::dsl::now),
            users::totp_last_step.eq(step),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Turns 2FA off and deletes the backup codes.
pub async fn disable(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_pending_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<DateTime<Utc>>),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)
        .await?;
    diesel::delete(backup_codes::table.filter(backup_codes::user_id.eq(user_id)))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Accepts a TOTP step if it is later than the last accepted one; the
/// check and the write are one statement, so a code works exactly once
/// even under concurrent attempts.
pub async fn claim_step(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    step: i64,
) -> QueryResult<bool> {
    diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)
    .await
    .map(|n| n == 1)
}

/// Replaces a user's backup codes.
pub async fn replace_backup_codes(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    hashes: &[Vec<u8>],
) -> QueryResult<()> {
    diesel::delete(backup_codes::table.filter(backup_codes::user_id.eq(user_id)))
        .execute(conn)
        .await?;
    let rows: Vec<_> = hashes
        .iter()
        .map(|h| {
            (
                backup_codes::user_id.eq(user_id),
                backup_codes::code_hash.eq(h),
            )
        })
        .collect();
    diesel::insert_into(backup_codes::table)
        .values(rows)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Spends an unused backup code; true if there was one.
pub async fn spend_backup_code(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    hash: &[u8],
) -> QueryResult<bool> {
    diesel::update(
        backup_codes::table
            .filter(backup_codes::user_id.eq(user_id))
            .filter(backup_codes::code_hash.eq(hash))
            .filter(backup_codes::used_at.is_null()),
    )
    .set(backup_codes::used_at.eq(diesel::dsl::now))
    .execute(conn)
    .await
    .map(|n| n == 1)
}

/// Stores a challenge.
pub async fn insert_challenge(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(two_factor_challenges::table)
        .values((
            two_factor_challenges::user_id.eq(user_id),
            two_factor_challenges::token_hash.eq(token_hash),
            two_factor_challenges::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}

/// The challenge with this hash, locked for the transaction.
pub async fn lock_challenge(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<Challenge>> {
    two_factor_challenges::table
        .filter(two_factor_challenges::token_hash.eq(token_hash))
        .select((
            two_factor_challenges::id,
            two_factor_challenges::user_id,
            two_factor_challenges::attempts,
            two_factor_challenges::expires_at,
            two_factor_challenges::used_at,
        ))
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Counts one try; marks the challenge used when `used`.
pub async fn record_attempt(conn: &mut AsyncPgConnection, id: Uuid, used: bool) -> QueryResult<()> {
    let used_at = used.then(Utc::now);
    diesel::update(two_factor_challenges::table.find(id))
        .set((
            two_factor_challenges::attempts.eq(two_factor_challenges::attempts + 1),
            two_factor_challenges::used_at.eq(used_at),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}
