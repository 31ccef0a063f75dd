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
