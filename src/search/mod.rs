//! Search over content: ranked full-text search with highlights, facets,
//! typo tolerance and suggestions, permission-aware, plus analytics.
//!
//! The service ([`service`]) owns the rules: who searches which versions,
//! validation, typo fallback, caching, analytics. It talks to an engine
//! through [`SearchIndex`]; [`postgres`] is the one engine today, reading
//! documents PostgreSQL keeps current itself. A dedicated engine
//! (OpenSearch, Meilisearch) would be one more module implementing the
//! trait, fed from the event bus (see README, "Search at scale").

pub(crate) mod analytics;
pub mod graphql;
pub(crate) mod model;
pub(crate) mod postgres;
pub(crate) mod query;
pub mod service;

use crate::error::AppError;
use model::{FacetRequest, Hit, SearchRequest, Summary};
use postgres::WordCheck;

/// A search engine: what the service needs of one.
#[async_trait::async_trait]
pub(crate) trait SearchIndex: Send + Sync + 'static {
    /// A page of hits, best first, from `request.after` on, at most
    /// `request.limit` of them.
    async fn hits(&self, request: &SearchRequest) -> Result<Vec<Hit>, AppError>;

    /// How many documents match in all, and the facet counts asked for.
    async fn summary(
        &self,
        request: &SearchRequest,
        facets: FacetRequest,
    ) -> Result<Summary, AppError>;

    /// Whether live content uses each word, and the closest word it does
    /// use (for "did you mean").
    async fn check_words(&self, words: &[String]) -> Result<Vec<WordCheck>, AppError>;

    /// Words of live content starting with `prefix`, most used first.
    async fn terms(&self, prefix: &str, limit: i64) -> Result<Vec<(String, i64)>, AppError>;
}

pub use postgres::reindex;

/// The SQL statements an anonymous first page of `search(query: $query)`
/// runs, values written in, for running the very same SQL under pgbench:
/// the hits and the count; with `corrected`, the hits as typed (none), the
/// vocabulary check, then the hits and count of the correction. With
/// `suggest`, those of `searchSuggest(prefix: $query)`: titles and words.
pub fn public_statements(
    query: &str,
    suggest: bool,
    limit: i64,
    corrected: Option<&str>,
) -> Vec<String> {
    let text = query.trim_start();
    let request = |text: &str| model::SearchRequest {
        matching: model::Matching::FullText {
            query: query::parse(text, true),
            titles: suggest,
        },
        filter: model::SearchFilter::default(),
        boosts: Vec::new(),
        visibility: crate::content::items::model::Visibility::Public,
        now: chrono::Utc::now(),
        after: None,
        limit,
    };
    if suggest {
        let typed = query::parse(text, true).prefix.to_lowercase();
        return vec![
            postgres::hits_statement(&request(text)),
            postgres::terms_statement(&typed, limit),
        ];
    }
    let mut out = Vec::new();
    let found = match corrected {
        Some(fixed) => {
            out.push(postgres::hits_statement(&request(text)));
            out.push(postgres::words_statement(&query::words(text)));
            request(fixed)
        }
        None => request(text),
    };
    out.push(postgres::hits_statement(&found));
    out.push(postgres::summary_statement(
        &found,
        model::FacetRequest::default(),
    ));
    out
}
