//! Variables that fail coercion are request errors: nothing executes, no
//! `data`, `GRAPHQL_VALIDATION_FAILED`, 400 under the GraphQL response
//! media type and 200 under legacy `application/json`.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

async fn refused(app: &TestApp, query: &str, variables: Value) {
    let (status, body) = app.gql(query, variables.clone()).await;
    assert_eq!(status, 400, "{variables}: {body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn bad_variables_are_request_errors() {
    let app = TestApp::spawn().await;
    let by_id = "query Q($id: UUID!) { health content(id: $id) { id } }";
    refused(&app, by_id, json!({ "id": "nope" })).await;
    refused(&app, by_id, json!({ "id": 7 })).await;
    refused(&app, by_id, json!({})).await;
    refused(&app, by_id, json!({ "id": null })).await;
    let since = "query Q($f: ContentFilterInput) { contents(filter: $f) { nodes { id } } }";
    refused(&app, since, json!({ "f": { "createdAfter": "yesterday" } })).await;
    refused(&app, since, json!({ "f": { "noSuchField": 1 } })).await;
    refused(&app, "query Q($n: Int) { health }", json!({ "n": "seven" })).await;
    refused(
        &app,
        "query Q($n: [Int!]) { health }",
        json!({ "n": [1, null] }),
    )
    .await;

    // A valid UUID that matches nothing is an answer.
    let (status, body) = app
        .gql(
            by_id,
            json!({ "id": "00000000-0000-0000-0000-000000000000" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["content"], Value::Null);
}

#[tokio::test]
async fn a_bad_variable_is_200_without_data_under_application_json() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/json")
        .json(&json!({
            "query": "query Q($id: UUID!) { health content(id: $id) { id } }",
            "variables": { "id": "nope" },
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn a_bad_variable_runs_no_mutation() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("v@example.com", "EDITOR").await;
    // Without the check, the first root field ran before the second read
    // its bad variable.
    let (status, body) = app
        .gql_as(
            &editor.access,
            "mutation M($id: UUID!) { createCategory(input: { name: \"Ghost\" }) { category { id } } archiveContent(input: { id: $id }) { __typename } }",
            json!({ "id": "nope" }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    let made = app
        .sql_strings("SELECT name AS value FROM categories WHERE name = 'Ghost'")
        .await;
    assert!(made.is_empty(), "{made:?}");
}
