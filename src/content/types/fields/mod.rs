//! Custom fields: the definitions a content type declares and the values its
//! items carry.
//!
//! Definitions are stored as a JSONB array on the content type and values as a
//! JSONB object on each item, so the database enforces nothing about either;
//! this module is the only gatekeeper. Definitions must pass
//! [`check_definitions`] before a content type is saved, and values
//! [`validate_values`] on every item write.
//!
//! Values are normalised on the way in (UTC datetimes, lowercase UUIDs,
//! integers without a fraction, floats as doubles, sanitised rich text) so
//! that equal values are stored as equal JSON: filtering, sorting and the
//! unique checks compare the stored JSON and would otherwise see `3` and
//! `3.0`, or the same instant in two offsets, as different.
//!
//! Nothing here touches the database. Whether referenced items exist and
//! whether unique values clash with other items are for the caller, which
//! gets what to look up from [`references`] and [`unique_values`].

use std::collections::HashSet;
use std::{fmt, io};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

mod definitions;
mod values;

pub use definitions::check_definitions;
pub use values::validate_values;

// Shared by the two halves (and their tests).
use definitions::compile_pattern;
use values::{check_value, num};

/// Most custom fields one content type may declare.
pub const MAX_FIELDS: usize = 100;

/// Longest field name and longest select option, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Longest `pattern`, in characters.
pub const MAX_PATTERN_CHARS: usize = 500;

/// Longest string value of any kind, in characters, whatever the field's `max`:
/// one item must not be able to fill the row.
pub const MAX_STRING_CHARS: usize = 100_000;

/// Largest `json` value, in bytes of compact JSON.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// Most files one `multiple` media field holds.
pub const MAX_MEDIA_PER_FIELD: usize = 50;

/// Most types one media field's `mediaTypes` lists.
const MAX_MEDIA_TYPES: usize = 20;

/// Longest api id of a field, in characters.
const MAX_API_ID_CHARS: usize = 64;

/// Compiled size cap for patterns; the regex crate matches in linear time,
/// so the size of the compiled program is the only cost a pattern can blow up.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Past this many options an error message names the count instead of
/// listing them, so one bad value cannot produce a page-long message.
const MAX_LISTED_OPTIONS: usize = 20;

/// `i64::MIN` and `-i64::MIN` (2^63) as floats, both exact.
const I64_MIN_F: f64 = -9_223_372_036_854_775_808.0;
const I64_END_F: f64 = 9_223_372_036_854_775_808.0;

/// The type of a custom field, which decides what its values may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    /// Plain text, one string.
    Text,
    /// HTML, sanitised on every write.
    RichText,
    /// Markdown source, stored as written.
    Markdown,
    /// A whole number that fits in an `i64`.
    Integer,
    /// Any finite number.
    Float,
    /// `true` or `false`.
    Boolean,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An instant, RFC 3339 with an offset in, UTC with milliseconds out.
    Datetime,
    /// One of the field's `options`.
    Select,
    /// Distinct values from the field's `options`.
    MultiSelect,
    /// Any JSON value up to [`MAX_JSON_BYTES`].
    Json,
    /// The id of an item of the content type named by `referenceType`.
    Reference,
    /// A file of the media library (a list of them when `multiple`), of
    /// one of `mediaTypes` when it lists any.
    Media,
}

impl FieldKind {
    /// The kind as it is spelt in JSON and in error messages (`richText`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::RichText => "richText",
            Self::Markdown => "markdown",
            Self::Integer => "integer",
            Self::Float => "float",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::Datetime => "datetime",
            Self::Select => "select",
            Self::MultiSelect => "multiSelect",
            Self::Json => "json",
            Self::Reference => "reference",
            Self::Media => "media",
        }
    }

    /// Kinds whose values compare meaningfully for equality across items;
    /// long or structured values (rich text, lists, JSON) do not.
    fn allows_unique(self) -> bool {
        matches!(
            self,
            Self::Text
                | Self::Integer
                | Self::Float
                | Self::Date
                | Self::Datetime
                | Self::Select
                | Self::Reference
        )
    }

    /// What `min` and `max` bound for this kind.
    fn bounds(self) -> Bounds {
        match self {
            Self::Text | Self::RichText | Self::Markdown => Bounds::Length,
            Self::Integer => Bounds::Value { whole: true },
            Self::Float => Bounds::Value { whole: false },
            Self::MultiSelect => Bounds::Count,
            Self::Boolean
            | Self::Date
            | Self::Datetime
            | Self::Select
            | Self::Json
            | Self::Reference
            | Self::Media => Bounds::None,
        }
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `min` and `max` mean for a kind.
#[derive(Clone, Copy, PartialEq)]
enum Bounds {
    /// Length in characters.
    Length,
    /// The value itself.
    Value { whole: bool },
    /// Number of selected options.
    Count,
    /// Nothing: setting them is an error.
    None,
}

/// One custom field of a content type, as stored in its JSONB array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDef {
    /// The key of the value in an item's fields: a lowercase letter, then up
    /// to 63 letters or digits (a camelCase identifier).
    pub api_id: String,
    /// The label editors see, 1 to 100 characters after trimming.
    pub name: String,
    /// What values may be.
    pub kind: FieldKind,
    /// Whether an item must have a value (after `default` is applied).
    #[serde(default)]
    pub required: bool,
    /// Whether no two items may have the same value; only for text, integer,
    /// float, date, datetime, select and reference fields.
    #[serde(default)]
    pub unique: bool,
    /// Lower bound: length in characters for text kinds, the value for
    /// numbers, the selection count for multiSelect; not allowed otherwise.
    #[serde(default)]
    pub min: Option<f64>,
    /// Upper bound, meaning as for `min`.
    #[serde(default)]
    pub max: Option<f64>,
    /// Text only: a regular expression the whole value must match (it is
    /// anchored for the author), at most 500 characters.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Value used when an item has none; must itself be a valid value.
    #[serde(default)]
    pub default: Option<Value>,
    /// The choices of a select or multiSelect field (required there, each
    /// 1 to 100 characters, no repeats); must be empty for other kinds.
    #[serde(default)]
    pub options: Vec<String>,
    /// Reference only, and required there: api id of the content type whose
    /// items may be referenced.
    #[serde(default)]
    pub reference_type: Option<String>,
    /// Media only: the types of file allowed (`image/png`, or `image/*` for
    /// a family); empty allows any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<String>,
    /// Media only: the value is a list of files rather than one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
}

