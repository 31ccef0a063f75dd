//! Search in GraphQL: `search`, `searchSuggest`, `searchInsights` and
//! `recordSearchClick`.

use std::collections::HashMap;

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::content::items::graphql::ContentNode;
use crate::content::items::loaders::{ContentLoader, ItemId};
use crate::content::service::visibility;
use crate::content::taxonomy::graphql::{CategoryNode, TagNode};
use crate::content::types::graphql::ContentTypeNode;
use crate::error::AppError;
use crate::graphql::relay;
use crate::rbac::guard::{Require, principal};
use crate::rbac::perm;
use crate::search::model::{FacetRequest, Hit, Interval, MARK_END, MARK_START, Mode};
use crate::search::service::{Facets, FilterArgs, Outcome, SearchArgs, SearchService};
use crate::users::graphql::UserNode;

/// A calendar day, `YYYY-MM-DD`.
#[derive(Clone, Copy)]
pub(crate) struct Date(NaiveDate);

#[async_graphql::Scalar(
    name = "Date",
    specified_by_url = "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"
)]
impl async_graphql::ScalarType for Date {
    fn parse(value: async_graphql::Value) -> async_graphql::InputValueResult<Self> {
        match &value {
            async_graphql::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| async_graphql::InputValueError::custom("must be a date, YYYY-MM-DD")),
            _ => Err(async_graphql::InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> async_graphql::Value {
        async_graphql::Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// Longest highlight tag, in characters.
const MAX_TAG_CHARS: usize = 100;

/// What narrows a search; each list matches any of its values.
#[derive(InputObject, Default)]
pub(crate) struct SearchFilterInput {
    /// Content type API ids.
    types: Option<Vec<String>>,
    /// Categories, each with its descendants.
    categories: Option<Vec<Uuid>>,
    /// Tags (items with any of them).
    tags: Option<Vec<Uuid>>,
    /// Authors.
    authors: Option<Vec<Uuid>>,
    /// Language tag of the items (also picks the language queries are
    /// stemmed in).
    locale: Option<String>,
    /// Published at or after.
    published_after: Option<DateTime<Utc>>,
    /// Published before.
    published_before: Option<DateTime<Utc>>,
}

impl From<SearchFilterInput> for FilterArgs {
    fn from(f: SearchFilterInput) -> Self {
        Self {
            types: f.types,
            categories: f.categories,
            tags: f.tags,
            authors: f.authors,
            locale: f.locale,
            published_after: f.published_after,
            published_before: f.published_before,
        }
    }
}

/// A content type ranked higher (factor above 1) or lower (below 1).
#[derive(InputObject)]
pub(crate) struct SearchBoostInput {
    /// Content type API id.
    #[graphql(name = "type")]
    type_api_id: String,
    /// Factor on the score, 0 to 10.
    factor: f64,
}

/// A published-date histogram bucket.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub(crate) enum SearchDateInterval {
    Day,
    Week,
    Month,
    Year,
}

/// Which facets to count over all results.
#[derive(InputObject)]
pub(crate) struct SearchFacetsInput {
    /// Results per content type.
    #[graphql(default = true)]
    types: bool,
    /// Results per category, each counting its descendants' too.
    #[graphql(default = true)]
    categories: bool,
    /// Results per tag (the most used first).
    #[graphql(default = true)]
    tags: bool,
    /// Results per author.
    #[graphql(default = true)]
    authors: bool,
    /// The published-date histogram's bucket (null: no histogram).
    #[graphql(default_with = "Some(SearchDateInterval::Month)")]
    published: Option<SearchDateInterval>,
    /// Most tags listed, 1 to 100.
    #[graphql(default = 20)]
    tag_limit: i32,
}

impl SearchFacetsInput {
    fn request(&self) -> Result<FacetRequest, AppError> {
        if !(1..=100).contains(&self.tag_limit) {
            return Err(AppError::bad_input(
                "facets.tagLimit",
                "must be between 1 and 100",
            ));
        }
        Ok(FacetRequest {
            types: self.types,
            categories: self.categories,
            tags: self.tags,
            authors: self.authors,
            published: self.published.map(|i| match i {
                SearchDateInterval::Day => Interval::Day,
                SearchDateInterval::Week => Interval::Week,
                SearchDateInterval::Month => Interval::Month,
                SearchDateInterval::Year => Interval::Year,
            }),
            tag_limit: i64::from(self.tag_limit),
        })
    }
}

/// How matches are marked in highlights. Text around them is always
/// HTML-escaped; the tags are written as given.
#[derive(InputObject)]
pub(crate) struct SearchHighlightInput {
    /// Written before a match.
    #[graphql(default_with = "String::from(\"<mark>\")")]
    pre_tag: String,
    /// Written after a match.
    #[graphql(default_with = "String::from(\"</mark>\")")]
    post_tag: String,
}

/// The tags around matches.
#[derive(Clone)]
struct Tags {
    pre: String,
    post: String,
}

impl Tags {
    fn of(input: Option<SearchHighlightInput>) -> Result<Self, AppError> {
        let input = input.unwrap_or(SearchHighlightInput {
            pre_tag: "<mark>".into(),
            post_tag: "</mark>".into(),
        });
        for (field, tag) in [
            ("highlight.preTag", &input.pre_tag),
            ("highlight.postTag", &input.post_tag),
        ] {
            if tag.chars().count() > MAX_TAG_CHARS {
                return Err(AppError::bad_input(
                    field,
                    format!("must be at most {MAX_TAG_CHARS} characters"),
                ));
            }
        }
        Ok(Self {
            pre: input.pre_tag,
            post: input.post_tag,
        })
    }

    /// `marked` (with the engine's marks) as HTML: text escaped, marks
    /// replaced by the tags, runs of white space made one space.
    fn render(&self, marked: &str) -> String {
        let mut out = String::with_capacity(marked.len() + 16);
        let mut space = false;
        for c in marked.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match c {
                MARK_START => out.push_str(&self.pre),
                MARK_END => out.push_str(&self.post),
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }
}

/// A hit's title and a body excerpt, matches marked, as HTML.
#[derive(SimpleObject)]
pub(crate) struct SearchHighlights {
    /// The title.
    title: String,
    /// Up to two passages of the body around matches (its start when the
    /// body has none), joined by " … ".
    body: String,
}

/// One result.
pub(crate) struct SearchHitNode {
    content: ContentNode,
    score: f64,
    highlights: SearchHighlights,
}

#[Object(name = "SearchHit")]
impl SearchHitNode {
    /// The item, in the version the caller searched.
    async fn content(&self) -> &ContentNode {
        &self.content
    }

    /// How well the item matched (higher is better; only comparable
    /// within one search).
    async fn score(&self) -> f64 {
        self.score
    }

    /// Title and body excerpt with matches marked.
    async fn highlights(&self) -> &SearchHighlights {
        &self.highlights
    }
}

/// Hits as nodes, in order, leaving out items gone since they were found.
async fn nodes(ctx: &Context<'_>, hits: &[Hit], tags: &Tags) -> Result<Vec<(Hit, SearchHitNode)>> {
    let ids: Vec<ItemId> = hits.iter().map(|h| ItemId(h.content_id)).collect();
    let mut entries = ctx
        .data::<DataLoader<ContentLoader>>()?
        .load_many(ids)
        .await?;
    let visibility = visibility(&principal(ctx));
    Ok(hits
        .iter()
        .filter_map(|hit| {
            let entry = entries.remove(&ItemId(hit.content_id))?;
            Some((
                hit.clone(),
                SearchHitNode {
                    content: ContentNode::new(entry, visibility),
                    score: hit.score,
                    highlights: SearchHighlights {
                        title: tags.render(&hit.title),
                        body: tags.render(&hit.snippet),
                    },
                },
            ))
        })
        .collect())
}

/// Results per content type.
#[derive(SimpleObject)]
pub(crate) struct SearchTypeCount {
    #[graphql(name = "type")]
    content_type: ContentTypeNode,
    count: i64,
}

/// Results per category (its descendants' included).
#[derive(SimpleObject)]
pub(crate) struct SearchCategoryCount {
    category: CategoryNode,
    count: i64,
}

/// Results per tag.
#[derive(SimpleObject)]
pub(crate) struct SearchTagCount {
    tag: TagNode,
    count: i64,
}

/// Results per author.
#[derive(SimpleObject)]
pub(crate) struct SearchAuthorCount {
    author: UserNode,
    count: i64,
}

/// Results published in one histogram bucket.
#[derive(SimpleObject)]
pub(crate) struct SearchDateCount {
    /// The bucket's start (UTC).
    from: DateTime<Utc>,
    count: i64,
}

/// Facet counts over every result, not just the page.
#[derive(SimpleObject)]
pub(crate) struct SearchFacets {
    types: Vec<SearchTypeCount>,
    categories: Vec<SearchCategoryCount>,
    tags: Vec<SearchTagCount>,
    authors: Vec<SearchAuthorCount>,
    /// Oldest bucket first; empty buckets left out.
    published: Vec<SearchDateCount>,
}

impl From<Facets> for SearchFacets {
    fn from(f: Facets) -> Self {
        Self {
            types: f
                .types
                .into_iter()
                .map(|(t, count)| SearchTypeCount {
                    content_type: ContentTypeNode(t),
                    count,
                })
                .collect(),
            categories: f
                .categories
                .into_iter()
                .map(|(c, count)| SearchCategoryCount {
                    category: CategoryNode(c),
                    count,
                })
                .collect(),
            tags: f
                .tags
                .into_iter()
                .map(|(t, count)| SearchTagCount {
                    tag: TagNode(t),
                    count,
                })
                .collect(),
            authors: f
                .authors
                .into_iter()
                .map(|(u, count)| SearchAuthorCount {
                    author: UserNode::new(u),
                    count,
                })
                .collect(),
            published: f
                .published
                .into_iter()
                .map(|(from, count)| SearchDateCount { from, count })
                .collect(),
        }
    }
}

/// What a search says besides its hits.
pub(crate) struct SearchConnectionFields {
    outcome: Outcome,
    facets: Option<FacetRequest>,
    /// The count and facets, read once for both fields.
    summary: tokio::sync::OnceCell<(i64, Option<SearchFacetsShared>)>,
}

type SearchFacetsShared = std::sync::Arc<Facets>;

impl SearchConnectionFields {
    async fn summary(&self, ctx: &Context<'_>) -> Result<&(i64, Option<SearchFacetsShared>)> {
        self.summary
            .get_or_try_init(|| async {
                let (total, facets) = ctx
                    .data::<SearchService>()?
                    .facets(&self.outcome.request, self.facets.unwrap_or_default())
                    .await?;
                Ok::<_, async_graphql::Error>((total, facets.map(std::sync::Arc::new)))
            })
            .await
    }
}

#[Object]
impl SearchConnectionFields {
    /// How many items match in all (counted only when asked).
    async fn total_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(self.summary(ctx).await?.0)
    }

    /// Facet counts over every result (null unless `facets` was given).
    async fn facets(&self, ctx: &Context<'_>) -> Result<Option<SearchFacets>> {
        if self.facets.is_none() {
            return Ok(None);
        }
        Ok(self
            .summary(ctx)
            .await?
            .1
            .as_ref()
            .map(|f| SearchFacets::from(Facets::clone(f))))
    }

    /// The query with likely typos corrected, when the query as typed
    /// found little (first page only).
    async fn did_you_mean(&self) -> Option<&str> {
        self.outcome.did_you_mean.as_deref()
    }

    /// The query the results are for, when the query as typed found
    /// nothing and its correction did (else null).
    async fn corrected_query(&self) -> Option<&str> {
        match &self.outcome.mode {
            Mode::Corrected(text) => Some(text),
            _ => None,
        }
    }

    /// Whether the results are titles merely similar to the query (the
    /// query found nothing, corrected or not).
    async fn similar_titles(&self) -> bool {
        self.outcome.mode == Mode::Similar
    }
}

/// Autocompletion for what is being typed.
#[derive(SimpleObject)]
pub(crate) struct SearchSuggestions {
    /// Items whose titles match, the word being typed as a prefix.
    titles: Vec<SearchHitNode>,
    /// Whole queries: the text with its last word completed by words of
    /// published content, most used first.
    queries: Vec<String>,
}

/// One query's figures.
#[derive(SimpleObject)]
pub(crate) struct SearchQueryStat {
    /// The query, normalised (lowercase; addresses and long numbers masked).
    query: String,
    searches: i64,
    zero_results: i64,
    clicks: i64,
    /// Clicks per search.
    click_through_rate: f64,
    /// Mean position clicked (1 = first result), null without clicks.
    average_click_position: Option<f64>,
}

/// One day's totals.
#[derive(SimpleObject)]
pub(crate) struct SearchDayStat {
    day: Date,
    searches: i64,
    zero_results: i64,
    clicks: i64,
}

/// An item clicked in results.
pub(crate) struct SearchClickStat {
    content_id: Uuid,
    clicks: i64,
}

#[Object]
impl SearchClickStat {
    /// The item (null when gone or not visible to the caller).
    async fn content(&self, ctx: &Context<'_>) -> Result<Option<ContentNode>> {
        let entry = ctx
            .data::<DataLoader<ContentLoader>>()?
            .load_one(ItemId(self.content_id))
            .await?;
        Ok(entry.map(|e| ContentNode::of(ctx, e)))
    }

    async fn clicks(&self) -> i64 {
        self.clicks
    }
}

/// What readers searched for, found and clicked over a period (searches
/// by callers who see published content only).
#[derive(SimpleObject)]
pub(crate) struct SearchInsights {
    searches: i64,
    zero_result_searches: i64,
    clicks: i64,
    /// Clicks per search.
    click_through_rate: f64,
    /// Per day with searches, oldest first.
    days: Vec<SearchDayStat>,
    /// The most searched queries.
    top_queries: Vec<SearchQueryStat>,
    /// Queries that most often found nothing.
    zero_result_queries: Vec<SearchQueryStat>,
    /// The items most clicked in results.
    top_clicked: Vec<SearchClickStat>,
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn rate(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn query_stat(s: crate::search::analytics::QueryStat) -> SearchQueryStat {
    SearchQueryStat {
        click_through_rate: rate(s.clicks, s.searches),
        average_click_position: (s.clicks > 0).then(|| rate(s.click_positions, s.clicks)),
        query: s.query,
        searches: s.searches,
        zero_results: s.zero_results,
        clicks: s.clicks,
    }
}

/// Search queries.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Ranked full-text search over the items the caller may read (the
    /// public: published items). Web-search syntax: `"exact phrase"`,
    /// `-exclude`, `or`; the last word also matches as a prefix unless the
    /// query ends in a space. When the query finds nothing, its typo
    /// correction is searched (`correctedQuery`), then similar titles.
    /// At most 1,000 results are ranked and paged (titles matching the
    /// query first, then the most recent); `totalCount` counts all.
    #[graphql(complexity = "relay::complexity(first, None, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<SearchFilterInput>,
        boost: Option<Vec<SearchBoostInput>>,
        facets: Option<SearchFacetsInput>,
        highlight: Option<SearchHighlightInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, SearchHitNode, SearchConnectionFields>> {
        let tags = Tags::of(highlight)?;
        let facets = facets.map(|f| f.request()).transpose()?;
        let outcome = ctx
            .data::<SearchService>()?
            .search(
                &principal(ctx),
                SearchArgs {
                    query,
                    filter: filter.map(FilterArgs::from).unwrap_or_default(),
                    boosts: boost
                        .unwrap_or_default()
                        .into_iter()
                        .map(|b| (b.type_api_id, b.factor))
                        .collect(),
                    first,
                    after: after.clone(),
                },
            )
            .await?;
        let found = nodes(ctx, &outcome.hits, &tags).await?;
        let cursors: HashMap<Uuid, String> = outcome
            .hits
            .iter()
            .map(|h| (h.content_id, outcome.cursor(h)))
            .collect();
        let mut connection = Connection::with_additional_fields(
            after.is_some(),
            outcome.has_next,
            SearchConnectionFields {
                outcome,
                facets,
                summary: tokio::sync::OnceCell::new(),
            },
        );
        connection
            .edges
            .extend(found.into_iter().map(|(hit, node)| {
                Edge::new(
                    cursors.get(&hit.content_id).cloned().unwrap_or_default(),
                    node,
                )
            }));
        Ok(connection)
    }

    /// Autocompletion, fast enough to call per keystroke: titles matching
    /// what is typed, and queries completing its last word.
    async fn search_suggest(
        &self,
        ctx: &Context<'_>,
        prefix: String,
        #[graphql(desc = "Most titles, and most queries, 1 to 20 (default 8).")] first: Option<i32>,
        filter: Option<SearchFilterInput>,
        highlight: Option<SearchHighlightInput>,
    ) -> Result<SearchSuggestions> {
        let tags = Tags::of(highlight)?;
        let found = ctx
            .data::<SearchService>()?
            .suggest(
                &principal(ctx),
                &prefix,
                first,
                filter.map(FilterArgs::from).unwrap_or_default(),
            )
            .await?;
        let titles = nodes(ctx, &found.titles, &tags).await?;
        Ok(SearchSuggestions {
            titles: titles.into_iter().map(|(_, node)| node).collect(),
            queries: found.queries,
        })
    }

    /// Search analytics from `from` to `to` (UTC days, both included, at
    /// most 366 days).
    #[graphql(guard = "Require(perm::SEARCH_INSIGHTS)")]
    async fn search_insights(
        &self,
        ctx: &Context<'_>,
        from: Date,
        to: Date,
        #[graphql(desc = "Rows per list, 1 to 100 (default 20).")] first: Option<i32>,
    ) -> Result<SearchInsights> {
        let insights = ctx
            .data::<SearchService>()?
            .insights(from.0, to.0, first)
            .await?;
        let searches: i64 = insights.days.iter().map(|d| d.searches).sum();
        let zero: i64 = insights.days.iter().map(|d| d.zero_results).sum();
        let clicks: i64 = insights.days.iter().map(|d| d.clicks).sum();
        Ok(SearchInsights {
            searches,
            zero_result_searches: zero,
            clicks,
            click_through_rate: rate(clicks, searches),
            days: insights
                .days
                .into_iter()
                .map(|d| SearchDayStat {
                    day: Date(d.day),
                    searches: d.searches,
                    zero_results: d.zero_results,
                    clicks: d.clicks,
                })
                .collect(),
            top_queries: insights.top_queries.into_iter().map(query_stat).collect(),
            zero_result_queries: insights
                .zero_result_queries
                .into_iter()
                .map(query_stat)
                .collect(),
            top_clicked: insights
                .top_clicked
                .into_iter()
                .map(|c| SearchClickStat {
                    content_id: c.content_id,
                    clicks: c.clicks,
                })
                .collect(),
        })
    }
}

/// A click on a search result.
#[derive(InputObject)]
pub(crate) struct RecordSearchClickInput {
    /// The query as searched.
    query: String,
    /// The item clicked.
    content_id: Uuid,
    /// Its position in the results, 1 for the first.
    position: i32,
}

/// The click was taken.
#[derive(SimpleObject)]
pub(crate) struct RecordSearchClickPayload {
    /// Always true: clicks are counted for searches by the public, and
    /// quietly not for others.
    accepted: bool,
}

/// Search mutations.
#[derive(Default)]
pub struct SearchMutation;

#[Object]
impl SearchMutation {
    /// Counts a click on a search result, for `searchInsights` (nothing
    /// about the caller is kept).
    async fn record_search_click(
        &self,
        ctx: &Context<'_>,
        input: RecordSearchClickInput,
    ) -> Result<RecordSearchClickPayload> {
        ctx.data::<SearchService>()?.clicked(
            &principal(ctx),
            &input.query,
            input.content_id,
            input.position,
        )?;
        Ok(RecordSearchClickPayload { accepted: true })
    }
}
