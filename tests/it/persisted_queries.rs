//! Persisted queries: Apollo's APQ over POST and GET, trusted documents
//! imported with `vellum persisted import`, and the `off` mode.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::fixtures::metric;
use crate::harness::{TestApp, codes};

const HEALTH: &str = "query Health { health }";

fn sha(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

/// POSTs `body` as JSON under `accept`.
async fn post(app: &TestApp, accept: &str, body: Value) -> (u16, Value) {
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", accept)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// GETs `/graphql` the way Apollo's link does with `useGETForHashedQueries`.
/// Sends `text` with its hash, as APQ registers a document.
async fn register(app: &TestApp, text: &str) -> (u16, Value) {
    post(
        app,
        GQL,
        json!({ "query": text, "extensions": persisted(&sha(text)) }),
    )
    .await
}

async fn get(app: &TestApp, params: &[(&str, String)]) -> (u16, Value) {
    let response = app
        .http
        .get(app.url("/graphql"))
        .header("accept", "application/json")
        .query(params)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

const JSON: &str = "application/json";
const GQL: &str = vellum::http::GRAPHQL_RESPONSE_JSON;

#[tokio::test]
async fn apq_registers_then_runs_by_hash_over_post_and_get() {
    let app = TestApp::spawn().await;
    let hash = sha(HEALTH);

    // Unknown: both media types answer 200, the way Apollo's link retries.
    for accept in [JSON, GQL] {
        let (status, body) = post(&app, accept, json!({ "extensions": persisted(&hash) })).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_FOUND"]);
        assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
        assert!(body.get("data").is_none(), "{body}");
    }
    let (status, body) = get(&app, &[("extensions", persisted(&hash).to_string())]).await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["PERSISTED_QUERY_NOT_FOUND".into()])
    );

    // Text and hash: runs and registers.
    let (status, body) = register(&app, HEALTH).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["health"], "ok");

    // The hash alone now runs, over POST and GET, with an operation name.
    let (status, body) = post(
        &app,
        GQL,
        json!({ "operationName": "Health", "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );
    let (status, body) = get(
        &app,
        &[
            ("operationName", "Health".into()),
            ("extensions", persisted(&hash).to_string()),
        ],
    )
    .await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );
}

#[tokio::test]
async fn a_wrong_hash_or_a_malformed_extension_is_bad_user_input() {
    let app = TestApp::spawn().await;
    let wrong = sha("{ version }");
    let (status, body) = post(
        &app,
        GQL,
        json!({ "query": HEALTH, "extensions": persisted(&wrong) }),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(
        body["errors"][0]["message"],
        "provided sha does not match query"
    );
    // The wrong hash registered nothing.
    let (_, body) = post(&app, GQL, json!({ "extensions": persisted(&wrong) })).await;
    assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_FOUND"]);

    for extension in [
        json!({ "persistedQuery": { "version": 2, "sha256Hash": sha(HEALTH) } }),
        json!({ "persistedQuery": { "version": 1, "sha256Hash": "abc" } }),
        json!({ "persistedQuery": "x" }),
    ] {
        let (status, body) = post(&app, GQL, json!({ "extensions": extension })).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    }
    // Neither text nor hash.
    let (status, body) = post(&app, GQL, json!({ "extensions": {} })).await;
    assert_eq!((status, codes(&body)), (400, vec!["BAD_USER_INPUT".into()]));
}

#[tokio::test]
async fn registration_is_no_way_around_the_limits() {
    let app = TestApp::spawn_with(&["--max-query-length", "40"]).await;
    let long = "query LongerThanTheLimit { health version health }";
    let hash = sha(long);
    let (_, body) = register(&app, long).await;
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    let (_, body) = post(&app, GQL, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_FOUND"], "{body}");
}

#[tokio::test]
async fn a_hashed_mutation_over_get_is_refused() {
    let app = TestApp::spawn().await;
    let mutation = "mutation { signOut }";
    let hash = sha(mutation);
    // Registered over POST (its execution result does not matter).
    post(
        &app,
        JSON,
        json!({ "query": mutation, "extensions": persisted(&hash) }),
    )
    .await;
    let (status, body) = get(&app, &[("extensions", persisted(&hash).to_string())]).await;
    assert_eq!(status, 405, "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

/// Runs `vellum persisted import` on `manifest` against the app's database.
async fn import(app: &TestApp, manifest: &Value) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("manifest.json");
    std::fs::write(&path, manifest.to_string()).unwrap();
    let url = app.db_url.clone();
    tokio::task::spawn_blocking(move || {
        let output = crate::cli::vellum()
            .args(["persisted", "import"])
            .arg(&path)
            .env("DATABASE_URL", &url)
            .output()
            .unwrap();
        drop(dir);
        output
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_mode_runs_only_imported_documents() {
    let app = TestApp::spawn_with(&["--persisted-queries", "trusted"]).await;
    let other = "query Version { version }";
    let apollo_doc = "query Both { health version }";

    // A wrong hash in the manifest imports nothing.
    let output = import(&app, &json!({ sha(other): HEALTH })).await;
    assert!(!output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("does not match"),
        "{output:?}"
    );

    let output = import(&app, &json!({ sha(HEALTH): HEALTH })).await;
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 1"));
    let output = import(
        &app,
        &json!({
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [{ "id": sha(apollo_doc), "name": "Both", "type": "query", "body": apollo_doc }]
        }),
    )
    .await;
    assert!(output.status.success(), "{output:?}");

    // Imported documents run by hash (POST and GET) and as text.
    let (status, body) = post(&app, GQL, json!({ "extensions": persisted(&sha(HEALTH)) })).await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );
    let (status, body) = get(
        &app,
        &[("extensions", persisted(&sha(apollo_doc)).to_string())],
    )
    .await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );
    let (status, body) = post(&app, GQL, json!({ "query": HEALTH })).await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );
    let (status, body) = post(
        &app,
        GQL,
        json!({ "documentId": format!("sha256:{}", sha(HEALTH)) }),
    )
    .await;
    assert_eq!(
        (status, &body["data"]["health"]),
        (200, &json!("ok")),
        "{body}"
    );

    // Anything else is refused, and APQ cannot register it.
    let (status, body) = post(&app, GQL, json!({ "query": other })).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(codes(&body), ["TRUSTED_DOCUMENT_REQUIRED"]);
    let (status, body) = register(&app, other).await;
    assert_eq!(
        (status, codes(&body)),
        (403, vec!["TRUSTED_DOCUMENT_REQUIRED".into()])
    );
    let (status, body) = post(&app, GQL, json!({ "extensions": persisted(&sha(other)) })).await;
    assert_eq!(
        (status, codes(&body)),
        (403, vec!["TRUSTED_DOCUMENT_REQUIRED".into()])
    );
    let (status, body) = get(&app, &[("documentId", format!("sha256:{}", sha(other)))]).await;
    assert_eq!(
        (status, codes(&body)),
        (403, vec!["TRUSTED_DOCUMENT_REQUIRED".into()])
    );
}

#[tokio::test]
async fn off_mode_refuses_the_extension() {
    let app = TestApp::spawn_with(&["--persisted-queries", "off"]).await;
    let (status, body) = post(
        &app,
        JSON,
        json!({ "query": HEALTH, "extensions": persisted(&sha(HEALTH)) }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_SUPPORTED"]);
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotSupported");
    let (status, body) = get(&app, &[("extensions", persisted(&sha(HEALTH)).to_string())]).await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["PERSISTED_QUERY_NOT_SUPPORTED".into()])
    );
    let (status, body) = post(&app, GQL, json!({ "documentId": sha(HEALTH) })).await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["PERSISTED_QUERY_NOT_SUPPORTED".into()])
    );
    // Plain requests still run.
    let (_, body) = post(&app, GQL, json!({ "query": HEALTH })).await;
    assert_eq!(body["data"]["health"], "ok");
}

#[tokio::test]
async fn hash_lookups_spend_the_request_budget() {
    let app = TestApp::spawn_with(&["--requests-per-minute", "3"]).await;
    for i in 0..3 {
        let hash = sha(&format!("{{ health }} # {i}"));
        let (_, body) = post(&app, GQL, json!({ "extensions": persisted(&hash) })).await;
        assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_FOUND"]);
    }
    let (status, body) = post(&app, GQL, json!({ "extensions": persisted(&sha("x")) })).await;
    assert_eq!((status, codes(&body)), (429, vec!["RATE_LIMITED".into()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_mode_holds_over_websocket_too() {
    let app = TestApp::spawn_with(&["--persisted-queries", "trusted"]).await;
    let clock = "subscription Clock { serverTime }";
    let output = import(&app, &json!({ sha(HEALTH): HEALTH, sha(clock): clock })).await;
    assert!(output.status.success(), "{output:?}");
    let mut ws = app.ws().await;

    // Neither a stray query nor a mutation runs, as text or by hash.
    let stranger = "mutation { requestPasswordReset(input: { email: \"x@vellum.test\" }) { ok } }";
    for (id, payload) in [
        ("text", json!({ "query": "query Stranger { health }" })),
        ("mutation", json!({ "query": stranger })),
        ("hash", json!({ "extensions": persisted(&sha(stranger)) })),
    ] {
        ws.send(json!({ "id": id, "type": "subscribe", "payload": payload }))
            .await;
        let answer = ws.next_json().await;
        assert_eq!(
            (&answer["type"], &answer["id"]),
            (&json!("error"), &json!(id)),
            "{answer}"
        );
        assert_eq!(
            answer["payload"][0]["extensions"]["code"], "TRUSTED_DOCUMENT_REQUIRED",
            "{answer}"
        );
    }

    // Imported documents run, by hash and as text.
    ws.send(json!({ "id": "h", "type": "subscribe", "payload": { "extensions": persisted(&sha(HEALTH)) } }))
        .await;
    let answer = ws.next_json().await;
    assert_eq!(answer["payload"]["data"]["health"], "ok", "{answer}");
    let document_id = format!("sha256:{}", sha(HEALTH));
    ws.send(json!({ "id": "d", "type": "subscribe", "payload": { "documentId": document_id } }))
        .await;
    let mut answer = ws.next_json().await;
    while answer["id"] != "d" {
        answer = ws.next_json().await;
    }
    assert_eq!(answer["payload"]["data"]["health"], "ok", "{answer}");
    ws.send(json!({ "id": "c", "type": "subscribe", "payload": { "query": clock } }))
        .await;
    let mut answer = ws.next_json().await;
    while answer["id"] != "c" {
        answer = ws.next_json().await;
    }
    assert_eq!(answer["type"], "next", "{answer}");
    assert!(
        answer["payload"]["data"]["serverTime"].is_string(),
        "{answer}"
    );
}

/// Hits and misses of the parsed-document cache so far.
async fn parsed_lookups(app: &TestApp) -> (f64, f64) {
    let name = |result: &str| {
        format!("vellum_cache_lookups_total{{cache=\"parsed_document\",result=\"{result}\"}}")
    };
    (
        metric(app, &name("hit")).await,
        metric(app, &name("miss")).await,
    )
}

#[tokio::test]
async fn a_persisted_document_is_parsed_once() {
    let app = TestApp::spawn().await;
    let hash = sha(HEALTH);
    // Ad hoc text is not cached.
    let (_, body) = post(&app, GQL, json!({ "query": HEALTH })).await;
    assert_eq!(body["data"]["health"], "ok", "{body}");
    assert_eq!(parsed_lookups(&app).await, (0.0, 0.0));
    // Registering parses and keeps it.
    let (_, body) = register(&app, HEALTH).await;
    assert_eq!(body["data"]["health"], "ok", "{body}");
    assert_eq!(parsed_lookups(&app).await, (0.0, 1.0));
    // Every later request by hash, GET or POST, runs the parsed document.
    for round in 1..=3 {
        let (status, body) = get(&app, &[("extensions", persisted(&hash).to_string())]).await;
        assert_eq!(
            (status, &body["data"]["health"]),
            (200, &json!("ok")),
            "{body}"
        );
        assert_eq!(parsed_lookups(&app).await, (f64::from(round), 1.0));
    }
    let (_, body) = post(&app, GQL, json!({ "documentId": format!("sha256:{hash}") })).await;
    assert_eq!(body["data"]["health"], "ok", "{body}");
    assert_eq!(parsed_lookups(&app).await, (4.0, 1.0));
}

#[tokio::test]
async fn a_cached_document_still_meets_the_checks_of_each_request() {
    let app = TestApp::spawn_with(&["--max-complexity", "20"]).await;
    // Its complexity is the page size its variable asks for, times 3.
    let page = "query Page($n: Int) { contents(first: $n) { edges { node { id } } } }";
    let hash = sha(page);
    let (_, body) = post(
        &app,
        GQL,
        json!({ "query": page, "variables": { "n": 2 }, "extensions": persisted(&hash) }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (hits, _) = parsed_lookups(&app).await;

    let by_hash = |n: i32| {
        vec![
            ("variables", json!({ "n": n }).to_string()),
            ("extensions", persisted(&hash).to_string()),
        ]
    };
    let (status, body) = get(&app, &by_hash(2)).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"]["contents"]["edges"].is_array(), "{body}");
    // The same cached document is too complex for a bigger page.
    let (_, body) = get(&app, &by_hash(50)).await;
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("complex")),
        "{body}"
    );
    // Variables are still checked against the operation.
    let (_, body) = get(
        &app,
        &[
            ("variables", json!({ "n": "two" }).to_string()),
            ("extensions", persisted(&hash).to_string()),
        ],
    )
    .await;
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"], "{body}");
    // And the operation name.
    let (_, body) = get(
        &app,
        &[
            ("operationName", "Other".into()),
            ("extensions", persisted(&hash).to_string()),
        ],
    )
    .await;
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    assert!(!codes(&body).is_empty(), "{body}");
    assert_eq!(
        parsed_lookups(&app).await.0,
        hits + 4.0,
        "all from the cache"
    );

    // A cached mutation still may not run over GET, by hash or documentId.
    let mutation = "mutation { signOut }";
    let hash = sha(mutation);
    post(
        &app,
        JSON,
        json!({ "query": mutation, "extensions": persisted(&hash) }),
    )
    .await;
    let (hits, _) = parsed_lookups(&app).await;
    let (status, body) = get(&app, &[("extensions", persisted(&hash).to_string())]).await;
    assert_eq!((status, codes(&body)), (405, vec!["BAD_USER_INPUT".into()]));
    let (status, body) = get(&app, &[("documentId", format!("sha256:{hash}"))]).await;
    assert_eq!((status, codes(&body)), (405, vec!["BAD_USER_INPUT".into()]));
    assert_eq!(
        parsed_lookups(&app).await.0,
        hits + 2.0,
        "refused from the cache"
    );
}

#[tokio::test]
async fn document_id_names_a_persisted_document() {
    let app = TestApp::spawn().await;
    let hash = sha(HEALTH);
    let prefixed = format!("sha256:{hash}");
    // Unknown, like a hash-only APQ request.
    let (status, body) = post(&app, GQL, json!({ "documentId": prefixed })).await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["PERSISTED_QUERY_NOT_FOUND".into()])
    );
    let (_, body) = register(&app, HEALTH).await;
    assert_eq!(body["data"]["health"], "ok", "{body}");

    // `sha256:<hex>` and bare hex (either case), over POST and GET.
    for id in [prefixed.clone(), hash.clone(), hash.to_uppercase()] {
        let (status, body) = post(
            &app,
            GQL,
            json!({ "documentId": id, "operationName": "Health" }),
        )
        .await;
        assert_eq!(
            (status, &body["data"]["health"]),
            (200, &json!("ok")),
            "{id}: {body}"
        );
        let (status, body) = get(&app, &[("documentId", id.clone())]).await;
        assert_eq!(
            (status, &body["data"]["health"]),
            (200, &json!("ok")),
            "{id}: {body}"
        );
    }
    // Beside an APQ extension naming the same document.
    let (_, body) = post(
        &app,
        GQL,
        json!({ "documentId": prefixed, "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(body["data"]["health"], "ok", "{body}");

    // Malformed, together with text, or contradicting the extension.
    for body in [
        json!({ "documentId": prefixed, "query": HEALTH }),
        json!({ "documentId": "sha256:abc" }),
        json!({ "documentId": format!("md5:{hash}") }),
        json!({ "documentId": 1 }),
        json!({ "documentId": prefixed, "extensions": persisted(&sha("{ version }")) }),
    ] {
        let (status, answer) = post(&app, GQL, body.clone()).await;
        assert_eq!(
            (status, codes(&answer)),
            (400, vec!["BAD_USER_INPUT".into()]),
            "{body}: {answer}"
        );
    }
    let (status, body) = get(
        &app,
        &[("documentId", prefixed.clone()), ("query", HEALTH.into())],
    )
    .await;
    assert_eq!((status, codes(&body)), (400, vec!["BAD_USER_INPUT".into()]));
}

/// The admin UI's manifest, as the binary embeds it.
const ADMIN_MANIFEST: &str = include_str!("../../web/src/admin/gql/persisted-documents.json");

#[tokio::test]
async fn trusted_mode_trusts_the_admin_documents_at_start_up() {
    let manifest: serde_json::Map<String, Value> = serde_json::from_str(ADMIN_MANIFEST).unwrap();
    let (id, document) = manifest
        .iter()
        .find(|(_, doc)| {
            doc.as_str()
                .is_some_and(|d| d.starts_with("query SignInPage ") && d.contains("setupRequired"))
        })
        .expect("the sign-in page asks whether setup is required");
    let hash = id.strip_prefix("sha256:").unwrap();
    assert_eq!(hash, sha(document.as_str().unwrap()));

    let app = TestApp::spawn_with(&["--persisted-queries", "trusted"]).await;
    // By `documentId`, as the admin sends it, and by APQ's hash.
    let (status, body) = post(&app, GQL, json!({ "documentId": id })).await;
    assert_eq!(
        (status, &body["data"]["setupRequired"]),
        (200, &json!(true)),
        "{body}"
    );
    let (status, body) = post(&app, GQL, json!({ "extensions": persisted(hash) })).await;
    assert_eq!(
        (status, &body["data"]["setupRequired"]),
        (200, &json!(true)),
        "{body}"
    );
    // Anything else is still refused.
    let (_, body) = post(&app, GQL, json!({ "query": HEALTH })).await;
    assert_eq!(codes(&body), ["TRUSTED_DOCUMENT_REQUIRED"], "{body}");

    // Restarts and processes starting together register nothing twice.
    let trusted = ["--persisted-queries", "trusted"];
    let (a, b) = tokio::join!(app.sibling_with(&trusted), app.sibling_with(&trusted));
    let count = app
        .sql_strings("SELECT count(*)::text AS value FROM persisted_documents")
        .await;
    assert_eq!(count, [manifest.len().to_string()]);
    let (status, body) = post(&b, GQL, json!({ "documentId": id })).await;
    assert_eq!(
        (status, &body["data"]["setupRequired"]),
        (200, &json!(true))
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn apq_mode_knows_the_admin_documents_and_off_mode_registers_none() {
    let manifest: serde_json::Map<String, Value> = serde_json::from_str(ADMIN_MANIFEST).unwrap();
    let (id, _) = manifest
        .iter()
        .find(|(_, doc)| {
            doc.as_str()
                .is_some_and(|d| d.starts_with("query SignInPage "))
        })
        .expect("the sign-in page's query");
    // The admin sends hashes only: in the default (APQ) mode they are known
    // from the start, with no round trip to register them.
    let app = TestApp::spawn().await;
    let (status, body) = post(&app, GQL, json!({ "documentId": id })).await;
    assert_eq!(
        (status, &body["data"]["setupRequired"]),
        (200, &json!(true)),
        "{body}"
    );
    // With persisted queries off, a process starting registers nothing.
    app.sql("DELETE FROM persisted_documents").await;
    let off = app.sibling_with(&["--persisted-queries", "off"]).await;
    let count = app
        .sql_strings("SELECT count(*)::text AS value FROM persisted_documents")
        .await;
    assert_eq!(count, ["0"]);
    off.shutdown().await;
}
