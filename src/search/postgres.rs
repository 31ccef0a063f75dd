//! The search engine on PostgreSQL: the documents and vocabulary the
//! database keeps itself (see the search migration), read with full-text
//! queries, `ts_rank_cd`, `ts_headline` and `pg_trgm`. All search SQL is
//! here; `SearchRequest`s come in, hits and counts go out.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{Array, BigInt, Bool, Double, Nullable, Text, Timestamptz};
use diesel_async::RunQueryDsl;
use uuid::Uuid;

use crate::content::items::model::Visibility;
use crate::db::Db;
use crate::error::AppError;
use crate::search::SearchIndex;
use crate::search::model::{
    FacetRequest, Hit, MARK_END, MARK_START, Matching, SearchFilter, SearchRequest, Summary,
};

/// Weights of the D, C, B and A parts of a document: a title match counts
/// five times a body match.
const WEIGHTS: &str = "{0.1, 0.2, 0.4, 1.0}";
/// `ts_rank_cd` normalisation: divided by 1 + log(length) (1), then
/// mapped into 0..1 (32).
const NORMALISATION: i32 = 1 | 32;
/// Candidates ranked per search at most (see [`hits_sql`]): results
/// page this far, `totalCount` and facets count every match.
pub(crate) const RANK_WINDOW: usize = 1000;
/// Recency adds up to a quarter to a score, halving every month of age.
const RECENCY: &str = "(1.0 + 0.25 / (1.0 + greatest(extract(epoch FROM (NOW_REF - s.ranked_at))::float8, 0) / 2592000.0))";

/// A value bound to a placeholder.
enum Bind {
    Text(String),
    Texts(Vec<String>),
    Uuid(Uuid),
    Uuids(Vec<Uuid>),
    Float(f64),
    Bool(bool),
    At(DateTime<Utc>),
    Int(i64),
}

/// SQL text and its bound values, placeholders numbered as they are added.
#[derive(Default)]
struct Sql {
    binds: Vec<Bind>,
}

impl Sql {
    /// A placeholder for `value`.
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    fn query(self, text: &str) -> BoxedSqlQuery<'static, Pg, SqlQuery> {
        let mut query = diesel::sql_query(text.to_string()).into_boxed::<Pg>();
        for bind in self.binds {
            query = match bind {
                Bind::Text(v) => query.bind::<Text, _>(v),
                Bind::Texts(v) => query.bind::<Array<Text>, _>(v),
                Bind::Uuid(v) => query.bind::<diesel::sql_types::Uuid, _>(v),
                Bind::Uuids(v) => query.bind::<Array<diesel::sql_types::Uuid>, _>(v),
                Bind::Float(v) => query.bind::<Double, _>(v),
                Bind::Bool(v) => query.bind::<Bool, _>(v),
                Bind::At(v) => query.bind::<Timestamptz, _>(v),
                Bind::Int(v) => query.bind::<BigInt, _>(v),
            };
        }
        query
    }
}

/// The pieces of a search statement that depend on how it matches.
struct Parts {
    /// Common table expressions the match needs (after `WITH RECURSIVE`).
    ctes: String,
    /// What documents are read from (aliased `s`).
    from: String,
    /// The match condition.
    matches: String,
    /// The relevance of a candidate: its document `s` and match `c`.
    rank: String,
    /// Added to the score after recency and boosts: the tier a candidate
    /// is in (titles matching the whole query first).
    tier: &'static str,
    /// The order candidates are taken in: only the first [`RANK_WINDOW`]
    /// are ranked.
    window: &'static str,
    /// Extra columns candidates carry.
    carry: &'static str,
}

