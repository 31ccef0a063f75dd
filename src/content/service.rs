//! The content service handle shared by every sub-slice (database, the
//! published-read cache, mail), and the one rule for who sees which version.
//! Each sub-slice adds its own rules to it in its `service.rs`.

use std::sync::Arc;

use crate::content::catalog::Catalog;
use crate::content::items::cache::ContentCache;
use crate::content::items::model::{ContentItem, Visibility};
use crate::db::Db;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

/// Dashboard figures and the cache generation they were computed in.
type DashboardMemo = (u64, Arc<crate::content::items::store::Dashboard>);

/// Content items: reading with visibility rules, and every change.
#[derive(Clone)]
pub struct ContentService {
    pub(crate) db: Db,
    pub(crate) cache: ContentCache,
    /// Content types and taxonomy, held in memory.
    pub(crate) catalog: Catalog,
    /// The last dashboard figures and the cache generation they were
    /// computed in: every dashboard subscriber shares one computation per
    /// change.
    pub(crate) dashboard: Arc<tokio::sync::Mutex<Option<DashboardMemo>>>,
    /// Queues notification email (none: notifications stay in the app).
    pub(crate) mail: Option<crate::notifications::email::NotificationMail>,
}

/// The version of items a caller sees.
pub(crate) fn visibility(principal: &Principal) -> Visibility {
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
pub(crate) fn may_see(visibility: Visibility, item: &ContentItem) -> bool {
    is_public(item) || visibility.sees_drafts_of(item.author_id)
}

/// Whether `visibility` sees the working version (drafts) of `item`.
pub(crate) fn sees_drafts(visibility: Visibility, item: &ContentItem) -> bool {
    visibility.sees_drafts_of(item.author_id)
}

/// Whether the public can see `item`.
pub(crate) fn is_public(item: &ContentItem) -> bool {
    item.live_version.is_some() && item.deleted_at.is_none()
}

impl ContentService {
    /// A service over `db` with its published-read cache; `bus` tells when
    /// what is held in memory may be out of date.
    pub fn new(db: Db, cache: ContentCache, bus: crate::events::EventBus) -> Self {
        Self {
            catalog: Catalog::new(db.clone(), bus),
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
    pub(crate) fn wake_mail(&self) {
        if let Some(mail) = &self.mail {
            mail.outbox().wake();
        }
    }

    /// Records, in the transaction that made it, that a content type or
    /// the taxonomy changed, so every instance drops what it has cached.
    pub(crate) async fn catalog_changed(
        conn: &mut diesel_async::AsyncPgConnection,
        actor_id: uuid::Uuid,
        action: &str,
    ) -> diesel::QueryResult<()> {
        crate::events::store::append(
            conn,
            &crate::events::NewEvent {
                kind: crate::events::model::kind::CONTENT_CATALOG_CHANGED,
                content_id: None,
                user_id: None,
                actor_id: Some(actor_id),
                data: serde_json::json!({ "action": action }),
            },
        )
        .await
        .map(|_| ())
    }

    /// A content type, category or tag changed (and committed): what is
    /// held about them, and every cached read that shows them, is stale.
    pub(crate) async fn catalog_committed(&self) {
        self.catalog.changed();
        self.cache.changed().await;
    }

    /// Content types and taxonomy held in memory.
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The published-read cache.
    pub fn cache(&self) -> &ContentCache {
        &self.cache
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }
}
