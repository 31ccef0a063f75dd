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

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use futures_util::{StreamExt, TryStreamExt};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::audit::model::NewAuditEntry;
use crate::auth::password;
use crate::content::history::model::NewContentVersion;
use crate::content::items::model::ImportedItem;
use crate::content::render::BodyFormat;
use crate::content::shape::{Snapshot, TagIds};
use crate::content::taxonomy::model::{NewCategory, NewTag};
use crate::content::{items, taxonomy};
use crate::content::{render, shape};
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::payload::{BulkChange, Payload};

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

// ------------------------------------------------------------ generators

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "account", "across", "action", "active", "actually", "advice", "against", "agency", "almost",
    "always", "amount", "analysis", "answer", "anyone", "approach", "area", "argue", "around",
    "article", "artist", "audience", "author", "autumn", "average", "balance", "beautiful",
    "become", "before", "begin", "behind", "believe", "better", "between", "beyond", "bridge",
    "bright", "budget", "build", "business", "camera", "candle", "capital", "career", "careful",
    "center", "century", "certain", "change", "choice", "church", "citizen", "city", "clear",
    "climate", "coast", "collect", "common", "community", "company", "compare", "concern",
    "consider", "control", "country", "courage", "create", "culture", "current", "customer",
    "daily", "danger", "debate", "decade", "decide", "deep", "design", "detail", "develop",
    "different", "direction", "discover", "distance", "doctor", "dream", "early", "economy",
    "education", "effort", "energy", "engine", "enough", "evening", "event", "evidence", "example",
    "expert", "explain", "family", "farmer", "feeling", "field", "figure", "finally", "follow",
    "forest", "forward", "freedom", "friend", "future", "garden", "gather", "general", "gentle",
    "global", "government", "ground", "growth", "harbor", "health", "history", "honest", "however",
    "idea", "image", "imagine", "important", "improve", "include", "industry", "inside", "island",
    "journey", "kitchen", "knowledge", "language", "large", "later", "leader", "learn", "letter",
    "library", "light", "listen", "little", "local", "machine", "market", "material", "matter",
    "measure", "media", "memory", "method", "middle", "minute", "model", "modern", "moment",
    "morning", "mountain", "movement", "music", "national", "natural", "network", "never", "notice",
    "number", "ocean", "office", "often", "open", "order", "other", "paper", "partner", "people",
    "perhaps", "period", "picture", "place", "planet", "policy", "popular", "possible", "power",
    "practice", "prepare", "present", "pressure", "private", "problem", "process", "project",
    "public", "question", "quickly", "quiet", "rather", "reason", "record", "region", "remember",
    "report", "research", "result", "river", "science", "season", "second", "service", "shadow",
    "simple", "single", "society", "source", "space", "special", "spring", "station", "story",
    "strategy", "street", "strong", "student", "summer", "support", "system", "teacher", "theory",
    "thought", "together", "travel", "trouble", "under", "until", "valley", "value", "village",
    "visitor", "voice", "water", "weather", "window", "winter", "within", "without", "wonder",
    "worker", "world", "writer", "yellow", "young",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Ada", "Alan", "Amara", "Ana", "Ben", "Carmen", "Chen", "Dara", "David", "Elena", "Emeka",
    "Farah", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jonas", "Kai", "Lars", "Leila", "Luca",
    "Maya", "Mei", "Nadia", "Noah", "Omar", "Priya", "Rosa", "Sam", "Sofia", "Tariq", "Uma", "Vera",
    "Yuki", "Zoe",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Abara", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ibrahim",
    "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
    "Santos", "Tanaka", "Umarov", "Varga", "Wang", "Xu", "Yilmaz", "Zhang", "Novak", "Silva",
    "Murphy", "Lindqvist", "Kim", "Singh",
];

#[rustfmt::skip]
const TAG_NAMES: &[&str] = &[
    "Analysis", "Architecture", "Art", "Books", "Climate", "Cities", "Community", "Cooking", "Data",
    "Design", "Economy", "Education", "Elections", "Energy", "Environment", "Family", "Fashion",
    "Film", "Finance", "Food", "Football", "Gaming", "Gardening", "Health", "History", "Housing",
    "Interview", "Jobs", "Law", "Media", "Mobility", "Music", "Nature", "Oceans", "Opinion",
    "Parenting", "Photography", "Podcasts", "Politics", "Privacy", "Research", "Reviews", "Science",
    "Security", "Software", "Space", "Sport", "Startups", "Television", "Theatre", "Trade",
    "Travel", "Weather", "Wellbeing", "Wildlife", "Work",
];

