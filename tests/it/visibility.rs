//! What callers who may not read drafts must never learn: an unpublished
//! slug (by lookup or shown), an unpublished edit (through any filter,
//! order or count of `contents`), and an account's private fields.

use serde_json::{Value, json};

use crate::fixtures::{
    CategoryBuilder, ContentBuilder, ContentUpdate, TagBuilder, Transition, publish,
};
use crate::harness::{TestApp, Tokens, codes};

const BY_SLUG: &str =
    "query($s: String!) { contentBySlug(type: \"article\", slug: $s) { id slug } }";

/// `contentBySlug(slug)` as `token` (anonymously for `None`): the item's
/// id and the slug shown, or `None` when nothing is found.
async fn by_slug(app: &TestApp, token: Option<&str>, slug: &str) -> Option<(String, String)> {
    let node: Value = app
        .send(token, BY_SLUG, json!({ "s": slug }))
        .await
        .data("contentBySlug");
    (!node.is_null()).then(|| {
        (
            node["id"].as_str().unwrap().to_string(),
            node["slug"].as_str().unwrap().to_string(),
        )
    })
}

/// The slug `token` is shown by `content(id)` and in `contents`.
async fn shown_slugs(app: &TestApp, token: Option<&str>, id: &str) -> (String, String) {
    let body = app
        .send(
            token,
            "query($id: UUID!) { content(id: $id) { slug } contents(first: 50) { edges { node { id slug } } } }",
            json!({ "id": id }),
        )
        .await
        .ok();
    let listed = body["data"]["contents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["id"] == id)
        .map(|e| e["node"]["slug"].as_str().unwrap().to_string())
        .unwrap_or_default();
    (body.data("content.slug"), listed)
}

#[tokio::test]
async fn an_unpublished_slug_change_is_not_public_until_published() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let id = ContentBuilder::new("Hello")
        .publish()
        .create(&app, &editor.access)
        .await;
    // Warm the public cache with the live answer.
    let live = Some((id.clone(), "hello".to_string()));
    assert_eq!(by_slug(&app, None, "hello").await, live);

    ContentUpdate::new(&id, 2)
        .input(json!({ "slug": "renamed" }))
        .run(&app, &editor.access)
        .await;
    // Those who may not read the item's drafts: anonymous, a viewer and
    // another author.
    let public: [Option<&str>; 3] = [None, Some(&viewer.access), Some(&author.access)];
    for token in public {
        assert_eq!(by_slug(&app, token, "renamed").await, None, "{token:?}");
        assert_eq!(by_slug(&app, token, "hello").await, live, "{token:?}");
        assert_eq!(
            shown_slugs(&app, token, &id).await,
            ("hello".into(), "hello".into()),
            "{token:?}"
        );
    }
    // The editor finds the item by its working slug, and by the live one
    // as an old address of it.
    let working = Some((id.clone(), "renamed".to_string()));
    assert_eq!(
        by_slug(&app, Some(&editor.access), "renamed").await,
        working
    );
    assert_eq!(by_slug(&app, Some(&editor.access), "hello").await, working);
    assert_eq!(
        shown_slugs(&app, Some(&editor.access), &id).await,
        ("renamed".into(), "renamed".into())
    );
    // The live slug stays taken while it is live.
    let taken = ContentBuilder::new("Other")
        .slug("hello")
        .send(&app, &editor.access)
        .await;
    assert_eq!(taken.codes(), ["CONFLICT"], "{taken}");

    // A second unpublished rename: the first was never public, and never
    // becomes a public address.
    ContentUpdate::new(&id, 3)
        .input(json!({ "slug": "final" }))
        .run(&app, &editor.access)
        .await;
    publish(&app, &editor.access, &id).await;
    let published = Some((id.clone(), "final".to_string()));
    for token in public {
        assert_eq!(by_slug(&app, token, "final").await, published, "{token:?}");
        // The old live slug redirects to the item.
        assert_eq!(by_slug(&app, token, "hello").await, published, "{token:?}");
        assert_eq!(by_slug(&app, token, "renamed").await, None, "{token:?}");
        assert_eq!(
            shown_slugs(&app, token, &id).await,
            ("final".into(), "final".into()),
            "{token:?}"
        );
    }
    // The old slug is free again; its new holder wins once it is live.
    let other = ContentBuilder::new("Other")
        .slug("hello")
        .create(&app, &editor.access)
        .await;
    assert_eq!(by_slug(&app, None, "hello").await, published);
    publish(&app, &editor.access, &other).await;
    assert_eq!(
        by_slug(&app, None, "hello").await,
        Some((other, "hello".to_string()))
    );
}

