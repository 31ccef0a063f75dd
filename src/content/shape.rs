//! The one shape of an item's editable fields. [`Snapshot`] is what a
//! version stores (read and inserted through `#[diesel(embed)]`) and what
//! `contentDiff` compares; [`Draft`] is what a client sends, mapped from the
//! GraphQL inputs; [`snapshot`] lays a draft over its base and checks it.
//! A new built-in field is a column, a field here (in both structs and in
//! `snapshot`), and one line in each of the shared GraphQL input and object.

use std::collections::HashSet;
use std::sync::LazyLock;

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Array, Nullable};
use diesel_async::AsyncPgConnection;
use regex::Regex;
use serde::Serialize;
use uuid::Uuid;

use crate::content::render::{self, BodyFormat};
use crate::content::types::fields::{self, FieldError};
use crate::content::types::model::ContentType;
use crate::db::schema::content_versions;
use crate::error::AppError;

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
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Summary.
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
    /// Category.
    pub category_id: Option<Uuid>,
    /// Tags.
    pub tag_ids: TagIds,
    /// Locale.
    pub locale: String,
    /// Title for search engines and link previews (empty: the title).
    pub seo_title: String,
    /// Description for search engines and link previews.
    pub seo_description: String,
    /// The page's canonical address, when it is not the page itself.
    pub canonical_url: Option<String>,
    /// Ask search engines not to index the page.
    pub no_index: bool,
}

fn serialize_format<S: serde::Serializer>(format: &BodyFormat, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(format.as_str())
}

impl Snapshot {
    /// The snapshot as JSON, for diffs.
    pub fn to_json(&self) -> serde_json::Value {
        // Serializing plain strings, maps and uuids cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Tag ids, stored as a PostgreSQL array (whose elements SQL allows to be
/// NULL: Vellum never writes one, and reading skips any).
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
    /// Title.
    pub title: Option<String>,
    /// Slug (generated from the title on creation when missing).
    pub slug: Option<String>,
    /// Summary.
    pub excerpt: Option<String>,
    /// Body.
    pub body: Option<String>,
    /// Body format.
    pub body_format: Option<BodyFormat>,
    /// Custom field values (the whole object).
    pub fields: Option<serde_json::Value>,
    /// Category (`Some(None)` clears it).
    pub category_id: Option<Option<Uuid>>,
    /// Tags (the whole list).
    pub tag_ids: Option<Vec<Uuid>>,
    /// Locale.
    pub locale: Option<String>,
    /// SEO title.
    pub seo_title: Option<String>,
    /// SEO description.
    pub seo_description: Option<String>,
    /// Canonical URL (`Some(None)` clears it).
    pub canonical_url: Option<Option<String>>,
    /// No-index flag.
    pub no_index: Option<bool>,
}

/// Longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest excerpt, in characters.
pub const MAX_EXCERPT: usize = 1_000;
/// Largest body, in bytes.
pub const MAX_BODY: usize = 1_000_000;
/// Most tags on one item.
pub const MAX_TAGS: usize = 50;
/// Longest slug.
pub const MAX_SLUG: usize = 200;
/// Longest SEO title, in characters.
pub const MAX_SEO_TITLE: usize = 200;
/// Longest SEO description, in characters.
pub const MAX_SEO_DESCRIPTION: usize = 500;
/// Longest canonical URL, in bytes.
pub const MAX_URL: usize = 2_048;

static SLUG: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern that is known to compile.
    Regex::new("^[a-z0-9]+(?:-[a-z0-9]+)*$").unwrap_or_else(|_| unreachable!())
});
static LOCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$").unwrap_or_else(|_| unreachable!())
});

impl From<FieldError> for AppError {
    fn from(err: FieldError) -> Self {
        AppError::bad_input(err.path, err.message)
    }
}

/// Whether `slug` is a well-formed slug.
pub fn is_slug(slug: &str) -> bool {
    slug.len() <= MAX_SLUG && SLUG.is_match(slug)
}

