//! The public answer cache: an anonymous query over published content
//! answered before is answered again with the same bytes, with no SQL, and
//! never once anything it shows has changed, on this instance or another.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, ContentUpdate, TagBuilder, Transition, metric};
use crate::harness::{TestApp, codes};

const STATEMENTS: &str = "vellum_db_statements_total";
const HITS: &str = "vellum_cache_lookups_total{cache=\"public_answer\",result=\"hit\"}";
const LOOKUPS: &str = "vellum_cache_lookups_total{cache=\"public_answer\"";

/// The shape of the benchmark's S1 read: a page of items with relations.
const LIST: &str = "{ contents(first: 20) { edges { node { id title slug author { displayName } tags { name } } } } }";

/// Jobs stay idle and anonymous callers are not throttled by the load test.
async fn app() -> TestApp {
    app_with(&[]).await
}

async fn app_with(flags: &[&str]) -> TestApp {
    let mut all = vec![
        "--scheduler-interval-ms",
        "3600000",
        "--mail-worker-interval-ms",
        "0",
        "--requests-per-minute",
        "1000000",
    ];
    all.extend_from_slice(flags);
    TestApp::spawn_with(&all).await
}

async fn get(app: &TestApp, query: &str) -> reqwest::Response {
    app.http
        .get(app.url("/graphql"))
        .query(&[("query", query)])
        .send()
        .await
        .expect("request sent")
}