#[tokio::test]
async fn a_slug_taken_down_and_republished_under_another_keeps_redirecting() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = ContentBuilder::new("Moving")
        .publish()
        .create(&app, &editor.access)
        .await;
    Transition::new("unpublishContent", &id)
        .run(&app, &editor.access)
        .await;
    assert_eq!(by_slug(&app, None, "moving").await, None);
    ContentUpdate::new(&id, 3)
        .input(json!({ "slug": "moved" }))
        .run(&app, &editor.access)
        .await;
    publish(&app, &editor.access, &id).await;
    let found = Some((id, "moved".to_string()));
    assert_eq!(by_slug(&app, None, "moving").await, found);
    assert_eq!(by_slug(&app, None, "moved").await, found);
}

const LIST: &str = "query($f: ContentFilterInput, $o: ContentOrderBy) {
    contents(filter: $f, orderBy: $o, first: 50) {
        totalCount
        edges { cursor node { id title slug updatedAt publishedAt } }
    } }";

/// Everything `token` is shown by each of `queries` (variables of `LIST`).
async fn answers(app: &TestApp, token: Option<&str>, queries: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for vars in queries {
        let body = app.send(token, LIST, vars.clone()).await.ok();
        out.push(body["data"]["contents"].clone());
    }
    out
}

fn updated_ats(contents: &Value) -> Vec<String> {
    contents["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["updatedAt"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn unpublished_edits_change_no_public_filter_order_or_count() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let tag = TagBuilder::new("Secret").create(&app, &editor.access).await;
    let category = CategoryBuilder::new("Hidden")
        .create(&app, &editor.access)
        .await;
    let mut ids = Vec::new();
    for title in ["Alpha", "Bravo", "Charlie"] {
        ids.push(
            ContentBuilder::new(title)
                .publish()
                .create(&app, &editor.access)
                .await,
        );
    }
    // The public's `updatedAt` of the middle item: a cut for the filters.
    let shown = answers(&app, None, &[json!({})]).await;
    let bravo = shown[0]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["id"] == ids[1])
        .unwrap()["node"]["updatedAt"]
        .clone();
    let order =
        |field: &str, direction: &str| json!({ "o": { "field": field, "direction": direction } });
    let queries = [
        json!({}),
        order("UPDATED_AT", "ASC"),
        order("UPDATED_AT", "DESC"),
        order("TITLE", "ASC"),
        order("PUBLISHED_AT", "DESC"),
        json!({ "f": { "updatedAfter": bravo } }),
        json!({ "f": { "updatedBefore": bravo } }),
        json!({ "f": { "updatedAfter": bravo }, "o": { "field": "UPDATED_AT", "direction": "ASC" } }),
        json!({ "f": { "text": "zulu" } }),
        json!({ "f": { "text": "Alpha" } }),
        json!({ "f": { "tagsAny": [tag] } }),
        json!({ "f": { "tagsAll": [tag] } }),
        json!({ "f": { "categoryId": category } }),
        json!({ "f": { "locale": "de" } }),
        json!({ "f": { "locale": "en" } }),
        json!({ "f": { "status": ["PUBLISHED"] } }),
        json!({ "f": { "status": ["DRAFT"] } }),
        json!({ "f": { "authorIds": [editor.user_id] } }),
    ];
    let readers: [Option<&str>; 3] = [None, Some(&viewer.access), Some(&author.access)];
    let mut before = Vec::new();
    for token in readers {
        before.push(answers(&app, token, &queries).await);
    }

    // Every editable field of the first item changes, unpublished.
    ContentUpdate::new(&ids[0], 2)
        .input(json!({
            "title": "Zulu",
            "excerpt": "zulu",
            "slug": "zulu",
            "tagIds": [tag],
            "categoryId": category,
            "locale": "de",
        }))
        .run(&app, &editor.access)
        .await;

    for (token, before) in readers.iter().zip(&before) {
        let after = answers(&app, *token, &queries).await;
        for ((vars, was), is) in queries.iter().zip(before).zip(&after) {
            assert_eq!(was, is, "{vars} as {token:?}");
        }
        // The order agrees with the `updatedAt` shown.
        let ascending = updated_ats(&after[1]);
        let mut sorted = ascending.clone();
        sorted.sort();
        assert_eq!(ascending, sorted, "{token:?}");
        assert_eq!(after[1]["totalCount"], 3);
    }
    // The editor sees the edit, in the filters and the order too.
    let edited = answers(&app, Some(&editor.access), &queries).await;
    let last = edited[1]["edges"].as_array().unwrap().last().unwrap()["node"].clone();
    assert_eq!(
        (&last["id"], &last["title"]),
        (&json!(ids[0]), &json!("Zulu"))
    );
    assert_eq!(edited[5]["totalCount"], 3, "{}", edited[5]);
    assert_eq!(edited[8]["totalCount"], 1, "{}", edited[8]);
    assert_eq!(edited[10]["totalCount"], 1, "{}", edited[10]);
}

const PRIVATE: [&str; 7] = [
    "email",
    "role { name permissions }",
    "active",
    "emailVerified",
    "lastSignInAt",
    "createdAt",
    "updatedAt",
];

