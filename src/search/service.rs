//! Search rules: who searches which versions, what a search may ask,
//! typo fallback, the anonymous-search cache, facet labels, analytics.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::content::items::model::Visibility;
use crate::content::service::{ContentService, visibility};
use crate::content::taxonomy::model::{Category, Tag};
use crate::content::types::model::ContentType;
use crate::error::AppError;
use crate::rbac::principal::Principal;
use crate::search::SearchIndex;
use crate::search::analytics::{Analytics, Insights};
use crate::search::model::{
    Cached, FacetRequest, Found, Hit, Matching, Mode, SearchCursor, SearchFilter, SearchRequest,
    Summary, TypeBoost,
};
use crate::search::postgres::PostgresIndex;
use crate::search::query::{self, MAX_QUERY_CHARS};
use crate::users::model::User;

/// Results per page unless asked otherwise, and at most.
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 50;
/// Fewer hits than this on a first page: look for typos.
const FEW_HITS: usize = 3;
/// Longest list in a filter, and most boosts.
const MAX_LIST: usize = 100;
const MAX_BOOSTS: usize = 20;
/// Recency is measured from the search's moment rounded down to this
/// many seconds, so the same anonymous search is one cache entry for a
/// while (recency moves a score by far less than that in ten minutes).
const NOW_STEP_SECS: i64 = 600;
/// Longest autocompletion prefix, in characters; most suggestions.
const MAX_PREFIX_CHARS: usize = 100;
const MAX_SUGGESTIONS: usize = 20;
/// Longest analytics period, in days.
const MAX_INSIGHT_DAYS: i64 = 366;

/// A search's filter as a client gives it.
#[derive(Debug, Clone, Default)]
pub(crate) struct FilterArgs {
    pub(crate) types: Option<Vec<String>>,
    pub(crate) categories: Option<Vec<Uuid>>,
    pub(crate) tags: Option<Vec<Uuid>>,
    pub(crate) authors: Option<Vec<Uuid>>,
    pub(crate) locale: Option<String>,
    pub(crate) published_after: Option<DateTime<Utc>>,
    pub(crate) published_before: Option<DateTime<Utc>>,
}

/// A search as a client asks it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchArgs {
    pub(crate) query: String,
    pub(crate) filter: FilterArgs,
    /// Content type API ids and their factors.
    pub(crate) boosts: Vec<(String, f64)>,
    pub(crate) first: Option<i32>,
    pub(crate) after: Option<String>,
}

/// A page of results.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub(crate) hits: Vec<Hit>,
    pub(crate) has_next: bool,
    pub(crate) mode: Mode,
    pub(crate) did_you_mean: Option<String>,
    /// The search as run (for counts, facets and cursors).
    pub(crate) request: SearchRequest,
}

impl Outcome {
    /// The cursor of a hit of this page.
    pub(crate) fn cursor(&self, hit: &Hit) -> String {
        SearchCursor {
            score: hit.score,
            id: hit.content_id,
            now: self.request.now,
            mode: self.mode.clone(),
        }
        .encode()
    }
}

/// Facet counts with what they count.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facets {
    pub(crate) types: Vec<(ContentType, i64)>,
    /// Each category counts its descendants' items too.
    pub(crate) categories: Vec<(Category, i64)>,
    pub(crate) tags: Vec<(Tag, i64)>,
    pub(crate) authors: Vec<(User, i64)>,
    pub(crate) published: Vec<(DateTime<Utc>, i64)>,
}

/// Autocompletion: titles, and whole queries completing the typed word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Suggestions {
    pub(crate) titles: Vec<Hit>,
    pub(crate) queries: Vec<String>,
}

/// How long a search waits for one of the [`SearchService`] slots before
/// it is answered `UNAVAILABLE` (with `Retry-After`).
const SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Search; cheap to clone.
#[derive(Clone)]
pub struct SearchService {
    index: Arc<dyn SearchIndex>,
    content: ContentService,
    analytics: Analytics,
    /// Engine calls at once: ranking is CPU work in the database, so more
    /// than a few per core only queue there, holding pool connections the
    /// rest of the API needs; a flood of searches waits here instead.
    slots: Arc<tokio::sync::Semaphore>,
}

