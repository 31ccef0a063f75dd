//! Running the PostgreSQL programs and the tools around them: a clean
//! environment, a timeout, their output, and quoting for the shell.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use super::EmbeddedError;

pub(super) const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// Quotes for `/bin/sh`: pg_ctl hands its `-o` string to a shell, and so does `su -c`.
pub(super) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// libpq reads PGHOST, PGDATABASE, PGOPTIONS and friends from the environment; a
/// developer's settings for another server must not redirect our commands.
pub(super) fn clean_env(cmd: &mut std::process::Command) {
    for (key, _) in std::env::vars_os() {
        if key.as_encoded_bytes().starts_with(b"PG") {
            cmd.env_remove(key);
        }
    }
}

fn describe(cmd: &std::process::Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn combined_output(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let text = format!("{}\n{}", stderr.trim(), stdout.trim());
    let text = text.trim();
    if text.is_empty() {
        "(no output)".to_owned()
    } else {
        text.to_owned()
    }
}

pub(super) async fn run(
    cmd: std::process::Command,
    timeout: Duration,
) -> Result<(Output, String), EmbeddedError> {
    let described = describe(&cmd);
    let mut cmd = tokio::process::Command::from(cmd);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    match tokio::time::timeout(timeout, cmd.output()).await {
        Ok(Ok(output)) => Ok((output, described)),
        Ok(Err(source)) => Err(EmbeddedError::Io {
            action: "run",
            path: PathBuf::from(described),
            source,
        }),
        Err(_) => Err(EmbeddedError::Timeout {
            what: format!("waiting for `{described}`"),
            secs: timeout.as_secs(),
        }),
    }
}

pub(super) async fn run_checked(
    cmd: std::process::Command,
    timeout: Duration,
) -> Result<Output, EmbeddedError> {
    let (output, described) = run(cmd, timeout).await?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(EmbeddedError::CommandFailed {
            command: described,
            status: output.status.to_string(),
            output: combined_output(&output),
        })
    }
}

/// Only called on paths that passed [`check_path`](super::paths::check_path).
pub(super) fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

pub(super) fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
