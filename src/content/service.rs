//! Rules for content items: who sees which version, edits with optimistic
//! concurrency, the workflow engine, scheduling, restore and trash.
//!
//! Every content change appends an immutable version and an audit entry
//! in the same transaction as the change; the item's version pointers are
//! checked by deferred foreign keys at commit, so a failure anywhere
//! leaves nothing half-written.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::cache::ContentCache;
use super::cursor::{ContentCursor, SortKey};
use super::diff::{self, Change};
use super::model::{
    ContentEntry, ContentFilter, ContentItem, ContentOrder, ContentOrderField, ContentType,
    ContentVersion, ItemChangeset, NewContentItem, NewContentVersion, Snapshot, Transition,
    Visibility,
};
use super::render;
use super::store;
use super::validate::{self, Draft};
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::NewEvent;
use crate::events::model::kind;
use crate::graphql::relay::{Direction, Page};
use crate::rbac::perm;
use crate::rbac::principal::{Credential, Principal, UserPrincipal};

/// A new item.
#[derive(Debug, Clone)]
pub struct NewContent {
    /// API id of its type.
    pub type_api_id: String,
    /// Its fields.
    pub draft: Draft,
    /// A note for the first version.
    pub note: Option<String>,
}

/// An edit of an item's working version.
#[derive(Debug, Clone)]
pub struct ContentEdit {
    /// The item.
    pub id: Uuid,
    /// The working version the client edited; anything else is a conflict.
    pub expected_version: i32,
    /// The changed fields.
    pub draft: Draft,
    /// A note for the version.
    pub note: Option<String>,
}

/// Dashboard figures and the cache generation they were computed in.
type DashboardMemo = (u64, Arc<store::Dashboard>);

/// Content items: reading with visibility rules, and every change.
#[derive(Clone)]
pub struct ContentService {
    db: Db,
    cache: ContentCache,
    /// The last dashboard figures and the cache generation they were
    /// computed in: every dashboard subscriber shares one computation per
    /// change.
    dashboard: Arc<tokio::sync::Mutex<Option<DashboardMemo>>>,
    /// Queues notification email (none: notifications stay in the app).
    mail: Option<crate::notifications::email::NotificationMail>,
}

/// The version of items a caller sees.
pub fn visibility(principal: &Principal) -> Visibility {
    match principal {
        Principal::User(user) if user.restriction.is_none() => {
            let perms = &user.role.permissions;
            if perms.contains(perm::CONTENT_READ_DRAFT) {
                Visibility::All
            } else if perms.contains(perm::CONTENT_UPDATE_OWN)
                || perms.contains(perm::CONTENT_CREATE)
            {
                Visibility::Own(user.user_id)
            } else {
                Visibility::Public
            }
        }
        _ => Visibility::Public,
    }
}

/// Whether `visibility` may see `item` at all (trash included).
fn may_see(visibility: Visibility, item: &ContentItem) -> bool {
    match visibility {
        Visibility::All => true,
        Visibility::Own(user) if item.author_id == user => true,
        _ => is_public(item),
    }
}

/// Whether `visibility` sees the working version (drafts) of `item`.
fn sees_drafts(visibility: Visibility, item: &ContentItem) -> bool {
    match visibility {
        Visibility::All => true,
        Visibility::Own(user) => item.author_id == user,
        Visibility::Public => false,
    }
}

/// The user who may edit `item`: holders of `content.update_any`, or its
/// author with `content.update_own` while it is not under review.
fn editor_of<'p>(
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
fn status_after_edit(item: &ContentItem, principal: &Principal) -> String {
    if item.status == "IN_REVIEW" && principal.require(perm::CONTENT_UPDATE_ANY).is_ok() {
        item.status.clone()
    } else {
        "DRAFT".to_string()
    }
}

