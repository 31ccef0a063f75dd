//! Forged cursors whose values PostgreSQL cannot hold (a time before
//! 4713 BC, a title with a NUL) are bad input naming `after`/`before` on
//! every connection of the schema, never `INTERNAL`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::fixtures::ContentBuilder;
use crate::harness::{TestApp, codes};

/// Microseconds since 1970 a moment before PostgreSQL's earliest
/// timestamp (4714-11-24 BC), yet one chrono can represent.
const BEFORE_POSTGRES: i64 = -210_866_803_200_000_001;
/// About 6000 BC.
const LONG_BEFORE_POSTGRES: i64 = -251_000_000_000_000_000;

fn forged() -> Vec<String> {
    let id = "00000000-0000-0000-0000-000000000001";
    [
        // Lists ordered by (time, id): users, audit log, notifications.
        format!("{BEFORE_POSTGRES}|{id}"),
        format!("{LONG_BEFORE_POSTGRES}|{id}"),
        format!("{}|{id}", i64::MIN),
        // Content lists: by time, or by title.
        format!("a|{id}|{BEFORE_POSTGRES}"),
        format!("a|{id}|{LONG_BEFORE_POSTGRES}"),
        format!("a|{id}|{}", i64::MAX),
        format!("s|{id}|a\u{0}b"),
    ]
    .iter()
    .map(|raw| URL_SAFE_NO_PAD.encode(raw))
    .collect()
}

/// Every root field taking cursors, from `schema.graphql`: (name, has
/// `before`, the other arguments it needs, a selection).
fn connections() -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql");
    let document = async_graphql::parser::parse_schema(&text).expect("SDL parses");
    let mut out = Vec::new();
    for definition in document.definitions {
        let async_graphql::parser::types::TypeSystemDefinition::Type(ty) = definition else {
            continue;
        };
        let async_graphql::parser::types::TypeKind::Object(object) = &ty.node.kind else {
            continue;
        };
        if ty.node.name.node != "Query" {
            continue;
        }
        for field in &object.fields {
            let args: Vec<&str> = field
                .node
                .arguments
                .iter()
                .map(|a| a.node.name.node.as_str())
                .collect();
            if args.contains(&"after") {
                out.push((field.node.name.node.to_string(), args.contains(&"before")));
            }
        }
    }
    out
}

#[tokio::test]
async fn cursors_postgres_cannot_hold_are_bad_input_on_every_connection() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_role("cursor-admin@example.com", "SUPERADMIN")
        .await;
    let item = ContentBuilder::new("Cursor target")
        .create(&app, &admin.access)
        .await;
    let connections = connections();
    assert!(connections.len() >= 5, "{connections:?}");
    // A field's required arguments besides the page ones.
    let extra = |name: &str| match name {
        "contentVersions" => format!("contentId: \"{item}\", "),
        "search" => "query: \"cursor\", ".to_string(),
        _ => String::new(),
    };
    for (name, has_before) in &connections {
        let directions: &[&str] = if *has_before {
            &["after", "before"]
        } else {
            &["after"]
        };
        for direction in directions {
            for cursor in forged() {
                let query = format!(
                    "query($c: String) {{ {name}({}{direction}: $c) {{ edges {{ cursor }} }} }}",
                    extra(name)
                );
                let (status, body) = app
                    .gql_as(&admin.access, &query, json!({ "c": cursor }))
                    .await;
                let context = format!("{query} {cursor} -> {status} {body}");
                assert!(status < 500, "{context}");
                assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{context}");
                assert_eq!(
                    body["errors"][0]["extensions"]["field"],
                    Value::from(*direction),
                    "{context}"
                );
            }
        }
    }
    // Real cursors still work after all that.
    let (_, body) = app
        .gql_as(
            &admin.access,
            "{ contents(first: 1) { edges { cursor } } }",
            json!({}),
        )
        .await;
    let cursor = body["data"]["contents"]["edges"][0]["cursor"].clone();
    let (status, body) = app
        .gql_as(
            &admin.access,
            "query($c: String) { contents(after: $c) { edges { cursor } } }",
            json!({ "c": cursor }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
}
