//! Rate limits, counted per resolver call so aliases cannot multiply tries.

use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};

#[tokio::test]
async fn aliased_sign_ins_hit_the_per_account_limit() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let attempts: Vec<String> = (0..6)
        .map(|i| format!(r#"a{i}: signIn(input: {{ email: "ada@example.com", password: "wrong password {i}" }}) {{ accessToken }}"#))
        .collect();
    let (_, body) = app
        .gql(
            &format!("mutation {{ {} }}", attempts.join(" ")),
            Value::Null,
        )
        .await;
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 6, "{body}");
    let by_path = |i: usize| {
        errors
            .iter()
            .find(|e| e["path"][0] == format!("a{i}"))
            .unwrap()
            .clone()
    };
    for i in 0..5 {
        assert_eq!(by_path(i)["extensions"]["code"], "UNAUTHENTICATED");
    }
    let limited = by_path(5);
    assert_eq!(limited["extensions"]["code"], "RATE_LIMITED", "{limited}");
    assert!(limited["extensions"]["retryAfter"].as_u64().unwrap() >= 1);

    // The right password does not get past the limit either, from this
    // client (other clients are not held back: see lockout.rs).
    let body = app.sign_in_raw("ada@example.com", PASSWORD).await;
    assert_eq!(codes(&body), ["RATE_LIMITED"]);
}

#[tokio::test]
async fn sign_ups_per_ip_are_limited() {
    let app = TestApp::spawn_with(&["--signups-per-hour", "2"]).await;
    app.sign_up("a@example.com").await;
    app.sign_up("b@example.com").await;
    let (_, body) = app
        .gql(
            "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
            json!({ "i": { "email": "c@example.com", "password": PASSWORD, "displayName": "C" } }),
        )
        .await;
    assert_eq!(codes(&body), ["RATE_LIMITED"]);
    let users = app
        .sql_strings("SELECT email AS value FROM users ORDER BY email")
        .await;
    assert_eq!(users, ["a@example.com", "b@example.com"]);
}

#[tokio::test]
async fn the_request_budget_answers_429_with_retry_after() {
    let app = TestApp::spawn_with(&["--requests-per-minute", "3"]).await;
    for _ in 0..3 {
        assert_eq!(app.gql("{ health }", Value::Null).await.0, 200);
    }
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ health }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["RATE_LIMITED"]);
    assert_eq!(body["errors"][0]["extensions"]["retryAfter"], retry);
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_email() {
    let app = TestApp::spawn().await;
    let request = "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { ok } }";
    for _ in 0..3 {
        let (_, body) = app
            .gql(request, json!({ "e": "someone@example.com" }))
            .await;
        assert_eq!(body["data"]["requestPasswordReset"]["ok"], true, "{body}");
    }
    let (_, body) = app
        .gql(request, json!({ "e": "SOMEONE@example.com" }))
        .await;
    assert_eq!(codes(&body), ["RATE_LIMITED"], "{body}");
    let (_, body) = app.gql(request, json!({ "e": "other@example.com" })).await;
    assert_eq!(body["data"]["requestPasswordReset"]["ok"], true);
}
