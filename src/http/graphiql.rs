//! The GraphiQL explorer at `/graphiql`, wired to `/graphql` for queries
//! and subscriptions.

use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

/// GraphiQL loads its scripts and styles from unpkg, so its page carries a
/// wider policy than the API's `default-src 'none'`.
const GRAPHIQL_CSP: &str = "default-src 'self'; \
    script-src 'self' 'unsafe-inline' https://unpkg.com; \
    style-src 'self' 'unsafe-inline' https://unpkg.com; \
    img-src 'self' data: https://graphql.org https://unpkg.com; \
    font-src 'self' data: https://unpkg.com; \
    connect-src 'self' ws: wss:; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The GraphiQL page.
pub async fn page() -> Response {
    let html = async_graphql::http::GraphiQLSource::build()
        .endpoint("/graphql")
        .subscription_endpoint("/graphql")
        .title("Vellum GraphiQL")
        .finish();
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(GRAPHIQL_CSP),
    );
    response
}
