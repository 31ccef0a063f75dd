//! SEO fields of content items (`seoTitle`, `seoDescription`,
//! `canonicalUrl`, `noIndex`): versioned, validated, diffed, shown to the
//! public from the live version only; and workflow moves that carry the
//! rendered body instead of rendering it again.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, ContentUpdate, Transition};
use crate::harness::{TestApp, Tokens};

const SEO: &str = "id version workingVersion seoTitle seoDescription canonicalUrl noIndex";

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

/// Takes an author's draft live: submitted by the author, approved and
/// published by an editor.
async fn go_live(app: &TestApp, author: &Tokens, editor: &Tokens, id: &str) {
    Transition::new("submitForReview", id)
        .run(app, &author.access)
        .await;
    for mutation in ["approveContent", "publishContent"] {
        Transition::new(mutation, id).run(app, &editor.access).await;
    }
}

#[tokio::test]
async fn seo_fields_are_versioned_diffed_and_public_only_when_live() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("seo-author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("seo-editor@example.com", "EDITOR").await;

    // Defaults, then values given on creation (white space folded).
    let plain = ContentBuilder::new("Plain")
        .returning(SEO)
        .run(&app, &author.access)
        .await;
    assert_eq!(plain["seoTitle"], "");
    assert_eq!(plain["seoDescription"], "");
    assert_eq!(plain["canonicalUrl"], Value::Null);
    assert_eq!(plain["noIndex"], false);

    let created = ContentBuilder::new("Findable")
        .body("<p>Hello</p>")
        .seo_title("  Best \n  title ")
        .input(json!({
            "seoDescription": "What this page is about.",
            "canonicalUrl": "https://Example.com/findable",
            "noIndex": true,
        }))
        .returning(SEO)
        .run(&app, &author.access)
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["seoTitle"], "Best title");
    assert_eq!(created["canonicalUrl"], "https://example.com/findable");
    assert_eq!(created["noIndex"], true);

    // An edit that names only one SEO field keeps the others.
    let edited = ContentUpdate::new(&id, 1)
        .input(json!({ "seoTitle": "Better title" }))
        .returning(SEO)
        .run(&app, &author.access)
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

    go_live(&app, &author, &editor, &id).await;
    let public = read(&app, None, &id).await;
    assert_eq!(public["seoTitle"], "Better title");
    assert_eq!(public["canonicalUrl"], "https://example.com/findable");
    assert_eq!(public["noIndex"], true);

    // A new draft clears the canonical URL and lifts noIndex: the public
    // keeps the live values, the author sees the draft.
    let live_version = public["version"].as_i64().unwrap();
    let draft = ContentUpdate::new(&id, live_version)
        .input(json!({ "seoTitle": "Draft title", "canonicalUrl": null, "noIndex": false }))
        .returning(SEO)
        .run(&app, &author.access)
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
    let id = ContentBuilder::new("Target")
        .create(&app, &author.access)
        .await;

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
        (json!({ "seoTitle": "x".repeat(201) }), "input.seoTitle"),
        (json!({ "seoTitle": "bell\u{7}" }), "input.seoTitle"),
        (
            json!({ "seoDescription": "y".repeat(501) }),
            "input.seoDescription",
        ),
    ];
    for (extra, expected_field) in cases {
        let body = ContentUpdate::new(&id, 1)
            .input(extra.clone())
            .send(&app, &author.access)
            .await;
        assert_eq!(body.codes(), ["BAD_USER_INPUT"], "{extra}: {body}");
        assert_eq!(body.error_field(), expected_field, "{extra}: {body}");

        let body = ContentBuilder::new("Refused")
            .input(extra.clone())
            .send(&app, &author.access)
            .await;
        assert_eq!(body.codes(), ["BAD_USER_INPUT"], "{extra}: {body}");
    }
    // No version was added and no item was created.
    assert_eq!(
        read(&app, Some(&author.access), &id).await["workingVersion"],
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
    let id = ContentBuilder::new("Carry")
        .body("<p>Hello</p>")
        .create(&app, &author.access)
        .await;

    // Mark the stored rendering: a move that rendered the body again would
    // lose the mark, one that carries the version's fields keeps it.
    app.sql(&format!(
        "UPDATE content_versions SET body_html = '<p>carried</p>', reading_time = 7 WHERE content_id = '{id}'"
    ))
    .await;
    go_live(&app, &author, &editor, &id).await;
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
    ContentUpdate::new(&id, 4)
        .input(json!({ "body": "<p>New <script>x</script>text</p>" }))
        .run(&app, &author.access)
        .await;
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($id: UUID!) { content(id: $id) { bodyHtml readingTime } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["content"]["bodyHtml"], "<p>New text</p>",
        "{body}"
    );
    assert_eq!(body["data"]["content"]["readingTime"], 1, "{body}");
}
