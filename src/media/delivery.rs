//! `GET /media/{id}/{filename}`: a file's bytes for whoever may see it
//! (credentials, or a signed link from `Media.url`), with the headers
//! browsers and caches need: ETag, Last-Modified, Range for seeking, and
//! no chance to be run as a page of this site.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use sha2::{Digest, Sha256};

use super::model::MediaItem;
use super::render::RenderError;
use super::service::Seen;
use super::transform::{Format, Plan, Transform};
use super::variants::{VariantError, Variants};
use crate::error::{AppError, code};
use crate::http::AppState;
use crate::rbac::principal::Principal;

/// The bytes under an id never change: caches may keep them for a year.
const CACHE_CONTROL: &str = "private, max-age=31536000, immutable";
/// A file that is public because a published item uses it stops being
/// public when no published item does: shared caches (CDNs) may keep it
/// for minutes, not a year.
const PUBLIC_CACHE_CONTROL: &str = "public, max-age=300";
/// Serves a file, or a variant of an image when the query asks for one;
/// 404 for anything the caller may not see, so ids reveal nothing.
pub(crate) async fn serve(
    State(state): State<AppState>,
    Path((id, _name)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = Uuid::try_parse(&id) else {
        return not_found();
    };
    let item = match state.media.for_delivery(id).await {
        Ok(Some(item)) => item,
        Ok(None) => return not_found(),
        Err(err) => return failure(&err),
    };
    let sizes = state.media.variants().sizes();
    let transform = Transform::from_query(&query, sizes);
    let signed = match (query.get("expires"), query.get("sig"), &transform) {
        (Some(expires), Some(sig), Ok(transform)) => {
            state
                .media
                .urls()
                .verify(id, transform.as_ref(), expires, sig, Utc::now())
        }
        _ => false,
    };
    let seen = if signed {
        Seen::Privately
    } else {
        match state
            .media
            .seen_by(&caller(&state, &headers).await, &item)
            .await
        {
            Ok(Some(seen)) => seen,
            Ok(None) => return not_found(),
            Err(err) => return failure(&err),
        }
    };
    let transform = match transform {
        Ok(Some(transform)) => transform,
        Ok(None) => return respond(&state, &headers, &Served::original(&item), seen).await,
        Err(invalid) => return refused(StatusCode::BAD_REQUEST, code::BAD_USER_INPUT, &invalid.0),
    };
    if !signed && !transform.is_allowed(sizes) {
        return refused(
            StatusCode::FORBIDDEN,
            code::FORBIDDEN,
            "only the named sizes (size=) may be asked for without a signature; \
             sign other transforms with Media.url(transform:)",
        );
    }
    let Some(source) = Variants::source(&item) else {
        return refused(
            StatusCode::BAD_REQUEST,
            code::BAD_USER_INPUT,
            "this file cannot be transformed",
        );
    };
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let plan = Plan::new(&transform, source, accept);
    match state.media.variants().ensure(&item, &plan).await {
        Ok((key, size)) => {
            let served = Served::variant(&item, &plan, key, size, transform.format == Format::Auto);
            respond(&state, &headers, &served, seen).await
        }
        Err(err) => match &*err {
            VariantError::Render(
                problem @ (RenderError::TooLarge { .. } | RenderError::Undecodable(_)),
            ) => refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                code::BAD_USER_INPUT,
                &problem.to_string(),
            ),
            _ => failure(&AppError::Internal(anyhow::anyhow!("{err}"))),
        },
    }
}

/// Who is asking, from a bearer token or the session cookie; anonymous
/// when neither holds (a stale credential is not an error here: a signed
/// link may still let the request through).
async fn caller(state: &AppState, headers: &HeaderMap) -> Principal {
    let token = match crate::http::client::bearer(headers) {
        Ok(Some(token)) => Some(token.to_string()),
        _ => headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|h| crate::auth::cookies::cookie(h, crate::auth::cookies::ACCESS_COOKIE))
            .map(str::to_string),
    };
    match token {
        Some(token) => state
            .api_keys
            .authenticate_bearer(&token)
            .await
            .unwrap_or(Principal::Anonymous),
        None => Principal::Anonymous,
    }
}

/// What one answer serves: an original file or a made variant.
struct Served {
    key: String,
    size: u64,
    etag: String,
    mime: String,
    filename: String,
    modified: DateTime<Utc>,
    /// The bytes depend on the request's `Accept` (`format=auto`).
    by_accept: bool,
}

impl Served {
    fn original(item: &MediaItem) -> Self {
        Self {
            key: item.storage_key.clone(),
            size: u64::try_from(item.size_bytes).unwrap_or(0),
            etag: format!("\"{}\"", item.checksum),
            mime: item.mime_type.clone(),
            filename: item.filename.clone(),
            modified: item.created_at,
            by_accept: false,
        }
    }

    fn variant(item: &MediaItem, plan: &Plan, key: String, size: u64, by_accept: bool) -> Self {
        let stem = item
            .filename
            .rsplit_once('.')
            .map_or(item.filename.as_str(), |(stem, _)| stem);
        // The key names every input of the render: its hash is the tag.
        let tag = hex::encode(Sha256::digest(key.as_bytes()));
        Self {
            etag: format!("\"v{}\"", &tag[..32]),
            mime: plan.output.mime().to_string(),
            filename: format!("{stem}.{}", plan.output.extension()),
            modified: item.updated_at,
            key,
            size,
            by_accept,
        }
    }
}