/// Root categories and their children.
const CATEGORY_TREE: &[(&str, &[&str])] = &[
    ("News", &["World", "Business", "Local"]),
    ("Technology", &["Software", "Hardware", "Science"]),
    ("Culture", &["Books", "Film", "Music"]),
    ("Lifestyle", &["Food", "Travel", "Health"]),
];

/// How far an article got through the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Created and edited, never submitted.
    Draft,
    /// Submitted, waiting for an editor.
    InReview,
    /// Approved and published.
    Published,
}

/// `(event, status)` of each version, in order; a stage keeps a prefix.
const STEPS: [(&str, &str); 5] = [
    ("created", "DRAFT"),
    ("updated", "DRAFT"),
    ("submit", "IN_REVIEW"),
    ("approve", "APPROVED"),
    ("publish", "PUBLISHED"),
];

impl Stage {
    /// The versions an article at this stage has: `(event, status)`.
    pub fn steps(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Stage::Draft => &STEPS[..2],
            Stage::InReview => &STEPS[..3],
            Stage::Published => &STEPS,
        }
    }

    /// The article's status.
    pub fn status(self) -> &'static str {
        match self {
            Stage::Draft => "DRAFT",
            Stage::InReview => "IN_REVIEW",
            Stage::Published => "PUBLISHED",
        }
    }
}

/// One demo article before it has ids: people, tags and categories are
/// indices into what the run found or created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePlan {
    /// Title.
    pub title: String,
    /// Ten-word summary.
    pub excerpt: String,
    /// Body of the first version: the opening paragraphs.
    pub draft_body: String,
    /// Body of every later version (about [`BODY_BYTES`]).
    pub body: String,
    /// Reading time of `draft_body`.
    pub draft_reading_time: i32,
    /// Reading time of `body`.
    pub reading_time: i32,
    /// Index of the author.
    pub author: usize,
    /// Index of the editor who approves and publishes it.
    pub editor: usize,
    /// Index of its category.
    pub category: usize,
    /// Indices of its tags, distinct.
    pub tags: Vec<usize>,
    /// How far it got.
    pub stage: Stage,
    /// Seconds before the run at which each version was made, oldest
    /// first, one per step of the stage.
    pub ages: Vec<i64>,
}

/// Makes demo text from a seed.
pub struct Generator {
    rng: StdRng,
    paragraphs: Vec<String>,
    authors: usize,
    editors: usize,
    tags: usize,
    categories: usize,
}

impl Generator {
    /// A generator picking among `authors`, `editors`, `tags` and
    /// `categories` (each at least 1, except `tags`).
    pub fn new(seed: u64, authors: usize, editors: usize, tags: usize, categories: usize) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        // Bodies are assembled from a pool of paragraphs, so the sanitizer
        // runs once per paragraph instead of once per 4 KB body. Joining
        // sanitized, balanced `<p>` elements gives sanitized HTML (a test
        // checks that sanitizing a body changes nothing).
        let paragraphs = (0..PARAGRAPH_POOL)
            .map(|_| render::sanitize_html(&paragraph(&mut rng)))
            .collect();
        Self {
            rng,
            paragraphs,
            authors: authors.max(1),
            editors: editors.max(1),
            tags,
            categories: categories.max(1),
        }
    }

    /// The next article.
    pub fn article(&mut self) -> ArticlePlan {
        let rng = &mut self.rng;
        let roll = rng.random_range(0..100);
        let stage = match roll {
            0..90 => Stage::Published,
            90..94 => Stage::InReview,
            _ => Stage::Draft,
        };
        let title = title(rng);
        let excerpt = sentence_of(rng, 10);
        let mut chosen: Vec<&str> = Vec::new();
        let mut size = 0;
        // Stop a little short of the target so bodies centre on it.
        while size + 200 < BODY_BYTES {
            let p = self.paragraphs.choose(rng).map_or("", String::as_str);
            size += p.len() + 1;
            chosen.push(p);
        }
        let body = chosen.join("\n");
        let draft_body = chosen[..chosen.len().div_ceil(2)].join("\n");
        let tags =
            rand::seq::index::sample(rng, self.tags, TAGS_PER_ITEM.min(self.tags)).into_vec();
        let steps = stage.steps().len();
        // Minutes to days between versions; the last one before the run.
        let gaps: Vec<i64> = (1..steps)
            .map(|_| rng.random_range(600..=2 * 24 * 3600))
            .collect();
        let total: i64 = gaps.iter().sum();
        let first = rng.random_range(total + 60..=SPREAD_SECS.max(total + 60));
        let mut ages = Vec::with_capacity(steps);
        let mut age = first;
        ages.push(age);
        for gap in gaps {
            age -= gap;
            ages.push(age);
        }
        ArticlePlan {
            draft_reading_time: render::reading_time_minutes(&draft_body),
            reading_time: render::reading_time_minutes(&body),
            title,
            excerpt,
            draft_body,
            body,
            author: rng.random_range(0..self.authors),
            editor: rng.random_range(0..self.editors),
            category: rng.random_range(0..self.categories),
            tags,
            stage,
            ages,
        }
    }
}