fn audit_entry(action: &str, meta: &RequestMeta, actor: Option<Uuid>, item: Uuid) -> NewAuditEntry {
    let entry = NewAuditEntry::new(action, meta).target("content", item);
    match actor {
        Some(user) => entry.by_user(user),
        None => entry,
    }
}

/// How one version is appended.
struct Append<'a> {
    event: &'a str,
    status: &'a str,
    note: Option<&'a str>,
    actor: Option<Uuid>,
}

/// Appends a version holding `snapshot` and moves the item's working
/// pointer (and whatever `changes` adds) to it.
async fn append_version(
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
    changes.working_version = Some(number);
    changes.status = Some(append.status.to_string());
    // A slug lost to a racing writer is a CONFLICT (error::constraints).
    let item = store::update_item(conn, item.id, &changes).await?;
    Ok((item, version))
}

async fn insert_version(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    number: i32,
    snapshot: &Snapshot,
    append: &Append<'_>,
) -> Result<ContentVersion, AppError> {
    let (_, body_html) = render::render_body(snapshot.body_format, &snapshot.body);
    let reading_time = render::reading_time_minutes(&body_html);
    Ok(store::insert_version(
        conn,
        &NewContentVersion {
            content_id,
            version: number,
            event: append.event,
            status: append.status,
            title: &snapshot.title,
            slug: &snapshot.slug,
            excerpt: &snapshot.excerpt,
            body: &snapshot.body,
            body_format: snapshot.body_format.as_str(),
            body_html: &body_html,
            fields: serde_json::Value::Object(snapshot.fields.clone()),
            category_id: snapshot.category_id,
            tag_ids: snapshot.tag_ids.iter().copied().map(Some).collect(),
            locale: &snapshot.locale,
            reading_time,
            note: append.note,
            actor_id: append.actor,
        },
    )
    .await?)
}

/// Whether the public can see `item`.
fn is_public(item: &ContentItem) -> bool {
    item.live_version.is_some() && item.deleted_at.is_none()
}

/// Writes the event of a change to `item` (now in its new state) into the
/// change's transaction. `was_public` is whether the public could see it
/// before, so subscribers learn when something left their view.
async fn emit(
    conn: &mut AsyncPgConnection,
    kind: &'static str,
    item: &ContentItem,
    actor: Option<Uuid>,
    was_public: bool,
    action: Option<&str>,
) -> Result<(), AppError> {
    crate::events::store::append(
        conn,
        &NewEvent {
            kind,
            content_id: Some(item.id),
            user_id: Some(item.author_id),
            actor_id: actor,
            data: serde_json::json!({
                "typeId": item.type_id,
                "authorId": item.author_id,
                "status": item.status,
                "version": item.working_version,
                "liveVersion": item.live_version,
                "public": is_public(item),
                "wasPublic": was_public,
                "action": action,
            }),
        },
    )
    .await?;
    Ok(())
}

/// A content edit (an update or a restore) to commit.
struct Edit<'a> {
    /// Version event.
    event: &'a str,
    /// Audit action.
    action: &'a str,
    /// Version note.
    note: Option<&'a str>,
    /// Who edits.
    actor: Uuid,
    /// Extra audit details (the new version number is added).
    details: serde_json::Value,
}

/// Appends an edited snapshot as the new working version and records it
/// in the audit log.
async fn commit_edit(
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
    Ok(ContentEntry { item, version })
}

/// Gives `item` the slug `new`, keeping its old slug as a redirect.
async fn move_slug(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
    new: &str,
) -> Result<(), AppError> {
    if let Some(holder) = store::item_id_by_slug(conn, item.type_id, new).await?
        && holder != item.id
    {
        return Err(AppError::Conflict(format!(
            "another item of this type already uses the slug {new}"
        )));
    }
    store::remove_redirect(conn, item.type_id, new).await?;
    store::add_redirect(conn, item.type_id, &item.slug, item.id).await?;
    Ok(())
}

