//! HTTP caching of `/graphql` answers. Only an anonymous GET query answered
//! without errors is public: it gets an `ETag` and the configured
//! `Cache-Control`, and a matching `If-None-Match` gets `304 Not Modified`.
//! Everything else is `private, no-store`, so no shared cache ever keeps an
//! answer that depends on who asked.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// `Cache-Control` of every answer that is not public.
const PRIVATE: HeaderValue = HeaderValue::from_static("private, no-store");

/// What a public answer varies with: the media type (`Accept`), the
/// compression (`Accept-Encoding`), and the credentials, so that a cache
/// never hands an anonymous answer to a signed-in request.
const VARY: HeaderValue =
    HeaderValue::from_static("Accept, Accept-Encoding, Authorization, Cookie");

/// Checks `VELLUM_HTTP_CACHE_CONTROL`: comma-separated directives, each a
/// token or `token=value` (a token or a quoted string).
pub(crate) fn parse_cache_control(raw: &str) -> Result<HeaderValue, String> {
    fn is_token(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    }
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("must not be empty".into());
    }
    for directive in raw.split(',').map(str::trim) {
        let (name, value) = match directive.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (directive, None),
        };
        let value_ok = value.is_none_or(|v| {
            is_token(v)
                || (v.len() >= 2
                    && v.starts_with('"')
                    && v.ends_with('"')
                    && v[1..v.len() - 1]
                        .bytes()
                        .all(|b| b.is_ascii_graphic() || b == b' ')
                    && !v[1..v.len() - 1].contains('"'))
        });
        if !is_token(name) || !value_ok {
            return Err(format!(
                "`{directive}` is not a Cache-Control directive, e.g. `s-maxage=60`"
            ));
        }
    }
    HeaderValue::from_str(raw).map_err(|_| "is not a valid header value".to_string())
}

/// The entity tag of a body: weak because the compression layer may send
/// other bytes for the same answer (hence `Vary: Accept-Encoding`); 128 bits
/// of SHA-256 make a collision between two answers out of reach.
pub(crate) fn etag(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let tag = format!("W/\"{}\"", hex::encode(&digest[..16]));
    // Invariant: `W/"` + hex digits + `"` is always a valid header value.
    HeaderValue::from_str(&tag).unwrap_or(PRIVATE)
}

/// Whether `If-None-Match` names `tag` (weak comparison, RFC 9110 13.1.2).
pub(crate) fn matches(request: &HeaderMap, tag: &HeaderValue) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let Ok(ours) = tag.to_str().map(strip) else {
        return false;
    };
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|theirs| theirs.trim() == "*" || strip(theirs) == ours)
}

/// Marks a response no shared or browser cache may keep, unless a
/// `Cache-Control` was already chosen.
pub(crate) fn private(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(PRIVATE);
    response
}

/// Most content keys named in one `Surrogate-Key` (CDNs cap the header
/// near 16 KB); a bigger answer is purged through the general key.
const MAX_SURROGATE_KEYS: usize = 200;

/// `Surrogate-Key` of a public answer: `vellum` (purges every answer) and
/// `content:<id>` for each content item it shows.
pub(crate) fn surrogate_key(content_ids: &[uuid::Uuid]) -> HeaderValue {
    let mut keys = String::from("vellum");
    if content_ids.len() <= MAX_SURROGATE_KEYS {
        for id in content_ids {
            keys.push_str(" content:");
            keys.push_str(&id.to_string());
        }
    }
    // Invariant: ASCII letters, digits, `:`, `-` and spaces only.
    HeaderValue::from_str(&keys).unwrap_or(HeaderValue::from_static("vellum"))
}

/// The headers of a public answer whose body has entity tag `tag` (see
/// [`etag`]), or a bodiless 304 when the request already holds it.
pub(crate) fn public(
    mut response: Response,
    request: &HeaderMap,
    tag: HeaderValue,
    cache_control: &HeaderValue,
) -> Response {
    if matches(request, &tag) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        let headers = not_modified.headers_mut();
        headers.insert(header::ETAG, tag);
        headers.insert(header::CACHE_CONTROL, cache_control.clone());
        headers.insert(header::VARY, VARY);
        return not_modified;
    }
    let headers = response.headers_mut();
    headers.insert(header::ETAG, tag);
    headers.insert(header::CACHE_CONTROL, cache_control.clone());
    headers.insert(header::VARY, VARY);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_control_is_checked() {
        assert!(parse_cache_control("public, max-age=0, s-maxage=60").is_ok());
        assert!(parse_cache_control("no-cache=\"Set-Cookie\"").is_ok());
        assert!(parse_cache_control("").is_err());
        assert!(parse_cache_control("public,,").is_err());
        assert!(parse_cache_control("max-age=1 0").is_err());
        assert!(parse_cache_control("public\r\nX: y").is_err());
    }

    #[test]
    fn surrogate_keys_fall_back_to_the_general_key() {
        let id = uuid::Uuid::nil();
        assert_eq!(
            surrogate_key(&[id]),
            format!("vellum content:{id}").as_str()
        );
        assert_eq!(surrogate_key(&[id; MAX_SURROGATE_KEYS + 1]), "vellum");
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = etag(b"{}");
        let mut request = HeaderMap::new();
        assert!(!matches(&request, &tag));
        let strong = tag.to_str().unwrap_or_default().trim_start_matches("W/");
        request.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"other\", {strong}")).unwrap_or(PRIVATE),
        );
        assert!(matches(&request, &tag));
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&request, &tag));
        assert_ne!(etag(b"{}"), etag(b"{ }"));
        assert_eq!(etag(b"{}"), etag(b"{}"));
    }
}