fn word(rng: &mut StdRng) -> &'static str {
    WORDS.choose(rng).copied().unwrap_or("story")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A title of three to seven words, longer words capitalised.
pub fn title(rng: &mut StdRng) -> String {
    let n = rng.random_range(3..=7);
    (0..n)
        .map(|i| {
            let w = word(rng);
            if i == 0 || w.len() > 3 {
                capitalize(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence of exactly `words` words.
pub fn sentence_of(rng: &mut StdRng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let w = word(rng);
        if i == 0 {
            out.push_str(&capitalize(w));
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push('.');
    out
}

/// One `<p>` of three to six sentences, with a little inline markup.
fn paragraph(rng: &mut StdRng) -> String {
    let mut out = String::from("<p>");
    for s in 0..rng.random_range(3..=6) {
        if s > 0 {
            out.push(' ');
        }
        let n = rng.random_range(6..=16);
        for i in 0..n {
            let w = word(rng);
            let w = if i == 0 { capitalize(w) } else { w.to_string() };
            if i > 0 {
                out.push(' ');
            }
            match rng.random_range(0..100) {
                0..3 => out.push_str(&format!("<strong>{w}</strong>")),
                3..6 => out.push_str(&format!("<em>{w}</em>")),
                6 => out.push_str(&format!(
                    "<a href=\"https://example.com/{}\">{w}</a>",
                    w.to_lowercase()
                )),
                _ => out.push_str(&w),
            }
            if i + 1 < n && rng.random_bool(0.08) {
                out.push(',');
            }
        }
        out.push('.');
    }
    out.push_str("</p>");
    out
}

/// Display names for `n` people, from first and last name lists.
pub fn display_names(seed: u64, n: usize) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let first = FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Sam");
            let last = LAST_NAMES.choose(&mut rng).copied().unwrap_or("Quinn");
            format!("{first} {last}")
        })
        .collect()
}

/// Names of `n` tags: the list, then the list again numbered.
pub fn tag_names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let base = TAG_NAMES[i % TAG_NAMES.len()];
            match i / TAG_NAMES.len() {
                0 => base.to_string(),
                round => format!("{base} {}", round + 1),
            }
        })
        .collect()
}

