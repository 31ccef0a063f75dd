//! The one commit path of every content change: append a version, move the
//! item's pointers and slug, write the audit entry and the event, all in the
//! caller's transaction.

use std::sync::Arc;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::store;
use crate::audit::model::NewAuditEntry;
use crate::content::history::model::{ContentVersion, NewContentVersion};
use crate::content::items::model::{ContentEntry, ContentItem, ItemChangeset, NewContentItem};
use crate::content::service::is_public;
use crate::content::shape::Snapshot;
use crate::content::slug;
use crate::content::types::model::ContentType;
use crate::context::RequestMeta;
use crate::error::{AppError, is_violation_of};
use crate::events::NewEvent;
use crate::events::model::kind;
use crate::events::payload::{ContentChange, Payload};
use crate::rbac::perm;
use crate::rbac::principal::{Credential, Principal, UserPrincipal};

/// The user who may edit `item`: holders of `content.update_any`, or its
/// author with `content.update_own` while it is not under review.
pub(crate) fn editor_of<'p>(
    principal: &'p Principal,
    item: &ContentItem,
) -> Result<&'p UserPrincipal, AppError> {
    if let Ok(user) = principal.require(perm::CONTENT_UPDATE_ANY) {
        return Ok(user);
    }
    let user = principal.require(perm::CONTENT_UPDATE_OWN)?;
    if item.author_id != user.user_id {
        return Err(AppError::Forbidden(
            "you may edit only your own items".into(),
        ));
    }
    if matches!(item.status.as_str(), "IN_REVIEW" | "APPROVED") {
        return Err(AppError::Forbidden(format!(
            "the item is {}; an editor must request changes before you can edit it",
            item.status
        )));
    }
    Ok(user)
}

/// The state an item is in after a content edit: edits start a new draft,
/// except an editor's touch-up of an item under review.
pub(crate) fn status_after_edit(item: &ContentItem, principal: &Principal) -> String {
    if item.status == "IN_REVIEW" && principal.require(perm::CONTENT_UPDATE_ANY).is_ok() {
        item.status.clone()
    } else {
        "DRAFT".to_string()
    }
}

pub(crate) fn audit_entry(
    action: &str,
    meta: &RequestMeta,
    actor: Option<Uuid>,
    item: Uuid,
) -> NewAuditEntry {
    let entry = NewAuditEntry::new(action, meta).target("content", item);
    match actor {
        Some(user) => entry.by_user(user),
        None => entry,
    }
}

/// How one version is appended.
pub(crate) struct Append<'a> {
    pub(crate) event: &'a str,
    pub(crate) status: &'a str,
    pub(crate) note: Option<&'a str>,
    pub(crate) actor: Option<Uuid>,
}

/// Appends a version holding `snapshot` and moves the item's working
/// pointer (and whatever `changes` adds) to it. A live pointer in
/// `changes` only ever moves to the new version or off (nothing live), and
/// the live slug moves with it.
pub(crate) async fn append_version(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
    snapshot: &Snapshot,
    append: Append<'_>,
    mut changes: ItemChangeset,
) -> Result<(ContentItem, ContentVersion), AppError> {
    let number = item.working_version + 1;
    let version = insert_version(conn, item.id, number, snapshot, &append).await?;
    if snapshot.slug != item.slug {
        move_slug(conn, item, &snapshot.slug).await?;
        changes.slug = Some(snapshot.slug.clone());
    }
    if let Some(live) = changes.live_version {
        let live_slug = live.map(|_| snapshot.slug.clone());
        move_live_slug(conn, item, live_slug.as_deref()).await?;
        changes.live_slug = Some(live_slug);
    }
    changes.working_version = Some(number);
    changes.status = Some(append.status.to_string());
    // A slug lost to a racing writer is a CONFLICT (error::constraints).
    let item = store::update_item(conn, item.id, &changes).await?;
    Ok((item, version))
}