fn parts(sql: &mut Sql, request: &SearchRequest) -> Parts {
    match &request.matching {
        Matching::FullText { query, titles } => {
            // The configurations (languages) to search in: the locale's, or
            // every one the documents use.
            let configs = match &request.filter.locale {
                Some(locale) => format!(
                    "(VALUES (vellum_search_config({}))) c (config)",
                    sql.bind(Bind::Text(locale.clone()))
                ),
                None => "vellum_search_configs() c (config)".to_string(),
            };
            let head = sql.bind(Bind::Text(query.head.clone()));
            let prefix = sql.bind(Bind::Text(query.prefix.clone()));
            let or = sql.bind(Bind::Bool(query.prefix_or));
            // Materialised: one query per language, looked up in the index.
            let ctes = format!(
                "q AS MATERIALIZED (SELECT c.config, vellum_search_query(c.config, {head}, {prefix}, {or}) AS query \
                 FROM {configs})"
            );
            let from = "content_search s JOIN q ON q.config = s.config".to_string();
            if *titles {
                // Autocompletion matches titles only: their own small
                // vectors and index, not the whole document's.
                return Parts {
                    ctes,
                    from,
                    matches: "s.title_document @@ q.query".into(),
                    rank: format!("ts_rank_cd(s.title_document, c.query, {NORMALISATION})::float8"),
                    tier: "0.0",
                    window: "s.ranked_at DESC, s.content_id",
                    carry: ", q.query AS query",
                };
            }
            Parts {
                ctes,
                from,
                matches: "s.document @@ q.query".into(),
                rank: format!(
                    "ts_rank_cd('{WEIGHTS}', s.document, c.query, {NORMALISATION})::float8"
                ),
                // A title that matches the whole query puts the item above
                // every item matching in its text only, whatever its
                // recency and boost (as an attribute outranks custom
                // ranking in Algolia).
                tier: "CASE WHEN s.title_document @@ c.query THEN 100.0 ELSE 0.0 END",
                window: "(s.title_document @@ q.query) DESC, s.ranked_at DESC, s.content_id",
                carry: ", q.query AS query",
            }
        }
        Matching::Similar(text) => {
            let text = sql.bind(Bind::Text(text.clone()));
            Parts {
                ctes: String::new(),
                from: "content_search s".into(),
                matches: format!("{text} <% s.title"),
                rank: format!("word_similarity({text}, s.title)::float8"),
                tier: "0.0",
                window: "s.ranked_at DESC, s.content_id",
                carry: "",
            }
        }
    }
}

/// Which documents a caller searches: the one rule of
/// `content::service::visibility`, on search documents.
fn visible(sql: &mut Sql, visibility: Visibility) -> String {
    match visibility {
        Visibility::Public => "s.is_live".into(),
        Visibility::Own(user) => {
            let user = sql.bind(Bind::Uuid(user));
            format!(
                "((s.is_working AND s.author_id = {user}) OR (s.is_live AND s.author_id <> {user}))"
            )
        }
        Visibility::All => "s.is_working".into(),
    }
}

fn filtered(sql: &mut Sql, filter: &SearchFilter) -> String {
    let mut out = String::new();
    let mut any = |sql: &mut Sql, column: &str, ids: &Option<Vec<Uuid>>| {
        if let Some(ids) = ids {
            let ids = sql.bind(Bind::Uuids(ids.clone()));
            out.push_str(&format!(" AND {column} = ANY ({ids})"));
        }
    };
    any(sql, "s.type_id", &filter.type_ids);
    any(sql, "s.category_id", &filter.category_ids);
    any(sql, "s.author_id", &filter.author_ids);
    if let Some(ids) = &filter.tag_ids {
        let ids = sql.bind(Bind::Uuids(ids.clone()));
        out.push_str(&format!(" AND s.tag_ids && {ids}"));
    }
    if let Some(locale) = &filter.locale {
        let locale = sql.bind(Bind::Text(locale.clone()));
        out.push_str(&format!(" AND s.locale = {locale}"));
    }
    if let Some(at) = filter.published_from {
        let at = sql.bind(Bind::At(at));
        out.push_str(&format!(" AND s.published_at >= {at}"));
    }
    if let Some(at) = filter.published_to {
        let at = sql.bind(Bind::At(at));
        out.push_str(&format!(" AND s.published_at < {at}"));
    }
    out
}

