//! HTTP caching of `/graphql`: an anonymous GET query answered without
//! errors is public (ETag, configured Cache-Control, 304 on a match);
//! anything signed in, any POST and any answer with errors is not.

use serde_json::{Value, json};

use crate::fixtures::ContentBuilder;
use crate::harness::TestApp;

const LIST: &str = "{ contents(first: 10) { edges { node { id title } } } }";
const PUBLIC: &str = "public, max-age=0, s-maxage=60, stale-while-revalidate=30";

/// An anonymous GET of `query`, with extra headers.
async fn get(app: &TestApp, query: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .http
        .get(app.url("/graphql"))
        .query(&[("query", query)])
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request sent")
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn anonymous_get_is_public_and_revalidates_with_304() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = ContentBuilder::new("First")
        .publish()
        .create(&app, &editor.access)
        .await;

    let first = get(&app, LIST, &[]).await;
    // A CDN can purge the answer when this item or anything changes.
    assert_eq!(
        header(&first, "surrogate-key"),
        Some(format!("vellum content:{id}"))
    );
    assert_eq!(first.status(), 200);
    assert_eq!(header(&first, "cache-control").as_deref(), Some(PUBLIC));
    assert!(
        header(&first, "vary").is_some_and(|v| v.contains("Accept-Encoding")),
        "{:?}",
        first.headers()
    );
    let etag = header(&first, "etag").expect("an ETag");
    assert!(etag.starts_with("W/\""), "{etag}");
    let body: Value = first.json().await.expect("JSON");
    assert_eq!(
        body["data"]["contents"]["edges"][0]["node"]["title"],
        "First"
    );

    // The same data gives the same bytes, hence the same tag.
    let again = get(&app, LIST, &[]).await;
    assert_eq!(header(&again, "etag").as_deref(), Some(etag.as_str()));

    let not_modified = get(&app, LIST, &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status(), 304);
    assert_eq!(
        header(&not_modified, "etag").as_deref(),
        Some(etag.as_str())
    );
    assert_eq!(
        header(&not_modified, "cache-control").as_deref(),
        Some(PUBLIC)
    );
    assert!(not_modified.bytes().await.expect("body").is_empty());

    // A publish changes the answer: a full 200 with a new tag.
    ContentBuilder::new("Second")
        .publish()
        .create(&app, &editor.access)
        .await;
    let changed = get(&app, LIST, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status(), 200);
    let new_etag = header(&changed, "etag").expect("an ETag");
    assert_ne!(new_etag, etag);
    let body: Value = changed.json().await.expect("JSON");
    assert_eq!(
        body["data"]["contents"]["edges"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
}

#[tokio::test]
async fn signed_in_posted_and_failed_answers_are_no_store() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let bearer = format!("Bearer {}", editor.access);
    let anonymous_etag = header(&get(&app, LIST, &[]).await, "etag").expect("an ETag");

    let cases = [
        (
            "signed-in GET",
            get(&app, LIST, &[("authorization", &bearer)]).await,
        ),
        // Even holding the anonymous tag, a signed-in request gets its own answer.
        (
            "signed-in GET with a tag",
            get(
                &app,
                LIST,
                &[
                    ("authorization", &bearer),
                    ("if-none-match", &anonymous_etag),
                ],
            )
            .await,
        ),
        (
            "session cookie",
            get(&app, LIST, &[("cookie", "vellum_refresh=x")]).await,
        ),
        (
            "GET with errors",
            get(&app, "{ content(id: 1) { id } }", &[]).await,
        ),
        ("GET that does not parse", get(&app, "{ health ", &[]).await),
        (
            "POST",
            app.http
                .post(app.url("/graphql"))
                .json(&json!({ "query": LIST }))
                .send()
                .await
                .expect("request sent"),
        ),
    ];
    for (case, response) in cases {
        assert_ne!(response.status(), 304, "{case}");
        assert_eq!(
            header(&response, "cache-control").as_deref(),
            Some("private, no-store"),
            "{case}"
        );
        assert_eq!(header(&response, "etag"), None, "{case}");
    }
}

#[tokio::test]
async fn cache_control_comes_from_the_setting() {
    let app = TestApp::spawn_with(&["--http-cache-control", "public, max-age=5"]).await;
    let response = get(&app, "{ health }", &[]).await;
    assert_eq!(
        header(&response, "cache-control").as_deref(),
        Some("public, max-age=5")
    );
}

/// async-graphql finishes sibling fields in any order; the answer must
/// still follow the selection (GraphQL spec 7.1.1), so that one answer has
/// one ETag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_answer_has_one_etag_and_the_selection_order() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let tag = crate::fixtures::TagBuilder::new("Ordered")
        .create(&app, &editor.access)
        .await;
    for title in ["One", "Two", "Three"] {
        ContentBuilder::new(title)
            .tags(&[&tag])
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    // Loader-backed fields (tags, author) beside plain ones, an alias and a
    // fragment, in an order no resolver would pick by itself.
    let query = "{ contents(first: 10) { nodes { tags { name } ...Who title \
                 t: type { apiId } id } } } fragment Who on Content { author { displayName } }";
    let mut tags = std::collections::HashSet::new();
    for _ in 0..25 {
        let response = get(&app, query, &[]).await;
        tags.insert(header(&response, "etag").expect("an ETag"));
        let body = response.text().await.expect("body");
        let node = body.split("\"nodes\":[{").nth(1).expect("a node");
        let at = |key: &str| node.find(key).unwrap_or(usize::MAX);
        let order = [
            at("\"tags\""),
            at("\"author\""),
            at("\"title\""),
            at("\"t\""),
            at("\"id\""),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{body}");
    }
    assert_eq!(tags.len(), 1, "{tags:?}");
}