pub(crate) async fn insert_version(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    number: i32,
    snapshot: &Snapshot,
    append: &Append<'_>,
) -> Result<ContentVersion, AppError> {
    Ok(crate::content::history::store::insert_version(
        conn,
        &NewContentVersion {
            content_id,
            version: number,
            event: append.event,
            status: append.status,
            content: snapshot.clone(),
            note: append.note,
            actor_id: append.actor,
            created_at: None,
        },
    )
    .await?)
}

/// Writes the event of a change to `item` (now in its new state) into the
/// change's transaction and returns its id. `was_public` is whether the
/// public could see it before, so subscribers learn when something left
/// their view.
pub(crate) async fn emit(
    conn: &mut AsyncPgConnection,
    kind: &'static str,
    item: &ContentItem,
    actor: Option<Uuid>,
    was_public: bool,
    action: Option<&str>,
) -> Result<i64, AppError> {
    Ok(crate::events::store::append(
        conn,
        &NewEvent {
            kind,
            content_id: Some(item.id),
            user_id: Some(item.author_id),
            actor_id: actor,
            data: ContentChange {
                type_id: Some(item.type_id),
                author_id: Some(item.author_id),
                status: item.status.clone(),
                version: item.working_version,
                live_version: item.live_version,
                public: is_public(item),
                was_public,
                action: action.map(str::to_string),
            }
            .to_data(),
        },
    )
    .await?)
}

/// A content edit (an update or a restore) to commit.
pub(crate) struct Edit<'a> {
    /// Version event.
    pub(crate) event: &'a str,
    /// Audit action.
    pub(crate) action: &'a str,
    /// Version note.
    pub(crate) note: Option<&'a str>,
    /// Who edits.
    pub(crate) actor: Uuid,
    /// Extra audit details (the new version number is added).
    pub(crate) details: serde_json::Value,
}

/// Appends an edited snapshot as the new working version and records it
/// in the audit log.
pub(crate) async fn commit_edit(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    meta: &RequestMeta,
    item: &ContentItem,
    snapshot: &Snapshot,
    edit: Edit<'_>,
) -> Result<ContentEntry, AppError> {
    let status = status_after_edit(item, principal);
    let was_public = is_public(item);
    let (item, version) = append_version(
        conn,
        item,
        snapshot,
        Append {
            event: edit.event,
            status: &status,
            note: edit.note,
            actor: Some(edit.actor),
        },
        ItemChangeset::default(),
    )
    .await?;
    let mut details = edit.details;
    details["version"] = serde_json::json!(version.version);
    crate::audit::store::record(
        conn,
        &audit_entry(edit.action, meta, Some(edit.actor), item.id).details(details),
    )
    .await?;
    let event = if edit.event == "restored" {
        kind::CONTENT_VERSION_RESTORED
    } else {
        kind::CONTENT_UPDATED
    };
    emit(
        conn,
        event,
        &item,
        Some(edit.actor),
        was_public,
        Some(edit.event),
    )
    .await?;
    Ok(ContentEntry::full(item, version))
}

/// Checks that `item` may take `new` as its working slug: no other item of
/// its type has it as a working or live slug. Redirects do not move: the
/// working slug is not public, so an old public address keeps pointing
/// where it did until the new slug goes live.
pub(crate) async fn move_slug(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
    new: &str,
) -> Result<(), AppError> {
    if store::slug_holder(conn, item.type_id, new, Some(item.id))
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "another item of this type already uses the slug {new}"
        )));
    }
    Ok(())
}

/// Moves the public address of `item` to `new` (`None`: nothing is live):
/// the old live slug becomes a redirect to the item, so links to it keep
/// resolving, and a redirect of the new one is dropped, as it is the
/// item's own address now.
async fn move_live_slug(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
    new: Option<&str>,
) -> Result<(), AppError> {
    if item.live_slug.as_deref() == new {
        return Ok(());
    }
    if let Some(old) = &item.live_slug {
        store::add_redirect(conn, item.type_id, old, item.id).await?;
    }
    if let Some(new) = new {
        store::remove_redirect(conn, item.type_id, new).await?;
    }
    Ok(())
}

/// The unique constraint on an item's slug within its type.
const SLUG_CONSTRAINT: &str = "content_items_type_slug_key";