/// The score of a candidate `s`: relevance, recency and the type's boost,
/// plus its tier.
fn score(sql: &mut Sql, request: &SearchRequest, parts: &Parts) -> String {
    let now = sql.bind(Bind::At(request.now));
    let mut score = format!("{} * {}", parts.rank, RECENCY.replace("NOW_REF", &now));
    if !request.boosts.is_empty() {
        let mut case = String::from(" * CASE s.type_id");
        for boost in &request.boosts {
            let id = sql.bind(Bind::Uuid(boost.type_id));
            let factor = sql.bind(Bind::Float(boost.factor));
            case.push_str(&format!(" WHEN {id} THEN {factor}"));
        }
        case.push_str(" ELSE 1.0 END");
        score.push_str(&case);
    }
    format!("{score} + {}", parts.tier)
}

/// The documents a request matches as a `SELECT` (`columns` of `s`), and
/// the common table expressions it needs.
fn matched(sql: &mut Sql, request: &SearchRequest, parts: &Parts, columns: &str) -> String {
    let visible = visible(sql, request.visibility);
    let filters = filtered(sql, &request.filter);
    format!(
        "SELECT {columns} FROM {from} WHERE {matches} AND {visible}{filters}",
        from = parts.from,
        matches = parts.matches,
    )
}

fn with(ctes: &str, more: &str) -> String {
    match (ctes.is_empty(), more.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("WITH RECURSIVE {ctes} "),
        (true, false) => format!("WITH RECURSIVE {more} "),
        (false, false) => format!("WITH RECURSIVE {ctes}, {more} "),
    }
}

/// The statement for a page of hits. Ranking reads each candidate's whole
/// document, so only the first [`RANK_WINDOW`] candidates are ranked:
/// titles matching the whole query first, then the most recent.
fn hits_sql(request: &SearchRequest) -> (String, Sql) {
    let mut sql = Sql::default();
    let parts = parts(&mut sql, request);
    let mut candidates = matched(
        &mut sql,
        request,
        &parts,
        // Keys only: the window's sort must not carry whole documents.
        &format!("s.content_id, s.version{}", parts.carry),
    );
    candidates.push_str(&format!(" ORDER BY {} LIMIT {RANK_WINDOW}", parts.window));
    let score = score(&mut sql, request, &parts);
    let query = if parts.carry.is_empty() {
        ""
    } else {
        ", c.query"
    };
    let keyset = match request.after {
        Some((score, id)) => {
            let score = sql.bind(Bind::Float(score));
            let id = sql.bind(Bind::Uuid(id));
            format!("WHERE score < {score} OR (score = {score} AND content_id > {id})")
        }
        None => String::new(),
    };
    let limit = sql.bind(Bind::Int(request.limit));
    let marks = format!("translate({{}}, '{MARK_START}{MARK_END}', '')");
    let (title, snippet) = match request.matching {
        Matching::FullText { .. } => (
            format!(
                "ts_headline(h.config, {}, h.query, 'HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}')",
                marks.replace("{}", "h.title")
            ),
            format!(
                "ts_headline(h.config, {}, h.query, 'MaxFragments=2, MinWords=8, MaxWords=24, \
                 FragmentDelimiter=\" … \", StartSel={MARK_START}, StopSel={MARK_END}')",
                marks.replace("{}", "vellum_html_text(v.body_html)")
            ),
        ),
        Matching::Similar(_) => (
            marks.replace("{}", "h.title"),
            marks.replace("{}", "left(vellum_html_text(v.body_html), 600)"),
        ),
    };
    let text = format!(
        "{with}SELECT h.content_id, h.version, h.score, {title} AS title, {snippet} AS snippet \
         FROM (SELECT * FROM (SELECT s.content_id, s.version, s.config, s.title{query}, {score} AS score \
         FROM ({candidates}) c JOIN content_search s ON s.content_id = c.content_id AND s.version = c.version) ranked {keyset} ORDER BY score DESC, content_id LIMIT {limit}) h \
         JOIN content_versions v ON v.content_id = h.content_id AND v.version = h.version \
         ORDER BY h.score DESC, h.content_id",
        with = with(&parts.ctes, ""),
    );
    (text, sql)
}

