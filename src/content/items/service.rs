//! Rules for items: reading with visibility, creation, edits with optimistic
//! concurrency, trash.
//!
//! Every content change appends an immutable version and an audit entry in the
//! same transaction as the change; the item's version pointers are checked by
//! deferred foreign keys at commit, so a failure anywhere leaves nothing
//! half-written.

use std::sync::Arc;

use chrono::Utc;
use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::store;
use crate::content::items::cache::ContentCache;
use crate::content::items::commit::{
    Append, Edit, audit_entry, commit_edit, editor_of, emit, insert_version, insert_with_free_slug,
    type_of, working,
};
use crate::content::items::cursor::{ContentCursor, SortKey};
use crate::content::items::model::{
    Columns, ContentEntry, ContentFilter, ContentItem, ContentOrder, ContentOrderField,
    ItemChangeset, NewContentItem, Visibility,
};
use crate::content::items::validate;
use crate::content::service::{ContentService, is_public, may_see, sees_drafts, visibility};
use crate::content::shape::Draft;
use crate::content::shape::Snapshot;
use crate::content::slug;
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::events::model::kind;
use crate::pagination::{Direction, Page};
use crate::rbac::perm;
use crate::rbac::principal::Principal;

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
    pub id: Uuid,
    /// The working version the client edited; anything else is a conflict.
    pub expected_version: i32,
    /// The changed fields.
    pub draft: Draft,
    /// A note for the version.
    pub note: Option<String>,
}

/// Which of the items holding `slug` (as working or live slug) a caller
/// who sees `visibility` finds by it, and whether that is a redirect. Each
/// caller finds an item by the slug of the version they see; those who see
/// its drafts also by its live slug, as an old address of the working one.
/// The public never finds an item by a slug that is not live.
fn slug_match(visibility: Visibility, holders: &[ContentItem], slug: &str) -> Option<(Uuid, bool)> {
    let shown = |item: &ContentItem| {
        if sees_drafts(visibility, item) {
            item.slug == slug
        } else {
            item.live_slug.as_deref() == Some(slug)
        }
    };
    let old = |item: &ContentItem| {
        sees_drafts(visibility, item) && item.live_slug.as_deref() == Some(slug)
    };
    holders
        .iter()
        .find(|item| shown(item))
        .map(|item| (item.id, false))
        .or_else(|| {
            holders
                .iter()
                .find(|item| old(item))
                .map(|item| (item.id, true))
        })
}

impl ContentService {
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