fn bad(field: &str, message: impl Into<String>) -> AppError {
    AppError::bad_input(field, message)
}

fn capped<T>(field: &str, list: Option<Vec<T>>) -> Result<Option<Vec<T>>, AppError> {
    match list {
        Some(list) if list.len() > MAX_LIST => {
            Err(bad(field, format!("must list at most {MAX_LIST} values")))
        }
        other => Ok(other),
    }
}

impl SearchService {
    /// Search over the content `content` serves, on its database.
    pub fn new(content: ContentService) -> Self {
        let db = content.db().clone();
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            index: Arc::new(PostgresIndex::new(db.clone())),
            content,
            analytics: Analytics::new(db),
            slots: Arc::new(tokio::sync::Semaphore::new(2 * cores)),
        }
    }

    /// Runs an engine call in one of the slots.
    async fn in_slot<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        let _slot = tokio::time::timeout(SLOT_WAIT, self.slots.acquire())
            .await
            .map_err(|_| AppError::unavailable(anyhow::anyhow!("every search slot is busy")))?
            .map_err(|_| AppError::unavailable(anyhow::anyhow!("search is shutting down")))?;
        call.await
    }

    /// The analytics recorder (flushed by a background job).
    pub(crate) fn analytics(&self) -> &Analytics {
        &self.analytics
    }

    async fn filter(&self, args: FilterArgs) -> Result<SearchFilter, AppError> {
        let type_ids = match capped("filter.types", args.types)? {
            Some(types) => Some(self.content.type_ids("filter.types", &types).await?),
            None => None,
        };
        let category_ids = match capped("filter.categories", args.categories)? {
            Some(ids) => {
                let mut all = Vec::new();
                for id in ids {
                    all.extend(self.content.category_tree(id).await?);
                }
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
            None => None,
        };
        if let Some(locale) = &args.locale {
            let ok = locale.len() <= 35
                && locale.split('-').enumerate().all(|(i, part)| {
                    (if i == 0 { 2..=3 } else { 2..=8 }).contains(&part.len())
                        && part.chars().all(|c| c.is_ascii_alphanumeric())
                });
            if !ok {
                return Err(bad(
                    "filter.locale",
                    "must be a language tag such as en or pt-BR",
                ));
            }
        }
        Ok(SearchFilter {
            type_ids,
            category_ids,
            tag_ids: capped("filter.tags", args.tags)?,
            author_ids: capped("filter.authors", args.authors)?,
            locale: args.locale,
            published_from: args.published_after,
            published_to: args.published_before,
        })
    }

    async fn boosts(&self, boosts: Vec<(String, f64)>) -> Result<Vec<TypeBoost>, AppError> {
        if boosts.len() > MAX_BOOSTS {
            return Err(bad("boost", format!("at most {MAX_BOOSTS} boosts")));
        }
        if boosts.iter().any(|(_, f)| !(0.0..=10.0).contains(f)) {
            return Err(bad("boost.factor", "must be between 0 and 10"));
        }
        let api_ids: Vec<String> = boosts.iter().map(|(t, _)| t.clone()).collect();
        let ids = self.content.type_ids("boost.type", &api_ids).await?;
        Ok(ids
            .into_iter()
            .zip(boosts)
            .map(|(type_id, (_, factor))| TypeBoost { type_id, factor })
            .collect())
    }

    /// Runs `request` through the anonymous cache when the caller sees
    /// what the public sees.
    async fn cached<F, Fut>(&self, key: String, public: bool, load: F) -> Result<Cached, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Cached, AppError>>,
    {
        if !public {
            return self.in_slot(load()).await;
        }
        let cache = self.content.cache();
        if let Some(hit) = cache.get_search(&key).await {
            return Ok(hit);
        }
        let generation = cache.generation();
        let value = self.in_slot(load()).await?;
        cache.put_search(generation, key, value.clone()).await;
        Ok(value)
    }

    async fn hits(&self, request: &SearchRequest) -> Result<Arc<Found>, AppError> {
        let public = request.visibility == Visibility::Public;
        let index = self.index.clone();
        let found = self
            .cached(format!("hits|{}", request.key()), public, || async move {
                let hits = index.hits(request).await?;
                Ok(Cached::Found(Arc::new(Found { hits })))
            })
            .await?;
        match found {
            Cached::Found(found) => Ok(found),
            _ => Err(AppError::Internal(anyhow::anyhow!(
                "search cache kind mix-up"
            ))),
        }
    }

    /// Corrections for the words of `text` live content does not use.
    async fn corrections(&self, text: &str) -> Result<Vec<(String, String)>, AppError> {
        let words = query::words(text);
        let checked = self.in_slot(self.index.check_words(&words)).await?;
        Ok(checked
            .into_iter()
            .filter(|w| !w.known)
            .filter_map(|w| w.suggestion.map(|s| (w.word, s)))
            .collect())
    }

    /// A page of results for `args` as `principal` may see them.
    pub(crate) async fn search(
        &self,
        principal: &Principal,
        args: SearchArgs,
    ) -> Result<Outcome, AppError> {
        let text = args.query.trim_start().to_string();
        if text.trim().is_empty() {
            return Err(bad("query", "must not be empty"));
        }
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(
                "query",
                format!("must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let size = match args.first {
            None => DEFAULT_PAGE,
            Some(n) => usize::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_PAGE).contains(n))
                .ok_or_else(|| bad("first", format!("must be between 1 and {MAX_PAGE}")))?,
        };
        let after = match &args.after {
            Some(raw) => Some(SearchCursor::decode("after", raw)?),
            None => None,
        };
        let visibility = visibility(principal);
        let filter = self.filter(args.filter).await?;
        let boosts = self.boosts(args.boosts).await?;
        let now = after.as_ref().map_or_else(
            || {
                let secs = Utc::now().timestamp();
                DateTime::from_timestamp(secs - secs.rem_euclid(NOW_STEP_SECS), 0)
                    .unwrap_or_else(Utc::now)
            },
            |c| c.now,
        );
        let mode = after.as_ref().map_or(Mode::AsTyped, |c| c.mode.clone());
        let matching = |mode: &Mode| match mode {
            Mode::AsTyped => Matching::FullText {
                query: query::parse(&text, true),
                titles: false,
            },
            Mode::Corrected(fixed) => Matching::FullText {
                query: query::parse(fixed, true),
                titles: false,
            },
            Mode::Similar => Matching::Similar(text.trim().to_string()),
        };
        let mut request = SearchRequest {
            matching: matching(&mode),
            filter,
            boosts,
            visibility,
            now,
            after: after.as_ref().map(|c| (c.score, c.id)),
            limit: i64::try_from(size + 1).unwrap_or(i64::MAX),
        };
        let mut found = self.hits(&request).await?;
        let mut mode = mode;
        let mut did_you_mean = None;
        if after.is_none() && found.hits.len() < FEW_HITS {
            let fixes = self.corrections(&text).await?;
            if !fixes.is_empty() {
                did_you_mean = Some(query::corrected(text.trim(), &fixes));
            }
            if found.hits.is_empty() {
                let fallbacks = did_you_mean
                    .iter()
                    .map(|fixed| Mode::Corrected(fixed.clone()))
                    .chain([Mode::Similar]);
                for fallback in fallbacks {
                    request.matching = matching(&fallback);
                    found = self.hits(&request).await?;
                    if !found.hits.is_empty() {
                        mode = fallback;
                        break;
                    }
                }
                if found.hits.is_empty() {
                    request.matching = matching(&Mode::AsTyped);
                }
            }
        }
        if after.is_none() && visibility == Visibility::Public {
            self.analytics
                .searched(&query::normalised(&text), !found.hits.is_empty());
        }
        let mut hits = found.hits.clone();
        let has_next = hits.len() > size;
        hits.truncate(size);
        Ok(Outcome {
            hits,
            has_next,
            mode,
            did_you_mean,
            request,
        })
    }

    /// How many results `request` has in all, with the facets asked for.
    pub(crate) async fn facets(
        &self,
        request: &SearchRequest,
        asked: FacetRequest,
    ) -> Result<(i64, Option<Facets>), AppError> {
        let mut whole = request.clone();
        whole.after = None;
        whole.limit = 0;
        let public = whole.visibility == Visibility::Public;
        let index = self.index.clone();
        let summary = match self
            .cached(
                format!("summary|{}|{asked:?}", whole.key()),
                public,
                || async move {
                    Ok(Cached::Summary(Arc::new(
                        index.summary(&whole, asked).await?,
                    )))
                },
            )
            .await?
        {
            Cached::Summary(summary) => summary,
            _ => {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "search cache kind mix-up"
                )));
            }
        };
        let asked_any = asked.types
            || asked.categories
            || asked.tags
            || asked.authors
            || asked.published.is_some();
        if !asked_any {
            return Ok((summary.total, None));
        }
        Ok((summary.total, Some(self.label(&summary).await?)))
    }

    /// Facet counts with the types, categories, tags and authors they count.
    async fn label(&self, summary: &Summary) -> Result<Facets, AppError> {
        let (types, categories, tags) = self.catalog().await?;
        let mut rolled: HashMap<Uuid, i64> = HashMap::new();
        for (id, n) in &summary.categories {
            // Up the tree from each category; a depth bound instead of
            // trusting the tree to have no cycle.
            let mut at = Some(*id);
            for _ in 0..64 {
                let Some(current) = at else { break };
                *rolled.entry(current).or_default() += n;
                at = categories.get(&current).and_then(|c| c.parent_id);
            }
        }
        let mut category_counts: Vec<(Category, i64)> = rolled
            .into_iter()
            .filter_map(|(id, n)| categories.get(&id).map(|c| (c.clone(), n)))
            .collect();
        category_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
        let pick = |counts: &[(Uuid, i64)]| counts.to_vec();
        let mut type_counts: Vec<(ContentType, i64)> = pick(&summary.types)
            .into_iter()
            .filter_map(|(id, n)| types.get(&id).map(|t| (t.clone(), n)))
            .collect();
        type_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.api_id.cmp(&b.0.api_id)));
        let tag_counts: Vec<(Tag, i64)> = summary
            .tags
            .iter()
            .filter_map(|(id, n)| tags.get(id).map(|t| (t.clone(), *n)))
            .collect();
        let author_ids: Vec<Uuid> = summary.authors.iter().map(|(id, _)| *id).collect();
        let users = if author_ids.is_empty() {
            Vec::new()
        } else {
            let mut conn = self.content.db().conn().await?;
            crate::users::store::by_ids(&mut conn, &author_ids).await?
        };
        let mut author_counts: Vec<(User, i64)> = summary
            .authors
            .iter()
            .filter_map(|(id, n)| users.iter().find(|u| u.id == *id).map(|u| (u.clone(), *n)))
            .collect();
        author_counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.display_name.cmp(&b.0.display_name))
        });
        Ok(Facets {
            types: type_counts,
            categories: category_counts,
            tags: tag_counts,
            authors: author_counts,
            published: summary.published.clone(),
        })
    }

    /// Types, categories and tags by id: held in memory, or read now.
    async fn catalog(
        &self,
    ) -> Result<
        (
            HashMap<Uuid, ContentType>,
            HashMap<Uuid, Category>,
            HashMap<Uuid, Tag>,
        ),
        AppError,
    > {
        if let Some(held) = self.content.catalog().current().await? {
            return Ok((
                held.types.clone(),
                held.categories.clone(),
                held.tags.clone(),
            ));
        }
        let mut conn = self.content.db().conn().await?;
        let types = crate::content::types::store::types(&mut conn).await?;
        let categories = crate::content::taxonomy::store::categories(&mut conn).await?;
        let tags = crate::content::taxonomy::store::tags(&mut conn).await?;
        Ok((
            types.into_iter().map(|t| (t.id, t)).collect(),
            categories.into_iter().map(|c| (c.id, c)).collect(),
            tags.into_iter().map(|t| (t.id, t)).collect(),
        ))
    }

    /// Autocompletion for `prefix`: titles the caller may see, and
    /// queries completing the last word with words of live content.
    pub(crate) async fn suggest(
        &self,
        principal: &Principal,
        prefix: &str,
        first: Option<i32>,
        filter: FilterArgs,
    ) -> Result<Suggestions, AppError> {
        let prefix = prefix.trim_start();
        if prefix.chars().count() > MAX_PREFIX_CHARS {
            return Err(bad(
                "prefix",
                format!("must be at most {MAX_PREFIX_CHARS} characters"),
            ));
        }
        let size = match first {
            None => 8,
            Some(n) => usize::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_SUGGESTIONS).contains(n))
                .ok_or_else(|| bad("first", format!("must be between 1 and {MAX_SUGGESTIONS}")))?,
        };
        if prefix.trim().is_empty() {
            return Ok(Suggestions::default());
        }
        let visibility = visibility(principal);
        let filter = self.filter(filter).await?;
        let parsed = query::parse(prefix, true);
        let secs = Utc::now().timestamp();
        let request = SearchRequest {
            matching: Matching::FullText {
                query: parsed.clone(),
                titles: true,
            },
            filter,
            boosts: Vec::new(),
            visibility,
            now: DateTime::from_timestamp(secs - secs.rem_euclid(NOW_STEP_SECS), 0)
                .unwrap_or_else(Utc::now),
            after: None,
            limit: i64::try_from(size).unwrap_or(i64::MAX),
        };
        let titles = self.hits(&request).await?.hits.clone();
        let mut queries = Vec::new();
        let typed = parsed.prefix.to_lowercase();
        if typed.chars().count() >= 2 && typed.chars().all(char::is_alphabetic) {
            let index = self.index.clone();
            let limit = i64::try_from(size).unwrap_or(i64::MAX);
            let key = format!("terms|{typed}|{limit}");
            let terms = match self
                .cached(key, true, || async move {
                    Ok(Cached::Terms(Arc::new(index.terms(&typed, limit).await?)))
                })
                .await?
            {
                Cached::Terms(terms) => terms,
                _ => {
                    return Err(AppError::Internal(anyhow::anyhow!(
                        "search cache kind mix-up"
                    )));
                }
            };
            let head = &prefix[..prefix.len() - parsed.prefix.len()];
            queries = terms
                .iter()
                .map(|(term, _)| format!("{head}{term}"))
                .collect();
        }
        Ok(Suggestions { titles, queries })
    }

    /// Counts a click on a result (`position` 1-based) of a public search.
    pub(crate) fn clicked(
        &self,
        principal: &Principal,
        text: &str,
        content_id: Uuid,
        position: i32,
    ) -> Result<(), AppError> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(
                "input.query",
                format!("must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        if !(1..=1000).contains(&position) {
            return Err(bad("input.position", "must be between 1 and 1000"));
        }
        if visibility(principal) == Visibility::Public {
            self.analytics
                .clicked(&query::normalised(text), content_id, i64::from(position));
        }
        Ok(())
    }

    /// Analytics from `from` to `to`, both included.
    pub(crate) async fn insights(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        first: Option<i32>,
    ) -> Result<Insights, AppError> {
        if to < from {
            return Err(bad("to", "must not be before from"));
        }
        if (to - from).num_days() >= MAX_INSIGHT_DAYS {
            return Err(bad(
                "to",
                format!("a period is at most {MAX_INSIGHT_DAYS} days"),
            ));
        }
        let first = first.unwrap_or(20);
        if !(1..=100).contains(&first) {
            return Err(bad("first", "must be between 1 and 100"));
        }
        self.analytics.insights(from, to, first).await
    }
}
