//! Folders of the media library: a tree editors keep files in. Names are
//! unique among siblings (the table's constraint), a folder never moves
//! under itself, and only an empty folder is deleted.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::db::schema::{media, media_folders};
use crate::error::AppError;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

/// Longest folder name (characters), as the table checks.
const MAX_NAME: usize = 200;
/// Deepest a folder may sit (root folders are depth 1).
const MAX_DEPTH: usize = 20;
/// Key of the advisory lock that serialises moves in the folder tree
/// ("vel-fold"): two folders moved under each other at once would each
/// pass the cycle check alone.
const TREE_LOCK_KEY: i64 = 0x7665_6c2d_666f_6c64;
/// Most folders a library holds: `mediaFolders` lists them all.
const MAX_FOLDERS: i64 = 5_000;

/// One folder.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media_folders, check_for_backend(diesel::pg::Pg))]
pub struct MediaFolder {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Every folder, by name (a client builds the tree from `parent_id`).
pub(crate) async fn all(db: &Db, principal: &Principal) -> Result<Vec<MediaFolder>, AppError> {
    principal.require(perm::MEDIA_READ_ANY)?;
    let mut conn = db.conn().await?;
    Ok(media_folders::table
        .select(MediaFolder::as_select())
        .order((media_folders::name.asc(), media_folders::id.asc()))
        .limit(MAX_FOLDERS)
        .load(&mut conn)
        .await?)
}

/// A folder by id.
pub(crate) async fn find(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<MediaFolder>> {
    media_folders::table
        .find(id)
        .select(MediaFolder::as_select())
        .first(conn)
        .await
        .optional()
}

/// What a folder change asks for.
pub(crate) struct FolderChange {
    /// `None` creates a folder.
    pub(crate) id: Option<Uuid>,
    pub(crate) name: Option<String>,
    /// `Some(None)` moves to the top level.
    pub(crate) parent: Option<Option<Uuid>>,
}

/// Creates or changes (renames, moves) a folder.
pub(crate) async fn save(
    db: &Db,
    principal: &Principal,
    meta: &RequestMeta,
    change: FolderChange,
) -> Result<MediaFolder, AppError> {
    let user = principal.require(perm::MEDIA_UPDATE_ANY)?;
    let name = change.name.map(|n| check_name(&n)).transpose()?;
    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        if change.parent.is_some() {
            crate::db::xact_lock(conn, TREE_LOCK_KEY).await?;
        }
        let current = match change.id {
            Some(id) => Some(
                find(conn, id)
                    .await?
                    .ok_or_else(|| AppError::NotFound("no such folder".into()))?,
            ),
            None => None,
        };
        let parent = match (change.parent, &current) {
            (Some(parent), _) => parent,
            (None, Some(current)) => current.parent_id,
            (None, None) => None,
        };
        if let Some(parent) = parent {
            let chain = ancestors(conn, parent).await?;
            if chain.is_empty() {
                return Err(AppError::bad_input("input.parentId", "no such folder"));
            }
            if let Some(current) = &current
                && chain.contains(&current.id)
            {
                return Err(AppError::bad_input(
                    "input.parentId",
                    "a folder cannot move into itself or a folder inside it",
                ));
            }
            if chain.len() + 1 > MAX_DEPTH {
                return Err(AppError::bad_input(
                    "input.parentId",
                    format!("folders nest at most {MAX_DEPTH} deep"),
                ));
            }
        }
        let now = Utc::now();
        let (folder, action) = match current {
            None => {
                let name = name.ok_or_else(|| AppError::bad_input("input.name", "is required"))?;
                let folder = diesel::insert_into(media_folders::table)
                    .values((
                        media_folders::id.eq(Uuid::new_v4()),
                        media_folders::name.eq(name),
                        media_folders::parent_id.eq(parent),
                    ))
                    .returning(MediaFolder::as_returning())
                    .get_result(conn)
                    .await?;
                (folder, "media.folder_created")
            }
            Some(current) => {
                let folder = diesel::update(media_folders::table.find(current.id))
                    .set((
                        media_folders::name.eq(name.unwrap_or(current.name)),
                        media_folders::parent_id.eq(parent),
                        media_folders::updated_at.eq(now),
                    ))
                    .returning(MediaFolder::as_returning())
                    .get_result(conn)
                    .await?;
                (folder, "media.folder_updated")
            }
        };
        audit(conn, meta, user.user_id, &folder, action).await?;
        Ok(folder)
    })
    .await
}

/// Deletes an empty folder.
pub(crate) async fn delete(
    db: &Db,
    principal: &Principal,
    meta: &RequestMeta,
    id: Uuid,
) -> Result<MediaFolder, AppError> {
    let user = principal.require(perm::MEDIA_UPDATE_ANY)?;
    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        let folder = media_folders::table
            .find(id)
            .select(MediaFolder::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()?
            .ok_or_else(|| AppError::NotFound("no such folder".into()))?;
        // Files in the trash count: restoring one needs its folder.
        let files: i64 = media::table
            .filter(media::folder_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        let folders: i64 = media_folders::table
            .filter(media_folders::parent_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if files > 0 || folders > 0 {
            return Err(AppError::Conflict(format!(
                "the folder holds {files} file(s) and {folders} folder(s); empty it first"
            )));
        }
        diesel::delete(media_folders::table.find(id))
            .execute(conn)
            .await?;
        audit(conn, meta, user.user_id, &folder, "media.folder_deleted").await?;
        Ok(folder)
    })
    .await
}

/// `id` and the folders above it, nearest first; empty when `id` is no
/// folder. Bounded, so a cycle written by hand in the database cannot
/// loop.
async fn ancestors(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "WITH RECURSIVE up(id, parent_id, depth) AS ( \
             SELECT id, parent_id, 1 FROM media_folders WHERE id = $1 \
             UNION ALL \
             SELECT f.id, f.parent_id, up.depth + 1 FROM media_folders f \
             JOIN up ON f.id = up.parent_id WHERE up.depth <= $2 \
         ) SELECT id FROM up ORDER BY depth",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<diesel::sql_types::Integer, _>(i32::try_from(MAX_DEPTH).unwrap_or(i32::MAX))
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// A folder name: trimmed, 1 to [`MAX_NAME`] characters, no control
/// characters or slashes (names read as paths in the admin).
fn check_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(AppError::bad_input(
            "input.name",
            format!("must be 1 to {MAX_NAME} characters"),
        ));
    }
    if name
        .chars()
        .any(|c| c.is_control() || c == '/' || c == '\\')
    {
        return Err(AppError::bad_input(
            "input.name",
            "must not contain slashes or control characters",
        ));
    }
    Ok(name.to_string())
}

async fn audit(
    conn: &mut AsyncPgConnection,
    meta: &RequestMeta,
    actor: Uuid,
    folder: &MediaFolder,
    action: &str,
) -> Result<(), AppError> {
    crate::audit::store::record(
        conn,
        &NewAuditEntry::new(action, meta)
            .by_user(actor)
            .target("media_folder", folder.id)
            .details(serde_json::json!({ "name": folder.name, "parentId": folder.parent_id })),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_one_clean_line() {
        assert_eq!(check_name("  Photos ").ok().as_deref(), Some("Photos"));
        for bad in ["", "   ", "a/b", "a\\b", "a\u{7}b", &"x".repeat(201)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