/// The article seed for a run that finds `existing` articles: the plain
/// seed on an empty database, something else for every later run.
fn item_seed(seed: u64, existing: usize) -> u64 {
    seed ^ (existing as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
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
    crate::events::store::append(
        &mut conn,
        &crate::events::NewEvent {
            kind: crate::events::model::kind::CONTENT_BULK_CHANGED,
            content_id: None,
            user_id: None,
            actor_id: None,
            data: BulkChange {
                items: report.items,
            }
            .to_data(),
        },
    )
    .await?;
    Ok(report)
}

/// Finds the users with `emails`, creating the missing ones with `role`
/// and the demo password (hashed once per run, into `hash`). Returns their
/// ids in the order of `emails` and how many were created.
async fn ensure_people(
    conn: &mut AsyncPgConnection,
    role: &str,
    emails: &[String],
    names: &[String],
    hash: &mut Option<String>,
) -> Result<(Vec<Uuid>, usize), AppError> {
    let found = ids_by_email(conn, emails).await?;
    let missing: Vec<(&String, &String)> = emails
        .iter()
        .zip(names)
        .filter(|(email, _)| !found.contains_key(email.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok((
            emails
                .iter()
                .filter_map(|e| found.get(e).copied())
                .collect(),
            0,
        ));
    }
    if hash.is_none() {
        *hash = Some(password::hash(DEMO_PASSWORD.into()).await?);
    }
    let password_hash = hash.clone().unwrap_or_default();
    let role_id = crate::users::store::role_id_by_name(conn, role).await?;
    let people: Vec<(&str, &str)> = missing
        .iter()
        .map(|(email, name)| (email.as_str(), name.as_str()))
        .collect();
    let created = crate::users::store::insert_verified_if_missing(
        conn,
        &people,
        &password_hash,
        role_id,
        Utc::now(),
    )
    .await?;
    let found = ids_by_email(conn, emails).await?;
    let ids: Vec<Uuid> = emails
        .iter()
        .filter_map(|e| found.get(e).copied())
        .collect();
    if ids.len() != emails.len() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "demo {role} accounts vanished while seeding"
        )));
    }
    Ok((ids, created))
}

async fn ids_by_email(
    conn: &mut AsyncPgConnection,
    emails: &[String],
) -> Result<HashMap<String, Uuid>, AppError> {
    Ok(crate::users::store::ids_by_email(conn, emails).await?)
}

/// Tag ids for `names`, creating the missing tags (an existing tag with
/// the same slug is reused, whoever made it).
async fn ensure_tags(
    conn: &mut AsyncPgConnection,
    names: &[String],
) -> Result<Vec<Uuid>, AppError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let slugs: Vec<String> = names.iter().map(|n| shape::slugify(n, "tag")).collect();
    let rows: Vec<NewTag<'_>> = names
        .iter()
        .zip(&slugs)
        .map(|(name, slug)| NewTag { name, slug })
        .collect();
    taxonomy::store::insert_tags_if_missing(conn, &rows).await?;
    let slug_refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let found = taxonomy::store::tag_ids_by_slug(conn, &slug_refs).await?;
    Ok(slugs.iter().filter_map(|s| found.get(s).copied()).collect())
}

/// Creates the demo category tree where missing; returns how many
/// categories it has and the ids of its leaves (where articles go).
async fn ensure_categories(conn: &mut AsyncPgConnection) -> Result<(usize, Vec<Uuid>), AppError> {
    let roots: Vec<(String, &str)> = CATEGORY_TREE
        .iter()
        .map(|(name, _)| (shape::slugify(name, "category"), *name))
        .collect();
    let root_ids = ensure_category_level(
        conn,
        &roots
            .iter()
            .map(|(s, n)| (s.as_str(), *n, None))
            .collect::<Vec<_>>(),
    )
    .await?;
    let mut children = Vec::new();
    for ((_, kids), parent) in CATEGORY_TREE.iter().zip(&root_ids) {
        for kid in *kids {
            children.push((shape::slugify(kid, "category"), *kid, Some(*parent)));
        }
    }
    let leaves = ensure_category_level(
        conn,
        &children
            .iter()
            .map(|(s, n, p)| (s.as_str(), *n, *p))
            .collect::<Vec<_>>(),
    )
    .await?;
    Ok((root_ids.len() + leaves.len(), leaves))
}

/// Ids of categories `(slug, name, parent)`, creating the missing ones.
async fn ensure_category_level(
    conn: &mut AsyncPgConnection,
    wanted: &[(&str, &str, Option<Uuid>)],
) -> Result<Vec<Uuid>, AppError> {
    let rows: Vec<NewCategory<'_>> = wanted
        .iter()
        .map(|(slug, name, parent)| NewCategory {
            name,
            slug,
            description: "",
            parent_id: *parent,
        })
        .collect();
    taxonomy::store::insert_categories_if_missing(conn, &rows).await?;
    let slugs: Vec<&str> = wanted.iter().map(|(slug, _, _)| *slug).collect();
    let found = taxonomy::store::category_ids_by_slug(conn, &slugs).await?;
    let ids: Vec<Uuid> = slugs
        .iter()
        .filter_map(|s| found.get(*s).copied())
        .collect();
    if ids.len() != wanted.len() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "demo categories vanished while seeding"
        )));
    }
    Ok(ids)
}

