//! All SQL of content types.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::content::types::model::{ContentType, ContentTypeChangeset, NewContentType};
use crate::db::schema::{content_items, content_types, content_versions};

// ---------------------------------------------------------------- types

/// Every content type, by API id.
pub async fn types(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ContentType>> {
    content_types::table
        .order(content_types::api_id)
        .select(ContentType::as_select())
        .load(conn)
        .await
}

/// A content type by API id.
pub async fn type_by_api_id(
    conn: &mut AsyncPgConnection,
    api_id: &str,
) -> QueryResult<Option<ContentType>> {
    content_types::table
        .filter(content_types::api_id.eq(api_id))
        .select(ContentType::as_select())
        .first(conn)
        .await
        .optional()
}

/// Content types by id.
pub async fn types_by_ids(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<ContentType>> {
    content_types::table
        .filter(content_types::id.eq_any(ids))
        .select(ContentType::as_select())
        .load(conn)
        .await
}

/// A content type by API id, locked for a change.
pub async fn lock_type(
    conn: &mut AsyncPgConnection,
    api_id: &str,
) -> QueryResult<Option<ContentType>> {
    content_types::table
        .filter(content_types::api_id.eq(api_id))
        .select(ContentType::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Inserts a content type.
pub async fn insert_type(
    conn: &mut AsyncPgConnection,
    new: &NewContentType<'_>,
) -> QueryResult<ContentType> {
    diesel::insert_into(content_types::table)
        .values(new)
        .returning(ContentType::as_returning())
        .get_result(conn)
        .await
}

/// Applies a changeset to a content type.
pub async fn update_type(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ContentTypeChangeset,
) -> QueryResult<ContentType> {
    diesel::update(content_types::table.find(id))
        .set(changes)
        .returning(ContentType::as_returning())
        .get_result(conn)
        .await
}

/// How many items of a type hold each field key in their working version:
/// what removing or renaming the field would rewrite (the rule
/// `items_with_field_data` applies; items in the trash count too).
pub async fn field_usage(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
) -> QueryResult<Vec<(String, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        key: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        items: i64,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT k.key, count(*) AS items \
         FROM content_items i \
         JOIN content_versions v ON v.content_id = i.id AND v.version = i.working_version \
         CROSS JOIN LATERAL jsonb_object_keys(v.fields) AS k(key) \
         WHERE i.type_id = $1 AND v.fields ->> k.key IS NOT NULL \
         GROUP BY k.key",
    )
    .bind::<diesel::sql_types::Uuid, _>(type_id)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.key, r.items)).collect())
}

/// Working versions of items of `type_id` that hold a value for any of
/// `keys` (to refuse dropping or renaming fields with data).
pub async fn items_with_field_data(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    keys: &[String],
) -> QueryResult<Vec<Uuid>> {
    content_items::table
        .inner_join(
            content_versions::table.on(content_versions::content_id
                .eq(content_items::id)
                .and(content_versions::version.eq(content_items::working_version))),
        )
        .filter(content_items::type_id.eq(type_id))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("content_versions.fields ?| ")
                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(keys),
        )
        .select(content_items::id)
        .order(content_items::id)
        .load(conn)
        .await
}
