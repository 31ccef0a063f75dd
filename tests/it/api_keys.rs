//! API keys: created by admins within their own permissions, usable as a
//! bearer token, revocable at once.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const CREATE: &str = "mutation($i: CreateApiKeyInput!) {
    createApiKey(input: $i) { secret apiKey { id name prefix scopes owner { email } expiresAt lastUsedAt } } }";

async fn create(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql_as(token, CREATE, json!({ "i": input })).await.1
}

#[tokio::test]
async fn a_key_acts_as_its_creator_within_its_scopes() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let body = create(
        &app,
        &admin.access,
        json!({ "name": "reporting", "scopes": ["users.read", "users.read"] }),
    )
    .await;
    let created = &body["data"]["createApiKey"];
    let secret = created["secret"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    assert!(secret.starts_with("vk_"));
    assert!(secret.starts_with(created["apiKey"]["prefix"].as_str().unwrap()));
    assert_eq!(created["apiKey"]["scopes"], json!(["users.read"]));
    assert_eq!(created["apiKey"]["owner"]["email"], "admin@example.com");

    // Within scope: reads users. Outside: no audit log, though the admin may.
    let (status, body) = app
        .gql_as(
            &secret,
            "{ users(first: 5) { edges { node { email } } } }",
            Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app
        .gql_as(
            &secret,
            "{ auditLog(first: 1) { edges { cursor } } }",
            Value::Null,
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    // Keys have no session to sign out of, and cannot mint keys.
    let (_, body) = app
        .gql_as(
            &secret,
            "mutation { signOut { revokedSessions } }",
            Value::Null,
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);

    let stored = app
        .sql_strings("SELECT encode(secret_hash, 'hex') AS value FROM api_keys")
        .await;
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(&secret[3..]), "only the hash is stored");
}

#[tokio::test]
async fn scopes_cannot_exceed_the_creator_and_bad_input_is_named() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let cases = [
        (
            json!({ "name": "x", "scopes": ["roles.manage"] }),
            "input.scopes",
        ),
        (
            json!({ "name": "x", "scopes": ["made.up"] }),
            "input.scopes",
        ),
        (json!({ "name": "x", "scopes": [] }), "input.scopes"),
        (
            json!({ "name": " ", "scopes": ["users.read"] }),
            "input.name",
        ),
        (
            json!({ "name": "x", "scopes": ["users.read"], "expiresAt": "2001-01-01T00:00:00Z" }),
            "input.expiresAt",
        ),
    ];
    for (input, field) in cases {
        let body = create(&app, &admin.access, input.clone()).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{input}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{input}");
    }
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let body = create(
        &app,
        &editor.access,
        json!({ "name": "x", "scopes": ["users.read"] }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    assert_eq!(
        app.sql_strings("SELECT name AS value FROM api_keys")
            .await
            .len(),
        0
    );
}

#[tokio::test]
async fn revoked_expired_and_demoted_keys_stop_working() {
    let app = TestApp::spawn().await;
    let root = app.user_with_role("root@example.com", "SUPERADMIN").await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let query = "{ users(first: 1) { edges { cursor } } }";
    let make = |token: String| {
        let app = &app;
        async move {
            let body = create(
                app,
                &token,
                json!({ "name": "k", "scopes": ["users.read"] }),
            )
            .await;
            let key = &body["data"]["createApiKey"];
            (
                key["secret"].as_str().unwrap().to_string(),
                key["apiKey"]["id"].as_str().unwrap().to_string(),
            )
        }
    };

    let (secret, id) = make(admin.access.clone()).await;
    assert_eq!(app.gql_as(&secret, query, Value::Null).await.0, 200);
    let (_, body) = app
        .gql_as(
            &admin.access,
            "mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { id } }",
            json!({ "i": { "id": id } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (status, body) = app.gql_as(&secret, query, Value::Null).await;
    assert_eq!(
        (status, codes(&body)),
        (401, vec!["UNAUTHENTICATED".to_string()])
    );

    let (secret, _) = make(admin.access.clone()).await;
    app.sql(
        "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL",
    )
    .await;
    // The cache may hold the key for a moment: expiry is checked on use.
    assert_eq!(app.gql_as(&secret, query, Value::Null).await.0, 401);

    // The creator loses users.read: so does the key, on the next request.
    let (secret, _) = make(admin.access.clone()).await;
    assert_eq!(app.gql_as(&secret, query, Value::Null).await.0, 200);
    let (_, body) = app
        .gql_as(
            &root.access,
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id } } }",
            json!({ "i": { "id": admin.user_id, "role": "VIEWER" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app.gql_as(&secret, query, Value::Null).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);

    let (_, body) = app
        .gql_as(
            &root.access,
            "{ apiKeys { name revokedAt lastUsedAt } }",
            Value::Null,
        )
        .await;
    let keys = body["data"]["apiKeys"].as_array().unwrap();
    assert_eq!(keys.len(), 3, "{body}");
    assert!(keys.iter().any(|k| !k["lastUsedAt"].is_null()));
    let actions = app
        .sql_strings("SELECT action AS value FROM audit_log WHERE action LIKE 'api_key.%' ORDER BY occurred_at")
        .await;
    assert_eq!(
        actions,
        [
            "api_key.created",
            "api_key.revoked",
            "api_key.created",
            "api_key.created"
        ]
    );
}
