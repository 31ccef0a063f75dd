//! Search analytics: how often each (normalised) query is searched, how
//! often it finds nothing, and what is clicked. Counts gather in memory
//! and are added to the database every few seconds (and before they are
//! read), so a popular search costs no write of its own and instances add
//! up instead of contending for one row. Nothing about the searcher is
//! kept: no user, no address, and queries masked by `query::normalised`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, Utc};
use diesel::sql_types::{Array, BigInt, Date, Integer, Text};
use diesel_async::{AsyncConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::Db;
use crate::error::AppError;

/// Distinct queries (and clicked items) held between flushes; past this,
/// new ones are dropped until the next flush, so a flood of made-up
/// queries cannot grow memory without bound.
const MAX_PENDING: usize = 10_000;
/// Days of analytics kept.
pub(crate) const RETENTION_DAYS: i64 = 400;

#[derive(Debug, Default, Clone, Copy)]
struct QueryCounts {
    searches: i64,
    zero_results: i64,
    clicks: i64,
    click_positions: i64,
}

#[derive(Default)]
struct Pending {
    queries: HashMap<(NaiveDate, String), QueryCounts>,
    /// Clicks per day, query and item.
    clicks: HashMap<(NaiveDate, String, Uuid), i64>,
}

/// The recorder and reader of search analytics; cheap to clone.
#[derive(Clone)]
pub(crate) struct Analytics {
    db: Db,
    pending: Arc<Mutex<Pending>>,
    /// One flush at a time, so a read waits for counts already taken.
    flushing: Arc<tokio::sync::Mutex<()>>,
    /// When old analytics were last pruned (Unix seconds).
    pruned_at: Arc<std::sync::atomic::AtomicI64>,
}

/// One query's figures over a period.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub(crate) struct QueryStat {
    #[diesel(sql_type = Text)]
    pub(crate) query: String,
    #[diesel(sql_type = BigInt)]
    pub(crate) searches: i64,
    #[diesel(sql_type = BigInt)]
    pub(crate) zero_results: i64,
    #[diesel(sql_type = BigInt)]
    pub(crate) clicks: i64,
    #[diesel(sql_type = BigInt)]
    pub(crate) click_positions: i64,
}

/// One day's totals.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub(crate) struct DayStat {
    #[diesel(sql_type = Date)]
    pub(crate) day: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub(crate) searches: i64,
    #[diesel(sql_type = BigInt)]
    pub(crate) zero_results: i64,
    #[diesel(sql_type = BigInt)]
    pub(crate) clicks: i64,
}

/// How often an item was clicked in results.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub(crate) struct ClickStat {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub(crate) content_id: Uuid,
    #[diesel(sql_type = BigInt)]
    pub(crate) clicks: i64,
}

/// Analytics over a period.
#[derive(Debug, Clone)]
pub(crate) struct Insights {
    pub(crate) days: Vec<DayStat>,
    pub(crate) top_queries: Vec<QueryStat>,
    pub(crate) zero_result_queries: Vec<QueryStat>,
    pub(crate) top_clicked: Vec<ClickStat>,
}

impl Analytics {
    pub(crate) fn new(db: Db) -> Self {
        Self {
            db,
            pending: Arc::default(),
            flushing: Arc::default(),
            pruned_at: Arc::default(),
        }
    }

