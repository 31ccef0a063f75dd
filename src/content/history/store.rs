//! All SQL of versions.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::content::history::model::{ContentVersion, NewContentVersion};
use crate::db::schema::content_versions;
use crate::pagination::{Direction, Page};

// ---------------------------------------------------------------- versions

/// Appends a version.
pub async fn insert_version(
    conn: &mut AsyncPgConnection,
    new: &NewContentVersion<'_>,
) -> QueryResult<ContentVersion> {
    diesel::insert_into(content_versions::table)
        .values(new)
        .returning(ContentVersion::as_returning())
        .get_result(conn)
        .await
}

/// One version of an item.
pub async fn version(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    number: i32,
) -> QueryResult<Option<ContentVersion>> {
    content_versions::table
        .find((content_id, number))
        .select(ContentVersion::as_select())
        .first(conn)
        .await
        .optional()
}

/// A page of an item's versions, newest first; the cursor is a version
/// number. `up_to` hides versions newer than it (the public sees history
/// only up to the live version).
pub async fn versions_page(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    up_to: i32,
    page: &Page<i32>,
) -> QueryResult<(Vec<ContentVersion>, bool)> {
    let mut query = content_versions::table
        .filter(content_versions::content_id.eq(content_id))
        .filter(content_versions::version.le(up_to))
        .select(ContentVersion::as_select())
        .limit(page.fetch_limit())
        .into_boxed();
    query = match (page.direction, page.cursor) {
        (Direction::Forward, Some(n)) => query.filter(content_versions::version.lt(n)),
        (Direction::Backward, Some(n)) => query.filter(content_versions::version.gt(n)),
        _ => query,
    };
    query = match page.direction {
        Direction::Forward => query.order(content_versions::version.desc()),
        Direction::Backward => query.order(content_versions::version.asc()),
    };
    Ok(page.finish(query.load(conn).await?))
}

/// Appends many versions in one statement (bulk writers such as the demo
/// seeder; keep a statement under PostgreSQL's 65,535 bind parameters).
pub async fn insert_versions(
    conn: &mut AsyncPgConnection,
    new: &[NewContentVersion<'_>],
) -> QueryResult<usize> {
    diesel::insert_into(content_versions::table)
        .values(new)
        .execute(conn)
        .await
}
