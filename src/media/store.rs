//! SQL of the media library.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{MediaChangeset, MediaItem, NewMedia};
use crate::db::schema::media;
use crate::pagination::{Direction, Page};

/// Records an uploaded file.
pub(crate) async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewMedia<'_>,
) -> QueryResult<MediaItem> {
    diesel::insert_into(media::table)
        .values(new)
        .returning(MediaItem::as_returning())
        .get_result(conn)
        .await
}

/// A file by id, in the trash or not.
pub(crate) async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<MediaItem>> {
    media::table
        .find(id)
        .select(MediaItem::as_select())
        .first(conn)
        .await
        .optional()
}

/// A file by id, locked until the transaction ends.
pub(crate) async fn lock(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<MediaItem>> {
    media::table
        .find(id)
        .select(MediaItem::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Applies a change and returns the row as it is now.
pub(crate) async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &MediaChangeset,
) -> QueryResult<MediaItem> {
    diesel::update(media::table.find(id))
        .set(changes)
        .returning(MediaItem::as_returning())
        .get_result(conn)
        .await
}

/// The files among `ids` that are in the library (not in the trash).
pub(crate) async fn in_library(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<MediaItem>> {
    media::table
        .filter(media::id.eq_any(ids))
        .filter(media::deleted_at.is_null())
        .select(MediaItem::as_select())
        .load(conn)
        .await
}

/// The types of the files among `ids` that are in the library (not in
/// the trash).
pub(crate) async fn types_in_library(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, String)>> {
    media::table
        .filter(media::id.eq_any(ids))
        .filter(media::deleted_at.is_null())
        .select((media::id, media::mime_type))
        .load(conn)
        .await
}

/// Sets the placeholder of every file with these bytes that has none.
pub(crate) async fn set_placeholder(
    conn: &mut AsyncPgConnection,
    checksum: &str,
    placeholder: &str,
) -> QueryResult<usize> {
    diesel::update(
        media::table
            .filter(media::checksum.eq(checksum))
            .filter(media::placeholder.is_null()),
    )
    .set(media::placeholder.eq(placeholder))
    .execute(conn)
    .await
}

/// The placeholder already made for these bytes, if any.
pub(crate) async fn known_placeholder(
    conn: &mut AsyncPgConnection,
    checksum: &str,
) -> QueryResult<Option<String>> {
    media::table
        .filter(media::checksum.eq(checksum))
        .filter(media::placeholder.is_not_null())
        .select(media::placeholder.assume_not_null())
        .first(conn)
        .await
        .optional()
}

/// Which files a listing shows.
#[derive(Debug, Default)]
pub(crate) struct MediaFilter {
    /// Only these types; `image/*` matches a whole family.
    pub(crate) mime_types: Vec<String>,
    /// In the file name, title or alt text (case-insensitive).
    pub(crate) text: Option<String>,
    /// Only this user's uploads.
    pub(crate) uploader: Option<Uuid>,
    /// The trash instead of the library.
    pub(crate) trashed: bool,
    /// Only files this item uses (its working or live version).
    pub(crate) used_by: Option<Uuid>,
    /// Only files no item uses (`Some(true)`), or only used ones.
    pub(crate) unused: Option<bool>,
    /// Only files in this folder (`Some(None)`: the top level).
    pub(crate) folder: Option<Option<Uuid>>,
    /// Only files with any of these tags.
    pub(crate) tags: Vec<Uuid>,
    /// Oldest first instead of newest first.
    pub(crate) oldest_first: bool,
}

/// The start of "an item uses this file": the versions that count are each
/// item's working and live one, of items not deleted. Left open, so a
/// condition on the item can follow before the closing parenthesis.
const USES_THE_FILE: &str = "EXISTS (SELECT 1 FROM content_items i \
    JOIN content_versions v ON v.content_id = i.id \
    AND v.version IN (i.working_version, i.live_version) \
    WHERE i.deleted_at IS NULL AND v.media_ids @> ARRAY[media.id]";

/// One item using a file.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub(crate) struct Usage {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub(crate) content_id: Uuid,
    /// Its live (published) version uses the file.
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub(crate) live: bool,
    /// Its working version uses the file.
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub(crate) working: bool,
}

/// The items whose working or live version uses file `id`, at most
/// `limit`, by title.
pub(crate) async fn usage(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    limit: i64,
) -> QueryResult<Vec<Usage>> {
    diesel::sql_query(
        "SELECT i.id AS content_id, \
                coalesce(bool_or(v.version = i.live_version), false) AS live, \
                bool_or(v.version = i.working_version) AS working \
         FROM content_items i \
         JOIN content_versions v ON v.content_id = i.id \
              AND v.version IN (i.working_version, i.live_version) \
         JOIN content_versions w ON w.content_id = i.id AND w.version = i.working_version \
         WHERE i.deleted_at IS NULL AND v.media_ids @> ARRAY[$1]::uuid[] \
         GROUP BY i.id, w.title ORDER BY w.title, i.id LIMIT $2",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::BigInt, _>(limit)
    .load(conn)
    .await
}

/// Whether file `id` is public: the live version of an item the public
/// sees uses it.
pub(crate) async fn is_public(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(
        diesel::dsl::sql::<diesel::sql_types::Bool>(
            "EXISTS (SELECT 1 FROM content_items i \
         JOIN content_versions v ON v.content_id = i.id AND v.version = i.live_version \
         WHERE i.deleted_at IS NULL AND v.media_ids @> ARRAY[",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .sql("]::uuid[])"),
    )
    .get_result(conn)
    .await
}

/// One page of files, newest first ("forward" reads back in time).
/// Returns whether more follow.
pub(crate) async fn page(
    conn: &mut AsyncPgConnection,
    filter: &MediaFilter,
    page: &Page,
) -> QueryResult<(Vec<MediaItem>, bool)> {
    let mut query = media::table.select(MediaItem::as_select()).into_boxed();
    query = if filter.trashed {
        query.filter(media::deleted_at.is_not_null())
    } else {
        query.filter(media::deleted_at.is_null())
    };
    if let Some(user) = filter.uploader {
        query = query.filter(media::uploader_id.eq(user));
    }
    if !filter.mime_types.is_empty() {
        let (families, exact): (Vec<&String>, Vec<&String>) =
            filter.mime_types.iter().partition(|t| t.ends_with("/*"));
        let mut any: Box<
            dyn BoxableExpression<media::table, diesel::pg::Pg, SqlType = diesel::sql_types::Bool>,
        > = Box::new(media::mime_type.eq_any(exact.into_iter().cloned().collect::<Vec<_>>()));
        for family in families {
            let prefix = format!("{}%", crate::db::escape_like(family.trim_end_matches('*')));
            any = Box::new(any.or(media::mime_type.like(prefix)));
        }
        query = query.filter(any);
    }
    match filter.folder {
        Some(Some(folder)) => query = query.filter(media::folder_id.eq(folder)),
        Some(None) => query = query.filter(media::folder_id.is_null()),
        None => {}
    }
    if !filter.tags.is_empty() {
        query = query.filter(
            media::tag_ids.overlaps_with(crate::content::shape::TagIds(filter.tags.clone())),
        );
    }
    if let Some(item) = filter.used_by {
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(USES_THE_FILE)
                .sql(" AND i.id = ")
                .bind::<diesel::sql_types::Uuid, _>(item)
                .sql(")"),
        );
    }
    if let Some(unused) = filter.unused {
        let not = if unused { "NOT " } else { "" };
        query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "{not}{USES_THE_FILE})"
        )));
    }
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", crate::db::escape_like(text));
        query = query.filter(
            media::filename
                .ilike(pattern.clone())
                .or(media::title.ilike(pattern.clone()))
                .or(media::alt.ilike(pattern)),
        );
    }
    // Oldest first reads the same keyset the other way round; the page
    // still comes out in the order asked (`Page::finish`).
    let direction = match (page.direction, filter.oldest_first) {
        (d, false) => d,
        (Direction::Forward, true) => Direction::Backward,
        (Direction::Backward, true) => Direction::Forward,
    };
    if let Some(cursor) = page.cursor {
        query = match direction {
            Direction::Forward => query.filter(
                media::created_at
                    .lt(cursor.at)
                    .or(media::created_at.eq(cursor.at).and(media::id.lt(cursor.id))),
            ),
            Direction::Backward => query.filter(
                media::created_at
                    .gt(cursor.at)
                    .or(media::created_at.eq(cursor.at).and(media::id.gt(cursor.id))),
            ),
        };
    }
    query = match direction {
        Direction::Forward => query.order((media::created_at.desc(), media::id.desc())),
        Direction::Backward => query.order((media::created_at.asc(), media::id.asc())),
    };
    let rows = query.limit(page.fetch_limit()).load(conn).await?;
    Ok(page.finish(rows))
}
