//! A private PostgreSQL cluster, run from the machine's PostgreSQL binaries, for
//! `vellum serve` and the test harness when no `DATABASE_URL` is given.
//!
//! The cluster listens only on a Unix socket in a directory nobody else may enter,
//! which is why `trust` authentication is acceptable. Several processes may point at
//! the same cluster directory: the first one starts PostgreSQL and is the one that
//! stops it; the others reuse the running server and leave it alone.

mod binaries;
mod command;
mod lifecycle;
mod lock;
mod paths;
mod run_as;

use std::io;
use std::path::{Path, PathBuf};

pub use lifecycle::EmbeddedPostgres;

/// The superuser role that initdb creates and every connection uses.
pub const SUPERUSER: &str = "vellum";

/// The port number. With no TCP listener it only names the socket file
/// (`.s.PGSQL.5432`), so it cannot clash with another server on this machine.
pub const PORT: u16 = 5432;

/// Why starting/stopping the embedded cluster failed.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    /// No directory holds initdb, pg_ctl, postgres and psql.
    #[error(
        "PostgreSQL server programs (initdb, pg_ctl, postgres and psql) were not found; looked in: \
         {searched}. Install them (Debian/Ubuntu: `apt-get install postgresql`; Fedora: \
         `dnf install postgresql-server`; macOS: `brew install postgresql@17`), set \
         VELLUM_PG_BIN_DIR to the directory that holds them, or set DATABASE_URL to use an \
         existing PostgreSQL server"
    )]
    BinariesNotFound {
        /// The directories that were looked in.
        searched: String,
    },
    /// The database name is not one the embedded cluster accepts.
    #[error(
        "database name {0:?} is not allowed for the embedded cluster: use 1 to 63 lowercase \
         letters, digits and underscores"
    )]
    InvalidDatabaseName(String),
    /// The cluster path cannot be passed safely to pg_ctl or put in a URL.
    #[error(
        "the cluster directory {path:?} {problem}; choose a data directory whose path is UTF-8 \
         without quotes, backslashes, `$`, backticks or control characters"
    )]
    UnsupportedPath {
        /// The offending path.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// Running as root, but there is no `postgres` user to run the server as.
    #[error(
        "vellum runs as root and PostgreSQL refuses to run as root, so the embedded cluster runs \
         as the `postgres` system user, which does not exist: install PostgreSQL from your \
         distribution (Debian/Ubuntu: `apt-get install postgresql`, which creates the user), \
         create it (`useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres`), \
         run vellum as an ordinary user, or set DATABASE_URL"
    )]
    NoPostgresUser,
    /// Running as root, but neither `runuser` nor `su` is available.
    #[error(
        "vellum runs as root and needs `runuser` or `su` to run PostgreSQL as the `postgres` \
         user, but neither was found: install util-linux, run vellum as an ordinary user, or set \
         DATABASE_URL"
    )]
    NoUserSwitch,
    /// The system user database could not be read.
    #[error("could not look up the system user `{user}`: {source}")]
    UserLookup {
        /// The user looked up.
        user: String,
        /// The underlying error.
        source: nix::Error,
    },
    /// The user that runs PostgreSQL cannot reach the cluster or socket directory.
    #[error(
        "the `{user}` user, which runs the embedded PostgreSQL, cannot enter {blocked:?} on the \
         way to {target:?}: make it traversable (`chmod o+x {blocked:?}`), put the data directory \
         somewhere that user can reach (for example under /var/lib/vellum), or set DATABASE_URL"
    )]
    Unreachable {
        /// The user PostgreSQL runs as.
        user: String,
        /// The directory it cannot search.
        blocked: PathBuf,
        /// The directory it needs to reach.
        target: PathBuf,
    },
    /// An existing cluster belongs to a different user than the one PostgreSQL would run as.
    #[error(
        "the cluster directory {dir:?} is owned by uid {owner}, but the embedded PostgreSQL runs \
         as `{user}` (uid {expected}) and PostgreSQL only starts on a directory its own user \
         owns: run `chown -R {user} {dir:?}`, run vellum as the owner, or use another data \
         directory"
    )]
    WrongOwner {
        /// The cluster directory.
        dir: PathBuf,
        /// Its current owner.
        owner: u32,
        /// The user PostgreSQL runs as.
        user: String,
        /// That user's uid.
        expected: u32,
    },
    /// The short socket directory under /tmp exists but is not safe to use.
    #[error("the socket directory {dir:?} cannot be used: {reason}; remove it and try again")]
    UnsafeSocketDir {
        /// The socket directory.
        dir: PathBuf,
        /// Why it was rejected.
        reason: String,
    },
    /// A filesystem operation failed.
    #[error("could not {action} {path:?}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A PostgreSQL program exited unsuccessfully.
    #[error("`{command}` failed ({status}): {output}")]
    CommandFailed {
        /// The command line.
        command: String,
        /// How it exited.
        status: String,
        /// What it printed.
        output: String,
    },
    /// pg_ctl could not start the server.
    #[error("PostgreSQL did not start in {cluster:?}: {reason}\nlast lines of {log:?}:\n{tail}")]
    StartFailed {
        /// The cluster directory.
        cluster: PathBuf,
        /// What pg_ctl said, or that it timed out.
        reason: String,
        /// The server log.
        log: PathBuf,
        /// The end of the server log, where PostgreSQL explains itself.
        tail: String,
    },
    /// Something took longer than it reasonably should.
    #[error("timed out after {secs}s {what}")]
    Timeout {
        /// What was being waited for.
        what: String,
        /// How long was waited.
        secs: u64,
    },
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> EmbeddedError + use<> {
    let path = path.to_path_buf();
    move |source| EmbeddedError::Io {
        action,
        path,
        source,
    }
}

/// Under /tmp and world-searchable, so the postgres user can reach it when the tests
/// run as root (tempfile makes 0700 directories).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
fn test_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new()
        .prefix("vellum-embedded-")
        .tempdir_in("/tmp")
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}