    fn with_pending(&self, f: impl FnOnce(&mut Pending)) {
        // A panic while holding this lock leaves plain counters behind:
        // keep counting with them.
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut pending);
    }

    /// Counts a search for `query` (normalised) that found `found` hits.
    pub(crate) fn searched(&self, query: &str, found: bool) {
        if query.is_empty() {
            return;
        }
        let key = (Utc::now().date_naive(), query.to_string());
        self.with_pending(|p| {
            let full = p.queries.len() >= MAX_PENDING;
            if let Some(counts) = counts(&mut p.queries, key, full) {
                counts.searches += 1;
                counts.zero_results += i64::from(!found);
            }
        });
    }

    /// Counts a click on `content_id`, shown at `position` (1-based) for
    /// `query` (normalised). Only queries that were searched get clicks.
    pub(crate) fn clicked(&self, query: &str, content_id: Uuid, position: i64) {
        if query.is_empty() {
            return;
        }
        let day = Utc::now().date_naive();
        self.with_pending(|p| {
            let full = p.queries.len() >= MAX_PENDING;
            if let Some(counts) = counts(&mut p.queries, (day, query.to_string()), full) {
                counts.clicks += 1;
                counts.click_positions += position;
            }
            let key = (day, query.to_string(), content_id);
            if p.clicks.len() < MAX_PENDING || p.clicks.contains_key(&key) {
                *p.clicks.entry(key).or_default() += 1;
            }
        });
    }

    /// Adds what was counted since the last flush to the database: one
    /// transaction, so counts are added once or (on failure) not at all.
    pub(crate) async fn flush(&self) -> Result<usize, AppError> {
        let _one = self.flushing.lock().await;
        let taken = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if taken.queries.is_empty() && taken.clicks.is_empty() {
            return Ok(0);
        }
        let n = taken.queries.len() + taken.clicks.len();
        let mut days = Vec::new();
        let mut queries = Vec::new();
        let mut searches = Vec::new();
        let mut zero = Vec::new();
        let mut clicks = Vec::new();
        let mut positions = Vec::new();
        for ((day, query), c) in taken.queries {
            days.push(day);
            queries.push(query);
            searches.push(c.searches);
            zero.push(c.zero_results);
            clicks.push(c.clicks);
            positions.push(c.click_positions);
        }
        let mut click_days = Vec::new();
        let mut click_queries = Vec::new();
        let mut click_ids = Vec::new();
        let mut click_counts = Vec::new();
        for ((day, query, id), n) in taken.clicks {
            click_days.push(day);
            click_queries.push(query);
            click_ids.push(id);
            click_counts.push(n);
        }
        let mut conn = self.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            // Searches add rows; clicks only add to rows searches made (a
            // click cannot plant a query nobody searched).
            diesel::sql_query(
                "INSERT INTO search_query_stats AS s (day, query, searches, zero_results, clicks, click_positions) \
                 SELECT d, q, n, z, 0, 0 FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[]) AS u (d, q, n, z) \
                 WHERE n > 0 ORDER BY d, q \
                 ON CONFLICT (day, query) DO UPDATE SET searches = s.searches + EXCLUDED.searches, \
                 zero_results = s.zero_results + EXCLUDED.zero_results",
            )
            .bind::<Array<Date>, _>(&days)
            .bind::<Array<Text>, _>(&queries)
            .bind::<Array<BigInt>, _>(&searches)
            .bind::<Array<BigInt>, _>(&zero)
            .execute(conn)
            .await?;
            diesel::sql_query(
                "UPDATE search_query_stats s SET clicks = s.clicks + u.c, click_positions = s.click_positions + u.p \
                 FROM unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[]) AS u (d, q, c, p) \
                 WHERE u.c > 0 AND s.day = u.d AND s.query = u.q",
            )
            .bind::<Array<Date>, _>(&days)
            .bind::<Array<Text>, _>(&queries)
            .bind::<Array<BigInt>, _>(&clicks)
            .bind::<Array<BigInt>, _>(&positions)
            .execute(conn)
            .await?;
            // Only items the public can see, clicked in results of a
            // query that was searched, count as clicked results.
            diesel::sql_query(
                "INSERT INTO search_click_stats AS s (day, content_id, clicks) \
                 SELECT u.d, u.id, sum(u.n) FROM unnest($1::date[], $2::text[], $3::uuid[], $4::bigint[]) AS u (d, q, id, n) \
                 JOIN content_items i ON i.id = u.id AND i.live_version IS NOT NULL AND i.deleted_at IS NULL \
                 WHERE EXISTS (SELECT 1 FROM search_query_stats q WHERE q.day = u.d AND q.query = u.q) \
                 GROUP BY u.d, u.id ORDER BY u.d, u.id \
                 ON CONFLICT (day, content_id) DO UPDATE SET clicks = s.clicks + EXCLUDED.clicks",
            )
            .bind::<Array<Date>, _>(&click_days)
            .bind::<Array<Text>, _>(&click_queries)
            .bind::<Array<diesel::sql_types::Uuid>, _>(&click_ids)
            .bind::<Array<BigInt>, _>(&click_counts)
            .execute(conn)
            .await?;
            Ok(())
        })
        .await?;
        Ok(n)
    }

    /// Forgets analytics older than [`RETENTION_DAYS`].
    pub(crate) async fn prune(&self) -> Result<usize, AppError> {
        let mut conn = self.db.conn().await?;
        let cutoff = Utc::now().date_naive() - chrono::Days::new(RETENTION_DAYS.unsigned_abs());
        let mut n = diesel::sql_query("DELETE FROM search_query_stats WHERE day < $1")
            .bind::<Date, _>(cutoff)
            .execute(&mut conn)
            .await?;
        n += diesel::sql_query("DELETE FROM search_click_stats WHERE day < $1")
            .bind::<Date, _>(cutoff)
            .execute(&mut conn)
            .await?;
        Ok(n)
    }

    /// The figures from `from` to `to` (both included), `limit` rows per list.
    pub(crate) async fn insights(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: i32,
    ) -> Result<Insights, AppError> {
        self.flush().await?;
        let mut conn = self.db.conn().await?;
        let days = diesel::sql_query(
            "SELECT day, sum(searches)::bigint AS searches, sum(zero_results)::bigint AS zero_results, \
             sum(clicks)::bigint AS clicks FROM search_query_stats WHERE day BETWEEN $1 AND $2 \
             GROUP BY day ORDER BY day",
        )
        .bind::<Date, _>(from)
        .bind::<Date, _>(to)
        .load::<DayStat>(&mut conn)
        .await?;
        let stats = |order: &str, having: &str| {
            format!(
                "SELECT query, sum(searches)::bigint AS searches, sum(zero_results)::bigint AS zero_results, \
                 sum(clicks)::bigint AS clicks, sum(click_positions)::bigint AS click_positions \
                 FROM search_query_stats WHERE day BETWEEN $1 AND $2 GROUP BY query {having} \
                 ORDER BY {order} DESC, query LIMIT $3"
            )
        };
        let top_queries = diesel::sql_query(stats("sum(searches)", ""))
            .bind::<Date, _>(from)
            .bind::<Date, _>(to)
            .bind::<Integer, _>(limit)
            .load::<QueryStat>(&mut conn)
            .await?;
        let zero_result_queries =
            diesel::sql_query(stats("sum(zero_results)", "HAVING sum(zero_results) > 0"))
                .bind::<Date, _>(from)
                .bind::<Date, _>(to)
                .bind::<Integer, _>(limit)
                .load::<QueryStat>(&mut conn)
                .await?;
        let top_clicked = diesel::sql_query(
            "SELECT content_id, sum(clicks)::bigint AS clicks FROM search_click_stats \
             WHERE day BETWEEN $1 AND $2 GROUP BY content_id ORDER BY 2 DESC, content_id LIMIT $3",
        )
        .bind::<Date, _>(from)
        .bind::<Date, _>(to)
        .bind::<Integer, _>(limit)
        .load::<ClickStat>(&mut conn)
        .await?;
        Ok(Insights {
            days,
            top_queries,
            zero_result_queries,
            top_clicked,
        })
    }
}

/// The counters for `key`, made unless `full`.
fn counts(
    map: &mut HashMap<(NaiveDate, String), QueryCounts>,
    key: (NaiveDate, String),
    full: bool,
) -> Option<&mut QueryCounts> {
    if full && !map.contains_key(&key) {
        return None;
    }
    Some(map.entry(key).or_default())
}

/// Flushes counts every few seconds and prunes old ones.
impl crate::jobs::periodic::Job for Analytics {
    const NAME: &'static str = "search analytics";
    const DONE: &'static str = "search analytics flushed";
    const FIRST: crate::jobs::periodic::FirstRun = crate::jobs::periodic::FirstRun::AfterInterval;

    async fn run(&self) -> Result<usize, AppError> {
        let n = self.flush().await?;
        // Once an hour is plenty for a retention counted in days.
        let now = Utc::now().timestamp();
        let last = std::sync::atomic::AtomicI64::load(
            &self.pruned_at,
            std::sync::atomic::Ordering::Relaxed,
        );
        if now - last >= 3600 {
            self.pruned_at
                .store(now, std::sync::atomic::Ordering::Relaxed);
            self.prune().await?;
        }
        Ok(n)
    }
}
