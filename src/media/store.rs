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

/// One page of files not in the trash, newest first ("forward" reads back
/// in time); `uploader` keeps only that user's. Returns whether more follow.
pub(crate) async fn page(
    conn: &mut AsyncPgConnection,
    uploader: Option<Uuid>,
    page: &Page,
) -> QueryResult<(Vec<MediaItem>, bool)> {
    let mut query = media::table
        .filter(media::deleted_at.is_null())
        .select(MediaItem::as_select())
        .into_boxed();
    if let Some(user) = uploader {
        query = query.filter(media::uploader_id.eq(user));
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
