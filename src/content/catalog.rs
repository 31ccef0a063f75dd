//! Content types, categories and tags held in memory. Nearly every item a
//! response shows names its type, category and tags; they are few and
//! change rarely, so reading them per request (one statement each) costs
//! more than the items themselves.
//!
//! The held copy is valid for one catalog generation and one connection of
//! the event listener, exactly as public answers are (see
//! `http::answers`): a change moves the generation on before its mutation
//! returns on the instance that made it, and when its
//! `content.catalog_changed` event arrives on the others; while the
//! listener is down, nothing held is used. A lookup that misses (an id made
//! on another instance a moment ago) falls back to the database.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use uuid::Uuid;

use crate::content::taxonomy::model::{Category, Tag};
use crate::content::types::model::ContentType;
use crate::db::Db;
use crate::error::AppError;
use crate::events::EventBus;

/// Held copies with more rows than this are not kept: a taxonomy that
/// large is read per request, as before, instead of pinning its memory.
const MAX_ROWS: usize = 50_000;

/// The catalog as read at one moment.
pub(crate) struct CatalogSnapshot {
    stamp: (u64, u64),
    pub(crate) types: HashMap<Uuid, ContentType>,
    pub(crate) categories: HashMap<Uuid, Category>,
    pub(crate) tags: HashMap<Uuid, Tag>,
}

struct Inner {
    db: Db,
    bus: EventBus,
    generation: AtomicU64,
    held: RwLock<Option<Arc<CatalogSnapshot>>>,
    /// One reload at a time: the others wait for it instead of repeating it.
    reloading: tokio::sync::Mutex<()>,
}

/// The catalog; cheap to clone.
#[derive(Clone)]
pub struct Catalog(Arc<Inner>);

impl Catalog {
    pub(crate) fn new(db: Db, bus: EventBus) -> Self {
        Self(Arc::new(Inner {
            db,
            bus,
            generation: AtomicU64::new(0),
            held: RwLock::new(None),
            reloading: tokio::sync::Mutex::new(()),
        }))
    }

    fn stamp(&self) -> Option<(u64, u64)> {
        let connection = self.0.bus.connection()?;
        Some((self.0.generation.load(Ordering::Acquire), connection))
    }

    fn held(&self, stamp: (u64, u64)) -> Option<Arc<CatalogSnapshot>> {
        self.0
            .held
            .read()
            .ok()?
            .as_ref()
            .filter(|held| held.stamp == stamp)
            .cloned()
    }

    /// The current catalog, read now if what is held is out of date;
    /// `None` while the event listener is down (callers read the database).
    pub(crate) async fn current(&self) -> Result<Option<Arc<CatalogSnapshot>>, AppError> {
        let Some(stamp) = self.stamp() else {
            return Ok(None);
        };
        if let Some(held) = self.held(stamp) {
            return Ok(Some(held));
        }
        let _reloading = self.0.reloading.lock().await;
        // Read again under the lock: another caller may have reloaded.
        let Some(stamp) = self.stamp() else {
            return Ok(None);
        };
        if let Some(held) = self.held(stamp) {
            return Ok(Some(held));
        }
        let mut conn = self.0.db.conn().await?;
        let types = crate::content::types::store::types(&mut conn).await?;
        let categories = crate::content::taxonomy::store::categories(&mut conn).await?;
        let tags = crate::content::taxonomy::store::tags(&mut conn).await?;
        drop(conn);
        if types.len() + categories.len() + tags.len() > MAX_ROWS {
            return Ok(None);
        }
        let snapshot = Arc::new(CatalogSnapshot {
            stamp,
            types: types.into_iter().map(|t| (t.id, t)).collect(),
            categories: categories.into_iter().map(|c| (c.id, c)).collect(),
            tags: tags.into_iter().map(|t| (t.id, t)).collect(),
        });
        // Kept only if nothing changed while it was read; used by this
        // caller either way, since it started after the caller did.
        if self.stamp() == Some(stamp)
            && let Ok(mut held) = self.0.held.write()
        {
            *held = Some(snapshot.clone());
        }
        Ok(Some(snapshot))
    }

    /// A content type, category or tag changed.
    pub(crate) fn changed(&self) {
        self.0.generation.fetch_add(1, Ordering::AcqRel);
    }
}

/// Moves the catalog on when another instance (or this one) says the
/// catalog changed, and after missed events.
impl crate::jobs::follow::Follower for Catalog {
    async fn event(&self, event: &crate::events::Event) {
        use crate::events::model::kind;
        if event.kind == kind::CONTENT_CATALOG_CHANGED || event.kind == kind::CONTENT_BULK_CHANGED {
            self.changed();
        }
    }

    async fn lagged(&self) {
        self.changed();
    }
}
