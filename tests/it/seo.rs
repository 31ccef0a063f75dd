//! SEO fields of content items (`seoTitle`, `seoDescription`,
//! `canonicalUrl`, `noIndex`): versioned, validated, diffed, shown to the
//! public from the live version only; and workflow moves that carry the
//! rendered body instead of rendering it again.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const SEO: &str = "id version workingVersion seoTitle seoDescription canonicalUrl noIndex";

async fn mutate(
    app: &TestApp,
    token: &str,
    mutation: &str,
    input_type: &str,
    input: Value,
) -> Value {
    app.gql_as(
        token,
        &format!(
            "mutation($i: {input_type}!) {{ {mutation}(input: $i) {{ content {{ {SEO} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
    .1
}

async fn ok(app: &TestApp, token: &str, mutation: &str, input_type: &str, input: Value) -> Value {
    let body = mutate(app, token, mutation, input_type, input).await;
    assert!(body.get("errors").is_none(), "{mutation}: {body}");
    body["data"][mutation]["content"].clone()
}

async fn read(app: &TestApp, token: Option<&str>, id: &str) -> Value {
    let query = format!("query($id: UUID!) {{ content(id: $id) {{ {SEO} }} }}");
    let vars = json!({ "id": id });
    let body = match token {
        Some(token) => app.gql_as(token, &query, vars).await.1,
        None => app.gql(&query, vars).await.1,
    };
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["content"].clone()
}

fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or("<none>")
}

#[tokio::test]
async fn seo_fields_are_versioned_diffed_and_public_only_when_live() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("seo-author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("seo-editor@example.com", "EDITOR").await;

    // Defaults, then values given on creation (white space folded).
    let plain = ok(
        &app,
        &author.access,
        "createContent",
        "CreateContentInput",
        json!({ "type": "article", "title": "Plain" }),
    )
    .await;
    assert_eq!(plain["seoTitle"], "");
    assert_eq!(plain["seoDescription"], "");
    assert_eq!(plain["canonicalUrl"], Value::Null);
    assert_eq!(plain["noIndex"], false);

    let created = ok(
        &app,
        &author.access,
        "createContent",
        "CreateContentInput",
        json!({
            "type": "article",
            "title": "Findable",
            "body": "<p>Hello</p>",
            "seoTitle": "  Best \n  title ",
            "seoDescription": "What this page is about.",
            "canonicalUrl": "https://Example.com/findable",
            "noIndex": true,
        }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["seoTitle"], "Best title");
    assert_eq!(created["canonicalUrl"], "https://example.com/findable");
    assert_eq!(created["noIndex"], true);

    // An edit that names only one SEO field keeps the others.
    let edited = ok(
        &app,
        &author.access,
        "updateContent",
        "UpdateContentInput",
        json!({ "id": id, "expectedVersion": 1, "seoTitle": "Better title" }),
    )
    .await;
    assert_eq!(edited["workingVersion"], 2);
    assert_eq!(edited["seoTitle"], "Better title");
    assert_eq!(edited["seoDescription"], "What this page is about.");
    assert_eq!(edited["noIndex"], true);

    // The diff names the SEO change and nothing else.
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($id: UUID!) { contentDiff(contentId: $id, from: 1, to: 2) { changes { path before after } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["contentDiff"]["changes"],
        json!([{ "path": "seoTitle", "before": "Best title", "after": "Better title" }]),
        "{body}"
    );

    // Nothing is public before it is live.
    let (_, body) = app
        .gql(
            "query($id: UUID!) { content(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["content"], Value::Null, "{body}");

    for (token, mutation) in [
        (&author.access, "submitForReview"),
        (&editor.access, "approveContent"),
        (&editor.access, "publishContent"),
    ] {
        ok(&app, token, mutation, "ContentIdInput", json!({ "id": id })).await;
    }
    let public = read(&app, None, &id).await;
    assert_eq!(public["seoTitle"], "Better title");
    assert_eq!(public["canonicalUrl"], "https://example.com/findable");
    assert_eq!(public["noIndex"], true);

    // A new draft clears the canonical URL and lifts noIndex: the public
    // keeps the live values, the author sees the draft.
    let live_version = public["version"].as_i64().unwrap();
    let draft = ok(
        &app,
        &author.access,
        "updateContent",
        "UpdateContentInput",
        json!({
            "id": id,
            "expectedVersion": live_version,
            "seoTitle": "Draft title",
            "canonicalUrl": null,
            "noIndex": false,
        }),
    )
    .await;
    assert_eq!(draft["canonicalUrl"], Value::Null);
    assert_eq!(draft["noIndex"], false);
    let public = read(&app, None, &id).await;
    assert_eq!(public["seoTitle"], "Better title");
    assert_eq!(public["canonicalUrl"], "https://example.com/findable");
    assert_eq!(public["noIndex"], true);
    assert_eq!(
        read(&app, Some(&author.access), &id).await["seoTitle"],
        "Draft title"
    );

    // Every version keeps its own values.
    let (_, body) = app
        .gql_as(
            &editor.access,
            "query($id: UUID!) { contentVersions(contentId: $id, first: 20) { edges { node { version seoTitle noIndex canonicalUrl } } } }",
            json!({ "id": id }),
        )
        .await;
    let titles: Vec<&str> = body["data"]["contentVersions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["seoTitle"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Draft title",
            "Better title",
            "Better title",
            "Better title",
            "Better title",
            "Best title"
        ],
        "{body}"
    );
}

#[tokio::test]
async fn bad_seo_values_are_refused_and_write_nothing() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("seo-bad@example.com", "AUTHOR").await;
    let created = ok(
        &app,
        &author.access,
        "createContent",
        "CreateContentInput",
        json!({ "type": "article", "title": "Target" }),
    )
    .await;
    let id = created["id"].as_str().unwrap();

    let long = "x".repeat(201);
    let cases = [
        (
            json!({ "canonicalUrl": "javascript:alert(1)" }),
            "input.canonicalUrl",
        ),
        (
            json!({ "canonicalUrl": "/relative/path" }),
            "input.canonicalUrl",
        ),
        (
            json!({ "canonicalUrl": "https://user:secret@example.com/" }),
            "input.canonicalUrl",
        ),
        (
            json!({ "canonicalUrl": format!("https://example.com/{}", "a".repeat(2100)) }),
            "input.canonicalUrl",
        ),
        (json!({ "seoTitle": long }), "input.seoTitle"),
        (json!({ "seoTitle": "bell\u{7}" }), "input.seoTitle"),
        (
            json!({ "seoDescription": "y".repeat(501) }),
            "input.seoDescription",
        ),
    ];
    for (extra, expected_field) in cases {
        let mut input = json!({ "id": id, "expectedVersion": 1 });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let body = mutate(
            &app,
            &author.access,
            "updateContent",
            "UpdateContentInput",
            input,
        )
        .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{extra}: {body}");
        assert_eq!(field(&body), expected_field, "{extra}: {body}");

        let mut create = json!({ "type": "article", "title": "Refused" });
        create
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let body = mutate(
            &app,
            &author.access,
            "createContent",
            "CreateContentInput",
            create,
        )
        .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{extra}: {body}");
    }
    // No version was added and no item was created.
    assert_eq!(
        read(&app, Some(&author.access), id).await["workingVersion"],
        1
    );
    assert_eq!(
        app.sql_strings("SELECT count(*)::text AS value FROM content_items")
            .await,
        ["1"]
    );
}

#[tokio::test]
async fn workflow_moves_carry_the_rendered_body_instead_of_rendering_again() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("carry@example.com", "AUTHOR").await;
    let editor = app
        .user_with_role("carry-editor@example.com", "EDITOR")
        .await;
    let created = ok(
        &app,
        &author.access,
        "createContent",
        "CreateContentInput",
        json!({ "type": "article", "title": "Carry", "body": "<p>Hello</p>" }),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();

    // Mark the stored rendering: a move that rendered the body again would
    // lose the mark, one that carries the version's fields keeps it.
    app.sql(&format!(
        "UPDATE content_versions SET body_html = '<p>carried</p>', reading_time = 7 WHERE content_id = '{id}'"
    ))
    .await;
    for (token, mutation) in [
        (&author.access, "submitForReview"),
        (&editor.access, "approveContent"),
        (&editor.access, "publishContent"),
    ] {
        ok(&app, token, mutation, "ContentIdInput", json!({ "id": id })).await;
    }
    let (_, body) = app
        .gql(
            "query($id: UUID!) { content(id: $id) { version bodyHtml readingTime } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["content"]["version"], 4, "{body}");
    assert_eq!(
        body["data"]["content"]["bodyHtml"], "<p>carried</p>",
        "{body}"
    );
    assert_eq!(body["data"]["content"]["readingTime"], 7, "{body}");

    // An edit of the body renders it afresh.
    let edited = ok(
        &app,
        &author.access,
        "updateContent",
        "UpdateContentInput",
        json!({ "id": id, "expectedVersion": 4, "body": "<p>New <script>x</script>text</p>" }),
    )
    .await;
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($id: UUID!) { content(id: $id) { bodyHtml readingTime } }",
            json!({ "id": edited["id"] }),
        )
        .await;
    assert_eq!(
        body["data"]["content"]["bodyHtml"], "<p>New text</p>",
        "{body}"
    );
    assert_eq!(body["data"]["content"]["readingTime"], 1, "{body}");
}
