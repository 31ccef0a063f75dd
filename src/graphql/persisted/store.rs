//! Where persisted documents live: a bounded in-memory cache in front of
//! the `persisted_documents` table. APQ registrations stay in memory (any
//! client may register, so they must not grow the database); imported
//! trusted documents are in the table and cached here once used. Beside
//! the text, documents known by hash are kept parsed and checked, so a
//! persisted query skips the scan, the parse and the document limits.

use std::sync::Arc;

use async_graphql::parser::types::ExecutableDocument;
use diesel::sql_types::{Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::Db;
use crate::error::AppError;
use crate::graphql::limits::{CheckedDocument, DocumentLimits};
use crate::metrics::Metrics;

/// Bytes of document text the cache holds: thousands of ordinary
/// operations, and a bound a client registering huge documents cannot push.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// Weight the parsed-document cache holds, counted in document text.
const PARSED_BYTES: u64 = 32 * 1024 * 1024;
/// A parsed document takes several times the memory of its text (a
/// position and a vector or `Arc` per token); each byte of text weighs
/// this much, so the parsed cache holds about 4 MiB of documents' text,
/// still thousands of ordinary operations.
const PARSED_WEIGHT_PER_BYTE: usize = 8;

/// The name of the parsed-document cache in `vellum_cache_lookups_total`.
const PARSED_METRIC: &str = "parsed_document";

/// A checked document and what it weighs in the cache.
#[derive(Clone)]
struct Parsed {
    document: Arc<ExecutableDocument>,
    weight: u32,
}

/// The documents known by hash.
#[derive(Clone)]
pub(crate) struct PersistedStore {
    cache: moka::future::Cache<String, Arc<str>>,
    parsed: moka::future::Cache<String, Parsed>,
    db: Db,
    metrics: Metrics,
}

impl PersistedStore {
    /// Empty caches over the database's table.
    pub(crate) fn new(db: Db, metrics: Metrics) -> Self {
        let cache = moka::future::Cache::builder()
            .max_capacity(CACHE_BYTES)
            .weigher(|hash: &String, document: &Arc<str>| {
                u32::try_from(hash.len() + document.len()).unwrap_or(u32::MAX)
            })
            .build();
        let parsed = moka::future::Cache::builder()
            .max_capacity(PARSED_BYTES)
            .weigher(|_: &String, parsed: &Parsed| parsed.weight)
            .build();
        Self {
            cache,
            parsed,
            db,
            metrics,
        }
    }

    /// The document `text`, whose SHA-256 is `hash`, parsed and through
    /// every check of the document limits that depends on the text alone;
    /// `None` when it fails one (the executor then reports why). Checked
    /// once per document: the checks give the same answer every time.
    pub(crate) async fn checked(
        &self,
        hash: &str,
        text: &str,
        limits: &DocumentLimits,
    ) -> Option<CheckedDocument> {
        let cached = self.parsed.get(hash).await;
        self.metrics.cache_lookup(PARSED_METRIC, cached.is_some());
        if let Some(parsed) = cached {
            return Some(CheckedDocument(parsed.document));
        }
        let document = Arc::new(limits.checked_document(text).await.ok()?);
        let weight = text
            .len()
            .saturating_mul(PARSED_WEIGHT_PER_BYTE)
            .saturating_add(hash.len());
        let parsed = Parsed {
            document: document.clone(),
            weight: u32::try_from(weight).unwrap_or(u32::MAX),
        };
        self.parsed.insert(hash.to_owned(), parsed).await;
        Some(CheckedDocument(document))
    }

    /// The document with this hash: the cache first, then the table.
    pub(crate) async fn get(&self, hash: &str) -> Result<Option<Arc<str>>, AppError> {
        if let Some(document) = self.cache.get(hash).await {
            return Ok(Some(document));
        }
        let mut conn = self.db.conn().await?;
        let Some(document) = by_hash(&mut conn, hash).await? else {
            return Ok(None);
        };
        let document: Arc<str> = document.into();
        self.cache.insert(hash.to_owned(), document.clone()).await;
        Ok(Some(document))
    }

    /// Registers an APQ document (memory only; the caller checked its hash).
    pub(crate) async fn register(&self, hash: String, document: Arc<str>) {
        self.cache.insert(hash, document).await;
    }
}

#[derive(diesel::QueryableByName)]
struct DocumentRow {
    #[diesel(sql_type = Text)]
    document: String,
}

/// The imported document with this hash.
async fn by_hash(conn: &mut AsyncPgConnection, hash: &str) -> diesel::QueryResult<Option<String>> {
    use diesel::OptionalExtension;
    diesel::sql_query("SELECT document FROM persisted_documents WHERE hash = $1")
        .bind::<Text, _>(hash)
        .get_result::<DocumentRow>(conn)
        .await
        .optional()
        .map(|row| row.map(|r| r.document))
}

/// Inserts a document unless its hash is already there; whether it was new.
pub(crate) async fn insert(
    conn: &mut AsyncPgConnection,
    hash: &str,
    document: &str,
    name: Option<&str>,
) -> diesel::QueryResult<bool> {
    let inserted = diesel::sql_query(
        "INSERT INTO persisted_documents (hash, document, name) VALUES ($1, $2, $3) \
         ON CONFLICT (hash) DO NOTHING",
    )
    .bind::<Text, _>(hash)
    .bind::<Text, _>(document)
    .bind::<Nullable<Text>, _>(name)
    .execute(conn)
    .await?;
    Ok(inserted == 1)
}