async fn rename_tag(app: &TestApp, token: &str, id: &str, name: &str) {
    let rename = "mutation($i: TagInput!) { updateTag(input: $i) { tag { name } } }";
    let (_, body) = app
        .gql_as(token, rename, json!({ "i": { "id": id, "name": name } }))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

/// Reads until `check` holds for the answer to `query` or `wait` passes;
/// returns the last answer.
async fn eventually(
    app: &TestApp,
    query: &str,
    wait: Duration,
    check: impl Fn(&Value) -> bool,
) -> Value {
    let until = Instant::now() + wait;
    loop {
        let (_, body) = app.gql(query, Value::Null).await;
        if check(&body) || Instant::now() > until {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_repeated_public_read_is_the_same_bytes_with_no_sql() {
    let app = app().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let tag = TagBuilder::new("News").create(&app, &editor.access).await;
    for n in 0..3 {
        ContentBuilder::new(&format!("Item {n}"))
            .tags(&[&tag])
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    // Let the bus deliver the events of the setup (each moves the
    // generation on) before measuring.
    tokio::time::sleep(Duration::from_millis(1200)).await;

    let first = get(&app, LIST).await;
    let first_tag = first.headers().get("etag").cloned();
    let first_bytes = first.bytes().await.expect("body");
    let hits = metric(&app, HITS).await;
    let statements = metric(&app, STATEMENTS).await;
    let again = get(&app, LIST).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers().get("etag").cloned(), first_tag);
    assert!(
        again
            .headers()
            .get("surrogate-key")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|keys| keys.matches("content:").count() == 3),
        "{:?}",
        again.headers()
    );
    assert_eq!(again.bytes().await.expect("body"), first_bytes);
    assert_eq!(
        metric(&app, STATEMENTS).await - statements,
        0.0,
        "a hit runs no SQL"
    );
    assert_eq!(
        metric(&app, HITS).await - hits,
        1.0,
        "the second read is a hit"
    );

    // A POST of the same query shares the answer, and stays private.
    let (_, body) = app.gql(LIST, Value::Null).await;
    assert_eq!(
        body["data"]["contents"]["edges"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(metric(&app, HITS).await - hits, 2.0);
    let post = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": LIST }))
        .send()
        .await
        .expect("request sent");
    assert_eq!(
        post.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("private, no-store")
    );

    // Signed in, nobody's answer is shared: the cache is not even asked.
    let lookups = metric(&app, LOOKUPS).await;
    let (_, body) = app.gql_as(&editor.access, LIST, Value::Null).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(metric(&app, LOOKUPS).await, lookups);
}

#[tokio::test]
async fn answers_that_could_differ_are_never_kept() {
    let app = app().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for title in ["Visible", "Also visible"] {
        ContentBuilder::new(title)
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    // `setupRequired` changes with no content event; errors are personal.
    for query in [
        "{ setupRequired contents { totalCount } }",
        "{ contents { totalCount } me { id } }",
        "query($n: Int) { contents(first: $n) { totalCount } }",
    ] {
        app.gql(query, json!({ "n": -1 })).await;
        let hits = metric(&app, HITS).await;
        let (_, body) = app.gql(query, json!({ "n": -1 })).await;
        assert_eq!(metric(&app, HITS).await, hits, "{query}: {body}");
    }
    // Variables are part of the key.
    let query = "query($n: Int) { contents(first: $n) { edges { node { title } } } }";
    app.gql(query, json!({ "n": 1 })).await;
    let (_, body) = app.gql(query, json!({ "n": 2 })).await;
    assert_eq!(
        body["data"]["contents"]["edges"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
}

#[tokio::test]
async fn every_public_change_moves_kept_answers_on() {
    let app = app().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let tag = TagBuilder::new("Old tag").create(&app, &admin.access).await;
    let id = ContentBuilder::new("Story")
        .slug("story")
        .tags(&[&tag])
        .create(&app, &author.access)
        .await;
    Transition::new("publishContent", &id)
        .returning("status")
        .run(&app, &admin.access)
        .await;
    let query = "{ contentBySlug(type: \"article\", slug: \"story\") { title author { id displayName } tags { name } } }";
    let (_, body) = app.gql(query, Value::Null).await;
    assert_eq!(body["data"]["contentBySlug"]["title"], "Story", "{body}");
    app.gql(query, Value::Null).await;

    // A new content type shows at once in the kept list of types.
    let types = "{ contentTypes { apiId } }";
    app.gql(types, Value::Null).await;
    let create_type = "mutation($i: CreateContentTypeInput!) { createContentType(input: $i) { contentType { apiId } } }";
    let (_, body) = app
        .gql_as(
            &admin.access,
            create_type,
            json!({ "i": { "apiId": "recipe", "name": "Recipe" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app.gql(types, Value::Null).await;
    assert!(
        body["data"]["contentTypes"]
            .to_string()
            .contains("\"recipe\""),
        "{body}"
    );

    // A tag renamed shows at once.
    rename_tag(&app, &admin.access, &tag, "New tag").await;
    let (_, body) = app.gql(query, Value::Null).await;
    assert_eq!(
        body["data"]["contentBySlug"]["tags"][0]["name"], "New tag",
        "{body}"
    );

    // An author renamed shows once the event arrives (it is not a content
    // change, so only the bus tells the cache).
    let author_id = body["data"]["contentBySlug"]["author"]["id"].clone();
    let rename =
        "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { displayName } } }";
    let (_, body) = app
        .gql_as(
            &admin.access,
            rename,
            json!({ "i": { "id": author_id, "displayName": "Renamed Author" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = eventually(&app, query, Duration::from_secs(10), |body| {
        body["data"]["contentBySlug"]["author"]["displayName"] == "Renamed Author"
    })
    .await;
    assert_eq!(
        body["data"]["contentBySlug"]["author"]["displayName"], "Renamed Author",
        "{body}"
    );

    // Taken down: gone at once.
    Transition::new("unpublishContent", &id)
        .returning("status")
        .run(&app, &admin.access)
        .await;
    let (_, body) = app.gql(query, Value::Null).await;
    assert_eq!(body["data"]["contentBySlug"], Value::Null, "{body}");
    assert!(codes(&body).is_empty(), "{body}");
}

/// The version an edit of item `id` must name as expected.
async fn working_version(app: &TestApp, token: &str, id: &str) -> i64 {
    app.send(
        Some(token),
        "query($id: UUID!) { content(id: $id) { version } }",
        json!({ "id": id }),
    )
    .await
    .data("content.version")
}

/// Edits item `id`'s title and publishes the edit.
async fn publish_title(app: &TestApp, token: &str, id: &str, title: &str) {
    ContentUpdate::new(id, working_version(app, token, id).await)
        .input(json!({ "title": title }))
        .returning("version")
        .run(app, token)
        .await;
    Transition::new("publishContent", id)
        .returning("status")
        .run(app, token)
        .await;
}

/// The title revision a read saw (`Rev 12` → 12).
fn revision(body: &Value) -> Option<usize> {
    body["data"]["contentBySlug"]["title"]
        .as_str()?
        .strip_prefix("Rev ")?
        .parse()
        .ok()
}

#[tokio::test]
async fn no_read_is_stale_after_a_publish_returns_under_load() {
    const READERS: usize = 8;
    const PUBLISHES: usize = 30;
    // 95% reads: each publish waits for 19 reads since the last one.
    const READS_PER_PUBLISH: usize = 19;
    let app = Arc::new(app().await);
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = ContentBuilder::new("Rev 0")
        .slug("hot")
        .publish()
        .create(&app, &editor.access)
        .await;
    for n in 0..5 {
        ContentBuilder::new(&format!("Neighbour {n}"))
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    let query = "{ contentBySlug(type: \"article\", slug: \"hot\") { title } contents(first: 10) { edges { node { title } } } }";
    // The highest revision whose publish has returned.
    let published = Arc::new(AtomicUsize::new(0));
    let reads = Arc::new(AtomicUsize::new(0));
    let stale = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let hits = metric(&app, HITS).await;

    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (app, published, reads, stale, done) = (
            app.clone(),
            published.clone(),
            reads.clone(),
            stale.clone(),
            done.clone(),
        );
        readers.push(tokio::spawn(async move {
            while !done.load(Ordering::Acquire) {
                let floor = published.load(Ordering::Acquire);
                let (status, body) = app.gql(query, Value::Null).await;
                assert_eq!(status, 200, "{body}");
                let seen = revision(&body).unwrap_or_else(|| panic!("no revision: {body}"));
                // The list must agree with the item: one generation.
                let titles = body["data"]["contents"]["edges"].to_string();
                if seen < floor || !titles.contains(&format!("\"Rev {seen}\"")) {
                    stale.fetch_add(1, Ordering::AcqRel);
                }
                reads.fetch_add(1, Ordering::AcqRel);
            }
        }));
    }

    for rev in 1..=PUBLISHES {
        let start = reads.load(Ordering::Acquire);
        while reads.load(Ordering::Acquire) < start + READS_PER_PUBLISH {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        publish_title(&app, &editor.access, &id, &format!("Rev {rev}")).await;
        published.store(rev, Ordering::Release);
    }
    let start = reads.load(Ordering::Acquire);
    while reads.load(Ordering::Acquire) < start + READS_PER_PUBLISH {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    done.store(true, Ordering::Release);
    for reader in readers {
        reader.await.expect("reader");
    }
    let reads = reads.load(Ordering::Acquire);
    assert!(reads >= PUBLISHES * READS_PER_PUBLISH, "{reads} reads");
    assert_eq!(
        stale.load(Ordering::Acquire),
        0,
        "stale reads among {reads}"
    );
    let served = metric(&app, HITS).await - hits;
    assert!(
        served > (reads / 2) as f64,
        "the cache served most reads: {served} hits of {reads}"
    );
}

#[tokio::test]
async fn another_instance_drops_its_answer_when_the_event_arrives() {
    let app = app().await;
    let other = app
        .sibling_with(&["--requests-per-minute", "1000000"])
        .await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let tag = TagBuilder::new("First name")
        .create(&app, &editor.access)
        .await;
    let id = ContentBuilder::new("Before")
        .slug("shared")
        .tags(&[&tag])
        .publish()
        .create(&app, &editor.access)
        .await;
    let query = "{ contentBySlug(type: \"article\", slug: \"shared\") { title tags { name } } }";
    tokio::time::sleep(Duration::from_millis(1200)).await;
    other.gql(query, Value::Null).await;
    let hits = metric(&other, HITS).await;
    let (_, body) = other.gql(query, Value::Null).await;
    assert_eq!(body["data"]["contentBySlug"]["title"], "Before", "{body}");
    assert_eq!(
        metric(&other, HITS).await - hits,
        1.0,
        "kept on the other instance"
    );

    publish_title(&app, &editor.access, &id, "After").await;
    let body = eventually(&other, query, Duration::from_secs(10), |body| {
        body["data"]["contentBySlug"]["title"] == "After"
    })
    .await;
    assert_eq!(body["data"]["contentBySlug"]["title"], "After", "{body}");

    // A tag renamed on the first instance: not a content item's event, and
    // still seen on the other.
    rename_tag(&app, &editor.access, &tag, "Second name").await;
    let body = eventually(&other, query, Duration::from_secs(10), |body| {
        body["data"]["contentBySlug"]["tags"][0]["name"] == "Second name"
    })
    .await;
    assert_eq!(
        body["data"]["contentBySlug"]["tags"][0]["name"], "Second name",
        "{body}"
    );
}

/// Statements the benchmark's cold reads cost (caches off): the S1 page
/// and the S2 item each in one statement, the types and taxonomy from
/// memory.
#[tokio::test]
async fn cold_public_reads_are_one_statement_each() {
    let app = app_with(&["--content-cache-ttl-secs", "0"]).await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let tag = TagBuilder::new("News").create(&app, &editor.access).await;
    let category = crate::fixtures::CategoryBuilder::new("World")
        .create(&app, &editor.access)
        .await;
    for n in 0..5 {
        ContentBuilder::new(&format!("Item {n}"))
            .slug(&format!("item-{n}"))
            .body("<p>Body</p>")
            .category(Some(&category))
            .tags(&[&tag])
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let by_slug = "query($s: String!) { contentBySlug(type: \"article\", slug: $s) { id title bodyHtml publishedAt readingTime type { apiId } author { displayName } category { name } tags { name } } }";
    // Loads the catalog.
    app.gql(LIST, Value::Null).await;
    for (query, variables, path) in [
        (LIST, Value::Null, "/data/contents/edges/4/node/tags/0/name"),
        (
            by_slug,
            json!({ "s": "item-3" }),
            "/data/contentBySlug/tags/0/name",
        ),
    ] {
        let before = metric(&app, STATEMENTS).await;
        let (_, body) = app.gql(query, variables).await;
        assert_eq!(metric(&app, STATEMENTS).await - before, 1.0, "{query}");
        assert_eq!(
            body.pointer(path).and_then(Value::as_str),
            Some("News"),
            "{body}"
        );
    }
    let (_, body) = app.gql(by_slug, json!({ "s": "item-3" })).await;
    assert_eq!(
        body["data"]["contentBySlug"]["author"]["displayName"], "Test User",
        "{body}"
    );
    assert_eq!(
        body["data"]["contentBySlug"]["category"]["name"], "World",
        "{body}"
    );
    assert_eq!(
        body["data"]["contentBySlug"]["type"]["apiId"], "article",
        "{body}"
    );
}
