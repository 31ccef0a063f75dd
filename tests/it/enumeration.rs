//! Account enumeration: `signUp` and `requestPasswordReset` answer the same,
//! in the same time, whether or not an address has an account; only the
//! mailbox learns which it was.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};

const SIGN_UP: &str = "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }";
const REQUEST_RESET: &str =
    "mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) { ok } }";
const ATTACKER_PASSWORD: &str = "mallory's own passphrase";

/// Status, headers that could tell the cases apart, and body.
async fn raw(app: &TestApp, query: &str, variables: Value) -> (u16, Option<String>, Value) {
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_string());
    (status, cookie, response.json().await.unwrap())
}

#[tokio::test]
async fn sign_up_answers_the_same_for_a_taken_address_and_tells_only_its_owner() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let before = app.mails_to("ada@example.com").len();

    let attempt = |email: &'static str| {
        let app = &app;
        async move {
            raw(
                app,
                SIGN_UP,
                json!({ "i": { "email": email, "password": ATTACKER_PASSWORD, "displayName": "Mallory" } }),
            )
            .await
        }
    };
    let taken = attempt("ADA@example.com").await;
    let fresh = attempt("newbie@example.com").await;
    assert_eq!(taken, fresh, "same status, headers and body");
    assert_eq!(taken.0, 200);
    assert_eq!(taken.1, None, "no session cookie for anyone");
    assert_eq!(taken.2, json!({ "data": { "signUp": { "ok": true } } }));

    // Nor does signing in with the password just chosen tell them apart:
    // no account exists until the mailed link is followed.
    let on_taken = app.sign_in_raw("ada@example.com", ATTACKER_PASSWORD).await;
    let on_fresh = app
        .sign_in_raw("newbie@example.com", ATTACKER_PASSWORD)
        .await;
    assert_eq!(codes(&on_taken), ["UNAUTHENTICATED"], "{on_taken}");
    assert_eq!(on_taken, on_fresh);

    // Each address got one mail: the owner a notice, the new one its link.
    let notice = app.wait_for_mail("ada@example.com", before + 1).await;
    assert_eq!(notice.subject, "Someone tried to sign up to Vellum as you");
    assert!(notice.text.contains("Hello Test User,"), "{}", notice.text);
    assert!(!notice.text.contains("Mallory"), "{}", notice.text);
    assert!(!notice.text.contains("token="), "{}", notice.text);
    let welcome = app.wait_for_mail("newbie@example.com", 1).await;
    assert_eq!(welcome.subject, "Welcome to Vellum");
    assert!(
        welcome.text.contains("/complete-sign-up?token="),
        "{}",
        welcome.text
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(app.mails_to("ada@example.com").len(), before + 1);
    assert_eq!(app.mails_to("newbie@example.com").len(), 1);

    // The owner's account is untouched; a repeat within the hour mails no
    // second notice.
    app.sign_in("ada@example.com").await;
    attempt("ada@example.com").await;
    let notices = app
        .sql_strings(
            "SELECT template AS value FROM email_outbox WHERE template = 'sign_up_attempt'",
        )
        .await;
    assert_eq!(notices.len(), 1);
    let users = app
        .sql_strings("SELECT email AS value FROM users ORDER BY email")
        .await;
    assert_eq!(users, ["ada@example.com"]);
    // Admins see the attempts in the audit log.
    let attempts = app
        .sql_strings(
            "SELECT action AS value FROM audit_log WHERE action = 'auth.sign_up_taken_email'",
        )
        .await;
    assert_eq!(attempts.len(), 2);
}

#[tokio::test]
async fn the_mailed_link_creates_the_account_once() {
    let app = TestApp::spawn().await;
    let (_, body) = app
        .gql(
            SIGN_UP,
            json!({ "i": { "email": "newbie@example.com", "password": PASSWORD, "displayName": "Newbie" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let token = app.sign_up_token("newbie@example.com").await;
    let complete = "mutation($t: String!) { completeSignUp(input: { token: $t }) { accessToken user { email emailVerified } } }";
    let (_, body) = app.gql(complete, json!({ "t": token })).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(
        body["data"]["completeSignUp"]["user"],
        json!({ "email": "newbie@example.com", "emailVerified": true })
    );
    for token in [token.as_str(), "", "not-a-token"] {
        let (_, body) = app.gql(complete, json!({ "t": token })).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "input.token");
    }
    app.sign_in("newbie@example.com").await;

    // Two pending sign-ups for one address: the first link followed wins,
    // the other dies with it.
    for name in ["One", "Two"] {
        app.gql(
            SIGN_UP,
            json!({ "i": { "email": "twice@example.com", "password": PASSWORD, "displayName": name } }),
        )
        .await;
    }
    let second = app.sign_up_token("twice@example.com").await;
    let (_, body) = app.gql(complete, json!({ "t": second })).await;
    assert!(body.get("errors").is_none(), "{body}");
    let left = app
        .sql_strings("SELECT email AS value FROM pending_sign_ups")
        .await;
    assert!(left.is_empty(), "{left:?}");
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_answers_alike_and_in_the_same_time() {
    let app = TestApp::spawn().await;
    const N: usize = 40;
    // Accounts made directly: each address may ask 3 times an hour.
    app.sql(&format!(
        "INSERT INTO users (email, display_name, password_hash, role_id) \
         SELECT 'known' || g || '@example.com', 'Known', 'x', id \
         FROM roles, generate_series(1, {N}) g WHERE roles.name = 'VIEWER'"
    ))
    .await;
    let request = |email: String| {
        let app = &app;
        async move {
            let started = Instant::now();
            let (status, body) = app
                .gql(REQUEST_RESET, json!({ "i": { "email": email } }))
                .await;
            (started.elapsed(), status, body)
        }
    };
    // Warm up connections and caches on both paths.
    request("warm@example.com".into()).await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 1..=N {
        // Interleaved, each first in turn, so load on the box (the known
        // address's background work included) hits both alike.
        let (known_email, unknown_email) = (
            format!("known{i}@example.com"),
            format!("unknown{i}@example.com"),
        );
        let ((k, k_status, k_body), (u, u_status, u_body)) = if i % 2 == 0 {
            let k = request(known_email).await;
            (k, request(unknown_email).await)
        } else {
            let u = request(unknown_email).await;
            (request(known_email).await, u)
        };
        assert_eq!((k_status, &k_body), (u_status, &u_body));
        assert_eq!(
            k_body,
            json!({ "data": { "requestPasswordReset": { "ok": true } } })
        );
        known.push(k);
        unknown.push(u);
    }
    let (known, unknown) = (median(known), median(unknown));
    eprintln!("median known {known:?}, unknown {unknown:?}");
    assert!(
        known <= unknown.mul_f64(1.5) + Duration::from_millis(1),
        "a known address answers in {known:?}, an unknown one in {unknown:?}"
    );
    // The known addresses still get their links, in the background.
    app.wait_for_mail(&format!("known{N}@example.com"), 1).await;
    let mut issued = 0;
    for _ in 0..200 {
        issued = app
            .sql_strings("SELECT user_id::text AS value FROM one_time_tokens")
            .await
            .len();
        if issued == N {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(issued, N);
}