/// The statement counting hits and facet values (every match, not only
/// the ranked window).
fn summary_sql(request: &SearchRequest, facets: FacetRequest) -> (String, Sql) {
    let mut sql = Sql::default();
    let parts = parts(&mut sql, request);
    let ranked = matched(
        &mut sql,
        request,
        &parts,
        "s.type_id, s.author_id, s.category_id, s.tag_ids, s.published_at",
    );
    let ctes = parts.ctes;
    let mut text = format!(
        "{with}SELECT 'total' AS facet, NULL::uuid AS id, NULL::timestamptz AS at, count(*) AS n FROM hits",
        with = with(&ctes, &format!("hits AS MATERIALIZED ({ranked})")),
    );
    let mut group = |facet: &str, column: &str| {
        text.push_str(&format!(
            " UNION ALL SELECT '{facet}', {column}, NULL, count(*) FROM hits WHERE {column} IS NOT NULL GROUP BY {column}"
        ));
    };
    if facets.types {
        group("type", "type_id");
    }
    if facets.authors {
        group("author", "author_id");
    }
    if facets.categories {
        group("category", "category_id");
    }
    if facets.tags {
        let limit = sql.bind(Bind::Int(facets.tag_limit));
        text.push_str(&format!(
            " UNION ALL (SELECT 'tag', t.id, NULL, count(*) FROM hits CROSS JOIN LATERAL unnest(hits.tag_ids) t (id) \
             GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT {limit})"
        ));
    }
    if let Some(interval) = facets.published {
        let interval = sql.bind(Bind::Text(interval.as_sql().into()));
        text.push_str(&format!(
            " UNION ALL SELECT 'published', NULL, date_trunc({interval}, published_at, 'UTC'), count(*) \
             FROM hits WHERE published_at IS NOT NULL GROUP BY 3"
        ));
    }
    (text, sql)
}

#[derive(diesel::QueryableByName)]
struct HitRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    content_id: Uuid,
    #[diesel(sql_type = Double)]
    score: f64,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    snippet: String,
}

#[derive(diesel::QueryableByName)]
struct CountRow {
    #[diesel(sql_type = Text)]
    facet: String,
    #[diesel(sql_type = Nullable<diesel::sql_types::Uuid>)]
    id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    at: Option<DateTime<Utc>>,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(diesel::QueryableByName)]
struct WordRow {
    #[diesel(sql_type = Text)]
    word: String,
    #[diesel(sql_type = Bool)]
    known: bool,
    #[diesel(sql_type = Nullable<Text>)]
    suggestion: Option<String>,
}

#[derive(diesel::QueryableByName)]
struct TermRow {
    #[diesel(sql_type = Text)]
    term: String,
    #[diesel(sql_type = BigInt)]
    docs: i64,
}

/// A word of a query checked against the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordCheck {
    pub(crate) word: String,
    /// Some live item uses the word.
    pub(crate) known: bool,
    /// The most similar word live items use, if any is similar enough.
    pub(crate) suggestion: Option<String>,
}

/// The engine over the application's own database.
pub(crate) struct PostgresIndex {
    db: Db,
}

impl PostgresIndex {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait::async_trait]
impl SearchIndex for PostgresIndex {
    async fn hits(&self, request: &SearchRequest) -> Result<Vec<Hit>, AppError> {
        let (text, sql) = hits_sql(request);
        let mut conn = self.db.conn().await?;
        let rows: Vec<HitRow> = sql.query(&text).load(&mut conn).await?;
        Ok(rows
            .into_iter()
            .map(|r| Hit {
                content_id: r.content_id,
                score: r.score,
                title: r.title,
                snippet: r.snippet,
            })
            .collect())
    }

