//! Accounts, sessions, refresh rotation and forged tokens, over HTTP.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};

const ME: &str = "{ me { id email displayName role { name } } }";

#[tokio::test]
async fn sign_up_gives_a_viewer_and_working_tokens() {
    let app = TestApp::spawn().await;
    let tokens = app.sign_up("Ada@Example.com").await;
    let (status, body) = app.gql_as(&tokens.access, ME, Value::Null).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["email"], "ada@example.com");
    assert_eq!(body["data"]["me"]["role"]["name"], "VIEWER");
    let actions = app
        .sql_strings("SELECT action AS value FROM audit_log")
        .await;
    assert_eq!(actions, ["user.signed_up"]);
}

#[tokio::test]
async fn sign_up_rejects_bad_input_with_the_field() {
    let app = TestApp::spawn().await;
    app.sign_up("taken@example.com").await;
    let cases = [
        (
            json!({ "email": "nope", "password": PASSWORD, "displayName": "X" }),
            "input.email",
        ),
        (
            json!({ "email": "a@example.com", "password": "short", "displayName": "X" }),
            "input.password",
        ),
        (
            json!({ "email": "a@example.com", "password": "password1234", "displayName": "X" }),
            "input.password",
        ),
        (
            json!({ "email": "a@example.com", "password": PASSWORD, "displayName": " " }),
            "input.displayName",
        ),
    ];
    for (input, field) in cases {
        let (_, body) = app
            .gql(
                "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
                json!({ "i": input }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{input}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{input}");
    }
    let users = app.sql_strings("SELECT email AS value FROM users").await;
    assert_eq!(users, ["taken@example.com"], "no half-written accounts");
}

#[tokio::test]
async fn a_smuggled_role_is_a_schema_error() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .gql(
            "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
            json!({ "i": { "email": "x@example.com", "password": PASSWORD, "displayName": "X", "role": "SUPERADMIN" } }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    let (status, _) = app
        .gql(
            r#"mutation { signUp(input: { email: "x@example.com", password: "correct horse battery", displayName: "X", id: "00000000-0000-0000-0000-000000000000" }) { ok } }"#,
            Value::Null,
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn closed_sign_up_is_forbidden() {
    let app = TestApp::spawn_with(&["--open-signup", "false"]).await;
    let (_, body) = app
        .gql(
            "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
            json!({ "i": { "email": "x@example.com", "password": PASSWORD, "displayName": "X" } }),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    // The sign-in page can tell before it offers the form.
    let (_, body) = app.gql("{ signUpOpen }", Value::Null).await;
    assert_eq!(body["data"]["signUpOpen"], false, "{body}");
}

#[tokio::test]
async fn open_sign_up_is_announced() {
    let app = TestApp::spawn().await;
    let (_, body) = app.gql("{ signUpOpen }", Value::Null).await;
    assert_eq!(body["data"]["signUpOpen"], true, "{body}");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let wrong = app
        .sign_in_raw("ada@example.com", "wrong password here")
        .await;
    let unknown = app.sign_in_raw("nobody@example.com", PASSWORD).await;
    assert_eq!(codes(&wrong), ["UNAUTHENTICATED"]);
    assert_eq!(
        wrong["errors"][0]["message"],
        unknown["errors"][0]["message"]
    );
    assert_eq!(codes(&unknown), ["UNAUTHENTICATED"]);
    let failed = app
        .sql_strings("SELECT action AS value FROM audit_log WHERE action = 'auth.sign_in_failed'")
        .await;
    assert_eq!(failed.len(), 2);
    let ok = app.sign_in("ADA@example.com").await;
    let (status, _) = app.gql_as(&ok.access, ME, Value::Null).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_session() {
    let app = TestApp::spawn().await;
    let first = app.sign_up("ada@example.com").await;
    let body = app.refresh_raw(&first.refresh).await;
    assert!(body.get("errors").is_none(), "{body}");
    let second_access = body["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let second_refresh = body["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(second_refresh, first.refresh);
    let (status, _) = app.gql_as(&second_access, ME, Value::Null).await;
    assert_eq!(status, 200);

    // The first token again: stolen. The whole session goes.
    let replay = app.refresh_raw(&first.refresh).await;
    assert_eq!(codes(&replay), ["UNAUTHENTICATED"]);
    let (status, body) = app.gql_as(&second_access, ME, Value::Null).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(
        codes(&app.refresh_raw(&second_refresh).await),
        ["UNAUTHENTICATED"]
    );
    let reuse = app
        .sql_strings(
            "SELECT action AS value FROM audit_log WHERE action = 'auth.refresh_token_reused'",
        )
        .await;
    assert_eq!(reuse.len(), 1);
}

#[tokio::test]
async fn tokens_cannot_stand_in_for_each_other() {
    let app = TestApp::spawn().await;
    let tokens = app.sign_up("ada@example.com").await;
    let (status, body) = app.gql_as(&tokens.refresh, ME, Value::Null).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    assert_eq!(
        codes(&app.refresh_raw(&tokens.access).await),
        ["UNAUTHENTICATED"]
    );
    // A refresh token of the wrong type in the variables is a validation error.
    let (status, _) = app
        .gql(
            "mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken } }",
            json!({ "i": { "refreshToken": {} } }),
        )
        .await;
    assert_eq!(status, 400);
}

fn forge(header: Value, claims: Value, key: &[u8]) -> String {
    use hmac_sign::sign;
    let head = URL_SAFE_NO_PAD.encode(header.to_string());
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signature = sign(key, format!("{head}.{body}").as_bytes());
    format!("{head}.{body}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// HMAC-SHA256 by its definition, so forged tokens need no JWT library.
mod hmac_sign {
    use sha2::{Digest, Sha256};

    pub fn sign(key: &[u8], message: &[u8]) -> Vec<u8> {
        let mut block = [0u8; 64];
        if key.len() > 64 {
            block[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
        let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
        let inner_hash = Sha256::digest([inner.as_slice(), message].concat());
        Sha256::digest([outer.as_slice(), inner_hash.as_slice()].concat()).to_vec()
    }
}

#[tokio::test]
async fn forged_expired_and_mistyped_tokens_are_refused() {
    const SECRET: &str = "k3y-for-integration-tests-0123456789abcdef";
    let app = TestApp::spawn_with(&["--jwt-secret", SECRET]).await;
    let tokens = app.sign_up("ada@example.com").await;
    let real: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(tokens.access.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    let now = chrono::Utc::now().timestamp();
    let hs256 = json!({ "alg": "HS256", "typ": "JWT" });
    let with = |patch: Value| {
        let mut claims = real.clone();
        for (k, v) in patch.as_object().unwrap() {
            claims[k] = v.clone();
        }
        claims
    };

    // Sanity: our forger makes tokens the server accepts with the right key.
    let good = forge(hs256.clone(), real.clone(), SECRET.as_bytes());
    assert_eq!(app.gql_as(&good, ME, Value::Null).await.0, 200);

    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({ "alg": "none", "typ": "JWT" }).to_string()),
        URL_SAFE_NO_PAD.encode(real.to_string())
    );
    let cases = [
        ("alg none", none),
        (
            "wrong key",
            forge(
                hs256.clone(),
                real.clone(),
                b"some-other-secret-that-is-long-enough",
            ),
        ),
        (
            "expired",
            forge(
                hs256.clone(),
                with(json!({ "exp": now - 3600, "iat": now - 4000 })),
                SECRET.as_bytes(),
            ),
        ),
        (
            "wrong typ",
            forge(
                hs256.clone(),
                with(json!({ "typ": "refresh" })),
                SECRET.as_bytes(),
            ),
        ),
        (
            "wrong audience",
            forge(
                hs256.clone(),
                with(json!({ "aud": "someone-else" })),
                SECRET.as_bytes(),
            ),
        ),
        (
            "HS512",
            forge(
                json!({ "alg": "HS512", "typ": "JWT" }),
                real.clone(),
                SECRET.as_bytes(),
            ),
        ),
        ("garbage", "a.b.c".to_string()),
    ];
    for (name, token) in cases {
        let (status, body) = app.gql_as(&token, ME, Value::Null).await;
        assert_eq!(status, 401, "{name}: {body}");
        assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{name}");
    }
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("authorization", "Basic Zm9vOmJhcg==")
        .json(&json!({ "query": "{ health }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
}

#[tokio::test]
async fn sign_out_ends_the_session_at_once() {
    let app = TestApp::spawn().await;
    let tokens = app.sign_up("ada@example.com").await;
    assert_eq!(app.gql_as(&tokens.access, ME, Value::Null).await.0, 200);
    let (_, body) = app
        .gql_as(
            &tokens.access,
            "mutation { signOut { revokedSessions } }",
            Value::Null,
        )
        .await;
    assert_eq!(body["data"]["signOut"]["revokedSessions"], 1, "{body}");
    assert_eq!(app.gql_as(&tokens.access, ME, Value::Null).await.0, 401);
    assert_eq!(
        codes(&app.refresh_raw(&tokens.refresh).await),
        ["UNAUTHENTICATED"]
    );
}

#[tokio::test]
async fn sessions_can_be_listed_and_revoked_one_by_one_or_all() {
    let app = TestApp::spawn().await;
    let laptop = app.sign_up("ada@example.com").await;
    let phone = app.sign_in("ada@example.com").await;
    let tablet = app.sign_in("ada@example.com").await;
    let (_, body) = app
        .gql_as(&laptop.access, "{ mySessions { id current } }", Value::Null)
        .await;
    let sessions = body["data"]["mySessions"].as_array().unwrap().clone();
    assert_eq!(sessions.len(), 3, "{body}");
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    // Revoke the phone's session from the laptop.
    let phone_session = {
        let (_, body) = app
            .gql_as(&phone.access, "{ mySessions { id current } }", Value::Null)
            .await;
        body["data"]["mySessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["current"] == true)
            .unwrap()["id"]
            .clone()
    };
    let (_, body) = app
        .gql_as(
            &laptop.access,
            "mutation($i: RevokeSessionInput!) { revokeSession(input: $i) { id } }",
            json!({ "i": { "id": phone_session } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(app.gql_as(&phone.access, ME, Value::Null).await.0, 401);
    assert_eq!(app.gql_as(&laptop.access, ME, Value::Null).await.0, 200);

    // Someone else's session is not found, not revoked.
    let other = app.sign_up("bob@example.com").await;
    let (_, body) = app
        .gql_as(
            &other.access,
            "mutation($i: RevokeSessionInput!) { revokeSession(input: $i) { id } }",
            json!({ "i": { "id": phone_session } }),
        )
        .await;
    assert_eq!(codes(&body), ["NOT_FOUND"]);

    let (_, body) = app
        .gql_as(
            &laptop.access,
            "mutation { signOutEverywhere { revokedSessions } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        body["data"]["signOutEverywhere"]["revokedSessions"], 2,
        "{body}"
    );
    assert_eq!(app.gql_as(&laptop.access, ME, Value::Null).await.0, 401);
    assert_eq!(app.gql_as(&tablet.access, ME, Value::Null).await.0, 401);
    assert_eq!(app.gql_as(&other.access, ME, Value::Null).await.0, 200);
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let here = app.sign_up("ada@example.com").await;
    let elsewhere = app.sign_in("ada@example.com").await;
    let change =
        "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }";
    let (_, body) = app
        .gql_as(&here.access, change, json!({ "i": { "currentPassword": "not my password", "newPassword": "a brand new password" } }))
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.currentPassword"
    );
    let (_, body) = app
        .gql_as(
            &here.access,
            change,
            json!({ "i": { "currentPassword": PASSWORD, "newPassword": "short" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.newPassword"
    );

    let (_, body) = app
        .gql_as(
            &here.access,
            change,
            json!({ "i": { "currentPassword": PASSWORD, "newPassword": "a brand new password" } }),
        )
        .await;
    assert_eq!(
        body["data"]["changePassword"]["revokedSessions"], 1,
        "{body}"
    );
    assert_eq!(app.gql_as(&here.access, ME, Value::Null).await.0, 200);
    assert_eq!(app.gql_as(&elsewhere.access, ME, Value::Null).await.0, 401);
    assert_eq!(
        codes(&app.sign_in_raw("ada@example.com", PASSWORD).await),
        ["UNAUTHENTICATED"]
    );
    let body = app
        .sign_in_raw("ada@example.com", "a brand new password")
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn websocket_connections_authenticate_in_connection_init() {
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;

    let app = TestApp::spawn().await;
    let tokens = app.sign_up("ada@example.com").await;
    let connect = || async {
        let mut request = format!("ws://{}/graphql", app.addr)
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        crate::harness::WsClient {
            socket: tokio_tungstenite::connect_async(request).await.unwrap().0,
            pending: Default::default(),
        }
    };
    let mut ws = connect().await;
    ws.send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", tokens.access) } }))
        .await;
    assert_eq!(ws.next_json().await["type"], "connection_ack");
    ws.send(json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ me { email } }" } }))
        .await;
    let message = ws.next_json().await;
    assert_eq!(
        message["payload"]["data"]["me"]["email"], "ada@example.com",
        "{message}"
    );

    let mut bad = connect().await;
    bad.send(json!({ "type": "connection_init", "payload": { "authorization": "Bearer nope" } }))
        .await;
    match bad.next_frame().await {
        Some(Message::Close(Some(frame))) => assert_eq!(u16::from(frame.code), 4403),
        other => panic!("expected a 4403 close, got {other:?}"),
    }
    let _ = bad.socket.close(None).await;
}

#[tokio::test]
async fn weaker_stored_hashes_are_upgraded_at_sign_in() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    // The same password, hashed with yesterday's weaker parameters.
    let weak = {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let params = argon2::Params::new(8192, 1, 1, None).unwrap();
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password(
                PASSWORD.as_bytes(),
                &SaltString::encode_b64(&[9u8; 16]).unwrap(),
            )
            .unwrap()
            .to_string()
    };
    app.sql(&format!("UPDATE users SET password_hash = '{weak}'"))
        .await;
    app.sign_in("ada@example.com").await;
    let stored = app
        .sql_strings("SELECT password_hash AS value FROM users")
        .await;
    assert!(
        stored[0].starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        stored[0]
    );
    app.sign_in("ada@example.com").await;
}
