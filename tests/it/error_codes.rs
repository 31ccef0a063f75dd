//! Errors that are not the client's doing say so: a database out of reach
//! is `UNAVAILABLE` with HTTP 503 and `Retry-After` wherever it is noticed
//! (a DataLoader, the bearer-token check), an internal failure is
//! `INTERNAL`, and both carry `requestId` equal to the `x-request-id`
//! response header.

use serde_json::{Value, json};

use crate::fixtures::ContentBuilder;
use crate::harness::{TestApp, codes};

/// Status, `Retry-After`, `x-request-id` and body of a POST to `/graphql`
/// sent with `x-request-id: request_id` (and a bearer token if given).
async fn post(
    app: &TestApp,
    token: Option<&str>,
    request_id: Option<&str>,
    query: &str,
    variables: Value,
) -> (u16, Option<String>, String, Value) {
    let mut request = app
        .http
        .post(app.url("/graphql"))
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let retry_after = header("retry-after");
    let id = header("x-request-id").expect("every response has an x-request-id");
    let status = response.status().as_u16();
    (status, retry_after, id, response.json().await.unwrap())
}

fn assert_unavailable_503(
    (status, retry_after, id, body): (u16, Option<String>, String, Value),
    sent_id: &str,
) {
    assert_eq!(status, 503, "{body}");
    let retry_after = retry_after.expect("a Retry-After header");
    assert!(retry_after.parse::<u64>().unwrap() >= 1);
    assert_eq!(codes(&body), ["UNAVAILABLE"], "{body}");
    assert_eq!(id, sent_id);
    assert_eq!(body["errors"][0]["extensions"]["requestId"], json!(sent_id));
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"].to_string(),
        retry_after
    );
}

#[tokio::test]
async fn a_read_on_an_exhausted_pool_is_unavailable_503_with_the_request_id() {
    let app = TestApp::spawn_with(&["--db-pool-size", "1", "--db-pool-timeout-ms", "300"]).await;
    let admin = app
        .user_with_role("loader-admin@example.com", "SUPERADMIN")
        .await;
    let id = ContentBuilder::new("Loaded later")
        .publish()
        .create(&app, &admin.access)
        .await;
    let unread = ContentBuilder::new("Never read")
        .publish()
        .create(&app, &admin.access)
        .await;
    // What was read before may be answered from the caches (the answer,
    // the item, its type from memory) with no connection; what needs the
    // database while the pool is dry is 503 (when nothing else was
    // answered: a partial answer stays 200).
    let query = "query($id: UUID!) { content(id: $id) { type { apiId } } }";
    // The events of the setup arrive (each moves the caches on) first.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let (status, _, _, body) = post(&app, None, None, query, json!({ "id": id })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["content"]["type"]["apiId"], "article",
        "{body}"
    );

    let held = app.db.conn().await.unwrap();
    let (status, _, _, body) = post(&app, None, None, query, json!({ "id": id })).await;
    assert_eq!(status, 200, "{body}");
    let answer = post(&app, None, Some("loader-1"), query, json!({ "id": unread })).await;
    assert_unavailable_503(answer, "loader-1");
    drop(held);
    let (status, _, _, body) = post(&app, None, None, query, json!({ "id": id })).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_dataloader_failure_keeps_its_code() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_role("loader-broken@example.com", "SUPERADMIN")
        .await;
    let id = ContentBuilder::new("Typeless")
        .create(&app, &admin.access)
        .await;
    // Reading the item needs no type; its `type` field goes through the
    // content DataLoader, which now fails.
    app.sql("ALTER TABLE content_types RENAME TO content_types_gone")
        .await;
    let (status, _, request_id, body) = post(
        &app,
        Some(&admin.access),
        Some("loader-2"),
        "query($id: UUID!) { content(id: $id) { title type { apiId } } }",
        json!({ "id": id }),
    )
    .await;
    assert!(status < 500, "{body}");
    assert_eq!(
        body["errors"][0]["path"],
        json!(["content", "type"]),
        "{body}"
    );
    assert_eq!(codes(&body), ["INTERNAL"], "{body}");
    assert_eq!(body["errors"][0]["message"], "internal error", "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["requestId"],
        json!(request_id)
    );
    assert_eq!(request_id, "loader-2");
}

#[tokio::test]
async fn a_bearer_token_checked_on_an_exhausted_pool_is_unavailable_503() {
    let app = TestApp::spawn_with(&["--db-pool-size", "1", "--db-pool-timeout-ms", "300"]).await;
    // Never used yet, so its session is not cached: checking it needs the
    // database.
    let user = app.sign_up("pool-bearer@example.com").await;
    let held = app.db.conn().await.unwrap();
    let answer = post(
        &app,
        Some(&user.access),
        Some("bearer-1"),
        "{ me { id } }",
        json!({}),
    )
    .await;
    assert_unavailable_503(answer, "bearer-1");
    drop(held);
    let (status, _, _, body) =
        post(&app, Some(&user.access), None, "{ me { id } }", json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["id"], json!(user.user_id), "{body}");
}

#[tokio::test]
async fn internal_errors_carry_the_request_id_while_resolving_and_authenticating() {
    let app = TestApp::spawn().await;
    let user = app.sign_up("internal@example.com").await;
    // Break the schema behind the app's back: what follows is our fault.
    app.sql("ALTER TABLE categories RENAME TO categories_gone; ALTER TABLE sessions RENAME TO sessions_gone")
        .await;

    let (status, _, id, body) = post(
        &app,
        None,
        Some("internal-1"),
        "{ categories { id } }",
        json!({}),
    )
    .await;
    assert!(status < 500, "{body}");
    assert_eq!(codes(&body), ["INTERNAL"], "{body}");
    assert_eq!(id, "internal-1");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], json!(id));
    assert_eq!(body["errors"][0]["message"], "internal error", "{body}");

    // Without an id of the client's, the generated one.
    let (_, _, id, body) = post(&app, None, None, "{ categories { id } }", json!({})).await;
    assert_eq!(codes(&body), ["INTERNAL"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], json!(id));

    // The bearer token cannot be checked: INTERNAL, not BAD_USER_INPUT.
    let (status, retry_after, id, body) = post(
        &app,
        Some(&user.access),
        Some("internal-2"),
        "{ me { id } }",
        json!({}),
    )
    .await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(retry_after, None);
    assert_eq!(codes(&body), ["INTERNAL"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], json!(id));
    assert_eq!(id, "internal-2");
    assert!(!body.to_string().contains("sessions"), "{body}");
}