/// What every batch resolves plan indices against.
struct BatchContext<'a> {
    type_id: Uuid,
    authors: &'a [Uuid],
    editors: &'a [Uuid],
    tags: &'a [Uuid],
    categories: &'a [Uuid],
    now: DateTime<Utc>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    items: usize,
    published: usize,
    in_review: usize,
    versions: usize,
}

impl Counts {
    fn add(self, other: Counts) -> Counts {
        Counts {
            items: self.items + other.items,
            published: self.published + other.published,
            in_review: self.in_review + other.in_review,
            versions: self.versions + other.versions,
        }
    }
}

/// Writes one batch of articles and all their versions in one transaction.
/// Articles are numbered from `first_number` (the number ends the slug).
async fn write_batch(
    db: &Db,
    ctx: &BatchContext<'_>,
    first_number: usize,
    plans: Vec<ArticlePlan>,
) -> Result<Counts, AppError> {
    let pick = |ids: &[Uuid], i: usize| ids.get(i).copied();
    let mut slugs: Vec<String> = plans
        .iter()
        .enumerate()
        .map(|(k, plan)| {
            let base = shape::slugify(&plan.title, "article");
            // Keep room for the number within the slug length limit.
            let base = base
                .get(..150)
                .map_or(base.as_str(), |b| b.trim_end_matches('-'));
            format!("{base}-{}", first_number + k)
        })
        .collect();
    let ids: Vec<Uuid> = plans.iter().map(|_| Uuid::new_v4()).collect();
    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        free_slugs(conn, ctx.type_id, &mut slugs).await?;
        let at = |age: i64| ctx.now - chrono::Duration::seconds(age);
        let mut items = Vec::with_capacity(plans.len());
        let mut versions = Vec::with_capacity(plans.len() * STEPS.len());
        let mut counts = Counts::default();
        for ((plan, id), slug) in plans.iter().zip(&ids).zip(&slugs) {
            let author = pick(ctx.authors, plan.author);
            let editor = pick(ctx.editors, plan.editor);
            let last = plan.ages.last().copied().unwrap_or(0);
            let working = i32::try_from(plan.stage.steps().len()).unwrap_or(1);
            let live = (plan.stage == Stage::Published).then_some(working);
            let published_at = live.map(|_| at(last));
            items.push(ImportedItem {
                id: *id,
                type_id: ctx.type_id,
                author_id: author.unwrap_or_default(),
                slug,
                status: plan.stage.status(),
                working_version: working,
                live_version: live,
                published_at,
                first_published_at: published_at,
                created_at: at(plan.ages.iter().copied().next().unwrap_or(0)),
                updated_at: at(last),
            });
            let tag_ids: Vec<Uuid> = plan
                .tags
                .iter()
                .filter_map(|&t| pick(ctx.tags, t))
                .collect();
            for (n, ((event, status), age)) in plan.stage.steps().iter().zip(&plan.ages).enumerate()
            {
                let (body, reading_time) = if n == 0 {
                    (plan.draft_body.as_str(), plan.draft_reading_time)
                } else {
                    (plan.body.as_str(), plan.reading_time)
                };
                versions.push(NewContentVersion {
                    content_id: *id,
                    version: i32::try_from(n + 1).unwrap_or(1),
                    event,
                    status,
                    // Rich text is stored sanitized in both body columns;
                    // the paragraphs were sanitized when the pool was made.
                    content: Snapshot {
                        title: plan.title.clone(),
                        slug: slug.clone(),
                        excerpt: plan.excerpt.clone(),
                        body: body.to_string(),
                        body_format: BodyFormat::RichText,
                        body_html: body.to_string(),
                        reading_time,
                        category_id: pick(ctx.categories, plan.category),
                        tag_ids: TagIds(tag_ids.clone()),
                        fields: serde_json::Value::Object(serde_json::Map::new()),
                        locale: "en".to_string(),
                        seo_title: String::new(),
                        seo_description: String::new(),
                        canonical_url: None,
                        no_index: false,
                    },
                    note: None,
                    actor_id: if matches!(*event, "approve" | "publish") {
                        editor
                    } else {
                        author
                    },
                    created_at: Some(at(*age)),
                });
            }
            counts.items += 1;
            counts.published += usize::from(plan.stage == Stage::Published);
            counts.in_review += usize::from(plan.stage == Stage::InReview);
        }
        counts.versions = versions.len();
        // Items first: versions reference them. The items' pointers to
        // their versions are deferred to the commit.
        items::store::insert_imported(conn, &items).await?;
        for chunk in versions.chunks(VERSION_ROWS_PER_STATEMENT) {
            crate::content::history::store::insert_versions(conn, chunk).await?;
        }
        // A current slug must not also be an old slug of another item.
        items::store::remove_redirects(conn, ctx.type_id, &slugs).await?;
        Ok(counts)
    })
    .await
}

