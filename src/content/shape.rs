//! The one shape of an item's editable fields. [`Snapshot`] is what a
//! version stores (read and inserted through `#[diesel(embed)]`) and what
//! `contentDiff` compares; [`Draft`] is what a client sends, mapped from the
//! GraphQL inputs. `items::validate::snapshot` lays a draft over its base
//! and checks it. A new built-in field is a column, a field here (in both
//! structs), its check in `items/validate.rs`, and one line in each of the
//! shared GraphQL input and object (`items/graphql/{inputs,objects}.rs`).

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Array, Nullable};
use serde::Serialize;
use uuid::Uuid;

use crate::content::render::BodyFormat;
use crate::db::schema::content_versions;

/// The editable fields of an item: what a version freezes and what
/// `contentDiff` compares. `bodyHtml` and `readingTime` are derived from
/// the body when it changes and carried along otherwise, so a workflow
/// move never renders again.
#[derive(
    Debug, Clone, PartialEq, Serialize, diesel::Queryable, diesel::Selectable, diesel::Insertable,
)]
#[diesel(table_name = content_versions, check_for_backend(Pg))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub title: String,
    pub slug: String,
    pub excerpt: String,
    /// Body as written (sanitized HTML, or Markdown).
    pub body: String,
    /// Body format.
    #[serde(serialize_with = "serialize_format")]
    pub body_format: BodyFormat,
    /// Body as sanitized HTML.
    #[serde(skip)]
    pub body_html: String,
    /// Minutes to read.
    #[serde(skip)]
    pub reading_time: i32,
    /// Custom field values (always an object).
    pub fields: serde_json::Value,
    pub category_id: Option<Uuid>,
    pub tag_ids: TagIds,
    pub locale: String,
    /// Title for search engines and link previews (empty: the title).
    pub seo_title: String,
    /// Description for search engines and link previews.
    pub seo_description: String,
    /// The page's canonical address, when it is not the page itself.
    pub canonical_url: Option<String>,
    /// Ask search engines not to index the page.
    pub no_index: bool,
    /// The item's cover image (a file of the media library).
    pub cover_image_id: Option<Uuid>,
    /// The image link previews show (Open Graph), when not the cover.
    pub og_image_id: Option<Uuid>,
    /// Every file the version uses (cover, preview image, `media` fields):
    /// derived on every write, and what "where is this file used" reads.
    #[serde(skip)]
    pub media_ids: TagIds,
}

fn serialize_format<S: serde::Serializer>(format: &BodyFormat, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(format.as_str())
}

impl Snapshot {
    /// An item with nothing written yet: the values a new item starts
    /// from before its draft is laid over them (and what bulk writers
    /// such as the demo seeder fill in).
    pub fn empty() -> Self {
        Self {
            title: String::new(),
            slug: String::new(),
            excerpt: String::new(),
            body: String::new(),
            body_format: BodyFormat::RichText,
            body_html: String::new(),
            reading_time: 0,
            fields: serde_json::Value::Object(serde_json::Map::new()),
            category_id: None,
            tag_ids: TagIds::default(),
            locale: "en".to_string(),
            seo_title: String::new(),
            seo_description: String::new(),
            canonical_url: None,
            no_index: false,
            cover_image_id: None,
            og_image_id: None,
            media_ids: TagIds::default(),
        }
    }

    /// The snapshot as JSON, for diffs.
    pub fn to_json(&self) -> serde_json::Value {
        // Serializing plain strings, maps and uuids cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// A list of ids (tags, or files a version uses), stored as a PostgreSQL
/// array (whose elements SQL allows to be NULL: Vellum never writes one,
/// and reading skips any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, AsExpression, FromSqlRow)]
#[diesel(sql_type = Array<Nullable<diesel::sql_types::Uuid>>)]
#[serde(transparent)]
pub struct TagIds(pub Vec<Uuid>);

impl std::ops::Deref for TagIds {
    type Target = Vec<Uuid>;
    fn deref(&self) -> &Vec<Uuid> {
        &self.0
    }
}

impl ToSql<Array<Nullable<diesel::sql_types::Uuid>>, Pg> for TagIds {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        let ids: Vec<Option<Uuid>> = self.0.iter().copied().map(Some).collect();
        ToSql::<Array<Nullable<diesel::sql_types::Uuid>>, Pg>::to_sql(&ids, &mut out.reborrow())
    }
}

impl FromSql<Array<Nullable<diesel::sql_types::Uuid>>, Pg> for TagIds {
    fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
        let ids: Vec<Option<Uuid>> =
            FromSql::<Array<Nullable<diesel::sql_types::Uuid>>, Pg>::from_sql(bytes)?;
        Ok(Self(ids.into_iter().flatten().collect()))
    }
}

/// What a client sent: every field optional, so the same shape serves
/// creation (missing = default) and partial updates (missing = unchanged).
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: Option<String>,
    /// Slug (generated from the title on creation when missing).
    pub slug: Option<String>,
    pub excerpt: Option<String>,
    pub body: Option<String>,
    /// Body format.
    pub body_format: Option<BodyFormat>,
    /// Custom field values (the whole object).
    pub fields: Option<serde_json::Value>,
    /// Category (`Some(None)` clears it).
    pub category_id: Option<Option<Uuid>>,
    /// Tags (the whole list).
    pub tag_ids: Option<Vec<Uuid>>,
    pub locale: Option<String>,
    /// SEO title.
    pub seo_title: Option<String>,
    /// SEO description.
    pub seo_description: Option<String>,
    /// Canonical URL (`Some(None)` clears it).
    pub canonical_url: Option<Option<String>>,
    /// No-index flag.
    pub no_index: Option<bool>,
    /// Cover image (`Some(None)` clears it).
    pub cover_image_id: Option<Option<Uuid>>,
    /// Link-preview image (`Some(None)` clears it).
    pub og_image_id: Option<Option<Uuid>>,
}
