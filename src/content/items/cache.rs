//! The published-read cache: what anonymous callers and viewers see (by
//! id, by slug, list pages) kept in moka, dropped on every content change.
//!
//! Every change clears everything instead of working out which pages an
//! item appeared on: a list page depends on every item that could sort
//! into it, and clearing is O(1) in moka. A generation counter keeps a
//! read that started before a change from storing what it read after the
//! change cleared the cache.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use moka::future::Cache;
use uuid::Uuid;

use crate::content::items::cursor::{ContentCursor, SortKey};
use crate::content::items::model::{Columns, ContentEntry, ContentFilter, ContentOrder};
use crate::metrics::Metrics;
use crate::pagination::Page;

/// Cached list pages: the rows and whether more follow.
type ListPage = (Vec<ContentEntry>, bool);

struct Inner {
    by_id: Cache<Uuid, Option<ContentEntry>>,
    by_slug: Cache<(String, String), Option<(ContentEntry, bool)>>,
    lists: Cache<String, ListPage>,
    /// Anonymous searches (results, counts, suggestions) by request.
    searches: Cache<String, crate::search::model::Cached>,
    generation: AtomicU64,
    metrics: Metrics,
}

/// The cache; cheap to clone.
#[derive(Clone)]
pub struct ContentCache(Arc<Inner>);

impl ContentCache {
    /// A cache holding up to `capacity` entries per kind for `ttl` (the
    /// bound on staleness when another process changes content).
    pub fn new(capacity: u64, ttl: Duration, metrics: Metrics) -> Self {
        Self(Arc::new(Inner {
            by_id: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
            by_slug: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
            lists: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
            searches: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
            generation: AtomicU64::new(0),
            metrics,
        }))
    }

    fn counted<T>(&self, name: &'static str, value: Option<T>) -> Option<T> {
        self.0.metrics.cache_lookup(name, value.is_some());
        value
    }

    /// The generation a read starts in; pass it back to the `put_*` calls.
    pub fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::Acquire)
    }

    fn current(&self, generation: u64) -> bool {
        self.generation() == generation
    }

    /// A cached item by id (`Some(None)`: cached as not visible).
    pub async fn get_by_id(&self, id: Uuid) -> Option<Option<ContentEntry>> {
        self.counted("content_by_id", self.0.by_id.get(&id).await)
    }

    /// Caches an item by id read in `generation`.
    pub async fn put_by_id(&self, generation: u64, id: Uuid, entry: Option<ContentEntry>) {
        if self.current(generation) {
            self.0.by_id.insert(id, entry).await;
        }
    }

    /// A cached item by type and slug.
    pub async fn get_by_slug(
        &self,
        type_api_id: &str,
        slug: &str,
    ) -> Option<Option<(ContentEntry, bool)>> {
        let key = (type_api_id.to_string(), slug.to_string());
        self.counted("content_by_slug", self.0.by_slug.get(&key).await)
    }

    /// Caches an item by slug read in `generation`.
    pub async fn put_by_slug(
        &self,
        generation: u64,
        type_api_id: &str,
        slug: &str,
        found: Option<(ContentEntry, bool)>,
    ) {
        if self.current(generation) {
            let key = (type_api_id.to_string(), slug.to_string());
            self.0.by_slug.insert(key, found).await;
        }
    }

    /// The key of a list page.
    pub fn list_key(
        filter: &ContentFilter,
        order: ContentOrder,
        page: &Page<ContentCursor>,
        columns: Columns,
    ) -> String {
        let cursor = page.cursor.as_ref().map(|c| match &c.key {
            SortKey::At(at) => format!("a{}:{}", at.timestamp_micros(), c.id),
            SortKey::Text(text) => format!("s{}:{text}", c.id),
        });
        format!(
            "{filter:?}|{order:?}|{}|{:?}|{cursor:?}|{columns:?}",
            page.size, page.direction
        )
    }

    /// A cached list page.
    pub async fn get_list(&self, key: &str) -> Option<ListPage> {
        self.counted("content_list", self.0.lists.get(key).await)
    }

    /// Caches a list page read in `generation`.
    pub async fn put_list(&self, generation: u64, key: String, page: ListPage) {
        if self.current(generation) {
            self.0.lists.insert(key, page).await;
        }
    }

    /// A cached anonymous search.
    pub(crate) async fn get_search(&self, key: &str) -> Option<crate::search::model::Cached> {
        self.counted("search", self.0.searches.get(key).await)
    }

    /// Caches an anonymous search read in `generation`.
    pub(crate) async fn put_search(
        &self,
        generation: u64,
        key: String,
        value: crate::search::model::Cached,
    ) {
        if self.current(generation) {
            self.0.searches.insert(key, value).await;
        }
    }

    /// Forgets everything: content changed.
    ///
    /// Called at once by the process that made the change, and again by
    /// the bus follower when the change's event arrives (on every instance).
    pub async fn changed(&self) {
        self.0.generation.fetch_add(1, Ordering::AcqRel);
        self.0.by_id.invalidate_all();
        self.0.by_slug.invalidate_all();
        self.0.lists.invalidate_all();
        self.0.searches.invalidate_all();
    }
}

/// Drops the cache on every content event from the bus, so a change made
/// on another instance is seen here too; and on a user's update, since an
/// author's name shows in public answers kept by generation (see
/// `http::answers`).
impl crate::jobs::follow::Follower for ContentCache {
    async fn event(&self, event: &crate::events::Event) {
        if event.is_content() || event.kind == crate::events::model::kind::USER_UPDATED {
            self.changed().await;
        }
    }

    /// Missed events may have been content changes: forget everything.
    async fn lagged(&self) {
        self.changed().await;
    }
}