/// Replaces slugs already taken in the type by the slug plus a short
/// random suffix. Numbered demo slugs only collide with content someone
/// named like them, so this almost never changes anything.
async fn free_slugs(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slugs: &mut [String],
) -> Result<(), AppError> {
    for _ in 0..5 {
        let taken: HashSet<String> = items::store::slugs_taken(conn, type_id, slugs)
            .await?
            .into_iter()
            .collect();
        if taken.is_empty() {
            return Ok(());
        }
        for slug in slugs.iter_mut().filter(|s| taken.contains(s.as_str())) {
            let suffix = Uuid::new_v4().simple().to_string();
            *slug = format!("{slug}-{}", &suffix[..6]);
        }
    }
    Err(AppError::Conflict(
        "cannot find free slugs for the demo articles".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans(seed: u64, n: usize) -> Vec<ArticlePlan> {
        let mut generator = Generator::new(seed, 100, DEMO_EDITORS, 50, 12);
        (0..n).map(|_| generator.article()).collect()
    }

    #[test]
    fn the_same_seed_makes_the_same_articles() {
        assert_eq!(plans(42, 50), plans(42, 50));
        assert_ne!(plans(42, 50), plans(43, 50));
        assert_eq!(display_names(7, 20), display_names(7, 20));
        assert_ne!(item_seed(42, 0), item_seed(42, 1000));
        assert_eq!(item_seed(42, 0), 42);
    }

    #[test]
    fn bodies_are_about_four_kilobytes_of_sanitized_html() {
        for plan in plans(1, 200) {
            assert!(
                (3_800..=5_000).contains(&plan.body.len()),
                "{}",
                plan.body.len()
            );
            assert!(plan.body.starts_with(&plan.draft_body));
            assert!(plan.draft_body.len() < plan.body.len());
            assert_eq!(render::sanitize_html(&plan.body), plan.body);
            assert_eq!(plan.reading_time, render::reading_time_minutes(&plan.body));
            assert!(plan.reading_time >= 2, "{}", plan.reading_time);
        }
    }

    #[test]
    fn articles_have_valid_slugs_distinct_tags_and_ordered_versions() {
        let plans = plans(5, 2_000);
        let published = plans.iter().filter(|p| p.stage == Stage::Published).count();
        assert!((1_700..=1_900).contains(&published), "{published}");
        for plan in &plans {
            assert!(shape::is_slug(&format!(
                "{}-10000",
                shape::slugify(&plan.title, "article")
            )));
            assert_eq!(plan.excerpt.split_whitespace().count(), 10);
            let tags: HashSet<_> = plan.tags.iter().collect();
            assert_eq!(tags.len(), TAGS_PER_ITEM);
            assert!(plan.tags.iter().all(|&t| t < 50));
            assert_eq!(plan.ages.len(), plan.stage.steps().len());
            assert!(plan.ages.windows(2).all(|w| w[0] > w[1]));
            assert!(plan.ages[0] <= SPREAD_SECS && plan.ages[plan.ages.len() - 1] > 0);
        }
    }

    #[test]
    fn tag_names_make_distinct_slugs() {
        let slugs: HashSet<String> = tag_names(300)
            .iter()
            .map(|n| shape::slugify(n, "tag"))
            .collect();
        assert_eq!(slugs.len(), 300);
        assert!(slugs.iter().all(|s| shape::is_slug(s)));
        assert_eq!(author_email(0), "author-001@demo.vellum.test");
    }
}