/// The first free slug of `base`, `base-2`, `base-3`, ... in a type.
async fn free_slug(
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
        stem.truncate(validate::MAX_SLUG - suffix.len());
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
pub(super) async fn append_field_migration(
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

async fn type_of(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
) -> Result<ContentType, AppError> {
    store::types_by_ids(conn, &[item.type_id])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("item {} has no type", item.id)))
}

async fn working(
    conn: &mut AsyncPgConnection,
    item: &ContentItem,
) -> Result<ContentVersion, AppError> {
    store::version(conn, item.id, item.working_version)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("item {} lost its working version", item.id))
        })
}

impl ContentService {
    /// A service over `db` with its published-read cache.
    pub fn new(db: Db, cache: ContentCache) -> Self {
        Self {
            db,
            cache,
            dashboard: Arc::default(),
            mail: None,
        }
    }

    /// Also emails the notifications workflow moves cause.
    pub fn with_notification_mail(
        mut self,
        mail: crate::notifications::email::NotificationMail,
    ) -> Self {
        self.mail = Some(mail);
        self
    }

    /// Wakes the mail worker after a transaction that may have queued mail.
    fn wake_mail(&self) {
        if let Some(mail) = &self.mail {
            mail.outbox().wake();
        }
    }

    /// The editorial dashboard figures (needs `content.read_draft`),
    /// computed at most once per content change however many watch them.
    pub async fn dashboard(
        &self,
        principal: &Principal,
    ) -> Result<Arc<store::Dashboard>, AppError> {
        principal.require(perm::CONTENT_READ_DRAFT)?;
        let mut memo = self.dashboard.lock().await;
        let generation = self.cache.generation();
        if let Some((at, figures)) = memo.as_ref()
            && *at == generation
        {
            return Ok(figures.clone());
        }
        let mut conn = self.db.conn().await?;
        let figures = Arc::new(store::dashboard(&mut conn, Utc::now()).await?);
        *memo = Some((generation, figures.clone()));
        Ok(figures)
    }