    pub(crate) async fn find_by_slug(
        &self,
        conn: &mut AsyncPgConnection,
        visibility: Visibility,
        type_api_id: &str,
        slug: &str,
    ) -> Result<Option<(ContentEntry, bool)>, AppError> {
        let held = self.catalog().current().await?.and_then(|catalog| {
            catalog
                .types
                .values()
                .find(|ty| ty.api_id == type_api_id)
                .map(|ty| ty.id)
        });
        let type_id = match held {
            Some(id) => id,
            None => match crate::content::types::store::type_by_api_id(conn, type_api_id).await? {
                Some(ty) => ty.id,
                None => return Ok(None),
            },
        };
        // The public's common case in one statement: the item whose live
        // slug this is, with its live version and author.
        if visibility == Visibility::Public
            && let Some(entry) = store::live_entry_by_slug(conn, type_id, slug).await?
        {
            return Ok(Some((entry, false)));
        }
        let holders = store::items_by_slug(conn, type_id, slug).await?;
        let (id, redirected) = match slug_match(visibility, &holders, slug) {
            Some(found) => found,
            None => match store::redirect(conn, type_id, slug).await? {
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
        columns: Columns,
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
            let key = ContentCache::list_key(filter, order, page, columns);
            if let Some(hit) = self.cache.get_list(&key).await {
                return Ok(hit);
            }
            let generation = self.cache.generation();
            let mut conn = self.db.conn().await?;
            let rows =
                store::entries_page(&mut conn, filter, order, visibility, page, columns).await?;
            self.cache.put_list(generation, key, rows.clone()).await;
            return Ok(rows);
        }
        let mut conn = self.db.conn().await?;
        Ok(store::entries_page(&mut conn, filter, order, visibility, page, columns).await?)
    }

    /// The whole content of the version `entry` shows, for an entry read
    /// as a summary (the caller may already see it).
    pub(crate) async fn full_content(&self, entry: &ContentEntry) -> Result<Snapshot, AppError> {
        let mut conn = self.db.conn().await?;
        crate::content::history::store::version(&mut conn, entry.item.id, entry.version.version)
            .await?
            .map(|version| version.content)
            .ok_or_else(|| AppError::NotFound("this version no longer exists".into()))
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

    pub(crate) fn check_filter(
        &self,
        principal: &Principal,
        visibility: Visibility,
        filter: &ContentFilter,
    ) -> Result<(), AppError> {
        if filter.trashed && visibility == Visibility::Public {
            principal.require(perm::CONTENT_READ_DRAFT)?;
        }
        // Schedules are shown only to those who read every draft; a filter
        // by them would tell the others what `publishAt` hides.
        if filter.scheduled.is_some() && visibility != Visibility::All {
            return Err(AppError::Forbidden(format!(
                "the filter.scheduled filter needs the {} permission",
                perm::CONTENT_READ_DRAFT
            )));
        }
        Ok(())
    }

    /// Resolves a filter's category to it and its descendants.
    pub async fn category_tree(&self, id: Uuid) -> Result<Vec<Uuid>, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(crate::content::taxonomy::store::category_with_descendants(&mut conn, id).await?)
    }

    /// Content types by API id (for filters), in the order asked; an
    /// unknown API id is bad input at `field`.
    pub async fn type_ids(&self, field: &str, api_ids: &[String]) -> Result<Vec<Uuid>, AppError> {
        let mut conn = self.db.conn().await?;
        let types = crate::content::types::store::types(&mut conn).await?;
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
                let ty = crate::content::types::store::type_by_api_id(conn, &new.type_api_id)
                    .await?
                    .ok_or_else(|| {
                        AppError::bad_input(
                            "input.type",
                            format!("no content type {}", new.type_api_id),
                        )
                    })?;
                let mut snapshot = validate::snapshot(conn, &ty, None, new.draft, None).await?;
                let auto_slug = snapshot.slug.is_empty();
                if !auto_slug
                    && store::slug_holder(conn, ty.id, &snapshot.slug, None)
                        .await?
                        .is_some()
                {
                    return Err(AppError::Conflict(format!(
                        "another {} already uses the slug {}",
                        ty.api_id, snapshot.slug
                    )));
                }
                let id = Uuid::new_v4();
                let new_item = NewContentItem {
                    id,
                    type_id: ty.id,
                    author_id: actor,
                    slug: &snapshot.slug,
                    status: "DRAFT",
                    working_version: 1,
                };
                let item = if auto_slug {
                    let base = slug::slugify(&snapshot.title, &ty.api_id);
                    insert_with_free_slug(conn, new_item, &base).await?
                } else {
                    // A slug the client chose and lost to a racing writer is
                    // a CONFLICT (error::constraints).
                    store::insert_item(conn, &new_item).await?
                };
                snapshot.slug.clone_from(&item.slug);
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
                Ok(ContentEntry::full(item, version))
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
                let current = working(conn, &item).await?.content.clone();
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

    pub(crate) fn check_editable(&self, item: &ContentItem) -> Result<(), AppError> {
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
    pub(crate) async fn lock_visible(
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
                    let current = working(conn, &item).await?.content;
                    let empty = serde_json::Map::new();
                    let values = current.fields.as_object().unwrap_or(&empty);
                    for (key, value) in crate::content::types::fields::unique_values(&defs, values) {
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
}
