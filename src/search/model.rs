//! What a search asks and what it finds, independent of the engine.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::items::model::Visibility;
use crate::error::AppError;
use crate::search::query::{MAX_QUERY_CHARS, Parsed};

/// Marks the engine puts around a highlighted stretch: characters from
/// Unicode's private use area, taken out of the text first, so that the
/// server can escape everything else and then put the caller's tags in.
pub(crate) const MARK_START: char = '\u{E000}';
/// See [`MARK_START`].
pub(crate) const MARK_END: char = '\u{E001}';

/// How hits are matched.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) enum Matching {
    /// Full-text: web-search syntax plus the word being typed; `titles`
    /// narrows the typed word to titles (autocompletion).
    FullText { query: Parsed, titles: bool },
    /// Trigram similarity of the text to titles: the typo fallback when
    /// full-text search finds nothing and nothing better is known.
    Similar(String),
}

/// What narrows a search (every list: any of).
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub(crate) struct SearchFilter {
    pub(crate) type_ids: Option<Vec<Uuid>>,
    /// Categories with their descendants.
    pub(crate) category_ids: Option<Vec<Uuid>>,
    pub(crate) tag_ids: Option<Vec<Uuid>>,
    pub(crate) author_ids: Option<Vec<Uuid>>,
    pub(crate) locale: Option<String>,
    pub(crate) published_from: Option<DateTime<Utc>>,
    pub(crate) published_to: Option<DateTime<Utc>>,
}

/// A content type ranked higher (or lower) by a factor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeBoost {
    pub(crate) type_id: Uuid,
    pub(crate) factor: f64,
}

/// One search, as the engine runs it.
#[derive(Debug, Clone)]
pub(crate) struct SearchRequest {
    pub(crate) matching: Matching,
    pub(crate) filter: SearchFilter,
    pub(crate) boosts: Vec<TypeBoost>,
    pub(crate) visibility: Visibility,
    /// The moment recency is measured from: the first page's, carried in
    /// cursors so every page of one search ranks alike.
    pub(crate) now: DateTime<Utc>,
    /// Hits after this position.
    pub(crate) after: Option<(f64, Uuid)>,
    /// Rows to read (a page and one more, to tell whether more follow).
    pub(crate) limit: i64,
}

impl SearchRequest {
    /// A key telling requests apart (for the result cache).
    pub(crate) fn key(&self) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{}|{:?}|{}",
            self.matching,
            self.filter,
            self.boosts,
            self.visibility,
            self.now.timestamp(),
            self.after.map(|(s, id)| (s.to_bits(), id)),
            self.limit
        )
    }
}

/// One hit: the item, the version searched, how well it matched, and its
/// title and a body excerpt with [`MARK_START`]/[`MARK_END`] around matches.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub(crate) content_id: Uuid,
    pub(crate) score: f64,
    pub(crate) title: String,
    pub(crate) snippet: String,
}

/// Which facets to count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct FacetRequest {
    pub(crate) types: bool,
    pub(crate) categories: bool,
    pub(crate) tags: bool,
    pub(crate) authors: bool,
    /// The published-date histogram's bucket, if wanted.
    pub(crate) published: Option<Interval>,
    /// Most tags listed.
    pub(crate) tag_limit: i64,
}

/// A histogram bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Interval {
    Day,
    Week,
    Month,
    Year,
}

impl Interval {
    /// The `date_trunc` field name.
    pub(crate) fn as_sql(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }
}

/// How many hits there are in all, and per facet value (categories by
/// their own items only; the service adds descendants).
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    pub(crate) total: i64,
    pub(crate) types: Vec<(Uuid, i64)>,
    pub(crate) categories: Vec<(Uuid, i64)>,
    pub(crate) tags: Vec<(Uuid, i64)>,
    pub(crate) authors: Vec<(Uuid, i64)>,
    pub(crate) published: Vec<(DateTime<Utc>, i64)>,
}

/// How a page of results was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The query as typed.
    AsTyped,
    /// The query with its typos corrected (it found nothing as typed).
    Corrected(String),
    /// Titles like the query (nothing found even corrected).
    Similar,
}

/// A position in a search's results: the score and id of the last hit,
/// the moment recency was measured from, and how the results were found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SearchCursor {
    pub(crate) score: f64,
    pub(crate) id: Uuid,
    pub(crate) now: DateTime<Utc>,
    pub(crate) mode: Mode,
}

impl SearchCursor {
    /// The opaque string form; the corrected query goes last (it may
    /// hold `|`). The score is kept as its bits: a page must compare
    /// against exactly the value the last one ended on.
    pub(crate) fn encode(&self) -> String {
        let (mode, text) = match &self.mode {
            Mode::AsTyped => ("t", ""),
            Mode::Corrected(text) => ("c", text.as_str()),
            Mode::Similar => ("s", ""),
        };
        let raw = format!(
            "{mode}|{:016x}|{}|{}|{text}",
            self.score.to_bits(),
            self.id,
            self.now.timestamp()
        );
        URL_SAFE_NO_PAD.encode(raw)
    }

    /// Reads a cursor made by [`SearchCursor::encode`].
    pub(crate) fn decode(field: &str, raw: &str) -> Result<Self, AppError> {
        let bad = || AppError::bad_input(field, "not a cursor from this search");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let mut parts = text.splitn(5, '|');
        let (Some(mode), Some(score), Some(id), Some(now), Some(rest)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad());
        };
        let score = u64::from_str_radix(score, 16)
            .ok()
            .map(f64::from_bits)
            .filter(|s| s.is_finite())
            .ok_or_else(bad)?;
        let id = id.parse().map_err(|_| bad())?;
        let now = now
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(bad)?;
        let mode = match mode {
            "t" if rest.is_empty() => Mode::AsTyped,
            "s" if rest.is_empty() => Mode::Similar,
            "c" if !rest.is_empty()
                && !rest.contains('\0')
                && rest.chars().count() <= MAX_QUERY_CHARS =>
            {
                Mode::Corrected(rest.to_string())
            }
            _ => return Err(bad()),
        };
        Ok(Self {
            score,
            id,
            now,
            mode,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_exactly() {
        let cursor = SearchCursor {
            score: 0.123_456_789_012_345_67,
            id: Uuid::new_v4(),
            now: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            mode: Mode::Corrected("a|b \"c\"".into()),
        };
        assert_eq!(
            SearchCursor::decode("after", &cursor.encode()).unwrap(),
            cursor
        );
        for bad in [
            "",
            "eA",
            &URL_SAFE_NO_PAD.encode("t|zz|x|1|"),
            &URL_SAFE_NO_PAD.encode(format!("t|{:016x}|{}|1|", f64::NAN.to_bits(), Uuid::nil())),
        ] {
            assert!(SearchCursor::decode("after", bad).is_err(), "{bad}");
        }
    }
}

/// A page of hits as found (one more than the page when more follow).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) hits: Vec<Hit>,
}

/// What the anonymous-search cache keeps.
#[derive(Debug, Clone)]
pub(crate) enum Cached {
    Found(std::sync::Arc<Found>),
    Summary(std::sync::Arc<Summary>),
    Terms(std::sync::Arc<Vec<(String, i64)>>),
}
