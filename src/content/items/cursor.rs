//! Keyset cursors for content lists: the sort key (a time or a title) and
//! the item id, opaque to clients and stable under inserts.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::AppError;
use crate::pagination::{PageCursor, cursor_time};

/// The value a list is ordered by at one position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// A timestamp ordering (published, updated, created).
    At(DateTime<Utc>),
    /// A title ordering.
    Text(String),
}

/// A position in a content list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentCursor {
    /// The ordering value.
    pub key: SortKey,
    /// The tie-breaking id.
    pub id: Uuid,
}

impl ContentCursor {
    /// The opaque string form. The title goes last because it may hold `|`.
    pub fn encode(&self) -> String {
        let raw = match &self.key {
            SortKey::At(at) => format!("a|{}|{}", self.id, at.timestamp_micros()),
            SortKey::Text(text) => format!("s|{}|{text}", self.id),
        };
        URL_SAFE_NO_PAD.encode(raw)
    }
}

impl PageCursor for ContentCursor {
    fn decode(field: &str, raw: &str) -> Result<Self, AppError> {
        let bad = || AppError::bad_input(field, "not a cursor from this list");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let mut parts = text.splitn(3, '|');
        let (kind, id, rest) = match (parts.next(), parts.next(), parts.next()) {
            (Some(kind), Some(id), Some(rest)) => (kind, id, rest),
            _ => return Err(bad()),
        };
        let id = id.parse().map_err(|_| bad())?;
        let key = match kind {
            "a" => SortKey::At(cursor_time(rest).ok_or_else(bad)?),
            // PostgreSQL's text cannot hold NUL: no title holds one.
            "s" if !rest.contains('\0') => SortKey::Text(rest.to_string()),
            _ => return Err(bad()),
        };
        Ok(Self { key, id })
    }
}

/// The cursor of a version in a version list.
pub fn encode_version(version: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("v|{version}"))
}

impl PageCursor for i32 {
    fn decode(field: &str, raw: &str) -> Result<Self, AppError> {
        URL_SAFE_NO_PAD
            .decode(raw)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| text.strip_prefix("v|")?.parse().ok())
            .ok_or_else(|| AppError::bad_input(field, "not a cursor from this list"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        for key in [
            SortKey::At(DateTime::from_timestamp_micros(1_700_000_000_000_001).unwrap_or_default()),
            SortKey::Text("a | title | with bars".into()),
            SortKey::Text(String::new()),
        ] {
            let cursor = ContentCursor {
                key,
                id: Uuid::new_v4(),
            };
            assert_eq!(
                ContentCursor::decode("after", &cursor.encode()).ok(),
                Some(cursor)
            );
        }
        for garbage in [
            "",
            "x",
            &URL_SAFE_NO_PAD.encode("a|nope|1"),
            &URL_SAFE_NO_PAD.encode("q|x|y"),
            &URL_SAFE_NO_PAD.encode(format!("a|{}|-210866803200000001", Uuid::nil())),
            &URL_SAFE_NO_PAD.encode(format!("a|{}|{}", Uuid::nil(), i64::MAX)),
            &URL_SAFE_NO_PAD.encode(format!("s|{}|a\0b", Uuid::nil())),
        ] {
            assert!(ContentCursor::decode("after", garbage).is_err());
        }
    }
}
