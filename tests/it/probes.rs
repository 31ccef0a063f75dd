//! `/health`, `/ready`, `/metrics`, GraphiQL, request ids and security headers.

use serde_json::Value;

use crate::harness::TestApp;

#[tokio::test]
async fn health_and_ready_answer() {
    let app = TestApp::spawn().await;
    let health = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let ready = app.http.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
    assert_eq!(ready.json::<Value>().await.unwrap()["status"], "ready");
}

#[tokio::test]
async fn metrics_count_operations_errors_and_pool() {
    let app = TestApp::spawn().await;
    let query = "query HealthCheck { health }";
    let _ = app.gql(query, Value::Null).await;
    let _ = app.gql("{ nope }", Value::Null).await;
    let text = app.metrics().await;
    assert!(
        text.contains(r#"vellum_graphql_requests_total{operation="HealthCheck"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"vellum_graphql_request_duration_seconds_count{operation="HealthCheck"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"vellum_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1"#),
        "{text}"
    );
    assert!(text.contains("vellum_db_pool_connections "), "{text}");
    assert!(text.contains("vellum_db_pool_idle_connections "), "{text}");
    assert!(text.contains("vellum_db_pool_waiting "), "{text}");
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .get(app.url("/health"))
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-me-123");
    let response = app.http.get(app.url("/health")).send().await.unwrap();
    let generated = response.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(generated.len(), 36, "a UUID: {generated}");
}

#[tokio::test]
async fn security_headers_are_set() {
    let app = TestApp::spawn_with(&["--hsts-max-age", "31536000"]).await;
    let response = app.http.get(app.url("/health")).send().await.unwrap();
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    assert_eq!(
        headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );

    let plain = TestApp::spawn().await;
    let response = plain.http.get(plain.url("/health")).send().await.unwrap();
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none()
    );
}

#[tokio::test]
async fn graphiql_is_served_from_the_binary_with_a_policy_that_allows_nothing_else() {
    let app = TestApp::spawn().await;
    let response = app.http.get(app.url("/graphiql")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self';") && !csp.contains("http") && !csp.contains("ws:"),
        "{csp}"
    );
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let html = response.text().await.unwrap();
    assert!(!html.contains("https://"), "{html}");
    let script = html
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page loads a script")
        .to_string();
    assert!(script.starts_with("/assets/"), "{script}");

    // The script: precompressed, cached for good, revalidated by its tag.
    let asset = app
        .http
        .get(app.url(&script))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status().as_u16(), 200);
    assert_eq!(asset.headers()["content-encoding"], "gzip");
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let tag = asset.headers()["etag"].clone();
    let again = app
        .http
        .get(app.url(&script))
        .header("accept-encoding", "gzip")
        .header("if-none-match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);

    // Without gzip, the plain bytes (compressed by no one).
    let plain = app
        .http
        .get(app.url(&script))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert!(plain.bytes().await.unwrap().len() > 100_000);

    for missing in [
        "/assets/nope.js",
        "/assets/..%2Fgraphiql%2Findex.html",
        &format!("{script}.gz"),
    ] {
        let response = app.http.get(app.url(missing)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 404, "{missing}");
    }
}

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let app = TestApp::spawn_with(&["--cors-origins", "https://app.example.com"]).await;
    let preflight = |origin: &'static str| {
        app.http
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://app.example.com").await.unwrap();
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("https://app.example.com")
    );
    let denied = preflight("https://evil.example").await.unwrap();
    assert!(
        denied
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .get(app.url("/graphiql"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    let encoding = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok());
    assert!(matches!(encoding, Some("br" | "gzip")), "{encoding:?}");
}
