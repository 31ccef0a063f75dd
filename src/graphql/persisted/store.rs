//! Where persisted documents live: a bounded in-memory cache in front of
//! the `persisted_documents` table. APQ registrations stay in memory (any
//! client may register, so they must not grow the database); imported
//! trusted documents are in the table and cached here once used.

use std::sync::Arc;

use diesel::sql_types::{Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::Db;
use crate::error::AppError;

/// Bytes of document text the cache holds: thousands of ordinary
/// operations, and a bound a client registering huge documents cannot push.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// The documents known by hash.
#[derive(Clone)]
pub(crate) struct PersistedStore {
    cache: moka::future::Cache<String, Arc<str>>,
    db: Db,
}

impl PersistedStore {
    /// An empty cache over the database's table.
    pub(crate) fn new(db: Db) -> Self {
        let cache = moka::future::Cache::builder()
            .max_capacity(CACHE_BYTES)
            .weigher(|hash: &String, document: &Arc<str>| {
                u32::try_from(hash.len() + document.len()).unwrap_or(u32::MAX)
            })
            .build();
        Self { cache, db }
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
