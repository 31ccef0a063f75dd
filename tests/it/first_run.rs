//! First run: while no SUPERADMIN exists, `serve` logs a one-time setup
//! link; `completeSetup` with its token creates the first SUPERADMIN.

use serde_json::{Value, json};

use crate::harness::{PASSWORD, TestApp, codes};

const COMPLETE_SETUP: &str = "mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { \
     accessToken refreshToken expiresAt user { id email role { name } } } }";

fn input(token: &str, email: &str) -> Value {
    json!({ "i": {
        "token": token,
        "email": email,
        "displayName": "First Admin",
        "password": PASSWORD,
    } })
}

async fn setup_required(app: &TestApp) -> bool {
    let (_, body) = app.gql("{ setupRequired }", Value::Null).await;
    body["data"]["setupRequired"]
        .as_bool()
        .unwrap_or_else(|| panic!("setupRequired: {body}"))
}

async fn superadmins(app: &TestApp) -> Vec<String> {
    app.sql_strings(
        "SELECT u.email AS value FROM users u JOIN roles r ON r.id = u.role_id \
         WHERE r.name = 'SUPERADMIN' ORDER BY u.email",
    )
    .await
}

#[tokio::test]
async fn the_setup_token_creates_the_first_admin_once() {
    let app = TestApp::spawn().await;
    assert!(setup_required(&app).await);
    let token = app.setup.issue_token();

    // Bad input is answered on its field and does not spend the token.
    let mut short = input(&token, "root@example.com");
    short["i"]["password"] = json!("short");
    let (_, body) = app.gql(COMPLETE_SETUP, short).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.password");

    let (status, body) = app
        .gql(COMPLETE_SETUP, input(&token, " Root@Example.com "))
        .await;
    assert_eq!(status, 200, "{body}");
    let payload = &body["data"]["completeSetup"];
    assert_eq!(payload["user"]["email"], "root@example.com", "{body}");
    assert_eq!(payload["user"]["role"]["name"], "SUPERADMIN");
    assert!(
        payload["refreshToken"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );

    // The tokens are a real session.
    let access = payload["accessToken"].as_str().unwrap();
    let (_, me) = app
        .gql_as(access, "{ me { email role { name } } }", Value::Null)
        .await;
    assert_eq!(me["data"]["me"]["email"], "root@example.com", "{me}");
    assert_eq!(me["data"]["me"]["role"]["name"], "SUPERADMIN");

    assert!(!setup_required(&app).await);
    assert_eq!(superadmins(&app).await, ["root@example.com"]);
    assert_eq!(
        app.sql_strings(
            "SELECT details->>'via' AS value FROM audit_log WHERE action = 'user.created' \
             AND actor_id = target_id::uuid"
        )
        .await,
        ["setup"]
    );

    // The token is spent: the same token again is refused.
    let (_, again) = app
        .gql(COMPLETE_SETUP, input(&token, "second@example.com"))
        .await;
    assert_eq!(codes(&again), ["FORBIDDEN"], "{again}");
    assert!(again["data"].is_null() || again["data"]["completeSetup"].is_null());
    assert_eq!(superadmins(&app).await, ["root@example.com"]);
}

#[tokio::test]
async fn a_wrong_or_missing_token_is_forbidden() {
    let app = TestApp::spawn().await;
    // Before `serve` issued any token, nothing unlocks setup.
    let (_, body) = app.gql(COMPLETE_SETUP, input("", "root@example.com")).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");

    let token = app.setup.issue_token();
    let mut wrong = token.clone();
    wrong.replace_range(..1, if wrong.starts_with('A') { "B" } else { "A" });
    for guess in [wrong.as_str(), "", &token[..42]] {
        let (_, body) = app
            .gql(COMPLETE_SETUP, input(guess, "root@example.com"))
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{guess}: {body}");
    }
    // A token issued later replaces the earlier one.
    let (_, body) = app
        .gql(COMPLETE_SETUP, input(&token, "root@example.com"))
        .await;
    assert!(codes(&body).is_empty(), "{body}");
    assert_eq!(superadmins(&app).await, ["root@example.com"]);

    let app = TestApp::spawn().await;
    let old = app.setup.issue_token();
    let new = app.setup.issue_token();
    let (_, body) = app
        .gql(COMPLETE_SETUP, input(&old, "root@example.com"))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    assert!(superadmins(&app).await.is_empty());
    assert!(setup_required(&app).await);
    let (_, body) = app
        .gql(COMPLETE_SETUP, input(&new, "root@example.com"))
        .await;
    assert!(codes(&body).is_empty(), "{body}");
}

#[tokio::test]
async fn concurrent_setups_create_exactly_one_admin() {
    let app = TestApp::spawn().await;
    let token = app.setup.issue_token();
    // A second process on the same database, with its own token: the
    // database, not process memory, decides who wins.
    let sibling = app.sibling().await;
    let sibling_token = sibling.setup.issue_token();
    let calls = (0..8).map(|i| {
        let (target, token) = if i % 2 == 0 {
            (&app, &token)
        } else {
            (&sibling, &sibling_token)
        };
        target.gql(
            COMPLETE_SETUP,
            input(token, &format!("admin-{i}@example.com")),
        )
    });
    let results = futures_util::future::join_all(calls).await;
    let mut created = 0;
    for (status, body) in &results {
        assert_eq!(*status, 200, "{body}");
        match codes(body).as_slice() {
            [] => created += 1,
            [code] if code == "FORBIDDEN" => {}
            other => panic!("unexpected {other:?}: {body}"),
        }
    }
    let outcomes: Vec<Vec<String>> = results.iter().map(|(_, body)| codes(body)).collect();
    assert_eq!(created, 1, "{outcomes:?}");
    assert_eq!(superadmins(&app).await.len(), 1);
    assert!(!setup_required(&app).await);
    assert!(!setup_required(&sibling).await);
}

#[tokio::test]
async fn an_admin_created_elsewhere_closes_setup() {
    let app = TestApp::spawn().await;
    let token = app.setup.issue_token();
    assert!(setup_required(&app).await);
    // `vellum create-admin` on another machine, say.
    app.user_with_role("ops@example.com", "SUPERADMIN").await;
    assert!(!setup_required(&app).await);
    let (_, body) = app
        .gql(COMPLETE_SETUP, input(&token, "late@example.com"))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    assert_eq!(superadmins(&app).await, ["ops@example.com"]);
}

#[tokio::test]
async fn setup_attempts_are_rate_limited_per_client() {
    let app = TestApp::spawn().await;
    let token = app.setup.issue_token();
    for i in 0..10 {
        let (_, body) = app
            .gql(
                COMPLETE_SETUP,
                input(&format!("guess-{i}"), "root@example.com"),
            )
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    }
    // Past the budget even the right token waits.
    let (_, body) = app
        .gql(COMPLETE_SETUP, input(&token, "root@example.com"))
        .await;
    assert_eq!(codes(&body), ["RATE_LIMITED"], "{body}");
    assert!(
        body["errors"][0]["extensions"]["retryAfter"]
            .as_u64()
            .is_some()
    );
    assert!(superadmins(&app).await.is_empty());
}

#[tokio::test]
async fn setup_can_set_session_cookies() {
    let app = TestApp::spawn().await;
    let token = app.setup.issue_token();
    let mut variables = input(&token, "root@example.com");
    variables["i"]["cookies"] = json!(true);
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&json!({ "query": COMPLETE_SETUP, "variables": variables }))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let body: Value = response.json().await.unwrap();
    assert!(codes(&body).is_empty(), "{body}");
    assert!(
        cookies.iter().any(|c| c.contains("HttpOnly")),
        "{cookies:?}"
    );
}

#[tokio::test]
async fn serve_logs_the_setup_link_when_no_admin_exists() {
    let url = crate::harness::fresh_database().await;
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let log = tokio::task::spawn_blocking(move || {
        let envs = [
            ("DATABASE_URL", url.as_str()),
            ("VELLUM_DATA_DIR", data_dir.as_str()),
            ("VELLUM_PUBLIC_URL", "http://cms.example.test:8080/"),
        ];
        crate::cli::serve_until(&envs, "Vellum is serving")
    })
    .await
    .unwrap();
    let prefix = "http://cms.example.test:8080/admin/setup?token=";
    let at = log
        .find(prefix)
        .unwrap_or_else(|| panic!("no setup link in the log:\n{log}"));
    let token: String = log[at + prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(token.len(), 43, "{log}");
    assert!(log.contains("script/vellum create-admin"), "{log}");
    assert_eq!(log.matches("setup?token=").count(), 1, "logged once: {log}");
}
