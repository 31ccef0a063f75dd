//! Turns a client's draft of an item into a checked [`Snapshot`]: title,
//! slug, body sanitizing, custom fields against the type, taxonomy ids.

use crate::content::render;
use crate::content::render::BodyFormat;
use crate::content::types::fields;
use crate::content::types::fields::FieldError;
use crate::content::types::model::ContentType;
use crate::error::AppError;
use diesel_async::AsyncPgConnection;
use regex::Regex;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use uuid::Uuid;

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

static SLUG: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern that is known to compile.
    Regex::new("^[a-z0-9]+(?:-[a-z0-9]+)*$").unwrap_or_else(|_| unreachable!())
});
static LOCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$").unwrap_or_else(|_| unreachable!())
});

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
}

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
    let body = match (draft.body, base) {
        (Some(body), _) => body,
        (None, Some(base)) => base.body.clone(),
        (None, None) => String::new(),
    };
    if body.len() > MAX_BODY {
        return Err(AppError::bad_input(
            "input.body",
            format!("must be at most {MAX_BODY} bytes"),
        ));
    }
    // Rich text is stored sanitized, so no reader ever gets the raw input.
    let (body, _) = render::render_body(body_format, &body);

    let defs = ty.field_defs()?;
    let raw_fields = match (draft.fields, base) {
        (Some(fields), _) => fields,
        (None, Some(base)) => serde_json::Value::Object(base.fields.clone()),
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
        (None, Some(base)) => base.tag_ids.clone(),
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
    Ok(Snapshot {
        title,
        slug,
        excerpt,
        body,
        body_format,
        fields: field_values,
        category_id,
        tag_ids,
        locale,
    })
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

/// The editable fields of an item: what a version freezes and what
/// `contentDiff` compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Summary.
    pub excerpt: String,
    /// Body as written.
    pub body: String,
    /// Body format.
    #[serde(serialize_with = "serialize_format")]
    pub body_format: BodyFormat,
    /// Custom fields.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Category.
    pub category_id: Option<Uuid>,
    /// Tags.
    pub tag_ids: Vec<Uuid>,
    /// Locale.
    pub locale: String,
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
