//! Password reset and email verification over HTTP, with mail written by
//! the real lettre file transport into each app's own data dir.

use serde_json::{Value, json};

use crate::fixtures::FakeSmtp;
use crate::harness::{PASSWORD, TestApp, codes};

const REQUEST_RESET: &str =
    "mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) { ok } }";
const RESET: &str =
    "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { revokedSessions } }";
const REQUEST_VERIFICATION: &str = "mutation { requestEmailVerification { expiresAt } }";
const VERIFY: &str = "mutation($i: VerifyEmailInput!) { verifyEmail(input: $i) { ok } }";
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn request_reset(app: &TestApp, email: &str) -> Value {
    let (status, body) = app
        .gql(REQUEST_RESET, json!({ "i": { "email": email } }))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn reset(app: &TestApp, token: &str, password: &str) -> Value {
    app.gql(
        RESET,
        json!({ "i": { "token": token, "newPassword": password } }),
    )
    .await
    .1
}

fn assert_bad_token(body: &Value) {
    assert_eq!(codes(body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.token");
}

async fn actions(app: &TestApp) -> Vec<String> {
    app.sql_strings("SELECT action AS value FROM audit_log ORDER BY occurred_at, id")
        .await
}

#[tokio::test]
async fn a_mailed_reset_link_sets_a_new_password_and_signs_out_everywhere() {
    let app = TestApp::spawn().await;
    let first = app.sign_up("ada@example.com").await;
    let second = app.sign_in("ada@example.com").await;

    let body = request_reset(&app, "  ADA@example.com ").await;
    assert_eq!(
        body,
        json!({ "data": { "requestPasswordReset": { "ok": true } } })
    );
    let mail = app.wait_for_mail("ada@example.com", 2).await;
    assert_eq!(mail.subject, "Reset your Vellum password");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert!(mail.html.contains("Reset password"), "{}", mail.html);
    let token = mail.token("/reset-password");
    assert_eq!(token.len(), 43, "{}", mail.text);
    // Only the hash is stored.
    let stored = app
        .sql_strings("SELECT encode(token_hash, 'hex') AS value FROM one_time_tokens")
        .await;
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(&token));

    let body = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(
        body,
        json!({ "data": { "resetPassword": { "revokedSessions": 2 } } })
    );

    // The old password is gone, the new one works.
    let old = app.sign_in_raw("ada@example.com", PASSWORD).await;
    assert_eq!(codes(&old), ["UNAUTHENTICATED"], "{old}");
    let new = app.sign_in_raw("ada@example.com", NEW_PASSWORD).await;
    assert!(new.get("errors").is_none(), "{new}");

    // Every session from before the reset is signed out.
    for tokens in [&first, &second] {
        let (status, body) = app
            .gql_as(&tokens.access, "{ me { id } }", Value::Null)
            .await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(
            codes(&app.refresh_raw(&tokens.refresh).await),
            ["UNAUTHENTICATED"]
        );
    }

    // The link works once.
    assert_bad_token(&reset(&app, &token, "yet another passphrase").await);

    // The owner is told, without a link.
    let notice = app.wait_for_mail("ada@example.com", 3).await;
    assert_eq!(notice.subject, "Your Vellum password was changed");
    assert!(!notice.text.contains("token="), "{}", notice.text);
    // And in the app: a security notice.
    let access = new["data"]["signIn"]["accessToken"].as_str().unwrap();
    let (_, body) = app
        .gql_as(
            access,
            "{ notifications(first: 5) { edges { node { kind } } } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        body["data"]["notifications"]["edges"][0]["node"]["kind"], "PASSWORD_CHANGED",
        "{body}"
    );

    let actions = actions(&app).await;
    let reset_actions: Vec<&str> = actions
        .iter()
        .map(String::as_str)
        .filter(|a| a.starts_with("auth.password_reset"))
        .collect();
    assert_eq!(
        reset_actions,
        ["auth.password_reset_requested", "auth.password_reset"]
    );
    let details = app
        .sql_strings(
            "SELECT concat_ws(' ', actor_kind, target_type, target_id, details->>'sessionsRevoked') AS value \
             FROM audit_log WHERE action LIKE 'auth.password_reset%' ORDER BY occurred_at",
        )
        .await;
    assert_eq!(
        details,
        [
            format!("system user {}", first.user_id),
            format!("user user {} 2", first.user_id)
        ]
    );
}

#[tokio::test]
async fn expired_and_unknown_reset_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let ada = app.sign_up("ada@example.com").await;
    request_reset(&app, "ada@example.com").await;
    let token = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/reset-password");
    app.sql(
        "UPDATE one_time_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'",
    )
    .await;
    assert_bad_token(&reset(&app, &token, NEW_PASSWORD).await);
    assert_bad_token(&reset(&app, "not-a-token", NEW_PASSWORD).await);
    assert_bad_token(&reset(&app, "", NEW_PASSWORD).await);
    // Nothing changed: the old password and session still work.
    let (status, _) = app.gql_as(&ada.access, "{ me { id } }", Value::Null).await;
    assert_eq!(status, 200);
    assert!(
        app.sign_in_raw("ada@example.com", PASSWORD)
            .await
            .get("errors")
            .is_none()
    );
}

#[tokio::test]
async fn a_weak_new_password_is_refused_and_keeps_the_token() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    request_reset(&app, "ada@example.com").await;
    let token = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/reset-password");
    let body = reset(&app, &token, "short").await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.newPassword"
    );
    let body = reset(&app, &token, NEW_PASSWORD).await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test]
