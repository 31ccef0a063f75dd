//! Reading the audit log.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const LOG: &str = "query($f: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $f, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { action actorKind actor { email } targetType targetId ip userAgent requestId details } }
    } }";

#[tokio::test]
async fn admins_read_the_log_newest_first_with_filters() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let _ = app
        .sign_in_raw("editor@example.com", "wrong password!")
        .await;

    let (_, body) = app.gql_as(&editor.access, LOG, Value::Null).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let (_, body) = app.gql(LOG, Value::Null).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);

    let (_, body) = app.gql_as(&admin.access, LOG, json!({ "first": 10 })).await;
    let edges = body["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .clone();
    let actions: Vec<&str> = edges
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["auth.sign_in_failed", "user.signed_up", "user.signed_up"],
        "{body}"
    );
    let signed_up = &edges[1]["node"];
    assert_eq!(signed_up["actor"]["email"], "editor@example.com");
    assert_eq!(signed_up["actorKind"], "user");
    assert_eq!(signed_up["ip"], "127.0.0.1");
    assert!(
        signed_up["requestId"]
            .as_str()
            .is_some_and(|id| id.len() == 36)
    );
    assert_eq!(edges[0]["node"]["details"]["email"], "editor@example.com");

    let (_, body) = app
        .gql_as(
            &admin.access,
            LOG,
            json!({ "f": { "action": "user.signed_up", "targetId": editor.user_id } }),
        )
        .await;
    assert_eq!(
        body["data"]["auditLog"]["edges"].as_array().map(Vec::len),
        Some(1),
        "{body}"
    );

    let (_, page1) = app.gql_as(&admin.access, LOG, json!({ "first": 2 })).await;
    assert_eq!(page1["data"]["auditLog"]["pageInfo"]["hasNextPage"], true);
    let after = page1["data"]["auditLog"]["pageInfo"]["endCursor"].clone();
    let (_, page2) = app
        .gql_as(&admin.access, LOG, json!({ "first": 2, "after": after }))
        .await;
    let rest: Vec<&str> = page2["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert_eq!(rest, ["user.signed_up"]);

    let (_, body) = app
        .gql_as(
            &admin.access,
            LOG,
            json!({ "f": { "from": "2030-01-01T00:00:00Z", "to": "2020-01-01T00:00:00Z" } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}
