//! `vellum seed-demo`: realistic demo content for first runs and benchmarks.
//!
//! A command-line tool beside the content slice, not part of it: it writes
//! through the slices' stores in large multi-row statements, a batch of
//! articles per transaction. Going through
//! [`ContentService`](crate::content::service::ContentService) would cost a
//! transaction, a validation pass and an audit entry per change: minutes
//! for 10,000 articles of up to five versions each, instead of seconds.
//! What that skips, deliberately:
//!
//! - Validation against the content type: the built-in `article` type has
//!   no custom fields. Where a site has made some required, the demo
//!   articles lack them, like articles written before that change.
//! - An audit entry per change: one `demo.seeded` entry records the run.
//!
//! What it keeps: the history an item would have had (created, updated,
//! then submit, approve and publish for published ones), bodies that went
//! through the sanitizer, reading times computed as on write, and version
//! pointers checked by the deferred foreign keys at every commit.
//!
//! Demo people, tags and categories are found by email or slug and reused
//! when they exist, so running it again only adds articles, with fresh
//! slugs. The generated text depends only on the seed and on how many
//! articles exist already (a second run adds different articles); ids and
//! timestamps (spread over the year before the run) do not. `StdRng` may
//! change between `rand` releases, so a seed is reproducible per build.

use std::time::{Duration, Instant};

use chrono::Utc;
use futures_util::{StreamExt, TryStreamExt};

use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;

mod plan;
mod write;

use plan::{
    ArticlePlan, CATEGORY_TREE, Generator, STEPS, Stage, display_names, item_seed, tag_names,
};
use write::{BatchContext, Counts, ensure_categories, ensure_people, ensure_tags, write_batch};

/// The password every demo account shares. Printed by the command: these
/// accounts are for local use only, which is why `seed-demo` refuses to
/// run in production.
pub const DEMO_PASSWORD: &str = "demo-password-1234";
/// Domain of the demo accounts' emails (`.test` never resolves).
pub const DEMO_DOMAIN: &str = "demo.vellum.test";
/// Demo editors (role EDITOR), who approve and publish the articles.
pub const DEMO_EDITORS: usize = 5;

/// Articles per transaction and per `content_items` statement.
const BATCH_ITEMS: usize = 500;
/// `content_versions` rows per statement: 22 binds a row stays well under
/// PostgreSQL's 65,535 bind parameters.
const VERSION_ROWS_PER_STATEMENT: usize = 1_000;
/// Batches written at once: one is generated and serialized while the
/// other is inserted.
const CONCURRENT_BATCHES: usize = 2;
/// Bodies grow paragraph by paragraph until they reach about this size.
const BODY_BYTES: usize = 4_096;
/// Distinct paragraphs bodies are assembled from.
const PARAGRAPH_POOL: usize = 256;
/// Tags on each article (fewer when fewer exist).
const TAGS_PER_ITEM: usize = 3;
/// Articles are created at most this long before the run.
const SPREAD_SECS: i64 = 365 * 24 * 3600;

/// What to seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedOptions {
    /// Articles to add.
    pub items: usize,
    /// Demo authors (role AUTHOR) to write them.
    pub authors: usize,
    /// Tags to pick from.
    pub tags: usize,
    /// Seed of the generated text.
    pub seed: u64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            items: 1_000,
            authors: 100,
            tags: 50,
            seed: 42,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// Articles added.
    pub items: usize,
    /// Of those, published.
    pub published: usize,
    /// Of those, waiting for review.
    pub in_review: usize,
    /// Of those, drafts.
    pub drafts: usize,
    /// Versions written.
    pub versions: usize,
    /// Demo authors used.
    pub authors: usize,
    /// Of those, created by this run.
    pub authors_created: usize,
    /// Demo editors used.
    pub editors: usize,
    /// Of those, created by this run.
    pub editors_created: usize,
    /// Tags used.
    pub tags: usize,
    /// Categories in the demo tree.
    pub categories: usize,
    /// Number in the first new article's slug (they count up from it).
    pub first_number: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Email of demo author `i` (from 0).
pub fn author_email(i: usize) -> String {
    format!("author-{:03}@{DEMO_DOMAIN}", i + 1)
}

