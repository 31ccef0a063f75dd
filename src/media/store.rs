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
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", crate::db::escape_like(text));
        query = query.filter(
            media::filename
                .ilike(pattern.clone())
                .or(media::title.ilike(pattern.clone()))
                .or(media::alt.ilike(pattern)),
        );
    }
    if let Some(cursor) = page.cursor {
        query = match page.direction {
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
    query = match page.direction {
        Direction::Forward => query.order((media::created_at.desc(), media::id.desc())),
        Direction::Backward => query.order((media::created_at.asc(), media::id.asc())),
    };
    let rows = query.limit(page.fetch_limit()).load(conn).await?;
    Ok(page.finish(rows))
}
