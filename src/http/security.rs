//! Security headers on every response. Handlers that need a different
//! policy (GraphiQL's CSP) set their own; these only fill what is missing.

use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower::util::option_layer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The API serves JSON only: nothing may load, frame or be framed.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

type SetHeader = SetResponseHeaderLayer<HeaderValue>;

/// The header layers as one stack.
pub type SecurityHeaders = Stack<
    tower::util::Either<SetHeader, Identity>,
    Stack<SetHeader, Stack<SetHeader, Stack<SetHeader, Stack<SetHeader, Identity>>>>,
>;

fn set(name: HeaderName, value: &'static str) -> SetHeader {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// nosniff, frame-deny, referrer-policy and CSP always; HSTS when configured.
pub fn layers(hsts_max_age: Option<u64>) -> ServiceBuilder<SecurityHeaders> {
    let hsts = hsts_max_age
        .and_then(|age| HeaderValue::from_str(&format!("max-age={age}; includeSubDomains")).ok())
        .map(|value| {
            SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, value)
        });
    ServiceBuilder::new()
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::CONTENT_SECURITY_POLICY, API_CSP))
        .layer(option_layer(hsts))
}