    async fn summary(
        &self,
        request: &SearchRequest,
        facets: FacetRequest,
    ) -> Result<Summary, AppError> {
        let (text, sql) = summary_sql(request, facets);
        let mut conn = self.db.conn().await?;
        let rows: Vec<CountRow> = sql.query(&text).load(&mut conn).await?;
        let mut summary = Summary::default();
        for row in rows {
            match (row.facet.as_str(), row.id, row.at) {
                ("total", _, _) => summary.total = row.n,
                ("type", Some(id), _) => summary.types.push((id, row.n)),
                ("author", Some(id), _) => summary.authors.push((id, row.n)),
                ("category", Some(id), _) => summary.categories.push((id, row.n)),
                ("tag", Some(id), _) => summary.tags.push((id, row.n)),
                ("published", _, Some(at)) => summary.published.push((at, row.n)),
                _ => {}
            }
        }
        summary.published.sort_by_key(|(at, _)| *at);
        Ok(summary)
    }

    async fn check_words(&self, words: &[String]) -> Result<Vec<WordCheck>, AppError> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let (text, sql) = words_sql(words);
        let mut conn = self.db.conn().await?;
        let rows: Vec<WordRow> = sql.query(&text).load(&mut conn).await?;
        Ok(rows
            .into_iter()
            .map(|r| WordCheck {
                word: r.word,
                known: r.known,
                suggestion: r.suggestion,
            })
            .collect())
    }

    async fn terms(&self, prefix: &str, limit: i64) -> Result<Vec<(String, i64)>, AppError> {
        let (text, sql) = terms_sql(prefix, limit);
        let mut conn = self.db.conn().await?;
        let rows: Vec<TermRow> = sql.query(&text).load(&mut conn).await?;
        Ok(rows.into_iter().map(|r| (r.term, r.docs)).collect())
    }
}

/// The statement checking words against the vocabulary.
fn words_sql(words: &[String]) -> (String, Sql) {
    let mut sql = Sql::default();
    let list = sql.bind(Bind::Texts(words.to_vec()));
    let text = format!(
        "SELECT w.word, \
         EXISTS (SELECT 1 FROM search_terms t WHERE t.term = w.word COLLATE \"C\" AND t.docs > 0) AS known, \
         (SELECT t.term FROM search_terms t WHERE t.term % w.word AND t.docs > 0 \
          ORDER BY similarity(t.term, w.word) DESC, t.docs DESC, t.term LIMIT 1) AS suggestion \
         FROM unnest({list}::text[]) WITH ORDINALITY AS w (word, n) ORDER BY w.n"
    );
    (text, sql)
}

/// The statement listing vocabulary words starting with `prefix`.
fn terms_sql(prefix: &str, limit: i64) -> (String, Sql) {
    let mut sql = Sql::default();
    // A range on the term's bytes ("C" collation) is a scan of the
    // primary key; U+10FFFF sorts after anything that can follow.
    let from = sql.bind(Bind::Text(prefix.to_string()));
    let to = sql.bind(Bind::Text(format!("{prefix}\u{10FFFF}")));
    let limit = sql.bind(Bind::Int(limit));
    let text = format!(
        "SELECT term, docs::bigint AS docs FROM search_terms \
         WHERE term >= {from} COLLATE \"C\" AND term < {to} COLLATE \"C\" AND docs > 0 \
         ORDER BY docs DESC, term LIMIT {limit}"
    );
    (text, sql)
}

/// Leaves rebuilding search documents to the writer for the rest of the
/// transaction: for bulk writers, which call [`refresh`] once per batch.
pub(crate) async fn bulk_writes(
    conn: &mut diesel_async::AsyncPgConnection,
) -> diesel::QueryResult<()> {
    diesel::sql_query("SET LOCAL vellum.search_bulk = 'on'")
        .execute(conn)
        .await
        .map(|_| ())
}