/// `content(id).author { <field> }` as `token`.
async fn author_field(app: &TestApp, token: Option<&str>, id: &str, field: &str) -> Value {
    let query = format!(
        "query($id: UUID!) {{ content(id: $id) {{ author {{ id displayName {field} }} }} }}"
    );
    app.send(token, &query, json!({ "id": id })).await.body
}

#[tokio::test]
async fn only_an_authors_public_profile_is_public() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let writer: Tokens = app.user_with_role("writer@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let id = ContentBuilder::new("By the writer")
        .create(&app, &writer.access)
        .await;
    publish(&app, &editor.access, &id).await;

    // The public profile, for anyone.
    let body = app
        .send(
            None,
            "query($id: UUID!) { content(id: $id) { author { id displayName } } }",
            json!({ "id": id }),
        )
        .await;
    let author: Value = body.data("content.author");
    assert_eq!(author["id"], writer.user_id.as_str());
    assert_eq!(author["displayName"], "Test User");

    for field in PRIVATE {
        // Anonymous callers are told to sign in, others that they may not.
        let refused = [
            (None, "UNAUTHENTICATED"),
            (Some(&viewer.access), "FORBIDDEN"),
            (Some(&other.access), "FORBIDDEN"),
        ];
        for (token, code) in refused {
            let body = author_field(&app, token.map(String::as_str), &id, field).await;
            assert_eq!(codes(&body), [code], "{field} as {token:?}: {body}");
            let key = field.split(' ').next().unwrap();
            let author = &body["data"]["content"]["author"];
            assert!(author.get(key).is_none_or(Value::is_null), "{body}");
            assert!(!body.to_string().contains("AUTHOR"), "{body}");
        }
        // The user themself and holders of `users.read` read it.
        for token in [&writer.access, &editor.access] {
            let body = author_field(&app, Some(token), &id, field).await;
            assert!(body.get("errors").is_none(), "{field}: {body}");
            assert_eq!(
                body["data"]["content"]["author"]["id"],
                writer.user_id.as_str()
            );
        }
    }
}

/// Creates a published article `slug` and renames its working slug to
/// `working` without publishing; its id.
async fn renamed_live(app: &TestApp, token: &str, slug: &str, working: &str) -> String {
    let id = ContentBuilder::new(slug)
        .slug(slug)
        .publish()
        .create(app, token)
        .await;
    ContentUpdate::new(&id, 2)
        .input(json!({ "slug": working }))
        .run(app, token)
        .await;
    id
}

#[tokio::test]
async fn the_live_slug_backfill_keeps_the_addresses_the_public_had() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    // A live slug nobody else holds is kept, whatever the working slug.
    let alpha = renamed_live(&app, token, "alpha", "alpha-new").await;
    // What the code before live slugs allowed: another item taking a live
    // slug as its working slug and publishing it, and two items live under
    // one slug. Made below behind the API's back, as it no longer can.
    let beta = renamed_live(&app, token, "beta", "beta-old").await;
    let gamma = ContentBuilder::new("gamma")
        .publish()
        .create(&app, token)
        .await;
    let delta = renamed_live(&app, token, "delta", "delta-x").await;
    let echo = renamed_live(&app, token, "echo", "echo-x").await;
    let times = "SELECT string_agg(id::text || updated_at::text, ',' ORDER BY id) AS value FROM content_items";
    let before = app.sql_strings(times).await;

    app.sql(include_str!(
        "../../migrations/2026-12-06-000051_content_live_slug/down.sql"
    ))
    .await;
    app.sql(&format!(
        "ALTER TABLE content_items DISABLE TRIGGER content_items_updated_at;
         UPDATE content_items SET slug = 'beta' WHERE id = '{gamma}';
         UPDATE content_versions SET slug = 'beta' WHERE content_id = '{gamma}';
         UPDATE content_versions SET slug = 'delta' WHERE content_id = '{echo}' AND version = 2;
         UPDATE content_items SET published_at = published_at + interval '1 hour' WHERE id = '{echo}';
         SET CONSTRAINTS ALL IMMEDIATE;
         ALTER TABLE content_items ENABLE TRIGGER content_items_updated_at;"
    ))
    .await;
    app.sql(include_str!(
        "../../migrations/2026-12-06-000051_content_live_slug/up.sql"
    ))
    .await;

    let live_slug = async |id: &str| {
        app.sql_strings(&format!(
            "SELECT coalesce(live_slug, '-') AS value FROM content_items WHERE id = '{id}'"
        ))
        .await
    };
    assert_eq!(live_slug(&alpha).await, ["alpha"]);
    // Gamma is the one the public found by `beta`; beta keeps its own
    // address, the working slug the public saw.
    assert_eq!(live_slug(&gamma).await, ["beta"]);
    assert_eq!(live_slug(&beta).await, ["beta-old"]);
    // Of two items live under one slug, the later published keeps it.
    assert_eq!(live_slug(&echo).await, ["delta"]);
    assert_eq!(live_slug(&delta).await, ["delta-x"]);
    assert_eq!(app.sql_strings(times).await, before, "updatedAt untouched");
}
