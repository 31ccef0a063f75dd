//! The `vellum` binary itself: print-schema, config errors, migrate and
//! create-admin against a real database.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::fresh_database;

fn vellum() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vellum"));
    // The test's own environment must not leak settings in.
    for (key, _) in std::env::vars() {
        if key.starts_with("VELLUM_") || key == "DATABASE_URL" {
            command.env_remove(key);
        }
    }
    command
}

#[test]
fn print_schema_prints_the_committed_sdl() {
    let output = vellum().arg("print-schema").output().unwrap();
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), committed);
}

#[test]
fn a_bad_setting_exits_2_naming_the_variable() {
    let output = vellum()
        .args(["migrate"])
        .env("VELLUM_ADDR", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("VELLUM_ADDR"), "{stderr}");

    let output = vellum()
        .args(["serve", "--env", "production"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("VELLUM_PUBLIC_URL")
    );
}

#[tokio::test]
async fn migrate_then_create_admin_from_stdin() {
    let url = fresh_database().await;
    let output = vellum()
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("up to date")
    );

    let create = |password: &'static str| {
        let url = url.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let mut child = vellum()
                    .args([
                        "create-admin",
                        "--email",
                        "root@example.com",
                        "--password-stdin",
                    ])
                    .env("DATABASE_URL", &url)
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(password.as_bytes())
                    .unwrap();
                child.wait_with_output().unwrap()
            })
            .await
            .unwrap()
        }
    };
    let output = create("a sturdy password\n").await;
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("created SUPERADMIN root@example.com")
    );

    let again = create("another sturdy password\n").await;
    assert!(!again.status.success());
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .contains("already exists")
    );

    let short = vellum()
        .args([
            "create-admin",
            "--email",
            "x@example.com",
            "--password-stdin",
        ])
        .env("DATABASE_URL", &url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!short.status.success());
    assert!(
        String::from_utf8(short.stderr)
            .unwrap()
            .contains("at least 10")
    );
}
