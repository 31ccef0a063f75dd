//! `schema.graphql` is the exported schema: this fails when it drifts.
//! Run with `UPDATE_SCHEMA=1` to rewrite it after an intended change.

#[test]
fn schema_graphql_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let sdl = vellum::graphql::export_sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &sdl).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == sdl,
        "schema.graphql is out of date: run `UPDATE_SCHEMA=1 cargo test schema_graphql` \
         (or `vellum print-schema > schema.graphql`) and commit the result"
    );
}

/// `GET /graphql/schema.graphql` serves the same SDL while introspection
/// is allowed.
#[tokio::test]
async fn the_sdl_is_served_when_introspection_is_allowed() {
    let app = crate::harness::TestApp::spawn().await;
    let response = app
        .http
        .get(app.url("/graphql/schema.graphql"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        response.text().await.unwrap(),
        vellum::graphql::export_sdl()
    );
}

/// With introspection off the SDL is a JSON `NOT_FOUND`, like any unknown path.
#[tokio::test]
async fn the_sdl_is_not_found_when_introspection_is_off() {
    let app = crate::harness::TestApp::spawn_with(&["--introspection", "false"]).await;
    let response = app
        .http
        .get(app.url("/graphql/schema.graphql"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(crate::harness::codes(&body), ["NOT_FOUND"]);
    assert!(body.get("data").is_none());
}
