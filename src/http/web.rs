//! The front ends built in `web/` (GraphiQL and the admin UI), embedded in
//! the binary when it is compiled (build.rs checks they were built): each
//! page's `index.html` at `/<page>`, the hashed files Vite emits at
//! `/assets/*`.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "web/dist"]
struct Dist;

/// The pages' policy: everything from this origin, nothing from elsewhere.
/// Monaco sets inline styles and loads its workers from this origin.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
    worker-src 'self' blob:; connect-src 'self'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The admin's policy: as the pages', with no workers (it has none),
/// `blob:` images (previews of files being uploaded) and no plugins.
const ADMIN_CSP: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; \
    object-src 'none'";

/// Vite names assets by their content hash, so a name never changes meaning.
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// A page names the current assets: revalidate it every time (304 is cheap).
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

/// `GET /graphiql`.
pub(crate) async fn graphiql(request: HeaderMap) -> Response {
    page("graphiql/index.html", &request, PAGE_CSP)
}

/// `GET /admin`, `/admin/{*path}` and the pages emails link to
/// (`/reset-password`, ...): the admin's one page, which routes on the
/// client. Every path under `/admin` is a route, even one that looks like
/// a file (`/admin/foo.js`): the admin's files are only at `/assets/*`.
pub(crate) async fn admin(request: HeaderMap) -> Response {
    page("admin/index.html", &request, ADMIN_CSP)
}

/// The paths at the root of the public URL that emails link to, which the
/// admin answers (see `auth::reset` and `auth::service`).
pub(crate) const ADMIN_LINKED_PATHS: &[&str] = &[
    "/reset-password",
    "/verify-email",
    "/complete-sign-up",
    "/forgot-password",
];

/// `GET /assets/{*path}`.
pub(crate) async fn asset(Path(path): Path<String>, request: HeaderMap) -> Response {
    // Only what Vite emitted: `..` or an encoded slash cannot name a page or
    // anything outside `assets/`, as the lookup is by exact embedded name.
    if path.ends_with(".gz") {
        return not_found();
    }
    let name = format!("assets/{path}");
    let Some(file) = Dist::get(&name) else {
        return not_found();
    };
    let gzipped = accepts_gzip(&request)
        .then(|| Dist::get(&format!("{name}.gz")))
        .flatten();
    let mut response = respond(&file, gzipped.as_ref(), &request, IMMUTABLE);
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}

fn page(name: &str, request: &HeaderMap, csp: &'static str) -> Response {
    let Some(file) = Dist::get(name) else {
        // build.rs refuses to build without the pages, so this is a page
        // that was renamed in web/ without its route.
        return not_found();
    };
    let mut response = respond(&file, None, request, REVALIDATE);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    response
}

/// The file (or its precompressed copy) with its type, validator and
/// caching, or 304 when the client's copy is current.
fn respond(
    file: &rust_embed::EmbeddedFile,
    gzipped: Option<&rust_embed::EmbeddedFile>,
    request: &HeaderMap,
    cache_control: HeaderValue,
) -> Response {
    let tag = etag(&file.metadata.sha256_hash(), gzipped.is_some());
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, cache_control);
    headers.insert(header::ETAG, tag.clone());
    if super::cache::matches(request, &tag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let content_type = HeaderValue::from_str(file.metadata.mimetype())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    let body = match gzipped {
        Some(packed) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            packed.data.clone()
        }
        None => file.data.clone(),
    };
    (headers, body).into_response()
}

/// A strong tag per representation: the gzip copy is other bytes.
fn etag(sha256: &[u8; 32], gzip: bool) -> HeaderValue {
    let suffix = if gzip { "-gz" } else { "" };
    let tag = format!("\"{}{suffix}\"", hex::encode(&sha256[..16]));
    // Invariant: a quoted run of hex digits is a valid header value.
    HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"\""))
}

/// Whether `Accept-Encoding` allows gzip (a `q=0` refuses it).
fn accepts_gzip(request: &HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

fn not_found() -> Response {
    super::error::error_body(
        StatusCode::NOT_FOUND,
        HeaderValue::from_static("application/json"),
        crate::error::code::NOT_FOUND,
        "not found",
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept_encoding(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn gzip_is_chosen_only_when_accepted() {
        assert!(accepts_gzip(&accept_encoding("gzip, br")));
        assert!(accepts_gzip(&accept_encoding("br;q=1, GZIP;q=0.5")));
        assert!(accepts_gzip(&accept_encoding("*")));
        assert!(!accepts_gzip(&accept_encoding("gzip;q=0")));
        assert!(!accepts_gzip(&accept_encoding("br, identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn the_pages_and_their_assets_are_embedded() {
        for page in ["graphiql/index.html", "admin/index.html"] {
            let html = Dist::get(page).map(|f| f.data.into_owned());
            let html = String::from_utf8(html.unwrap_or_default()).unwrap_or_default();
            let scripts: Vec<&str> = html
                .split("src=\"/assets/")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            assert!(!scripts.is_empty(), "{page} loads no script: {html}");
            for script in scripts {
                assert!(Dist::get(&format!("assets/{script}")).is_some(), "{script}");
            }
            assert!(!html.contains("https://"), "{page} loads from elsewhere");
        }
    }
}
