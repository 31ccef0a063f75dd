//! The `vellum` binary itself: print-schema, config errors, migrate and
//! create-admin against a real database.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::fresh_database;

/// The `vellum` binary with none of the test's own settings.
pub(crate) fn vellum() -> Command {
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

/// Runs `vellum serve` until its log contains `needle` (or it exits);
/// returns the log.
pub(crate) fn serve_until(envs: &[(&str, &str)], needle: &str) -> String {
    use std::io::{BufRead, BufReader};
    let mut command = vellum();
    command
        .arg("serve")
        .env("VELLUM_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    for stream in [
        Box::new(stdout) as Box<dyn std::io::Read + Send>,
        Box::new(stderr),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    drop(tx);
    let mut log = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while let Ok(line) =
        rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
    {
        log.push_str(&line);
        log.push('\n');
        if line.contains(needle) {
            break;
        }
    }
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap()),
        nix::sys::signal::Signal::SIGTERM,
    );
    let _ = child.wait();
    log
}

#[tokio::test]
async fn serve_creates_the_first_superadmin_from_the_environment() {
    let url = fresh_database().await;
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let log = tokio::task::spawn_blocking(move || {
        let envs = [
            ("DATABASE_URL", url.as_str()),
            ("VELLUM_DATA_DIR", data_dir.as_str()),
            ("VELLUM_ADMIN_EMAIL", "first@example.com"),
            ("VELLUM_ADMIN_PASSWORD", "a sturdy first password"),
        ];
        serve_until(&envs, "Vellum is serving")
    })
    .await
    .unwrap();
    assert!(log.contains("created the first SUPERADMIN"), "{log}");
    assert!(
        !log.contains("setup?token="),
        "no setup link once an admin exists: {log}"
    );
}

#[tokio::test]
async fn production_refuses_to_start_without_a_strong_jwt_secret() {
    let url = fresh_database().await;
    for (secret, expected) in [
        (None, "VELLUM_JWT_SECRET is required"),
        (Some("changeme-changeme-changeme-changeme"), "too weak"),
    ] {
        let url = url.clone();
        let output = tokio::task::spawn_blocking(move || {
            let mut command = vellum();
            command
                .arg("serve")
                .env("DATABASE_URL", &url)
                .env("VELLUM_ENV", "production")
                .env("VELLUM_PUBLIC_URL", "https://cms.example.com")
                .env("VELLUM_MAIL_TRANSPORT", "log")
                .env("VELLUM_ADDR", "127.0.0.1:0");
            if let Some(secret) = secret {
                command.env("VELLUM_JWT_SECRET", secret);
            }
            command.output().unwrap()
        })
        .await
        .unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{stderr}");
    }
}
