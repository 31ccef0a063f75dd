//! Batched POSTs (a JSON array of operations, as Apollo's `BatchHttpLink`
//! sends): answered by an array of results in order, each operation
//! counted against the limits and the rate limit, mutations run in order.

use serde_json::{Value, json};

use crate::harness::TestApp;

async fn post(app: &TestApp, token: Option<&str>, body: Value) -> (u16, Value) {
    let mut request = app
        .http
        .post(app.url("/graphql"))
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

/// A batch of `n` `{ health }` queries.
fn healths(n: usize) -> Value {
    Value::Array(vec![json!({ "query": "{ health }" }); n])
}

fn code(answer: &Value) -> &Value {
    &answer["errors"][0]["extensions"]["code"]
}

#[tokio::test]
async fn a_batch_answers_an_array_in_order() {
    let app = TestApp::spawn().await;
    let (status, body) = post(
        &app,
        None,
        json!([
            { "query": "{ health }" },
            { "query": "query($n: Int!) { contents(first: $n) { totalCount } }", "variables": { "n": 1 } },
            { "query": "{ nope }" },
        ]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let answers = body.as_array().expect("an array");
    assert_eq!(answers.len(), 3, "{body}");
    assert_eq!(answers[0]["data"]["health"], "ok", "{body}");
    assert_eq!(answers[1]["data"]["contents"]["totalCount"], 0, "{body}");
    // One failed operation does not fail the others.
    assert_eq!(code(&answers[2]), "GRAPHQL_VALIDATION_FAILED", "{body}");
}

#[tokio::test]
async fn mutations_in_a_batch_run_in_order() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let create = "mutation($name: String!) { createTag(input: { name: $name, slug: \"same\" }) { tag { name } } }";
    let (status, body) = post(
        &app,
        Some(&editor.access),
        json!([
            { "query": create, "variables": { "name": "First" } },
            { "query": create, "variables": { "name": "Second" } },
            { "query": "{ tags { name } }" },
        ]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body[0]["data"]["createTag"]["tag"]["name"], "First",
        "{body}"
    );
    assert!(body[1]["errors"].is_array(), "{body}");
    assert_eq!(
        body[2]["data"]["tags"],
        json!([{ "name": "First" }]),
        "{body}"
    );
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused_naming_the_setting() {
    let app = TestApp::spawn_with(&["--max-batch-size", "2"]).await;
    let (status, body) = post(&app, None, healths(3)).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("VELLUM_MAX_BATCH_SIZE")),
        "{body}"
    );
    let (status, body) = post(&app, None, healths(2)).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn each_operation_spends_one_unit_of_the_rate_limit() {
    let app = TestApp::spawn_with(&["--requests-per-minute", "3"]).await;
    let (status, body) = post(&app, None, healths(4)).await;
    assert_eq!(status, 200, "{body}");
    for answer in &body.as_array().expect("an array")[..3] {
        assert_eq!(answer["data"]["health"], "ok", "{body}");
    }
    assert_eq!(code(&body[3]), "RATE_LIMITED", "{body}");
    // The budget is spent: a single request is refused too.
    let (status, _) = post(&app, None, json!({ "query": "{ health }" })).await;
    assert_eq!(status, 429);
}
