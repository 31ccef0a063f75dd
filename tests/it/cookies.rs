//! Cookie mode for browsers: HttpOnly session cookies, and double-submit
//! CSRF protection on every request authenticated by cookie.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};

/// name -> (value, attributes) from a response's Set-Cookie headers.
fn set_cookies(response: &reqwest::Response) -> HashMap<String, (String, String)> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| {
            let text = v.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            (name.to_string(), (value.to_string(), attrs.to_string()))
        })
        .collect()
}

async fn post(
    app: &TestApp,
    cookie: Option<&str>,
    csrf: Option<&str>,
    query: &str,
    variables: Value,
) -> reqwest::Response {
    let mut request = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(csrf) = csrf {
        request = request.header("x-csrf-token", csrf);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn cookie_sign_in_sets_httponly_cookies_and_requires_the_csrf_header() {
    let app = TestApp::spawn_with(&["--public-url", "https://cms.example.com"]).await;
    app.sign_up("ada@example.com").await;
    let response = post(
        &app,
        None,
        None,
        "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }",
        json!({ "i": { "email": "ada@example.com", "password": PASSWORD, "cookies": true } }),
    )
    .await;
    let cookies = set_cookies(&response);
    let (access, access_attrs) = cookies["vellum_access"].clone();
    let (refresh, refresh_attrs) = cookies["vellum_refresh"].clone();
    let (csrf, csrf_attrs) = cookies["vellum_csrf"].clone();
    for attrs in [&access_attrs, &refresh_attrs] {
        assert!(
            attrs.contains("HttpOnly")
                && attrs.contains("Secure")
                && attrs.contains("SameSite=Lax"),
            "{attrs}"
        );
    }
    assert!(
        !csrf_attrs.contains("HttpOnly"),
        "the page must be able to read the CSRF cookie"
    );
    let jar = format!("vellum_access={access}; vellum_refresh={refresh}; vellum_csrf={csrf}");

    // Without the header (what a forged cross-site request looks like): refused.
    let response = post(&app, Some(&jar), None, "{ me { email } }", Value::Null).await;
    assert_eq!(response.status().as_u16(), 403);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let response = post(
        &app,
        Some(&jar),
        Some("wrong"),
        "{ me { email } }",
        Value::Null,
    )
    .await;
    assert_eq!(response.status().as_u16(), 403);

    let response = post(
        &app,
        Some(&jar),
        Some(&csrf),
        "{ me { email } }",
        Value::Null,
    )
    .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["me"]["email"], "ada@example.com", "{body}");

    // Refresh from the cookie: needs the header too, and rotates the cookies.
    let refresh_query = "mutation { refreshSession(input: {}) { expiresAt } }";
    let response = post(
        &app,
        Some(&format!("vellum_refresh={refresh}")),
        None,
        refresh_query,
        Value::Null,
    )
    .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let response = post(&app, Some(&jar), Some(&csrf), refresh_query, Value::Null).await;
    let rotated = set_cookies(&response);
    let body: Value = response.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    assert_ne!(rotated["vellum_refresh"].0, refresh);

    // Sign-out clears the cookies.
    let jar = format!(
        "vellum_access={}; vellum_refresh={}; vellum_csrf={}",
        rotated["vellum_access"].0, rotated["vellum_refresh"].0, rotated["vellum_csrf"].0
    );
    let response = post(
        &app,
        Some(&jar),
        Some(&rotated["vellum_csrf"].0),
        "mutation { signOut { revokedSessions } }",
        Value::Null,
    )
    .await;
    let cleared = set_cookies(&response);
    assert_eq!(cleared["vellum_access"].0, "");
    assert!(cleared["vellum_access"].1.contains("Max-Age=0"));
}

#[tokio::test]
async fn plain_http_development_cookies_are_not_secure() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let response = post(
        &app,
        None,
        None,
        "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }",
        json!({ "i": { "email": "ada@example.com", "password": PASSWORD, "cookies": true } }),
    )
    .await;
    let cookies = set_cookies(&response);
    assert!(!cookies["vellum_access"].1.contains("Secure"));
    // Without `cookies: true`, no cookies at all.
    let response = post(
        &app,
        None,
        None,
        "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }",
        json!({ "i": { "email": "ada@example.com", "password": PASSWORD } }),
    )
    .await;
    assert!(response.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn a_revoked_sessions_access_cookie_is_dropped_and_does_not_block_sign_in() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let sign_in = "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }";
    let input =
        json!({ "i": { "email": "ada@example.com", "password": PASSWORD, "cookies": true } });
    let cookies = set_cookies(&post(&app, None, None, sign_in, input.clone()).await);
    let csrf = cookies["vellum_csrf"].0.clone();
    let jar = format!(
        "vellum_access={}; vellum_refresh={}; vellum_csrf={csrf}",
        cookies["vellum_access"].0, cookies["vellum_refresh"].0
    );
    // The session ends elsewhere (sign-out everywhere from another device).
    let response = post(
        &app,
        Some(&jar),
        Some(&csrf),
        "mutation { signOutEverywhere { revokedSessions } }",
        Value::Null,
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);

    // The browser still holds the old cookies: the request is anonymous (no
    // 401 for every request) and the access cookie is dropped.
    let response = post(
        &app,
        Some(&jar),
        Some(&csrf),
        "{ me { email } }",
        Value::Null,
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);
    let dropped = set_cookies(&response);
    assert_eq!(dropped["vellum_access"].0, "");
    assert!(dropped["vellum_access"].1.contains("Max-Age=0"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");

    // Signing in again with those cookies still in the jar works.
    let response = post(&app, Some(&jar), Some(&csrf), sign_in, input).await;
    let fresh = set_cookies(&response);
    let body: Value = response.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    assert_ne!(fresh["vellum_access"].0, "");

    // A bearer header the server does not honour still fails loudly.
    let response = app
        .http
        .post(app.url("/graphql"))
        .header(
            "authorization",
            format!("Bearer {}", cookies["vellum_access"].0),
        )
        .json(&json!({ "query": "{ me { email } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
}