async fn respond(state: &AppState, headers: &HeaderMap, served: &Served, seen: Seen) -> Response {
    let size = served.size;
    let etag = &served.etag;
    let mut common = HeaderMap::new();
    common.insert(header::ETAG, value(etag));
    common.insert(header::LAST_MODIFIED, value(&http_date(served.modified)));
    common.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(match seen {
            Seen::Privately => CACHE_CONTROL,
            Seen::Publicly => PUBLIC_CACHE_CONTROL,
        }),
    );
    common.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    common.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if served.by_accept {
        common.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    if none_match(headers, etag) {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    let content_type = if served.mime == "text/plain" {
        "text/plain; charset=utf-8".to_string()
    } else {
        served.mime.clone()
    };
    common.insert(header::CONTENT_TYPE, value(&content_type));
    let inline = super::sniff::shown_inline(&served.mime);
    common.insert(
        header::CONTENT_DISPOSITION,
        value(&disposition(inline, &served.filename)),
    );
    if !inline {
        // An SVG or other active document opened directly runs nothing.
        common.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox; default-src 'none'"),
        );
    }
    let range = requested_range(headers, etag, size);
    let (status, range) = match range {
        Ranged::Whole => (StatusCode::OK, None),
        Ranged::Part(start, end) => {
            common.insert(
                header::CONTENT_RANGE,
                value(&format!("bytes {start}-{end}/{size}")),
            );
            (StatusCode::PARTIAL_CONTENT, Some(start..end + 1))
        }
        Ranged::Unsatisfiable => {
            common.insert(header::CONTENT_RANGE, value(&format!("bytes */{size}")));
            return (StatusCode::RANGE_NOT_SATISFIABLE, common).into_response();
        }
    };
    let length = range.as_ref().map_or(size, |r| r.end - r.start);
    common.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    match state.media.storage().read(&served.key, range).await {
        Ok(body) => (status, common, body).into_response(),
        Err(err) => failure(&err.into()),
    }
}

/// What a `Range` header asks of a file of `size` bytes.
enum Ranged {
    Whole,
    /// Inclusive byte positions.
    Part(u64, u64),
    Unsatisfiable,
}

/// One range is served as asked; several, or a range under an `If-Range`
/// that no longer matches, get the whole file (RFC 9110 allows both).
fn requested_range(headers: &HeaderMap, etag: &str, size: u64) -> Ranged {
    let Some(raw) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Ranged::Whole;
    };
    if let Some(condition) = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok())
        && condition != etag
    {
        return Ranged::Whole;
    }
    let Ok(parsed) = http_range_header::parse_range_header(raw) else {
        // A malformed Range is ignored, as the spec says.
        return Ranged::Whole;
    };
    if size == 0 {
        return Ranged::Unsatisfiable;
    }
    match parsed.validate(size) {
        Ok(ranges) if ranges.len() == 1 => {
            let (start, end) = ranges[0].clone().into_inner();
            if start >= size || start > end {
                Ranged::Unsatisfiable
            } else {
                Ranged::Part(start, end)
            }
        }
        Ok(_) => Ranged::Whole,
        Err(_) => Ranged::Unsatisfiable,
    }
}

fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// `inline` or `attachment`, with the name in both the ASCII and the
/// UTF-8 forms (RFC 6266).
fn disposition(inline: bool, filename: &str) -> String {
    let kind = if inline { "inline" } else { "attachment" };
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = url::form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn value(text: &str) -> HeaderValue {
    // Every header here is built from ASCII we made (names are encoded).
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn not_found() -> Response {
    refused(StatusCode::NOT_FOUND, code::NOT_FOUND, "not found")
}

fn refused(status: StatusCode, code: &str, message: &str) -> Response {
    crate::http::error_response(status, code, message)
}

fn failure(err: &AppError) -> Response {
    tracing::error!(error = %err, "cannot serve a media file");
    crate::http::error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        code::INTERNAL,
        "internal error",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(raw: &str, size: u64) -> Ranged {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, value(raw));
        requested_range(&headers, "\"x\"", size)
    }

    #[test]
    fn ranges_are_read_as_the_spec_says() {
        assert!(matches!(range("bytes=0-3", 10), Ranged::Part(0, 3)));
        assert!(matches!(range("bytes=5-", 10), Ranged::Part(5, 9)));
        assert!(matches!(range("bytes=-4", 10), Ranged::Part(6, 9)));
        assert!(matches!(range("bytes=5-100", 10), Ranged::Part(5, 9)));
        assert!(matches!(range("bytes=10-", 10), Ranged::Unsatisfiable));
        assert!(matches!(range("bytes=0-1,4-5", 10), Ranged::Whole));
        assert!(matches!(range("lines=1-2", 10), Ranged::Whole));
    }

    #[test]
    fn names_in_disposition_cannot_break_the_header() {
        let header = disposition(false, "a\"b\\c é.svg");
        assert!(
            header.starts_with("attachment; filename=\"a_b_c _.svg\";"),
            "{header}"
        );
        assert!(
            header.ends_with("filename*=UTF-8''a%22b%5Cc%20%C3%A9.svg"),
            "{header}"
        );
    }
}
