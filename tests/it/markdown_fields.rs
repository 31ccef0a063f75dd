//! Markdown custom fields are stored as written; `fieldsHtml` offers them
//! rendered and sanitised by the renderer `bodyHtml` uses, so no front end
//! has to sanitise on its own.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, TypeBuilder};
use crate::harness::TestApp;

#[tokio::test]
async fn markdown_fields_come_rendered_and_sanitised_in_fields_html() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("md-editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    TypeBuilder::new("note", "Note")
        .fields(json!([
            { "apiId": "notes", "name": "Notes", "kind": "MARKDOWN" },
            { "apiId": "rich", "name": "Rich", "kind": "RICH_TEXT" },
            { "apiId": "count", "name": "Count", "kind": "INTEGER" },
        ]))
        .create(&app, token)
        .await;
    let source = "**bold** <script>alert(1)</script> [x](javascript:alert(2))";
    let item = ContentBuilder::new("Marked")
        .of_type("note")
        .fields(json!({ "notes": source, "rich": "<p onclick=\"x()\">hi</p>", "count": 3 }))
        .publish()
        .returning("id fields fieldsHtml")
        .run(&app, token)
        .await;
    // `fields` keeps the source for editing.
    assert_eq!(item["fields"]["notes"], source, "{item}");
    let check = |html: &Value| {
        let notes = html["notes"].as_str().unwrap_or_default();
        assert!(notes.contains("<strong>bold</strong>"), "{html}");
        for unsafe_bit in ["<script", "alert(1)", "javascript:"] {
            assert!(!notes.contains(unsafe_bit), "{unsafe_bit} in {html}");
        }
        assert!(!html["rich"].to_string().contains("onclick"), "{html}");
        assert_eq!(html["count"], 3, "{html}");
    };
    check(&item["fieldsHtml"]);
    // The public read (through the cache) renders the same.
    let id = item["id"].as_str().unwrap();
    let (_, body) = app
        .gql(
            "query($id: UUID!) { content(id: $id) { fieldsHtml } }",
            json!({ "id": id }),
        )
        .await;
    check(&body["data"]["content"]["fieldsHtml"]);
    // And each version, for editors comparing them.
    let (_, body) = app
        .gql_as(
            token,
            "query($id: UUID!) { contentVersion(contentId: $id, version: 1) { fields fieldsHtml } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["contentVersion"]["fields"]["notes"], source,
        "{body}"
    );
    check(&body["data"]["contentVersion"]["fieldsHtml"]);
}
