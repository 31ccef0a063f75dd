//! SQL for sessions, refresh tokens and credentials.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{Credentials, NewSession, RefreshToken, Session, UserAccess};
use crate::db::schema::{permissions, refresh_tokens, role_permissions, roles, sessions, users};
use crate::rbac::principal::RoleGrant;

/// Credentials of the user with this (lower-cased) email.
pub async fn credentials_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> QueryResult<Option<Credentials>> {
    users::table
        .filter(users::email.eq(email))
        .select((
            users::id,
            users::password_hash,
            users::active,
            users::totp_enabled_at.is_not_null(),
        ))
        .first(conn)
        .await
        .optional()
}

/// Credentials of a user by id.
pub async fn credentials_by_id(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Credentials> {
    users::table
        .find(id)
        .select((
            users::id,
            users::password_hash,
            users::active,
            users::totp_enabled_at.is_not_null(),
        ))
        .first(conn)
        .await
}

/// Replaces a password hash.
pub async fn set_password_hash(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    hash: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Records a successful sign-in.
pub async fn touch_sign_in(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::last_sign_in_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Inserts a session.
pub async fn insert_session(
    conn: &mut AsyncPgConnection,
    session: &NewSession<'_>,
) -> QueryResult<Session> {
    diesel::insert_into(sessions::table)
        .values(session)
        .returning(Session::as_returning())
        .get_result(conn)
        .await
}

/// Stores a refresh token hash for a session.
pub async fn insert_refresh_token(
    conn: &mut AsyncPgConnection,
    session_id: Uuid,
    token_hash: &[u8],
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::token_hash.eq(token_hash),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}

/// The refresh token with this hash and its session, both locked until the
/// transaction ends so two refreshes with one token cannot both win.
pub async fn lock_refresh_token(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> QueryResult<Option<(RefreshToken, Session)>> {
    refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((RefreshToken::as_select(), Session::as_select()))
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Marks a refresh token rotated.
pub async fn mark_refresh_token_used(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(id))
        .set(refresh_tokens::used_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Notes a session's use.
pub async fn touch_session(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(|_| ())
}

/// A session by id.
pub async fn session(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Session>> {
    sessions::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
        .await
        .optional()
}

/// A user's live sessions, newest first.
pub async fn live_sessions(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .order((sessions::created_at.desc(), sessions::id.desc()))
        .select(Session::as_select())
        .load(conn)
        .await
}

/// Revokes one session; returns whether it was live.
pub async fn revoke_session(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(diesel::dsl::now),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)
    .await
    .map(|n| n > 0)
}

/// Revokes every live session of a user except `keep`; returns their ids.
pub async fn revoke_user_sessions(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    keep: Option<Uuid>,
    reason: &str,
) -> QueryResult<Vec<Uuid>> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::id.ne(keep.unwrap_or(Uuid::nil()))),
    )
    .set((
        sessions::revoked_at.eq(diesel::dsl::now),
        sessions::revoked_reason.eq(reason),
    ))
    .returning(sessions::id)
    .get_results(conn)
    .await
}

/// A user's active flag and role id.
pub async fn user_access(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<UserAccess>> {
    users::table
        .find(id)
        .select((
            users::active,
            users::role_id,
            users::totp_enabled_at.is_not_null(),
        ))
        .first(conn)
        .await
        .optional()
}

/// A role and its granted permissions.
pub async fn role_grant(conn: &mut AsyncPgConnection, role_id: Uuid) -> QueryResult<RoleGrant> {
    let (id, name, level, description) = roles::table
        .find(role_id)
        .select((roles::id, roles::name, roles::level, roles::description))
        .first::<(Uuid, String, i32, String)>(conn)
        .await?;
    let permissions = role_permissions::table
        .inner_join(permissions::table)
        .filter(role_permissions::role_id.eq(role_id))
        .select(permissions::name)
        .load::<String>(conn)
        .await?
        .into_iter()
        .collect();
    Ok(RoleGrant {
        id,
        name,
        level,
        description,
        permissions,
    })
}

/// Whether the user has any session at all, and any with this user agent
/// (revoked and expired ones count: the device was seen).
pub async fn known_device(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    user_agent: Option<&str>,
) -> QueryResult<(bool, bool)> {
    let any = diesel::select(diesel::dsl::exists(
        sessions::table.filter(sessions::user_id.eq(user_id)),
    ))
    .get_result(conn)
    .await?;
    let same = diesel::select(diesel::dsl::exists(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::user_agent.is_not_distinct_from(user_agent)),
    ))
    .get_result(conn)
    .await?;
    Ok((any, same))
}