/// How many slugs one create tries. Each retry follows a writer that
/// committed the slug first, so this bounds a burst of same-titled creates.
const SLUG_TRIES: usize = 64;

/// Inserts `new` under the first free slug of `base` (its own `slug` is
/// ignored). Two writers can both see a slug free; the loser's insert
/// breaks the unique constraint inside a savepoint and it takes the next
/// free slug, so both succeed.
pub(crate) async fn insert_with_free_slug(
    conn: &mut AsyncPgConnection,
    new: NewContentItem<'_>,
    base: &str,
) -> Result<ContentItem, AppError> {
    let mut lost = None;
    for _ in 0..SLUG_TRIES {
        let candidate = free_slug(conn, new.type_id, base).await?;
        let attempt = conn
            .transaction::<_, diesel::result::Error, _>(async |conn| {
                store::insert_item(
                    conn,
                    &NewContentItem {
                        slug: &candidate,
                        ..new
                    },
                )
                .await
            })
            .await;
        match attempt {
            Ok(item) => return Ok(item),
            Err(err) if is_violation_of(&err, SLUG_CONSTRAINT) => lost = Some(err),
            Err(err) => return Err(err.into()),
        }
    }
    // Out of tries: the constraint table makes it a CONFLICT.
    Err(lost.map_or_else(
        || AppError::Internal(anyhow::anyhow!("no slug tried")),
        AppError::from,
    ))
}

/// The first free slug of `base`, `base-2`, `base-3`, ... in a type.
pub(crate) async fn free_slug(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    base: &str,
) -> Result<String, AppError> {
    let taken: std::collections::HashSet<String> = store::slugs_with_prefix(conn, type_id, base)
        .await?
        .into_iter()
        .collect();
    if !taken.contains(base) {
        return Ok(base.to_string());
    }
    let mut n = 2u32;
    loop {
        let suffix = format!("-{n}");
        let mut stem = base.to_string();
        stem.truncate(slug::MAX_SLUG - suffix.len());
        let candidate = format!("{}{suffix}", stem.trim_end_matches('-'));
        if !taken.contains(&candidate) {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// Appends a version of `item` holding `snapshot` after a field rename or
/// drop. The live version moves along when it was the working one: the
/// content is unchanged, only where a value is kept.
pub(crate) async fn append_field_migration(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
    snapshot: &Snapshot,
    actor: Uuid,
) -> Result<(), AppError> {
    let mut changes = ItemChangeset::default();
    if item.live_version == Some(item.working_version) {
        changes.live_version = Some(Some(item.working_version + 1));
    }
    let (updated, _) = append_version(
        conn,
        item,
        snapshot,
        Append {
            event: "fields_migrated",
            status: &item.status,
            note: Some("content type fields changed"),
            actor: Some(actor),
        },
        changes,
    )
    .await?;
    emit(
        conn,
        kind::CONTENT_UPDATED,
        &updated,
        Some(actor),
        is_public(item),
        Some("fields_migrated"),
    )
    .await?;
    Ok(())
}

pub(crate) async fn type_of(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
) -> Result<ContentType, AppError> {
    crate::content::types::store::types_by_ids(conn, &[item.type_id])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("item {} has no type", item.id)))
}

pub(crate) async fn working(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
) -> Result<ContentVersion, AppError> {
    crate::content::history::store::version(conn, item.id, item.working_version)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("item {} lost its working version", item.id))
        })
}

/// A principal for `user` with their role as it is now, for work Vellum
/// does on their behalf. Read from the database, not the caches: another
/// process may have changed the role since.
pub(crate) async fn acting_as(
    conn: &mut AsyncPgConnection,
    user: Uuid,
) -> Result<Principal, AppError> {
    let Some(access) = crate::auth::store::user_access(conn, user).await? else {
        return Ok(Principal::Anonymous);
    };
    if !access.active {
        return Ok(Principal::Anonymous);
    }
    let role = crate::auth::store::role_grant(conn, access.role_id).await?;
    Ok(Principal::User(Arc::new(UserPrincipal {
        user_id: user,
        credential: Credential::System,
        role: Arc::new(role),
        restriction: None,
    })))
}
