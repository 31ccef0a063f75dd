//! Lays a client's [`Draft`] over the item's current [`Snapshot`] (or the
//! defaults) and checks the result: title, slug, body sanitizing and
//! rendering, custom fields against the type and the database, taxonomy
//! ids, locale, SEO fields.

use std::collections::HashSet;
use std::sync::LazyLock;

use diesel_async::AsyncPgConnection;
use regex::Regex;
use uuid::Uuid;

use crate::content::render::{self, BodyFormat};
use crate::content::shape::{Draft, Snapshot, TagIds};
use crate::content::slug::check_slug;
use crate::content::types::fields::{self, FieldError};
use crate::content::types::model::ContentType;
use crate::error::AppError;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest excerpt, in characters.
pub const MAX_EXCERPT: usize = 1_000;
/// Largest body, in bytes.
pub const MAX_BODY: usize = 1_000_000;
/// Most tags on one item.
pub const MAX_TAGS: usize = 50;
/// Longest SEO title, in characters.
pub const MAX_SEO_TITLE: usize = 200;
/// Longest SEO description, in characters.
pub const MAX_SEO_DESCRIPTION: usize = 500;
/// Longest canonical URL, in bytes.
pub const MAX_URL: usize = 2_048;

static LOCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$").unwrap_or_else(|_| unreachable!())
});

impl From<FieldError> for AppError {
    fn from(err: FieldError) -> Self {
        AppError::bad_input(err.path, err.message)
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

    let cover_image_id = given_or(draft.cover_image_id, base, |b| &b.cover_image_id);
    let og_image_id = given_or(draft.og_image_id, base, |b| &b.og_image_id);
    let media_ids = media_ids(
        conn,
        base,
        &defs,
        &field_values,
        [
            ("input.coverImageId", cover_image_id),
            ("input.ogImageId", og_image_id),
        ],
    )
    .await?;

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
        cover_image_id,
        og_image_id,
        media_ids,
    })
}

/// The files a version uses, checked. A file it names anew must be in the
/// library (not in the trash) and of a type its place takes (images for
/// the cover and preview image, a field's `mediaTypes`); files the item
/// already used stay as they are, even if trashed since (a forced delete).
async fn media_ids(
    conn: &mut AsyncPgConnection,
    base: Option<&Snapshot>,
    defs: &[fields::FieldDef],
    values: &serde_json::Map<String, serde_json::Value>,
    images: [(&str, Option<Uuid>); 2],
) -> Result<TagIds, AppError> {
    let image_types = ["image/*".to_string()];
    let mut refs: Vec<(String, Uuid, &[String])> = images
        .into_iter()
        .filter_map(|(path, id)| Some((path.to_string(), id?, &image_types[..])))
        .collect();
    refs.extend(fields::media_refs(defs, values));
    let known: HashSet<Uuid> = base
        .map(|b| b.media_ids.iter().copied().collect())
        .unwrap_or_default();
    let named: Vec<Uuid> = refs
        .iter()
        .map(|r| r.1)
        .filter(|id| !known.contains(id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if !named.is_empty() {
        let found: std::collections::HashMap<Uuid, String> =
            crate::media::store::types_in_library(conn, &named)
                .await?
                .into_iter()
                .collect();
        for (path, id, allowed) in &refs {
            if known.contains(id) {
                continue;
            }
            match found.get(id) {
                None => {
                    return Err(AppError::bad_input(
                        path,
                        "no such file in the media library",
                    ));
                }
                Some(mime) if !fields::media_type_allowed(allowed, mime) => {
                    return Err(AppError::bad_input(
                        path,
                        format!("is a {mime} file; only {} may go here", allowed.join(", ")),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let mut seen = HashSet::new();
    Ok(TagIds(
        refs.into_iter()
            .map(|r| r.1)
            .filter(|id| seen.insert(*id))
            .collect(),
    ))
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