async fn a_newer_link_retires_the_older_ones_when_used() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    request_reset(&app, "ada@example.com").await;
    let older = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/reset-password");
    request_reset(&app, "ada@example.com").await;
    let newer = app
        .wait_for_mail("ada@example.com", 3)
        .await
        .token("/reset-password");
    assert_ne!(older, newer);
    assert!(
        reset(&app, &newer, NEW_PASSWORD)
            .await
            .get("errors")
            .is_none()
    );
    assert_bad_token(&reset(&app, &older, "yet another passphrase").await);
}

#[tokio::test]
async fn unknown_and_deactivated_accounts_get_the_same_answer_and_no_mail() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    app.sign_up("gone@example.com").await;
    app.sql("UPDATE users SET active = false WHERE email = 'gone@example.com'")
        .await;
    let unknown = request_reset(&app, "nobody@example.com").await;
    let deactivated = request_reset(&app, "gone@example.com").await;
    let known = request_reset(&app, "ada@example.com").await;
    assert_eq!(unknown, known);
    assert_eq!(deactivated, known);
    app.wait_for_mail("ada@example.com", 2).await;
    // Background sends are done by the time the later one is on disk; give
    // any stray one a moment more anyway.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mails: Vec<_> = app
        .mails()
        .into_iter()
        .filter(|mail| mail.subject != "Welcome to Vellum")
        .collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let tokens = app
        .sql_strings(
            "SELECT u.email AS value FROM one_time_tokens t JOIN users u ON u.id = t.user_id",
        )
        .await;
    assert_eq!(tokens, ["ada@example.com"]);
    let requested = app
        .sql_strings(
            "SELECT target_id AS value FROM audit_log WHERE action = 'auth.password_reset_requested'",
        )
        .await;
    assert_eq!(requested.len(), 1);
    // A malformed address is an input error, the same for everyone.
    let (_, body) = app
        .gql(REQUEST_RESET, json!({ "i": { "email": "not an email" } }))
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.email");
}

