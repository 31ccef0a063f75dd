//! The demo text and shapes: deterministic from the seed.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::*;
use crate::content::render;

// ------------------------------------------------------------ generators

#[rustfmt::skip]
pub(super) const WORDS: &[&str] = &[
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
pub(super) const FIRST_NAMES: &[&str] = &[
    "Ada", "Alan", "Amara", "Ana", "Ben", "Carmen", "Chen", "Dara", "David", "Elena", "Emeka",
    "Farah", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jonas", "Kai", "Lars", "Leila", "Luca",
    "Maya", "Mei", "Nadia", "Noah", "Omar", "Priya", "Rosa", "Sam", "Sofia", "Tariq", "Uma", "Vera",
    "Yuki", "Zoe",
];

#[rustfmt::skip]
pub(super) const LAST_NAMES: &[&str] = &[
    "Abara", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ibrahim",
    "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
    "Santos", "Tanaka", "Umarov", "Varga", "Wang", "Xu", "Yilmaz", "Zhang", "Novak", "Silva",
    "Murphy", "Lindqvist", "Kim", "Singh",
];

#[rustfmt::skip]
pub(super) const TAG_NAMES: &[&str] = &[
    "Analysis", "Architecture", "Art", "Books", "Climate", "Cities", "Community", "Cooking", "Data",
    "Design", "Economy", "Education", "Elections", "Energy", "Environment", "Family", "Fashion",
    "Film", "Finance", "Food", "Football", "Gaming", "Gardening", "Health", "History", "Housing",
    "Interview", "Jobs", "Law", "Media", "Mobility", "Music", "Nature", "Oceans", "Opinion",
    "Parenting", "Photography", "Podcasts", "Politics", "Privacy", "Research", "Reviews", "Science",
    "Security", "Software", "Space", "Sport", "Startups", "Television", "Theatre", "Trade",
    "Travel", "Weather", "Wellbeing", "Wildlife", "Work",
];

/// Root categories and their children.
pub(super) const CATEGORY_TREE: &[(&str, &[&str])] = &[
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
pub(super) const STEPS: [(&str, &str); 5] = [
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

pub(super) fn word(rng: &mut StdRng) -> &'static str {
    WORDS.choose(rng).copied().unwrap_or("story")
}

pub(super) fn capitalize(word: &str) -> String {
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
pub(super) fn paragraph(rng: &mut StdRng) -> String {
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
pub(super) fn item_seed(seed: u64, existing: usize) -> u64 {
    seed ^ (existing as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content::slug;

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
            assert!(slug::is_slug(&format!(
                "{}-10000",
                slug::slugify(&plan.title, "article")
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
            .map(|n| slug::slugify(n, "tag"))
            .collect();
        assert_eq!(slugs.len(), 300);
        assert!(slugs.iter().all(|s| slug::is_slug(s)));
        assert_eq!(author_email(0), "author-001@demo.vellum.test");
    }
}