/// A slug from free text: ASCII, lower case, hyphens, at most
/// [`MAX_SLUG`] bytes cut at a hyphen; `fallback` when nothing is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = slug::slugify(text);
    if slug.len() > MAX_SLUG {
        slug.truncate(MAX_SLUG);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Checks a slug from input at `field`.
pub fn check_slug(field: &str, slug: &str) -> Result<String, AppError> {
    let slug = slug.trim();
    if is_slug(slug) {
        Ok(slug.to_string())
    } else {
        Err(AppError::bad_input(
            field,
            format!(
                "must be lower-case letters, digits and single hyphens, at most {MAX_SLUG} characters"
            ),
        ))
    }
}

/// Applies `draft` over `base` (or defaults) and checks the result against
/// the type and the database. The slug is left empty on creation when the
/// client gave none; the caller generates it.
pub async fn snapshot(
    conn: &mut AsyncPgConnection,
    ty: &ContentType,
    base: Option<&Snapshot>,
    draft: Draft,
    item_id: Option<Uuid>,
) -> Result<Snapshot, AppError> {
    let title = match (draft.title, base) {
        (Some(title), _) => title.trim().to_string(),
        (None, Some(base)) => base.title.clone(),
        (None, None) => String::new(),
    };
    let title_len = title.chars().count();
    if title_len == 0 || title_len > MAX_TITLE {
        return Err(AppError::bad_input(
            "input.title",
            format!("must be 1 to {MAX_TITLE} characters"),
        ));
    }
    let slug = match (draft.slug, base) {
        (Some(slug), _) => check_slug("input.slug", &slug)?,
        (None, Some(base)) => base.slug.clone(),
        (None, None) => String::new(),
    };
    let excerpt = match (draft.excerpt, base) {
        (Some(excerpt), _) => excerpt.trim().to_string(),
        (None, Some(base)) => base.excerpt.clone(),
        (None, None) => String::new(),
    };
    if excerpt.chars().count() > MAX_EXCERPT {
        return Err(AppError::bad_input(
            "input.excerpt",
            format!("must be at most {MAX_EXCERPT} characters"),
        ));
    }
    let body_format = draft
        .body_format
        .or(base.map(|b| b.body_format))
        .unwrap_or(BodyFormat::RichText);
    let body_given = draft.body.is_some() || draft.body_format.is_some();
    let (body, body_html, reading_time) = match (draft.body, base) {
        (None, Some(base)) if !body_given || base.body_format == body_format => {
            (base.body.clone(), base.body_html.clone(), base.reading_time)
        }
        (body, base) => {
            let body = body
                .or_else(|| base.map(|b| b.body.clone()))
                .unwrap_or_default();
            if body.len() > MAX_BODY {
                return Err(AppError::bad_input(
                    "input.body",
                    format!("must be at most {MAX_BODY} bytes"),
                ));
            }
            // Rich text is stored sanitized, so no reader ever gets the raw
            // input; the HTML and reading time are derived once, here.
            let (body, html) = render::render_body(body_format, &body);
            let minutes = render::reading_time_minutes(&html);
            (body, html, minutes)
        }
    };

    let defs = ty.field_defs()?;
    let raw_fields = match (draft.fields, base) {
        (Some(fields), _) => fields,
        (None, Some(base)) => base.fields.clone(),
        (None, None) => serde_json::Value::Null,
    };
    let field_values = fields::validate_values(&defs, &raw_fields, &render::sanitize_html)?;
    for (key, value) in fields::unique_values(&defs, &field_values) {
        if crate::content::items::store::field_value_taken(conn, ty.id, item_id, key, value).await?
        {
            return Err(AppError::bad_input(
                format!("fields.{key}"),
                "must be unique; another item has this value",
            ));
        }
    }
    for (path, type_api_id, id) in fields::references(&defs, &field_values) {
        let Some(target) = crate::content::types::store::type_by_api_id(conn, &type_api_id).await?
        else {
            return Err(AppError::bad_input(
                path,
                "refers to a type that no longer exists",
            ));
        };
        if crate::content::items::store::existing_items_of_type(conn, target.id, &[id])
            .await?
            .is_empty()
        {
            return Err(AppError::bad_input(
                path,
                format!("no {type_api_id} item has this id"),
            ));
        }
    }

    let category_id = match (draft.category_id, base) {
        (Some(category), _) => category,
        (None, Some(base)) => base.category_id,
        (None, None) => None,
    };
    let category_given = draft.category_id.is_some();
    let mut category_id = category_id;
    if let Some(id) = category_id
        && crate::content::taxonomy::store::categories_by_ids(conn, &[id])
            .await?
            .is_empty()
    {
        // A category deleted since the base was written is dropped; one the
        // client names must exist.
        if category_given {
            return Err(AppError::bad_input("input.categoryId", "no such category"));
        }
        category_id = None;
    }
    let tags_given = draft.tag_ids.is_some();
    let mut tag_ids: Vec<Uuid> = match (draft.tag_ids, base) {
        (Some(ids), _) => {
            let mut seen = HashSet::new();
            ids.into_iter().filter(|id| seen.insert(*id)).collect()
        }
        (None, Some(base)) => base.tag_ids.0.clone(),
        (None, None) => Vec::new(),
    };
    if tag_ids.len() > MAX_TAGS {
        return Err(AppError::bad_input(
            "input.tagIds",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    if !tag_ids.is_empty() {
        let existing: HashSet<Uuid> = crate::content::taxonomy::store::tags_by_ids(conn, &tag_ids)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        if existing.len() != tag_ids.len() {
            // Tags deleted since the base was written are dropped; tags the
            // client names must exist.
            if tags_given {
                return Err(AppError::bad_input(
                    "input.tagIds",
                    "names a tag that does not exist",
                ));
            }
            tag_ids.retain(|id| existing.contains(id));
        }
    }
    let locale = match (draft.locale, base) {
        (Some(locale), _) => locale.trim().to_string(),
        (None, Some(base)) => base.locale.clone(),
        (None, None) => "en".to_string(),
    };
    if locale.len() > 35 || !LOCALE.is_match(&locale) {
        return Err(AppError::bad_input(
            "input.locale",
            "must be a language tag such as en or pt-BR",
        ));
    }
    let seo_title = one_line(
        "input.seoTitle",
        given_or(draft.seo_title, base, |b| &b.seo_title),
        MAX_SEO_TITLE,
    )?;
    let seo_description = one_line(
        "input.seoDescription",
        given_or(draft.seo_description, base, |b| &b.seo_description),
        MAX_SEO_DESCRIPTION,
    )?;
    let canonical_url = match given_or(draft.canonical_url, base, |b| &b.canonical_url) {
        Some(url) => check_canonical_url(&url)?,
        None => None,
    };
    Ok(Snapshot {
        title,
        slug,
        excerpt,
        body,
        body_format,
        body_html,
        reading_time,
        fields: serde_json::Value::Object(field_values),
        category_id,
        tag_ids: TagIds(tag_ids),
        locale,
        seo_title,
        seo_description,
        canonical_url,
        no_index: given_or(draft.no_index, base, |b| &b.no_index),
    })
}

/// The value the client gave, else the base's, else the default.
fn given_or<T: Clone + Default>(
    given: Option<T>,
    base: Option<&Snapshot>,
    of: impl FnOnce(&Snapshot) -> &T,
) -> T {
    given
        .or_else(|| base.map(|b| of(b).clone()))
        .unwrap_or_default()
}

/// A single line of plain text: runs of white space fold to one space,
/// other control characters are refused, at most `max` characters.
fn one_line(field: &str, text: String, max: usize) -> Result<String, AppError> {
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(AppError::bad_input(
            field,
            "must not contain control characters",
        ));
    }
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(line)
}

/// An absolute `http`/`https` URL without credentials, in its normalised
/// form; blank clears it.
fn check_canonical_url(raw: &str) -> Result<Option<String>, AppError> {
    const FIELD: &str = "input.canonicalUrl";
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if raw.len() > MAX_URL {
        return Err(AppError::bad_input(
            FIELD,
            format!("must be at most {MAX_URL} bytes"),
        ));
    }
    let url = url::Url::parse(raw).map_err(|_| {
        AppError::bad_input(
            FIELD,
            "must be an absolute URL such as https://example.com/page",
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(AppError::bad_input(FIELD, "must be an http or https URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(AppError::bad_input(
            FIELD,
            "must not contain a user name or password",
        ));
    }
    Ok(Some(url.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_generated_and_checked() {
        assert_eq!(slugify("Hello, World!", "item"), "hello-world");
        assert_eq!(slugify("Ünïcödé façade", "item"), "unicode-facade");
        assert_eq!(slugify("!!!", "item"), "item");
        let long = "word ".repeat(100);
        let slug = slugify(&long, "item");
        assert!(slug.len() <= MAX_SLUG && is_slug(&slug));
        assert!(check_slug("input.slug", "Bad Slug").is_err());
        assert!(check_slug("input.slug", "a--b").is_err());
        assert_eq!(
            check_slug("input.slug", "ok-1").ok().as_deref(),
            Some("ok-1")
        );
    }
}
