//! The one shape of the error bodies the HTTP layer writes itself, around
//! GraphQL rather than through it:
//! `{"errors":[{"extensions":{"code":…},"message":…}]}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One GraphQL error object with `extensions.code` and any `extra`
/// extensions (WebSocket `error` payloads carry these too).
pub(crate) fn error_object(
    code: &str,
    message: &str,
    extra: &[(&str, serde_json::Value)],
) -> serde_json::Value {
    let mut extensions = serde_json::Map::new();
    extensions.insert("code".into(), code.into());
    for (key, value) in extra {
        extensions.insert((*key).into(), value.clone());
    }
    serde_json::json!({ "message": message, "extensions": extensions })
}

/// A response whose body holds one error; callers add headers such as
/// `Retry-After` or `Allow`.
pub(crate) fn error_body(
    status: StatusCode,
    content_type: HeaderValue,
    code: &str,
    message: &str,
    extra: &[(&str, serde_json::Value)],
) -> Response {
    let body = serde_json::json!({ "errors": [error_object(code, message, extra)] });
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        body.to_string(),
    )
        .into_response()
}

/// Gives the answers that tower layers write themselves (the body limit's
/// 413, the timeout's 408) the one JSON error shape above, so that every
/// error a client gets carries `extensions.code`.
pub(crate) async fn json_error_bodies(response: Response) -> Response {
    let (code, message) = match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (
            crate::error::code::BAD_USER_INPUT,
            "the request body is too large",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            crate::error::code::TIMEOUT,
            "the request took too long and was stopped",
        ),
        _ => return response,
    };
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("json"));
    if is_json {
        return response;
    }
    error_body(
        response.status(),
        HeaderValue::from_static("application/json"),
        code,
        message,
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[tokio::test]
    async fn the_body_has_one_error_with_its_code_and_extras() {
        let response = error_body(
            StatusCode::TOO_MANY_REQUESTS,
            HeaderValue::from_static("application/json"),
            "RATE_LIMITED",
            "slow down",
            &[("retryAfter", 3.into())],
        );
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        assert_eq!(
            body_of(response).await,
            r#"{"errors":[{"extensions":{"code":"RATE_LIMITED","retryAfter":3},"message":"slow down"}]}"#
        );
    }
}