    /// The published-read cache.
    pub fn cache(&self) -> &ContentCache {
        &self.cache
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    // ------------------------------------------------------------ reading

    /// One item as the caller may see it; `None` when it does not exist or
    /// the caller may not know it does.
    pub async fn get(
        &self,
        principal: &Principal,
        id: Uuid,
    ) -> Result<Option<ContentEntry>, AppError> {
        let visibility = visibility(principal);
        if visibility == Visibility::Public
            && let Some(hit) = self.cache.get_by_id(id).await
        {
            return Ok(hit);
        }
        let generation = self.cache.generation();
        let mut conn = self.db.conn().await?;
        let entry = store::entry(&mut conn, id, visibility)
            .await?
            .filter(|entry| may_see(visibility, &entry.item));
        if visibility == Visibility::Public {
            self.cache.put_by_id(generation, id, entry.clone()).await;
        }
        Ok(entry)
    }

    /// An item by type and slug, following old slugs to the item's
    /// current one. Returns the item and whether a redirect was followed.
    pub async fn by_slug(
        &self,
        principal: &Principal,
        type_api_id: &str,
        slug: &str,
    ) -> Result<Option<(ContentEntry, bool)>, AppError> {
        let visibility = visibility(principal);
        if visibility == Visibility::Public
            && let Some(hit) = self.cache.get_by_slug(type_api_id, slug).await
        {
            return Ok(hit);
        }
        let generation = self.cache.generation();
        let mut conn = self.db.conn().await?;
        let found = self
            .find_by_slug(&mut conn, visibility, type_api_id, slug)
            .await?;
        if visibility == Visibility::Public {
            self.cache
                .put_by_slug(generation, type_api_id, slug, found.clone())
                .await;
        }
        Ok(found)
    }

    async fn find_by_slug(
        &self,
        conn: &mut AsyncPgConnection,
        visibility: Visibility,
        type_api_id: &str,
        slug: &str,
    ) -> Result<Option<(ContentEntry, bool)>, AppError> {
        let Some(ty) = store::type_by_api_id(conn, type_api_id).await? else {
            return Ok(None);
        };
        let (id, redirected) = match store::item_id_by_slug(conn, ty.id, slug).await? {
            Some(id) => (id, false),
            None => match store::redirect(conn, ty.id, slug).await? {
                Some(id) => (id, true),
                None => return Ok(None),
            },
        };
        Ok(store::entry(conn, id, visibility)
            .await?
            .filter(|entry| may_see(visibility, &entry.item))
            .map(|entry| (entry, redirected)))
    }

    /// A page of items the caller may see.
    pub async fn page(
        &self,
        principal: &Principal,
        filter: &ContentFilter,
        order: ContentOrder,
        page: &Page<ContentCursor>,
    ) -> Result<(Vec<ContentEntry>, bool), AppError> {
        let visibility = visibility(principal);
        self.check_filter(principal, visibility, filter)?;
        if let Some(cursor) = &page.cursor
            && matches!(cursor.key, SortKey::Text(_)) != (order.field == ContentOrderField::Title)
        {
            let field = match page.direction {
                Direction::Forward => "after",
                Direction::Backward => "before",
            };
            return Err(AppError::bad_input(
                field,
                "this cursor is from a list in another order",
            ));
        }
        if visibility == Visibility::Public {
            let key = ContentCache::list_key(filter, order, page);
            if let Some(hit) = self.cache.get_list(&key).await {
                return Ok(hit);
            }
            let generation = self.cache.generation();
            let mut conn = self.db.conn().await?;
            let rows = store::entries_page(&mut conn, filter, order, visibility, page).await?;
            self.cache.put_list(generation, key, rows.clone()).await;
            return Ok(rows);
        }
        let mut conn = self.db.conn().await?;
        Ok(store::entries_page(&mut conn, filter, order, visibility, page).await?)
    }

    /// How many items the caller may see match `filter`.
    pub async fn count(
        &self,
        principal: &Principal,
        filter: &ContentFilter,
    ) -> Result<i64, AppError> {
        let visibility = visibility(principal);
        self.check_filter(principal, visibility, filter)?;
        let mut conn = self.db.conn().await?;
        Ok(store::count(&mut conn, filter, visibility).await?)
    }

    fn check_filter(
        &self,
        principal: &Principal,
        visibility: Visibility,
        filter: &ContentFilter,
    ) -> Result<(), AppError> {
        if filter.trashed && visibility == Visibility::Public {
            principal.require(perm::CONTENT_READ_DRAFT)?;
        }
        Ok(())
    }

    /// Resolves a filter's category to it and its descendants.
    pub async fn category_tree(&self, id: Uuid) -> Result<Vec<Uuid>, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::category_with_descendants(&mut conn, id).await?)
    }

    /// Content types by API id (for filters), in the order asked; an
    /// unknown API id is bad input at `field`.
    pub async fn type_ids(&self, field: &str, api_ids: &[String]) -> Result<Vec<Uuid>, AppError> {
        let mut conn = self.db.conn().await?;
        let types = store::types(&mut conn).await?;
        api_ids
            .iter()
            .map(|api_id| {
                types
                    .iter()
                    .find(|t| &t.api_id == api_id)
                    .map(|t| t.id)
                    .ok_or_else(|| AppError::bad_input(field, format!("no content type {api_id}")))
            })
            .collect()
    }

    /// The item for version history: only those who see its drafts.
    async fn history_item(
        &self,
        conn: &mut AsyncPgConnection,
        principal: &Principal,
        id: Uuid,
    ) -> Result<ContentItem, AppError> {
        let visibility = visibility(principal);
        let item = store::item(conn, id)
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
            &before.snapshot().to_json(),
            &after.snapshot().to_json(),
        ))
    }

    // ------------------------------------------------------------ changes

    /// Creates an item with its first version.
    pub async fn create(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        new: NewContent,
    ) -> Result<ContentEntry, AppError> {
        let user = principal.require(perm::CONTENT_CREATE)?;
        let actor = user.user_id;
        let mut conn = self.db.conn().await?;
        let entry = conn
            .transaction::<_, AppError, _>(async |conn| {
                let ty = store::type_by_api_id(conn, &new.type_api_id)
                    .await?
                    .ok_or_else(|| {
                        AppError::bad_input(
                            "input.type",
                            format!("no content type {}", new.type_api_id),
                        )
                    })?;
                let mut snapshot = validate::snapshot(conn, &ty, None, new.draft, None).await?;
                if snapshot.slug.is_empty() {
                    let base = validate::slugify(&snapshot.title, &ty.api_id);
                    snapshot.slug = free_slug(conn, ty.id, &base).await?;
                } else if store::item_id_by_slug(conn, ty.id, &snapshot.slug)
                    .await?
                    .is_some()
                {
                    return Err(AppError::Conflict(format!(
                        "another {} already uses the slug {}",
                        ty.api_id, snapshot.slug
                    )));
                }
                let id = Uuid::new_v4();
                let item = store::insert_item(
                    conn,
                    &NewContentItem {
                        id,
                        type_id: ty.id,
                        author_id: actor,
                        slug: &snapshot.slug,
                        status: "DRAFT",
                        working_version: 1,
                    },
                )
                .await?;
                store::remove_redirect(conn, ty.id, &snapshot.slug).await?;
                let append = Append {
                    event: "created",
                    status: "DRAFT",
                    note: new.note.as_deref(),
                    actor: Some(actor),
                };
                let version = insert_version(conn, id, 1, &snapshot, &append).await?;
                emit(
                    conn,
                    kind::CONTENT_CREATED,
                    &item,
                    Some(actor),
                    false,
                    Some("created"),
                )
                .await?;
                crate::audit::store::record(
                    conn,
                    &audit_entry("content.created", meta, Some(actor), id)
                        .details(serde_json::json!({ "type": ty.api_id, "version": 1 })),
                )
                .await?;
                Ok(ContentEntry { item, version })
            })
            .await?;
        self.cache.changed().await;
        Ok(entry)
    }

    /// Edits an item's working version: a new version on top of
    /// `expected_version`, or `CONFLICT` with the current version.
    pub async fn update(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        edit: ContentEdit,
    ) -> Result<ContentEntry, AppError> {
        let mut conn = self.db.conn().await?;
        let entry = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, edit.id).await?;
                let user = editor_of(principal, &item)?;
                if item.working_version != edit.expected_version {
                    return Err(AppError::Stale {
                        message: format!(
                            "the item changed since version {}; it is at version {} now",
                            edit.expected_version, item.working_version
                        ),
                        current_version: item.working_version,
                    });
                }
                self.check_editable(&item)?;
                let ty = type_of(conn, &item).await?;
                let current = working(conn, &item).await?.snapshot();
                let snapshot =
                    validate::snapshot(conn, &ty, Some(&current), edit.draft, Some(item.id))
                        .await?;
                let edit = Edit {
                    event: "updated",
                    action: "content.updated",
                    note: edit.note.as_deref(),
                    actor: user.user_id,
                    details: serde_json::json!({}),
                };
                commit_edit(conn, principal, meta, &item, &snapshot, edit).await
            })
            .await?;
        self.cache.changed().await;
        Ok(entry)
    }

    fn check_editable(&self, item: &ContentItem) -> Result<(), AppError> {
        if item.deleted_at.is_some() {
            return Err(AppError::Conflict(
                "the item is in the trash; restore it first".into(),
            ));
        }
        if item.status == "ARCHIVED" {
            return Err(AppError::Conflict(
                "the item is archived; unarchive it first".into(),
            ));
        }
        Ok(())
    }

    /// Locks an item the caller may see, or `NOT_FOUND`.
    async fn lock_visible(
        &self,
        conn: &mut AsyncPgConnection,
        principal: &Principal,
        id: Uuid,
    ) -> Result<ContentItem, AppError> {
        let visibility = visibility(principal);
        store::lock_item(conn, id)
            .await?
            .filter(|item| may_see(visibility, item))
            .ok_or_else(|| AppError::NotFound("no such content".into()))
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
                let old = source.snapshot();
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

    /// Runs a workflow action (`submit`, `approve`, `publish`, ...) as
    /// defined by the item's workflow rows.
    pub async fn transition(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        action: &str,
        comment: Option<String>,
    ) -> Result<ContentEntry, AppError> {
        let mut conn = self.db.conn().await?;
        let entry = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                self.apply_transition(
                    conn,
                    principal,
                    meta,
                    item,
                    action,
                    comment.as_deref(),
                    Utc::now(),
                )
                .await
            })
            .await?;
        self.cache.changed().await;
        self.wake_mail();
        Ok(entry)
    }

    /// The transition engine, inside the caller's transaction with the
    /// item locked.
    #[allow(clippy::too_many_arguments)]
    async fn apply_transition(
        &self,
        conn: &mut AsyncPgConnection,
        principal: &Principal,
        meta: &RequestMeta,
        item: ContentItem,
        action: &str,
        comment: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<ContentEntry, AppError> {
        let ty = type_of(conn, &item).await?;
        let rows = store::transitions_for(conn, &ty.workflow, action).await?;
        if rows.is_empty() {
            return Err(AppError::bad_input(
                "input.action",
                format!("the {} workflow has no action {action}", ty.workflow),
            ));
        }
        let user = principal.user()?;
        let allowed = |t: &Transition| {
            principal.require(&t.permission).is_ok()
                || t.own_permission.as_deref().is_some_and(|own| {
                    principal.require(own).is_ok() && item.author_id == user.user_id
                })
        };
        if !rows.iter().any(allowed) {
            let needed = rows
                .first()
                .map(|t| t.permission.as_str())
                .unwrap_or_default();
            return Err(AppError::Forbidden(format!(
                "{action} needs the {needed} permission"
            )));
        }
        if item.deleted_at.is_some() {
            return Err(AppError::Conflict(
                "the item is in the trash; restore it first".into(),
            ));
        }
        let Some(transition) = rows.iter().find(|t| t.from_status == item.status) else {
            return Err(AppError::Conflict(format!(
                "cannot {action} an item that is {}",
                item.status
            )));
        };
        if !allowed(transition) {
            return Err(AppError::Forbidden(format!(
                "{action} from {} needs the {} permission",
                item.status, transition.permission
            )));
        }
        if transition.requires_live && item.live_version.is_none() {
            return Err(AppError::Conflict("nothing of this item is live".into()));
        }
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        if transition.comment_required && comment.is_none() {
            return Err(AppError::bad_input(
                "input.comment",
                format!("{action} needs a comment"),
            ));
        }
        if comment.is_some_and(|c| c.chars().count() > 5_000) {
            return Err(AppError::bad_input(
                "input.comment",
                "must be at most 5000 characters",
            ));
        }
        let snapshot = working(conn, &item).await?.snapshot();
        let mut changes = ItemChangeset::default();
        match transition.effect.as_str() {
            "go_live" => {
                changes.live_version = Some(Some(item.working_version + 1));
                changes.published_at = Some(Some(now));
                changes.first_published_at = Some(Some(item.first_published_at.unwrap_or(now)));
                changes.publish_at = Some(None);
            }
            "take_down" => {
                changes.live_version = Some(None);
                changes.unpublish_at = Some(None);
            }
            _ => {}
        }
        if changes.publish_at.is_some() && item.unpublish_at.is_none() {
            changes.scheduled_by = Some(None);
        }
        let was_public = is_public(&item);
        let (item, version) = append_version(
            conn,
            &item,
            &snapshot,
            Append {
                event: action,
                status: &transition.to_status,
                note: comment,
                actor: Some(user.user_id),
            },
            changes,
        )
        .await?;
        let mut audit = audit_entry(
            &format!("content.{action}"),
            meta,
            Some(user.user_id),
            item.id,
        )
        .details(serde_json::json!({
            "from": transition.from_status,
            "to": transition.to_status,
            "version": version.version,
            "comment": comment,
        }));
        if user.credential == Credential::System {
            audit.actor_kind = crate::audit::model::ActorKind::System.as_str();
        }
        crate::audit::store::record(conn, &audit).await?;
        let event = match transition.effect.as_str() {
            "go_live" => kind::CONTENT_PUBLISHED,
            "take_down" => kind::CONTENT_UNPUBLISHED,
            _ => kind::CONTENT_STATUS_CHANGED,
        };
        emit(
            conn,
            event,
            &item,
            Some(user.user_id),
            was_public,
            Some(action),
        )
        .await?;
        crate::notifications::rules::on_content_event(
            conn,
            self.mail.as_ref(),
            &crate::notifications::rules::ContentFacts {
                content_id: item.id,
                author_id: item.author_id,
                title: &version.title,
                action,
                actor_id: user.user_id,
                comment,
                scheduled: user.credential == Credential::System,
            },
        )
        .await?;
        Ok(ContentEntry { item, version })
    }

    /// Sets or clears an item's scheduled publication and take-down.
    pub async fn schedule(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        publish_at: Option<DateTime<Utc>>,
        unpublish_at: Option<DateTime<Utc>>,
    ) -> Result<ContentItem, AppError> {
        let user = principal.require(perm::CONTENT_PUBLISH)?;
        if let (Some(publish), Some(unpublish)) = (publish_at, unpublish_at)
            && unpublish <= publish
        {
            return Err(AppError::bad_input(
                "input.unpublishAt",
                "must be after publishAt",
            ));
        }
        let mut conn = self.db.conn().await?;
        let item = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                self.check_editable(&item)?;
                let changes = ItemChangeset {
                    publish_at: Some(publish_at),
                    unpublish_at: Some(unpublish_at),
                    scheduled_by: Some(
                        (publish_at.is_some() || unpublish_at.is_some()).then_some(user.user_id),
                    ),
                    ..ItemChangeset::default()
                };
                let was_public = is_public(&item);
                let item = store::update_item(conn, item.id, &changes).await?;
                emit(
                    conn,
                    kind::CONTENT_SCHEDULED,
                    &item,
                    Some(user.user_id),
                    was_public,
                    None,
                )
                .await?;
                crate::audit::store::record(
                    conn,
                    &audit_entry("content.scheduled", meta, Some(user.user_id), item.id).details(
                        serde_json::json!({ "publishAt": publish_at, "unpublishAt": unpublish_at }),
                    ),
                )
                .await?;
                Ok(item)
            })
            .await?;
        self.cache.changed().await;
        Ok(item)
    }

    /// Moves an item to the trash (it stops being visible, live or not).
    pub async fn trash(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        restore: bool,
    ) -> Result<ContentItem, AppError> {
        let mut conn = self.db.conn().await?;
        let item = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                let user = match principal.require(perm::CONTENT_DELETE_ANY) {
                    Ok(user) => user,
                    Err(_) => {
                        let user = principal.require(perm::CONTENT_DELETE_OWN)?;
                        if item.author_id != user.user_id {
                            return Err(AppError::Forbidden(
                                "you may delete only your own items".into(),
                            ));
                        }
                        user
                    }
                };
                if item.deleted_at.is_some() != restore {
                    return Err(AppError::Conflict(if restore {
                        "the item is not in the trash".into()
                    } else {
                        "the item is already in the trash".into()
                    }));
                }
                if restore {
                    // Another item may have taken a unique value while this
                    // one was in the trash.
                    let ty = type_of(conn, &item).await?;
                    let defs = ty.field_defs()?;
                    let current = working(conn, &item).await?.snapshot();
                    for (key, value) in super::fields::unique_values(&defs, &current.fields) {
                        if store::field_value_taken(conn, ty.id, Some(item.id), key, value).await? {
                            return Err(AppError::Conflict(format!(
                                "another item now holds this {key}; change it before restoring this one"
                            )));
                        }
                    }
                }
                let changes = ItemChangeset {
                    deleted_at: Some((!restore).then(Utc::now)),
                    ..ItemChangeset::default()
                };
                let was_public = is_public(&item);
                let item = store::update_item(conn, item.id, &changes).await?;
                let (action, event) = if restore {
                    ("content.restored", kind::CONTENT_RESTORED)
                } else {
                    ("content.deleted", kind::CONTENT_DELETED)
                };
                emit(conn, event, &item, Some(user.user_id), was_public, None).await?;
                crate::audit::store::record(
                    conn,
                    &audit_entry(action, meta, Some(user.user_id), item.id),
                )
                .await?;
                Ok(item)
            })
            .await?;
        self.cache.changed().await;
        Ok(item)
    }

    // ------------------------------------------------------------ scheduler

    /// Publishes and takes down what is due at `now`, acting as the user
    /// who scheduled each item. Returns how many items were handled.
    /// Safe to run in several processes at once: rows are claimed with
    /// `FOR UPDATE SKIP LOCKED`.
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<usize, AppError> {
        let mut handled = 0;
        loop {
            let mut conn = self.db.conn().await?;
            let batch = conn
                .transaction::<_, AppError, _>(async |conn| {
                    let due = store::claim_due(conn, now, 20).await?;
                    for item in &due {
                        self.run_one(conn, item.clone(), now).await?;
                    }
                    Ok(due.len())
                })
                .await?;
            handled += batch;
            if batch > 0 {
                self.cache.changed().await;
            }
            if batch < 20 {
                return Ok(handled);
            }
        }
    }

    async fn run_one(
        &self,
        conn: &mut AsyncPgConnection,
        item: ContentItem,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let meta = RequestMeta::default();
        let publish = item.publish_at.is_some_and(|at| at <= now);
        let action = if publish { "publish" } else { "unpublish" };
        let principal = match item.scheduled_by {
            Some(user) => acting_as(conn, user).await?,
            None => Principal::Anonymous,
        };
        // Each item runs in a savepoint, so one refused item does not undo
        // the others in the batch.
        let outcome = conn
            .transaction::<_, AppError, _>(async |conn| {
                self.apply_transition(
                    conn,
                    &principal,
                    &meta,
                    item.clone(),
                    action,
                    Some("scheduled"),
                    now,
                )
                .await
            })
            .await;
        if let Err(err) = outcome {
            tracing::warn!(item = %item.id, action, error = %err, "scheduled change refused");
            let changes = if publish {
                ItemChangeset {
                    publish_at: Some(None),
                    ..ItemChangeset::default()
                }
            } else {
                ItemChangeset {
                    unpublish_at: Some(None),
                    ..ItemChangeset::default()
                }
            };
            store::update_item(conn, item.id, &changes).await?;
            let mut audit = audit_entry("content.schedule_failed", &meta, None, item.id)
                .details(serde_json::json!({ "action": action, "reason": err.to_string() }));
            audit.actor_id = item.scheduled_by;
            crate::audit::store::record(conn, &audit).await?;
        }
        Ok(())
    }
}

/// A principal for `user` with their role as it is now, for work Vellum
/// does on their behalf. Read from the database, not the caches: another
/// process may have changed the role since.
async fn acting_as(conn: &mut AsyncPgConnection, user: Uuid) -> Result<Principal, AppError> {
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