/// Rebuilds the search documents of `ids` (and the vocabulary they move).
pub(crate) async fn refresh(
    conn: &mut diesel_async::AsyncPgConnection,
    ids: &[Uuid],
) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT vellum_search_refresh($1, false)")
        .bind::<Array<diesel::sql_types::Uuid>, _>(ids)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(diesel::QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

/// Rebuilds every search document and the vocabulary from scratch, a
/// batch of items per transaction (after changing which fields of a type
/// are text, say): how many items it went over.
pub async fn reindex(db: &Db) -> Result<usize, AppError> {
    let mut conn = db.conn().await?;
    diesel::sql_query("TRUNCATE search_terms")
        .execute(&mut conn)
        .await?;
    // Documents whose vocabulary was just dropped must not take it away
    // again: start from no documents at all.
    diesel::sql_query("TRUNCATE content_search")
        .execute(&mut conn)
        .await?;
    let mut after = Uuid::nil();
    let mut total = 0;
    loop {
        let ids: Vec<Uuid> =
            diesel::sql_query("SELECT id FROM content_items WHERE id > $1 ORDER BY id LIMIT 1000")
                .bind::<diesel::sql_types::Uuid, _>(after)
                .load::<IdRow>(&mut conn)
                .await?
                .into_iter()
                .map(|r| r.id)
                .collect();
        let Some(last) = ids.last() else {
            // Running servers drop what they cached from the old index.
            crate::events::store::bulk_changed(&mut conn, total).await?;
            return Ok(total);
        };
        after = *last;
        total += ids.len();
        refresh(&mut conn, &ids).await?;
    }
}

/// The statement a page of hits runs, with its values written in, for
/// running the very same SQL under pgbench (`vellum search-sql`).
pub(crate) fn hits_statement(request: &SearchRequest) -> String {
    let (text, sql) = hits_sql(request);
    inline(&text, &sql.binds)
}

/// As [`hits_statement`], for the count and facets.
pub(crate) fn summary_statement(request: &SearchRequest, facets: FacetRequest) -> String {
    let (text, sql) = summary_sql(request, facets);
    inline(&text, &sql.binds)
}

/// As [`hits_statement`], for checking words against the vocabulary.
pub(crate) fn words_statement(words: &[String]) -> String {
    let (text, sql) = words_sql(words);
    inline(&text, &sql.binds)
}

/// As [`hits_statement`], for vocabulary words starting with `prefix`.
pub(crate) fn terms_statement(prefix: &str, limit: i64) -> String {
    let (text, sql) = terms_sql(prefix, limit);
    inline(&text, &sql.binds)
}

/// `text` with its placeholders replaced by SQL literals, for running the
/// same statement elsewhere (the benchmark's pgbench script).
fn inline(text: &str, binds: &[Bind]) -> String {
    fn quote(s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }
    fn array(items: impl Iterator<Item = String>, ty: &str) -> String {
        format!("ARRAY[{}]::{ty}[]", items.collect::<Vec<_>>().join(", "))
    }
    let mut out = text.to_string();
    // From the highest number down, so `$1` does not eat the start of `$12`.
    for (i, bind) in binds.iter().enumerate().rev() {
        let literal = match bind {
            Bind::Text(v) => quote(v),
            Bind::Texts(v) => array(v.iter().map(|s| quote(s)), "text"),
            Bind::Uuid(v) => format!("'{v}'::uuid"),
            Bind::Uuids(v) => array(v.iter().map(|u| format!("'{u}'")), "uuid"),
            Bind::Float(v) => format!("{v:?}::float8"),
            Bind::Bool(v) => v.to_string(),
            Bind::At(v) => format!("'{}'::timestamptz", v.to_rfc3339()),
            Bind::Int(v) => v.to_string(),
        };
        out = out.replace(&format!("${}", i + 1), &literal);
    }
    out
}
