//! Query limits: depth, complexity, aliases, query length, directives,
//! introspection.

use serde_json::Value;

use crate::harness::{TestApp, codes};

fn aliases(n: usize) -> String {
    let fields: Vec<String> = (0..n).map(|i| format!("a{i}: health")).collect();
    format!("{{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn default_limits_allow_30_aliases_and_refuse_31() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql(&aliases(30), Value::Null).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app.gql(&aliases(31), Value::Null).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("aliases")
    );
}

#[tokio::test]
async fn too_deep_is_refused() {
    let app = TestApp::spawn_with(&["--max-depth", "3"]).await;
    let (status, _) = app
        .gql("{ categories { parent { id } } }", Value::Null)
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .gql("{ categories { parent { parent { id } } } }", Value::Null)
        .await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
}

#[tokio::test]
async fn default_depth_of_12_holds() {
    let app = TestApp::spawn().await;
    // 13 levels through a category's parents (introspection has its own
    // rule: see the introspection module).
    let query = "{ categories { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }";
    let (status, body) = app.gql(query, Value::Null).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn too_complex_is_refused() {
    let app = TestApp::spawn_with(&["--max-complexity", "5"]).await;
    let (status, _) = app.gql(&aliases(5), Value::Null).await;
    assert_eq!(status, 200);
    let (status, body) = app.gql(&aliases(6), Value::Null).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
}

#[tokio::test]
async fn overlong_query_text_is_refused() {
    let app = TestApp::spawn().await;
    let query = format!("{{ health }}#{}", "x".repeat(20_000));
    let (status, body) = app.gql(&query, Value::Null).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("characters")
    );
}

#[tokio::test]
async fn too_many_directives_on_a_field_are_refused() {
    let app = TestApp::spawn().await;
    let five = "{ health @include(if: true) @include(if: true) @include(if: true) @include(if: true) @include(if: true) }";
    let six = "{ health @include(if: true) @include(if: true) @include(if: true) @include(if: true) @include(if: true) @skip(if: false) }";
    let (status_five, _) = app.gql(five, Value::Null).await;
    let (status_six, body) = app.gql(six, Value::Null).await;
    assert_ne!(status_five, 500);
    assert_eq!(status_six, 400, "{body}");
}

#[tokio::test]
async fn introspection_is_off_in_production() {
    let app = TestApp::spawn_with(&[
        "--env",
        "production",
        "--public-url",
        "https://cms.example.com",
        "--mail-transport",
        "log",
        "--jwt-secret",
        "k3y-for-integration-tests-0123456789abcdef",
    ])
    .await;
    let (status, body) = app
        .gql("{ __schema { queryType { name } } }", Value::Null)
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("introspection")
    );
    let (status, _) = app.gql("{ __typename }", Value::Null).await;
    assert_eq!(status, 200);
    let (status, body) = app.gql("{ health }", Value::Null).await;
    assert_eq!((status, &body["data"]["health"]), (200, &Value::from("ok")));
}
