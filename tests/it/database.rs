//! Migrations and the first domain rules that touch the database.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use vellum::db::schema::{audit_log, permissions, role_permissions, roles};

use crate::harness::{TestApp, admin_sql, fresh_database};

async fn conn(url: &str) -> AsyncPgConnection {
    AsyncPgConnection::establish(url).await.unwrap()
}

async fn granted(conn: &mut AsyncPgConnection, role: &str) -> Vec<String> {
    role_permissions::table
        .inner_join(roles::table)
        .inner_join(permissions::table)
        .filter(roles::name.eq(role))
        .select(permissions::name)
        .order(permissions::name)
        .load::<String>(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn five_roles_are_seeded_with_permissions_as_rows() {
    let url = fresh_database().await;
    let mut conn = conn(&url).await;
    let seeded: Vec<(String, i32)> = roles::table
        .select((roles::name, roles::level))
        .order(roles::level)
        .load(&mut conn)
        .await
        .unwrap();
    let names: Vec<&str> = seeded.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["VIEWER", "AUTHOR", "EDITOR", "ADMIN", "SUPERADMIN"]);

    let author = granted(&mut conn, "AUTHOR").await;
    assert!(author.contains(&"content.create".to_string()));
    assert!(!author.contains(&"content.publish".to_string()));
    let editor = granted(&mut conn, "EDITOR").await;
    assert!(editor.contains(&"content.publish".to_string()));
    assert!(!editor.contains(&"users.manage".to_string()));
    let superadmin = granted(&mut conn, "SUPERADMIN").await;
    assert!(superadmin.contains(&"roles.manage".to_string()));
    let all: i64 = permissions::table
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        superadmin.len() as i64,
        all,
        "SUPERADMIN holds every permission"
    );
}

#[tokio::test]
async fn migrations_are_idempotent() {
    let url = fresh_database().await;
    assert!(vellum::db::migrate(&url).await.unwrap().is_empty());
}

#[tokio::test]
async fn create_admin_writes_user_and_audit_in_one_go() {
    let app = TestApp::spawn().await;
    let metrics = vellum::metrics::Metrics::new();
    let pool = vellum::db::connect(&app.db_url, 2, std::time::Duration::from_secs(5))
        .await
        .unwrap();
    let db = vellum::db::Db::new(pool, metrics);
    assert!(
        !vellum::users::service::superadmin_exists(&db)
            .await
            .unwrap()
    );

    let user = vellum::users::service::create_admin(
        &db,
        " Ada@Example.com ",
        "Ada",
        "a long enough password".into(),
        vellum::users::service::CreatedVia::Cli,
    )
    .await
    .unwrap();
    assert_eq!(user.email, "ada@example.com");
    assert!(
        vellum::users::service::superadmin_exists(&db)
            .await
            .unwrap()
    );

    let duplicate = vellum::users::service::create_admin(
        &db,
        "ADA@example.com",
        "Ada again",
        "another long password".into(),
        vellum::users::service::CreatedVia::Cli,
    )
    .await
    .unwrap_err();
    assert_eq!(duplicate.code(), "BAD_USER_INPUT");
    assert!(
        matches!(duplicate, vellum::error::AppError::BadUserInput { field: Some(ref f), .. } if f == "email")
    );

    let short = vellum::users::service::create_admin(
        &db,
        "bob@example.com",
        "Bob",
        "short".into(),
        vellum::users::service::CreatedVia::Cli,
    )
    .await
    .unwrap_err();
    assert_eq!(short.code(), "BAD_USER_INPUT");

    let mut conn = conn(&app.db_url).await;
    let actions: Vec<String> = audit_log::table
        .select(audit_log::action)
        .load(&mut conn)
        .await
        .unwrap();
    // One admin created, one audit row: the failed attempts left nothing.
    assert_eq!(actions, ["user.created"]);
}

/// POSTs `{ categories { id } }` (read straight from the database) and
/// returns status, `Retry-After` and body.
async fn read_categories(app: &TestApp) -> (u16, Option<String>, serde_json::Value) {
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&serde_json::json!({ "query": "{ categories { id } }" }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    (status, retry_after, response.json().await.unwrap())
}

/// What DESIGN.md promises for a database out of reach: 503, `Retry-After`,
/// code `UNAVAILABLE` with `retryAfter`, and no `data`.
fn assert_unavailable(status: u16, retry_after: Option<String>, body: &serde_json::Value) {
    assert_eq!(status, 503, "{body}");
    let retry_after = retry_after.expect("a Retry-After header");
    assert!(retry_after.parse::<u64>().unwrap() >= 1, "{retry_after}");
    assert_eq!(crate::harness::codes(body), ["UNAVAILABLE"], "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"].to_string(),
        retry_after,
        "{body}"
    );
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn an_exhausted_pool_answers_503_unavailable() {
    let app = TestApp::spawn_with(&["--db-pool-size", "1", "--db-pool-timeout-ms", "300"]).await;
    let held = app.db.conn().await.unwrap();
    let (status, retry_after, body) = read_categories(&app).await;
    assert_unavailable(status, retry_after, &body);

    drop(held);
    let (status, retry_after, body) = read_categories(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(retry_after, None);
}

#[tokio::test]
async fn a_database_that_refuses_connections_answers_503_unavailable() {
    let app = TestApp::spawn_with(&["--db-pool-timeout-ms", "300"]).await;
    let (status, _, body) = read_categories(&app).await;
    assert_eq!(status, 200, "{body}");

    // Nobody, superusers included, may connect any more, and the app's
    // open connections are cut: the database is down as far as it can tell.
    let name = app
        .sql_strings("SELECT current_database() AS value")
        .await
        .remove(0);
    admin_sql(&format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';"
    ))
    .await;
    // The answer read above may still be served from the public answer
    // cache for as long as the event listener has not noticed its cut
    // connection (it checks twice a second); after that, nothing kept is
    // served, since other instances' changes would go unseen.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while read_categories(&app).await.0 == 200 && std::time::Instant::now() < until {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for _ in 0..3 {
        let (status, retry_after, body) = read_categories(&app).await;
        assert_unavailable(status, retry_after, &body);
    }

    // Back up: the pool opens new connections and answers again.
    admin_sql(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true")).await;
    let (status, retry_after, body) = read_categories(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(retry_after, None);
}