impl FieldDef {
    /// The default, with a JSON `null` counting as none: a stored
    /// `"default": null` must not make a required field fail.
    fn default_value(&self) -> Option<&Value> {
        self.default.as_ref().filter(|v| !v.is_null())
    }
}

/// A field error: `path` is the input path at fault, `message` says what is
/// wrong for a human.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The input path at fault, e.g. `input.fields[2].pattern` or `fields.price`.
    pub path: String,
    /// What is wrong, starting lowercase so it reads after the path.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for FieldError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        path: path.into(),
        message: message.into(),
    }
}

/// References in validated values: (path `fields.x`, referenced type api id,
/// item id), for the caller to check they exist.
///
/// Fields without a value, or whose value is not a UUID (values that did not
/// come from [`validate_values`]), are skipped.
pub fn references(defs: &[FieldDef], values: &Map<String, Value>) -> Vec<(String, String, Uuid)> {
    defs.iter()
        .filter(|d| d.kind == FieldKind::Reference)
        .filter_map(|d| {
            let ty = d.reference_type.as_ref()?;
            let id = Uuid::parse_str(values.get(&d.api_id)?.as_str()?).ok()?;
            Some((format!("fields.{}", d.api_id), ty.clone(), id))
        })
        .collect()
}

/// Files named by validated values of `media` fields: (path
/// `fields.x`, file id, the field's allowed types), for the caller to check
/// they exist and are of those types.
pub fn media_refs<'d>(
    defs: &'d [FieldDef],
    values: &Map<String, Value>,
) -> Vec<(String, Uuid, &'d [String])> {
    let mut refs = Vec::new();
    for def in defs.iter().filter(|d| d.kind == FieldKind::Media) {
        let ids: Vec<&Value> = match values.get(&def.api_id) {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(value) => vec![value],
            None => continue,
        };
        for (i, value) in ids.into_iter().enumerate() {
            let Some(id) = value.as_str().and_then(|s| Uuid::parse_str(s).ok()) else {
                continue;
            };
            let path = if def.multiple {
                format!("fields.{}[{i}]", def.api_id)
            } else {
                format!("fields.{}", def.api_id)
            };
            refs.push((path, id, def.media_types.as_slice()));
        }
    }
    refs
}

/// Whether a file of type `mime` is one of `allowed` (`image/*` matching
/// a whole family); an empty list allows any.
pub fn media_type_allowed(allowed: &[String], mime: &str) -> bool {
    allowed.is_empty()
        || allowed.iter().any(|a| match a.strip_suffix("/*") {
            Some(family) => mime
                .split_once('/')
                .is_some_and(|(f, _)| f.eq_ignore_ascii_case(family)),
            None => a.eq_ignore_ascii_case(mime),
        })
}

/// The values as a page shows them: Markdown fields rendered to sanitised
/// HTML by the renderer `bodyHtml` uses; rich text is sanitised on every
/// write already, and other kinds are data, not markup, so they are kept.
/// Values of fields the type no longer defines are left out: nothing says
/// how to render them.
pub fn rendered(defs: &[FieldDef], values: &Map<String, Value>) -> Map<String, Value> {
    defs.iter()
        .filter_map(|d| {
            let value = values.get(&d.api_id)?;
            let shown = match (d.kind, value) {
                (FieldKind::Markdown, Value::String(source)) => {
                    Value::String(crate::content::render::render_markdown(source))
                }
                (FieldKind::Markdown, _) => Value::Null,
                _ => value.clone(),
            };
            Some((d.api_id.clone(), shown))
        })
        .collect()
}

/// Values of fields marked unique: (apiId, value), for the caller to check
/// against other items. Fields without a value are left out, in field order.
pub fn unique_values<'a>(
    defs: &'a [FieldDef],
    values: &'a Map<String, Value>,
) -> Vec<(&'a str, &'a Value)> {
    defs.iter()
        .filter(|d| d.unique)
        .filter_map(|d| values.get(&d.api_id).map(|v| (d.api_id.as_str(), v)))
        .collect()
}

/// What changes between two definition lists that could lose data: api ids
/// present in `old` but not in `new`, in `old`'s order.
///
/// A field whose kind changes keeps its api id and is not reported; existing
/// values of it fail validation on the item's next write rather than being
/// dropped.
pub fn removed_fields(old: &[FieldDef], new: &[FieldDef]) -> Vec<String> {
    let kept: HashSet<&str> = new.iter().map(|d| d.api_id.as_str()).collect();
    old.iter()
        .filter(|d| !kept.contains(d.api_id.as_str()))
        .map(|d| d.api_id.clone())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
