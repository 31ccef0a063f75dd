//! Introspection for tools: graphql-js's full `getIntrospectionQuery()`
//! passes the default limits, abusive introspection does not, and the
//! depth limit still holds outside introspection.

use serde_json::Value;

use crate::harness::{TestApp, codes};

const FULL_QUERY: &str = include_str!("fixtures/introspection_query.graphql");

#[tokio::test]
async fn the_graphql_js_introspection_query_passes_the_default_limits() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql(FULL_QUERY, Value::Null).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let types = body["data"]["__schema"]["types"].as_array().unwrap();
    assert!(types.iter().any(|t| t["name"] == "Query"), "{body}");
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn nested_introspection_lists_are_refused() {
    let app = TestApp::spawn().await;
    let abusive =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let (status, body) = app.gql(abusive, Value::Null).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    assert!(body.get("data").is_none(), "{body}");
    // Through fragments too.
    let spread = "{ __type(name: \"Query\") { ...F } } \
                  fragment F on __Type { fields { type { interfaces { possibleTypes { name } } } } }";
    let (status, body) = app.gql(spread, Value::Null).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
}

#[tokio::test]
async fn a_data_query_deeper_than_12_is_still_refused() {
    let app = TestApp::spawn().await;
    let nested = |levels: usize| {
        format!(
            "{{ categories {{ {}id{} }} }}",
            "parent { ".repeat(levels),
            " }".repeat(levels)
        )
    };
    // categories + 10 parents + id: 12 levels.
    let (status, body) = app.gql(&nested(10), Value::Null).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app.gql(&nested(11), Value::Null).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("VELLUM_MAX_DEPTH"), "{message}");
}

#[tokio::test]
async fn introspection_off_still_refuses_the_full_query() {
    let app = TestApp::spawn_with(&["--introspection", "false"]).await;
    let (status, body) = app.gql(FULL_QUERY, Value::Null).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
}
