//! Migrations and the first domain rules that touch the database.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use vellum::db::schema::{audit_log, permissions, role_permissions, roles};

use crate::harness::{TestApp, fresh_database};

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
    )
    .await
    .unwrap_err();
    assert_eq!(duplicate.code(), "BAD_USER_INPUT");
    assert!(
        matches!(duplicate, vellum::error::AppError::BadUserInput { field: Some(ref f), .. } if f == "email")
    );

    let short = vellum::users::service::create_admin(&db, "bob@example.com", "Bob", "short".into())
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
