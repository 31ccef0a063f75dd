//! The embedded PostgreSQL outliving a killed `vellum` (issue 10): the next
//! `vellum serve` on the same data directory adopts the orphaned server and
//! stops it on its own shutdown, so none is left running.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::fixtures::ServerProcess;

/// The postmaster's pid from its pid file, if it has one.
fn postmaster_pid(cluster: &Path) -> Option<i32> {
    std::fs::read_to_string(cluster.join("postmaster.pid"))
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Alive and not a zombie waiting for a reaper.
fn alive(pid: i32) -> bool {
    if kill(Pid::from_raw(pid), None).is_err() {
        return false;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    !matches!(state, Some('Z' | 'X'))
}

/// Stops a postmaster the test left behind when it fails.
struct KillPostmaster(PathBuf);

impl Drop for KillPostmaster {
    fn drop(&mut self) {
        if let Some(pid) = postmaster_pid(&self.0)
            && alive(pid)
        {
            // SIGQUIT: PostgreSQL's immediate shutdown.
            let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_orphaned_by_sigkill_is_adopted_and_stopped() {
    // Under /tmp and traversable, so the `postgres` user reaches it when
    // the tests run as root.
    let data = tempfile::Builder::new()
        .prefix("vellum-orphan-")
        .tempdir_in("/tmp")
        .unwrap();
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let cluster = data.path().join("postgres");
    let _cleanup = KillPostmaster(cluster.clone());

    let mut first = ServerProcess::start_embedded(data.path(), &[], &[]).await;
    let postmaster = postmaster_pid(&cluster).expect("the embedded PostgreSQL runs");
    kill(Pid::from_raw(first.pid() as i32), Signal::SIGKILL).unwrap();
    first.wait_exit(Duration::from_secs(10)).await;
    assert!(alive(postmaster), "SIGKILL leaves PostgreSQL running");

    let mut second = ServerProcess::start_embedded(data.path(), &[], &[]).await;
    let (status, body) = second.gql("{ health }", serde_json::Value::Null).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        postmaster_pid(&cluster),
        Some(postmaster),
        "adopted, not restarted"
    );
    assert!(second.log().contains("adopting"), "{}", second.log());

    kill(Pid::from_raw(second.pid() as i32), Signal::SIGTERM).unwrap();
    let status = second.wait_exit(Duration::from_secs(60)).await;
    assert!(status.success(), "{status}:\n{}", second.log());
    let deadline = Instant::now() + Duration::from_secs(30);
    while alive(postmaster) {
        assert!(
            Instant::now() < deadline,
            "the adopted PostgreSQL (pid {postmaster}) outlived vellum:\n{}",
            second.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(postmaster_pid(&cluster), None, "postmaster.pid is removed");
}