/// Email of demo editor `i` (from 0).
pub fn editor_email(i: usize) -> String {
    format!("editor-{:03}@{DEMO_DOMAIN}", i + 1)
}

// ------------------------------------------------------------ writing

/// Adds demo people, taxonomy and `options.items` articles. Refuses
/// nothing: the caller decides where demo data may go.
pub async fn seed_demo(db: &Db, options: SeedOptions) -> Result<SeedReport, AppError> {
    let started = Instant::now();
    if options.authors == 0 || options.authors > 10_000 {
        return Err(AppError::bad_input(
            "authors",
            "must be between 1 and 10000",
        ));
    }
    if options.tags > 1_000 {
        return Err(AppError::bad_input("tags", "must be at most 1000"));
    }
    if options.items > 1_000_000 {
        return Err(AppError::bad_input("items", "must be at most 1000000"));
    }
    let mut conn = db.conn().await?;
    let article = crate::content::types::store::type_by_api_id(&mut conn, "article")
        .await?
        .ok_or_else(|| AppError::Conflict("there is no `article` content type".into()))?;
    let names = display_names(options.seed, options.authors + DEMO_EDITORS);
    let mut hash = None;
    let author_emails: Vec<String> = (0..options.authors).map(author_email).collect();
    let (authors, authors_created) = ensure_people(
        &mut conn,
        "AUTHOR",
        &author_emails,
        &names[..options.authors],
        &mut hash,
    )
    .await?;
    let editor_emails: Vec<String> = (0..DEMO_EDITORS).map(editor_email).collect();
    let (editors, editors_created) = ensure_people(
        &mut conn,
        "EDITOR",
        &editor_emails,
        &names[options.authors..],
        &mut hash,
    )
    .await?;
    let tag_ids = ensure_tags(&mut conn, &tag_names(options.tags)).await?;
    let (categories, leaves) = ensure_categories(&mut conn).await?;
    let existing = crate::content::items::store::count_of_type(&mut conn, article.id).await?;
    drop(conn);
    let existing = usize::try_from(existing).unwrap_or(0);

    let ctx = BatchContext {
        type_id: article.id,
        authors: &authors,
        editors: &editors,
        tags: &tag_ids,
        categories: &leaves,
        now: Utc::now(),
    };
    let mut generator = Generator::new(
        item_seed(options.seed, existing),
        authors.len(),
        editors.len(),
        tag_ids.len(),
        leaves.len(),
    );
    let first_number = existing + 1;
    let ctx = &ctx;
    let totals = futures_util::stream::iter((0..options.items).step_by(BATCH_ITEMS))
        .map(|start| {
            // Plans are made here, in order, so the text does not depend on
            // which batch finishes first.
            let plans: Vec<ArticlePlan> = (start..options.items.min(start + BATCH_ITEMS))
                .map(|_| generator.article())
                .collect();
            write_batch(db, ctx, first_number + start, plans)
        })
        .buffer_unordered(CONCURRENT_BATCHES)
        .try_fold(Counts::default(), |acc, c| async move {
            Ok::<_, AppError>(acc.add(c))
        })
        .await?;

    let report = SeedReport {
        items: totals.items,
        published: totals.published,
        in_review: totals.in_review,
        drafts: totals.items - totals.published - totals.in_review,
        versions: totals.versions,
        authors: authors.len(),
        authors_created,
        editors: editors.len(),
        editors_created,
        tags: tag_ids.len(),
        categories,
        first_number,
        elapsed: started.elapsed(),
    };
    let mut conn = db.conn().await?;
    crate::audit::store::record(
        &mut conn,
        &NewAuditEntry::new("demo.seeded", &RequestMeta::default()).details(serde_json::json!({
            "items": report.items,
            "published": report.published,
            "inReview": report.in_review,
            "drafts": report.drafts,
            "versions": report.versions,
            "authors": report.authors,
            "authorsCreated": report.authors_created,
            "editors": report.editors,
            "editorsCreated": report.editors_created,
            "tags": report.tags,
            "categories": report.categories,
            "seed": options.seed,
            "firstNumber": report.first_number,
            "via": "cli",
        })),
    )
    .await?;
    // One event for the whole run: running servers drop their caches.
    crate::events::store::bulk_changed(&mut conn, report.items).await?;
    Ok(report)
}
