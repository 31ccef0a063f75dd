//! Failed sign-ins slow down the client that fails, not the account's owner:
//! per (account, client) with a growing wait, and a higher per-account
//! ceiling that a password plus a fresh second factor still passes.
//!
//! The app trusts 127.0.0.1 as a proxy, so each request's `X-Forwarded-For`
//! is its client, as it would be behind a load balancer.

use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};
use crate::two_factor::{code_at, enrolled};

const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.7";
const SIGN_IN: &str =
    "mutation($i: SignInInput!) { signIn(input: $i) { twoFactorRequired challenge accessToken } }";

async fn app_behind_proxy(flags: &[&str]) -> TestApp {
    let mut all = vec!["--trusted-proxies", "127.0.0.1"];
    all.extend_from_slice(flags);
    TestApp::spawn_with(&all).await
}

/// signIn from client `ip`; returns the body.
async fn sign_in_from(app: &TestApp, ip: &str, email: &str, password: &str) -> Value {
    app.http
        .post(app.url("/graphql"))
        .header("x-forwarded-for", ip)
        .json(&json!({
            "query": SIGN_IN,
            "variables": { "i": { "email": email, "password": password } },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn retry_after(body: &Value) -> u64 {
    assert_eq!(codes(body), ["RATE_LIMITED"], "{body}");
    body["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap_or_else(|| panic!("{body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attacker_elsewhere_cannot_lock_the_owner_out() {
    let app = app_behind_proxy(&[]).await;
    app.sign_up("ada@example.com").await;
    let mut answers = Vec::new();
    for i in 0..10 {
        let body = sign_in_from(&app, ATTACKER, "ada@example.com", &format!("guess {i}")).await;
        answers.push(codes(&body).join(","));
    }
    assert_eq!(answers[..5], ["UNAUTHENTICATED"; 5], "{answers:?}");
    assert_eq!(answers[5..], ["RATE_LIMITED"; 5], "{answers:?}");
    // The attacker's client is held back even with the right password...
    let body = sign_in_from(&app, ATTACKER, "ada@example.com", PASSWORD).await;
    assert_eq!(codes(&body), ["RATE_LIMITED"], "{body}");
    // ...while the owner, from their own client, signs in.
    let body = sign_in_from(&app, OWNER, "ada@example.com", PASSWORD).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(body["data"]["signIn"]["accessToken"].is_string(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_failing_client_waits_longer_after_each_failure() {
    let app = app_behind_proxy(&["--sign-in-backoff-secs", "2"]).await;
    app.sign_up("ada@example.com").await;
    for i in 0..5 {
        let body = sign_in_from(&app, ATTACKER, "ada@example.com", &format!("guess {i}")).await;
        assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    }
    let first = retry_after(&sign_in_from(&app, ATTACKER, "ada@example.com", "too soon").await);
    assert_eq!(first, 2);
    // Once the wait is over, one more try, and a failure doubles the wait.
    tokio::time::sleep(std::time::Duration::from_millis(first * 1000 + 200)).await;
    let body = sign_in_from(&app, ATTACKER, "ada@example.com", "guess 5").await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    let second = retry_after(&sign_in_from(&app, ATTACKER, "ada@example.com", "too soon").await);
    assert!(second > first && second <= 4, "{first} then {second}");
    // A success from a client clears that client's count.
    let body = sign_in_from(&app, OWNER, "ada@example.com", "owner typo").await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    let body = sign_in_from(&app, OWNER, "ada@example.com", PASSWORD).await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_account_ceiling_only_password_and_second_factor_get_in() {
    let app = app_behind_proxy(&["--sign-in-failures-per-account-hour", "6"]).await;
    app.sign_up("ada@example.com").await;
    let (_, secret, _) = enrolled(&app, "grace@example.com").await;
    // Guessing spread over three clients, two tries each, on both accounts
    // and on an address with no account.
    for email in ["ada@example.com", "grace@example.com", "nobody@example.com"] {
        for i in 0..6 {
            let client = format!("203.0.113.{}", i % 3);
            let body = sign_in_from(&app, &client, email, &format!("guess {i}")).await;
            assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{email} {i}: {body}");
        }
    }
    // Now every answer is RATE_LIMITED, from any client, for any password,
    // known address or not...
    for email in ["ada@example.com", "grace@example.com", "nobody@example.com"] {
        let wait = retry_after(&sign_in_from(&app, OWNER, email, "guess 7").await);
        assert!((3500..=3600).contains(&wait), "{wait}");
    }
    retry_after(&sign_in_from(&app, OWNER, "ada@example.com", PASSWORD).await);
    // ...except the right password on an account with a second factor,
    // which still needs a fresh code.
    let body = sign_in_from(&app, OWNER, "grace@example.com", PASSWORD).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["signIn"]["twoFactorRequired"], true, "{body}");
    assert!(body["data"]["signIn"]["accessToken"].is_null(), "{body}");
    let challenge = body["data"]["signIn"]["challenge"].as_str().unwrap();
    let (_, body) = app
        .gql(
            "mutation($ch: String!, $c: String!) { verifyTwoFactor(input: { challenge: $ch, code: $c }) { accessToken } }",
            json!({ "ch": challenge, "c": code_at(&secret, 30) }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(
        body["data"]["verifyTwoFactor"]["accessToken"].is_string(),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_from_the_mailbox_lifts_the_account_ceiling() {
    let app = app_behind_proxy(&["--sign-in-failures-per-account-hour", "6"]).await;
    app.sign_up("ada@example.com").await;
    for i in 0..6 {
        let client = format!("203.0.113.{}", i % 3);
        sign_in_from(&app, &client, "ada@example.com", &format!("guess {i}")).await;
    }
    retry_after(&sign_in_from(&app, OWNER, "ada@example.com", PASSWORD).await);
    let (_, body) = app
        .gql(
            "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { ok } }",
            json!({ "e": "ada@example.com" }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let token = app
        .wait_for_mail("ada@example.com", 2)
        .await
        .token("/reset-password");
    let new_password = "a brand new passphrase";
    let (_, body) = app
        .gql(
            "mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) { revokedSessions } }",
            json!({ "t": token, "p": new_password }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = sign_in_from(&app, OWNER, "ada@example.com", new_password).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(body["data"]["signIn"]["accessToken"].is_string(), "{body}");
}
