//! Rules for history: versions, diffs and restore.

use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::store;
use crate::content::history::diff;
use crate::content::history::diff::Change;
use crate::content::history::model::ContentVersion;
use crate::content::items::commit::{Edit, commit_edit, editor_of, type_of};
use crate::content::items::model::{ContentEntry, ContentItem};
use crate::content::items::validate;
use crate::content::service::{ContentService, may_see, sees_drafts, visibility};
use crate::content::shape::Draft;
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::pagination::Page;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

impl ContentService {
    /// The item for version history: only those who see its drafts.
    pub(crate) async fn history_item(
        &self,
        conn: &mut AsyncPgConnection,
        principal: &Principal,
        id: Uuid,
    ) -> Result<ContentItem, AppError> {
        let visibility = visibility(principal);
        let item = crate::content::items::store::item(conn, id)
            .await?
            .filter(|item| may_see(visibility, item))
            .ok_or_else(|| AppError::NotFound("no such content".into()))?;
        if !sees_drafts(visibility, &item) {
            principal.require(perm::CONTENT_READ_DRAFT)?;
        }
        Ok(item)
    }

    /// A page of an item's versions, newest first.
    pub async fn versions(
        &self,
        principal: &Principal,
        id: Uuid,
        page: &Page<i32>,
    ) -> Result<(Vec<ContentVersion>, bool), AppError> {
        let mut conn = self.db.conn().await?;
        let item = self.history_item(&mut conn, principal, id).await?;
        Ok(store::versions_page(&mut conn, id, item.working_version, page).await?)
    }

    /// One version of an item.
    pub async fn version(
        &self,
        principal: &Principal,
        id: Uuid,
        number: i32,
    ) -> Result<Option<ContentVersion>, AppError> {
        let mut conn = self.db.conn().await?;
        self.history_item(&mut conn, principal, id).await?;
        Ok(store::version(&mut conn, id, number).await?)
    }

    /// What changed between two versions of an item.
    pub async fn diff(
        &self,
        principal: &Principal,
        id: Uuid,
        from: i32,
        to: i32,
    ) -> Result<Vec<Change>, AppError> {
        let mut conn = self.db.conn().await?;
        self.history_item(&mut conn, principal, id).await?;
        let load = async |conn: &mut AsyncPgConnection, n: i32, field: &str| {
            store::version(conn, id, n)
                .await?
                .ok_or_else(|| AppError::bad_input(field, format!("no version {n}")))
        };
        let before = load(&mut conn, from, "from").await?;
        let after = load(&mut conn, to, "to").await?;
        Ok(diff::diff(
            &before.content.clone().to_json(),
            &after.content.clone().to_json(),
        ))
    }

    /// Creates a new working version equal to version `number`. The live
    /// version is never touched: the restored content goes live only when
    /// it is published.
    pub async fn restore_version(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        number: i32,
    ) -> Result<ContentEntry, AppError> {
        let mut conn = self.db.conn().await?;
        let entry = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                let user = editor_of(principal, &item)?;
                self.check_editable(&item)?;
                let source = store::version(conn, id, number).await?.ok_or_else(|| {
                    AppError::bad_input("input.version", format!("no version {number}"))
                })?;
                let ty = type_of(conn, &item).await?;
                let old = source.content.clone();
                // The old content is the base and goes through today's
                // rules (fields may have become required since), so a
                // restore never writes what an edit could not; taxonomy
                // deleted since is dropped.
                let snapshot =
                    validate::snapshot(conn, &ty, Some(&old), Draft::default(), Some(item.id))
                        .await?;
                let note = format!("restored from version {number}");
                let edit = Edit {
                    event: "restored",
                    action: "content.version_restored",
                    note: Some(&note),
                    actor: user.user_id,
                    details: serde_json::json!({ "from": number }),
                };
                commit_edit(conn, principal, meta, &item, &snapshot, edit).await
            })
            .await?;
        self.cache.changed().await;
        Ok(entry)
    }
}
