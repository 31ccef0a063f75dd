//! SQL for API keys.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{ApiKey, NewApiKey};
use crate::db::schema::{api_keys, permissions};

/// Inserts a key.
pub async fn insert(conn: &mut AsyncPgConnection, key: &NewApiKey<'_>) -> QueryResult<ApiKey> {
    diesel::insert_into(api_keys::table)
        .values(key)
        .returning(ApiKey::as_returning())
        .get_result(conn)
        .await
}

/// The key with this secret hash.
pub async fn by_hash(conn: &mut AsyncPgConnection, hash: &[u8]) -> QueryResult<Option<ApiKey>> {
    api_keys::table
        .filter(api_keys::secret_hash.eq(hash))
        .select(ApiKey::as_select())
        .first(conn)
        .await
        .optional()
}

/// Every key, newest first.
pub async fn all(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ApiKey>> {
    api_keys::table
        .order((api_keys::created_at.desc(), api_keys::id.desc()))
        .select(ApiKey::as_select())
        .load(conn)
        .await
}

/// Revokes a key; returns it if it was live.
pub async fn revoke(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<ApiKey>> {
    diesel::update(
        api_keys::table
            .find(id)
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(diesel::dsl::now))
    .returning(ApiKey::as_returning())
    .get_result(conn)
    .await
    .optional()
}

/// Notes a use, at most once a minute per key (a write per request would
/// turn every read into a write).
pub async fn touch(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE api_keys SET last_used_at = now() \
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Which of these permission names exist.
pub async fn known_permissions(
    conn: &mut AsyncPgConnection,
    names: &[String],
) -> QueryResult<Vec<String>> {
    permissions::table
        .filter(permissions::name.eq_any(names))
        .select(permissions::name)
        .load(conn)
        .await
}
