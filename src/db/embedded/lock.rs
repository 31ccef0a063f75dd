//! Who holds the cluster directory: our own lock file, which serialises start and stop
//! between processes, and PostgreSQL's postmaster.pid, which says whether a server runs.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};
use nix::sys::signal;
use nix::unistd::Pid;
use tracing::info;

use super::{EmbeddedError, io_err};

pub(super) const PID_FILE: &str = "postmaster.pid";
/// Another process may be running initdb under the lock, which can take a while on slow disks.
const LOCK_TIMEOUT: Duration = Duration::from_secs(300);

pub(super) fn lock_path(cluster_dir: &Path) -> PathBuf {
    let name = cluster_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Beside the cluster, not in it: initdb wants an empty directory.
    cluster_dir
        .parent()
        .unwrap_or(Path::new("/"))
        .join(format!(".{name}.vellum-lock"))
}

/// Beside the cluster like the start/stop lock. Held by the process that owns the
/// running server (started or adopted it) for as long as it owns it: the kernel releases
/// it when that process dies, even by SIGKILL, so a running server whose owner lock is
/// free has been orphaned.
pub(super) fn owner_path(cluster_dir: &Path) -> PathBuf {
    let lock = lock_path(cluster_dir);
    lock.with_extension("vellum-owner")
}

/// Takes the owner lock if no live process holds it.
pub(super) fn try_own(path: &Path) -> Result<Option<Flock<File>>, EmbeddedError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .map_err(io_err("open owner lock file", path))?;
    match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
        Ok(locked) => Ok(Some(locked)),
        Err((_, Errno::EAGAIN)) => Ok(None),
        Err((_, errno)) => Err(io_err("lock", path)(io::Error::from(errno))),
    }
}

/// Serialises start/stop between processes sharing a cluster (several `vellum serve`,
/// parallel test binaries), so only one runs initdb or pg_ctl start at a time.
pub(super) async fn lock(path: &Path) -> Result<Flock<File>, EmbeddedError> {
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .map_err(io_err("open lock file", path))?;
    let deadline = Instant::now() + LOCK_TIMEOUT;
    let mut announced = false;
    loop {
        match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
            Ok(locked) => return Ok(locked),
            Err((f, Errno::EAGAIN | Errno::EINTR)) => {
                file = f;
                if Instant::now() >= deadline {
                    return Err(EmbeddedError::Timeout {
                        what: format!("waiting for another process to release {}", path.display()),
                        secs: LOCK_TIMEOUT.as_secs(),
                    });
                }
                if !announced {
                    info!(lock = %path.display(), "another process is starting or stopping this cluster; waiting");
                    announced = true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err((_, errno)) => {
                return Err(io_err("lock", path)(io::Error::from(errno)));
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Postmaster {
    NotRunning,
    /// A pid file whose process is gone, or is some other program that reuses the PID.
    Stale {
        pid: Option<i64>,
    },
    Running {
        pid: i32,
        socket_dir: Option<PathBuf>,
    },
}

pub(super) fn inspect_pid_file(cluster_dir: &Path) -> Result<Postmaster, EmbeddedError> {
    let pid_file = cluster_dir.join(PID_FILE);
    let text = match fs::read_to_string(&pid_file) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Postmaster::NotRunning),
        Err(e) => return Err(io_err("read", &pid_file)(e)),
    };
    let mut lines = text.lines();
    // A negative PID marks a single-user backend; it holds the directory just the same.
    let pid = lines
        .next()
        .and_then(|line| line.trim().parse::<i64>().ok())
        .map(i64::abs);
    let Some(live) = pid.and_then(|p| i32::try_from(p).ok()).filter(|p| *p > 0) else {
        return Ok(Postmaster::Stale { pid });
    };
    // Line 5 is the first socket directory the server listens in.
    let socket_dir = text
        .lines()
        .nth(4)
        .map(str::trim)
        .filter(|s| s.starts_with('/'))
        .map(PathBuf::from);
    if is_live_postmaster(live, cluster_dir) {
        Ok(Postmaster::Running {
            pid: live,
            socket_dir,
        })
    } else {
        Ok(Postmaster::Stale { pid })
    }
}

/// After a crash or reboot the PID in postmaster.pid may belong to anything, even to
/// another cluster's postgres, so the process's name and working directory (a postmaster
/// works in its data directory) are checked where /proc allows.
fn is_live_postmaster(pid: i32, cluster_dir: &Path) -> bool {
    match signal::kill(Pid::from_raw(pid), None) {
        Ok(()) | Err(Errno::EPERM) => {}
        Err(_) => return false,
    }
    if !Path::new("/proc/self").exists() {
        return true;
    }
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    if let Ok(stat) = fs::read_to_string(proc_dir.join("stat")) {
        // A zombie nobody reaped still answers kill(0); the state follows the last ')'.
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next());
        if matches!(state, Some('Z' | 'X')) {
            return false;
        }
    }
    match fs::read_to_string(proc_dir.join("comm")) {
        Ok(comm) if matches!(comm.trim(), "postgres" | "postmaster") => {}
        _ => return false,
    }
    match fs::read_link(proc_dir.join("cwd")) {
        Ok(cwd) => cwd == cluster_dir,
        // Not allowed to look (another user's process): the name is all we can go on.
        Err(_) => true,
    }
}