#[tokio::test]
async fn links_use_the_public_url_never_the_request_host() {
    let app = TestApp::spawn_with(&["--public-url", "https://cms.example.test/"]).await;
    app.sign_up("ada@example.com").await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("host", "evil.example")
        .header("x-forwarded-host", "evil.example")
        .header("x-forwarded-proto", "http")
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&json!({ "query": REQUEST_RESET, "variables": { "i": { "email": "ada@example.com" } } }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mail = app.wait_for_mail("ada@example.com", 2).await;
    assert!(
        mail.text
            .contains("https://cms.example.test/reset-password?token="),
        "{}",
        mail.text
    );
    assert!(!mail.text.contains("evil.example"), "{}", mail.text);
    assert!(!mail.html.contains("evil.example"), "{}", mail.html);
}

#[tokio::test]
async fn mail_html_escapes_the_display_name() {
    let app = TestApp::spawn().await;
    let name = "<script>alert('x')</script>";
    let (_, body) = app
        .gql(
            "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
            json!({ "i": { "email": "mallory@example.com", "password": PASSWORD, "displayName": name } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    app.complete_sign_up("mallory@example.com").await;
    request_reset(&app, "mallory@example.com").await;
    let mail = app.wait_for_mail("mallory@example.com", 2).await;
    assert!(!mail.html.contains("<script>"), "{}", mail.html);
    assert!(
        mail.html
            .contains("Hello &lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt;,"),
        "{}",
        mail.html
    );
    // The plain-text part is not HTML and says the name as it is.
    assert!(
        mail.text.contains(&format!("Hello {name},")),
        "{}",
        mail.text
    );
}

/// Signing up verifies the address (the account is created from the
/// mailed link); these tests need an account whose address is not verified,
/// like one an admin created.
async fn unverify(app: &TestApp) {
    app.sql("UPDATE users SET email_verified_at = NULL").await;
}

#[tokio::test]
async fn email_verification_round_trip() {
    let app = TestApp::spawn().await;
    let ada = app.sign_up("ada@example.com").await;
    unverify(&app).await;
    let (_, body) = app
        .gql_as(&ada.access, "{ me { emailVerified } }", Value::Null)
        .await;
    assert_eq!(body["data"]["me"]["emailVerified"], false);

    let (status, body) = app
        .gql_as(&ada.access, REQUEST_VERIFICATION, Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["data"]["requestEmailVerification"]["expiresAt"].is_string(),
        "{body}"
    );
    let mail = app.wait_for_mail("ada@example.com", 2).await;
    assert_eq!(mail.subject, "Confirm your email address for Vellum");
    let token = mail.token("/verify-email");
    // The default public URL is http://$VELLUM_ADDR (the harness's is 127.0.0.1:0).
    assert!(
        mail.text
            .contains(&format!("http://127.0.0.1:0/verify-email?token={token}")),
        "{}",
        mail.text
    );

    // Anyone holding the link may use it: no sign-in needed.
    let (_, body) = app.gql(VERIFY, json!({ "i": { "token": token } })).await;
    assert_eq!(body, json!({ "data": { "verifyEmail": { "ok": true } } }));
    let (_, body) = app
        .gql_as(&ada.access, "{ me { emailVerified } }", Value::Null)
        .await;
    assert_eq!(body["data"]["me"]["emailVerified"], true, "{body}");

    // Once only; and a verified address needs no new link.
    let (_, body) = app.gql(VERIFY, json!({ "i": { "token": token } })).await;
    assert_bad_token(&body);
    let (_, body) = app
        .gql_as(&ada.access, REQUEST_VERIFICATION, Value::Null)
        .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");

    let actions = actions(&app).await;
    assert!(
        actions.contains(&"auth.email_verification_requested".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"auth.email_verified".to_string()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn email_verification_needs_a_signed_in_caller_and_a_current_address() {
    let app = TestApp::spawn().await;
    let (_, body) = app.gql(REQUEST_VERIFICATION, Value::Null).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");

    let ada = app.sign_up("ada@example.com").await;
    unverify(&app).await;
    app.gql_as(&ada.access, REQUEST_VERIFICATION, Value::Null)
        .await;
    let token = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/verify-email");
    // A link proves only the address it was mailed to.
    app.sql("UPDATE users SET email = 'ada@elsewhere.example' WHERE email = 'ada@example.com'")
        .await;
    let (_, body) = app.gql(VERIFY, json!({ "i": { "token": token } })).await;
    assert_bad_token(&body);
    let (_, body) = app.gql(VERIFY, json!({ "i": { "token": "" } })).await;
    assert_bad_token(&body);
    let verified = app
        .sql_strings("SELECT (email_verified_at IS NULL)::text AS value FROM users")
        .await;
    assert_eq!(verified, ["true"]);
}

#[tokio::test]
async fn tokens_work_only_for_their_purpose() {
    let app = TestApp::spawn().await;
    let ada = app.sign_up("ada@example.com").await;
    unverify(&app).await;
    app.gql_as(&ada.access, REQUEST_VERIFICATION, Value::Null)
        .await;
    let verification = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/verify-email");
    assert_bad_token(&reset(&app, &verification, NEW_PASSWORD).await);
    request_reset(&app, "ada@example.com").await;
    let reset_token = app
        .wait_for_mail("ada@example.com", 3)
        .await
        .token("/reset-password");
    let (_, body) = app
        .gql(VERIFY, json!({ "i": { "token": reset_token } }))
        .await;
    assert_bad_token(&body);
    // Both still work for what they are for.
    let (_, body) = app
        .gql(VERIFY, json!({ "i": { "token": verification } }))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(
        reset(&app, &reset_token, NEW_PASSWORD)
            .await
            .get("errors")
            .is_none()
    );
}

#[tokio::test]
async fn the_smtp_transport_delivers_reset_links() {
    let FakeSmtp {
        port, mut received, ..
    } = FakeSmtp::start().await;
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(&[
        "--mail-transport",
        "smtp",
        "--smtp-url",
        &url,
        "--mail-from",
        "CMS <cms@example.com>",
    ])
    .await;
    app.sign_up("ada@example.com").await;
    request_reset(&app, "ada@example.com").await;
    // The welcome mail from the sign-up comes first.
    let mut raw = String::new();
    for _ in 0..2 {
        raw = tokio::time::timeout(std::time::Duration::from_secs(10), received.recv())
            .await
            .expect("a message within 10 s")
            .expect("the server is running");
    }
    let parsed = mailparse::parse_mail(raw.as_bytes()).unwrap();
    use mailparse::MailHeaderMap;
    assert_eq!(
        parsed.headers.get_first_value("From").as_deref(),
        Some("CMS <cms@example.com>")
    );
    let text = parsed
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(text.contains("/reset-password?token="), "{text}");
    assert!(app.mails().is_empty(), "no .eml files with SMTP");
}
