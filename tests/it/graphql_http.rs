//! The happy paths of GraphQL over HTTP.

use serde_json::{Value, json};

use crate::harness::TestApp;

#[tokio::test]
async fn post_answers_health_and_version() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql("{ health version }", Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["health"], "ok");
    assert_eq!(body["data"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(body.get("errors").is_none());
}

#[tokio::test]
async fn get_answers_queries_with_variables() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .get(app.url("/graphql"))
        .query(&[
            (
                "query",
                "query Q($skip: Boolean!) { health version @skip(if: $skip) }",
            ),
            ("variables", r#"{"skip": true}"#),
            ("operationName", "Q"),
        ])
        .header("accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/graphql-response+json")
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({ "data": { "health": "ok" } }));
}

#[tokio::test]
async fn json_accept_gets_application_json() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/json")
        .json(&json!({ "query": "{ health }" }))
        .send()
        .await
        .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
}

#[tokio::test]
async fn subscriptions_over_http_are_a_clear_error() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql("subscription { serverTime }", Value::Null).await;
    assert_ne!(status, 500);
    assert!(body["errors"].is_array(), "{body}");
}
