//! Keyset pagination shared by stores, services and the GraphQL layer:
//! `first/after/last/before` checked once, opaque cursors, and the
//! limit + 1 fetch that tells whether more rows follow. Knows nothing of
//! GraphQL, so the store layer never imports `crate::graphql`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::AppError;

/// Largest page a client may ask for.
pub const MAX_PAGE: usize = 100;
/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE: usize = 20;

/// The earliest instant PostgreSQL's `timestamptz` holds (4714-11-24 BC,
/// Julian day 0), in microseconds since 1970. Its latest (294276 AD) lies
/// beyond what `chrono` can hold, so decoding already refuses it.
const PG_MIN_MICROS: i64 = -210_866_803_200_000_000;

/// A cursor's timestamp as a value the database can compare with, or
/// `None`: a forged cursor must be bad input, not a failing query.
pub fn cursor_time(micros: &str) -> Option<DateTime<Utc>> {
    micros
        .parse::<i64>()
        .ok()
        .filter(|m| *m >= PG_MIN_MICROS)
        .and_then(DateTime::from_timestamp_micros)
}

/// A position in a list ordered by (timestamp, id): stable under inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The ordering timestamp.
    pub at: DateTime<Utc>,
    /// The tie-breaking id.
    pub id: Uuid,
}

/// A cursor type a [`Page`] can decode from its `after`/`before` argument.
pub trait PageCursor: Sized {
    /// Parses a cursor; `field` names the argument for the error.
    fn decode(field: &str, raw: &str) -> Result<Self, AppError>;
}

impl PageCursor for Cursor {
    fn decode(field: &str, raw: &str) -> Result<Self, AppError> {
        Cursor::decode(field, raw)
    }
}

impl Cursor {
    /// The opaque string form.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}", self.at.timestamp_micros(), self.id))
    }

    /// Parses a cursor; `field` names the argument for the error.
    pub fn decode(field: &str, raw: &str) -> Result<Self, AppError> {
        let bad = || AppError::bad_input(field, "not a cursor from this list");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let (micros, id) = text.split_once('|').ok_or_else(bad)?;
        let at = cursor_time(micros).ok_or_else(bad)?;
        let id = id.parse().map_err(|_| bad())?;
        Ok(Self { at, id })
    }
}

/// Which way a page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `first`/`after`: ascending from the cursor.
    Forward,
    /// `last`/`before`: descending from the cursor, then reversed.
    Backward,
}

/// A validated page request, over lists ordered by [`Cursor`] unless a
/// list names its own cursor type.
#[derive(Debug, Clone, Copy)]
pub struct Page<C = Cursor> {
    /// Rows wanted.
    pub size: usize,
    /// Start after (forward) or before (backward) this position.
    pub cursor: Option<C>,
    /// Reading direction.
    pub direction: Direction,
}

impl<C: PageCursor> Page<C> {
    /// Checks `first/after/last/before` once for every connection.
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Self, AppError> {
        if first.is_some() && last.is_some() {
            return Err(AppError::bad_input(
                "last",
                "use either first or last, not both",
            ));
        }
        if after.is_some() && before.is_some() {
            return Err(AppError::bad_input(
                "before",
                "use either after or before, not both",
            ));
        }
        let size = |field: &str, n: i32| -> Result<usize, AppError> {
            usize::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_PAGE).contains(n))
                .ok_or_else(|| {
                    AppError::bad_input(field, format!("must be between 1 and {MAX_PAGE}"))
                })
        };
        let backward = last.is_some() || before.is_some();
        let page_size = match (first, last) {
            (Some(n), _) => size("first", n)?,
            (_, Some(n)) => size("last", n)?,
            _ => DEFAULT_PAGE,
        };
        let cursor = match (after, before) {
            (Some(raw), _) => Some(C::decode("after", &raw)?),
            (_, Some(raw)) => Some(C::decode("before", &raw)?),
            _ => None,
        };
        Ok(Self {
            size: page_size,
            cursor,
            direction: if backward {
                Direction::Backward
            } else {
                Direction::Forward
            },
        })
    }
}

impl<C> Page<C> {
    /// Rows to fetch: one more than the page, to learn whether more follow.
    pub fn fetch_limit(&self) -> i64 {
        i64::try_from(self.size + 1).unwrap_or(i64::MAX)
    }

    /// Trims the extra row and restores reading order; returns the page and
    /// whether more rows follow in the reading direction.
    pub fn finish<T>(&self, mut rows: Vec<T>) -> (Vec<T>, bool) {
        let more = rows.len() > self.size;
        rows.truncate(self.size);
        if self.direction == Direction::Backward {
            rows.reverse();
        }
        (rows, more)
    }

    /// `(hasPreviousPage, hasNextPage)` for a page where `more` rows follow
    /// in the reading direction. Relay allows `true` on the side we came
    /// from whenever a cursor was given.
    pub fn page_info(&self, more: bool) -> (bool, bool) {
        match self.direction {
            Direction::Forward => (self.cursor.is_some(), more),
            Direction::Backward => (more, self.cursor.is_some()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_bad_input() {
        let cursor = Cursor {
            at: DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap_or_default(),
            id: Uuid::new_v4(),
        };
        assert_eq!(Cursor::decode("after", &cursor.encode()).ok(), Some(cursor));
        for garbage in [
            "",
            "!!!",
            "bm90IGEgY3Vyc29y",
            &URL_SAFE_NO_PAD.encode("1|nope"),
            // Before 4713 BC and past 294276 AD: out of PostgreSQL's range.
            &URL_SAFE_NO_PAD.encode(format!("{}|{}", PG_MIN_MICROS - 1, Uuid::nil())),
            &URL_SAFE_NO_PAD.encode(format!("{}|{}", i64::MIN, Uuid::nil())),
            &URL_SAFE_NO_PAD.encode(format!("9300000000000000000|{}", Uuid::nil())),
            &URL_SAFE_NO_PAD.encode(format!("{}|{}", i64::MAX, Uuid::nil())),
        ] {
            assert_eq!(
                Cursor::decode("after", garbage).err().map(|e| e.code()),
                Some("BAD_USER_INPUT")
            );
        }
    }

    #[test]
    fn the_earliest_instant_postgres_holds_is_a_cursor_time() {
        let earliest = cursor_time(&PG_MIN_MICROS.to_string());
        assert_eq!(
            earliest.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
            Some("-4713-11-24 00:00".to_string())
        );
        assert!(cursor_time(&(PG_MIN_MICROS - 1).to_string()).is_none());
    }

    #[test]
    fn page_arguments_are_checked() {
        assert!(Page::<Cursor>::new(Some(1), None, Some(1), None).is_err());
        assert!(Page::<Cursor>::new(Some(0), None, None, None).is_err());
        assert!(Page::<Cursor>::new(Some(101), None, None, None).is_err());
        assert!(Page::<Cursor>::new(None, None, Some(-1), None).is_err());
        let page = Page::<Cursor>::new(None, None, Some(5), None).ok();
        assert_eq!(
            page.map(|p| (p.size, p.direction)),
            Some((5, Direction::Backward))
        );
        assert_eq!(
            Page::<Cursor>::new(None, None, None, None)
                .ok()
                .map(|p| p.size),
            Some(DEFAULT_PAGE)
        );
    }
}
