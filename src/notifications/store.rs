//! SQL of the notification tables.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Jsonb, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{NewNotification, Notification, Preferences, PreferencesChange};
use crate::db::schema::{notification_preferences, notifications};
use crate::pagination::Page;

/// Writes a notification unless its recipient already has one for the same
/// event; returns it when written.
pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewNotification,
) -> QueryResult<Option<Notification>> {
    diesel::insert_into(notifications::table)
        .values(new)
        .on_conflict((notifications::user_id, notifications::event_id))
        .do_nothing()
        .returning(Notification::as_returning())
        .get_result(conn)
        .await
        .optional()
}

/// One of `user`'s notifications.
pub async fn get(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    id: Uuid,
) -> QueryResult<Option<Notification>> {
    notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::user_id.eq(user))
        .select(Notification::as_select())
        .first(conn)
        .await
        .optional()
}

/// One page of `user`'s notifications, newest first, and whether more follow.
pub async fn page(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    unread_only: bool,
    page: &Page,
) -> QueryResult<(Vec<Notification>, bool)> {
    let mut query = notifications::table
        .filter(notifications::user_id.eq(user))
        .select(Notification::as_select())
        .into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    // Only forward pages: the list reads back in time from the newest.
    if let Some(cursor) = page.cursor {
        query = query.filter(
            notifications::created_at
                .lt(cursor.at)
                .or(notifications::created_at
                    .eq(cursor.at)
                    .and(notifications::id.lt(cursor.id))),
        );
    }
    let rows = query
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(page.fetch_limit())
        .load(conn)
        .await?;
    Ok(page.finish(rows))
}

/// How many of `user`'s notifications are unread.
pub async fn unread_count(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
        .await
}

/// Marks one of `user`'s notifications read (keeping the first read time).
pub async fn mark_read(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    id: Uuid,
) -> QueryResult<Option<Notification>> {
    diesel::update(
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::user_id.eq(user)),
    )
    .set(notifications::read_at.eq(diesel::dsl::sql::<
        diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>,
    >("coalesce(notifications.read_at, now())")))
    .returning(Notification::as_returning())
    .get_result(conn)
    .await
    .optional()
}

/// Marks every unread notification of `user` read; returns how many.
pub async fn mark_all_read(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(diesel::dsl::now))
    .execute(conn)
    .await
}

/// The stored preferences of these users (users without a row are missing).
pub async fn preferences_of(
    conn: &mut AsyncPgConnection,
    users: &[Uuid],
) -> QueryResult<Vec<Preferences>> {
    notification_preferences::table
        .filter(notification_preferences::user_id.eq_any(users))
        .select(Preferences::as_select())
        .load(conn)
        .await
}

/// Merges `change` into `user`'s preferences in one statement, so two
/// concurrent changes to different switches both stick.
pub async fn update_preferences(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    change: &PreferencesChange,
) -> QueryResult<Preferences> {
    let in_app = serde_json::Value::Object(change.in_app.clone());
    let email = serde_json::Value::Object(change.email.clone());
    let digest = change.digest.unwrap_or_default().as_str();
    diesel::insert_into(notification_preferences::table)
        .values((
            notification_preferences::user_id.eq(user),
            notification_preferences::in_app.eq(&in_app),
            notification_preferences::email.eq(&email),
            notification_preferences::digest.eq(digest),
        ))
        .on_conflict(notification_preferences::user_id)
        .do_update()
        .set((
            notification_preferences::in_app.eq(diesel::dsl::sql::<Jsonb>(
                "notification_preferences.in_app || excluded.in_app",
            )),
            notification_preferences::email.eq(diesel::dsl::sql::<Jsonb>(
                "notification_preferences.email || excluded.email",
            )),
            notification_preferences::digest.eq(diesel::dsl::sql::<Text>("CASE WHEN ")
                .bind::<Bool, _>(change.digest.is_some())
                .sql(" THEN excluded.digest ELSE notification_preferences.digest END")),
            notification_preferences::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Preferences::as_returning())
        .get_result(conn)
        .await
}

/// A user whose digest may be due, with when the last one went out.
#[derive(Debug, diesel::QueryableByName)]
pub struct DueDigest {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub user_id: Uuid,
    /// The last digest (`None`: never).
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    pub last_sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Gives every user with a daily or weekly digest a digest row, so it can
/// be claimed.
pub async fn ensure_digest_rows(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO notification_digests (user_id) \
         SELECT user_id FROM notification_preferences WHERE digest IN ('daily', 'weekly') \
         ON CONFLICT DO NOTHING",
    )
    .execute(conn)
    .await
}

/// Claims up to `limit` users whose digest is due at `now`, skipping rows
/// another process holds.
pub async fn claim_due_digests(
    conn: &mut AsyncPgConnection,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> QueryResult<Vec<DueDigest>> {
    use diesel::sql_types::{BigInt, Timestamptz};
    diesel::sql_query(
        "SELECT d.user_id, d.last_sent_at \
         FROM notification_digests d \
         JOIN notification_preferences p ON p.user_id = d.user_id \
         WHERE d.last_sent_at IS NULL \
            OR (p.digest = 'daily' AND d.last_sent_at <= $1 - interval '1 day') \
            OR (p.digest = 'weekly' AND d.last_sent_at <= $1 - interval '7 days') \
         ORDER BY d.user_id LIMIT $2 \
         FOR UPDATE OF d SKIP LOCKED",
    )
    .bind::<Timestamptz, _>(now)
    .bind::<BigInt, _>(limit)
    .load(conn)
    .await
}

/// Records that `user`'s digest went out at `at`.
pub async fn mark_digest_sent(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> QueryResult<()> {
    use diesel::sql_types::{Timestamptz, Uuid as SqlUuid};
    diesel::sql_query("UPDATE notification_digests SET last_sent_at = $2 WHERE user_id = $1")
        .bind::<SqlUuid, _>(user)
        .bind::<Timestamptz, _>(at)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A user's unread notifications created after `since` (all when `None`)
/// and up to `until`, oldest first.
pub async fn unread_between(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    since: Option<chrono::DateTime<chrono::Utc>>,
    until: chrono::DateTime<chrono::Utc>,
) -> QueryResult<Vec<Notification>> {
    let mut query = notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .filter(notifications::created_at.le(until))
        .select(Notification::as_select())
        .into_boxed();
    if let Some(since) = since {
        query = query.filter(notifications::created_at.gt(since));
    }
    query
        .order((notifications::created_at.asc(), notifications::id.asc()))
        .load(conn)
        .await
}
