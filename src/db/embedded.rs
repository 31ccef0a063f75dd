//! A private PostgreSQL cluster, run from the machine's PostgreSQL binaries, for
//! `vellum serve` and the test harness when no `DATABASE_URL` is given.
//!
//! The cluster listens only on a Unix socket in a directory nobody else may enter,
//! which is why `trust` authentication is acceptable. Several processes may point at
//! the same cluster directory: the first one starts PostgreSQL and is the one that
//! stops it; the others reuse the running server and leave it alone.

use std::ffi::CString;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};
use nix::sys::signal;
use nix::unistd::{Gid, Pid, Uid, User};
use tracing::{debug, info, warn};

/// The superuser role that initdb creates and every connection uses.
pub const SUPERUSER: &str = "vellum";

/// The port number. With no TCP listener it only names the socket file
/// (`.s.PGSQL.5432`), so it cannot clash with another server on this machine.
pub const PORT: u16 = 5432;

/// The system user PostgreSQL runs as when vellum itself runs as root.
const POSTGRES_USER: &str = "postgres";
/// `sun_path` holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
const SOCKET_FILE: &str = ".s.PGSQL.5432";
const LOG_FILE: &str = "postgres.log";
const PID_FILE: &str = "postmaster.pid";
const PG_CTL_WAIT_SECS: u64 = 60;
/// Longer than pg_ctl's own wait so that pg_ctl reports its failure first.
const PG_CTL_TIMEOUT: Duration = Duration::from_secs(PG_CTL_WAIT_SECS + 30);
const INITDB_TIMEOUT: Duration = Duration::from_secs(300);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// Another process may be running initdb under the lock, which can take a while on slow disks.
const LOCK_TIMEOUT: Duration = Duration::from_secs(300);
const LOG_TAIL_LINES: usize = 30;

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

/// A running (or reused) private cluster.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    cluster_dir: PathBuf,
    socket_dir: PathBuf,
    database: String,
    started_here: bool,
    stopped: AtomicBool,
    lock_file: PathBuf,
    bins: PgBinaries,
    run_as: RunAs,
}

impl EmbeddedPostgres {
    /// Starts the cluster in `cluster_dir` and makes sure database `database` exists.
    ///
    /// Runs initdb on first use, removes a postmaster.pid left by a crash, reuses a server
    /// another process already runs on this directory, and returns once the server
    /// accepts connections. `database` must be 1 to 63 of `[a-z0-9_]`.
    pub async fn start(cluster_dir: &Path, database: &str) -> Result<Self, EmbeddedError> {
        validate_database_name(database)?;
        let bins = locate_binaries()?;
        let run_as = RunAs::detect()?;

        let requested = std::path::absolute(cluster_dir).map_err(io_err("resolve", cluster_dir))?;
        check_path(&requested)?;
        fs::create_dir_all(&requested).map_err(io_err("create directory", &requested))?;
        // Canonical, so that processes naming the cluster differently agree on the lock,
        // the fallback socket directory and the postmaster's working directory.
        let cluster_dir = fs::canonicalize(&requested).map_err(io_err("resolve", &requested))?;
        check_path(&cluster_dir)?;
        let lock_file = lock_path(&cluster_dir);
        let _lock = lock(&lock_file).await?;

        let (socket_dir, fallback) = socket_dir_for(&cluster_dir);
        check_path(&socket_dir)?;

        let mut pg = Self {
            cluster_dir,
            socket_dir,
            database: database.to_owned(),
            started_here: false,
            stopped: AtomicBool::new(false),
            lock_file,
            bins,
            run_as,
        };

        match inspect_pid_file(&pg.cluster_dir)? {
            Postmaster::Running { pid, socket_dir } => {
                if let Some(dir) = socket_dir {
                    // The running server decided where its socket is; trust it over our guess.
                    pg.socket_dir = dir;
                }
                info!(
                    cluster = %pg.cluster_dir.display(),
                    pid,
                    socket_dir = %pg.socket_dir.display(),
                    "reusing the PostgreSQL server already running on this cluster; it is left running on stop"
                );
                pg.wait_until_ready().await?;
            }
            state => {
                if let Postmaster::Stale { pid } = state {
                    let pid_file = pg.cluster_dir.join(PID_FILE);
                    warn!(
                        file = %pid_file.display(),
                        ?pid,
                        "removing stale postmaster.pid left by a server that is no longer running"
                    );
                    match fs::remove_file(&pid_file) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(io_err("remove stale pid file", &pid_file)(e)),
                    }
                }
                pg.prepare_dirs(fallback)?;
                if !pg.cluster_dir.join("PG_VERSION").exists() {
                    pg.initdb().await?;
                }
                pg.pg_ctl_start().await?;
                pg.started_here = true;
            }
        }

        pg.ensure_database(database).await?;
        Ok(pg)
    }

    /// A connection URL for the database given to [`Self::start`], through the Unix socket:
    /// `postgres://vellum@/vellum?host=/abs/socket/dir&port=5432`.
    ///
    /// tokio-postgres (so diesel-async) percent-decodes the `host` parameter and takes a
    /// value starting with `/` as a socket directory; libpq (psql) reads the same form.
    pub fn url(&self) -> String {
        self.url_for(&self.database)
    }

    /// Like [`Self::url`], for another database on the same cluster (which this does not
    /// create).
    pub fn url_for(&self, database: &str) -> String {
        let host = self.socket_dir.to_string_lossy();
        format!(
            "postgres://{SUPERUSER}@/{}?host={}&port={PORT}",
            percent_encode(database, false),
            percent_encode(&host, true),
        )
    }

    /// Shuts the server down (`pg_ctl stop -m fast`) if this process started it; does
    /// nothing if it reused a server another process started.
    ///
    /// Stopping twice is harmless. A server this process started is stopped even if other
    /// processes reused it meanwhile.
    pub async fn stop(&self) -> Result<(), EmbeddedError> {
        if !self.started_here {
            debug!(cluster = %self.cluster_dir.display(), "leaving the reused PostgreSQL server running");
            return Ok(());
        }
        if self.stopped.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        let result = self.stop_inner().await;
        if result.is_err() {
            // Let the caller retry.
            self.stopped.store(false, Ordering::SeqCst);
        }
        result
    }

    async fn stop_inner(&self) -> Result<(), EmbeddedError> {
        // Serialised with start() so a process starting meanwhile either reuses the server
        // before we stop it or starts a new one after, never attaches to a dying one.
        let _lock = lock(&self.lock_file).await?;
        if !matches!(
            inspect_pid_file(&self.cluster_dir)?,
            Postmaster::Running { .. }
        ) {
            info!(cluster = %self.cluster_dir.display(), "PostgreSQL was already stopped");
            return Ok(());
        }
        let cmd = self.pg_ctl_stop_command("fast");
        run_checked(cmd, PG_CTL_TIMEOUT).await?;
        info!(cluster = %self.cluster_dir.display(), "stopped PostgreSQL");
        Ok(())
    }

    /// The cluster (data) directory, canonicalised.
    pub fn cluster_dir(&self) -> &Path {
        &self.cluster_dir
    }

    /// The directory holding the server's Unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    /// The server log that pg_ctl writes to.
    pub fn log_file(&self) -> PathBuf {
        self.cluster_dir.join(LOG_FILE)
    }

    /// Whether this process started the server (and so [`Self::stop`] stops it) rather
    /// than reusing one another process started.
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Ownership and permissions of the cluster and socket directories, checked just before
    /// starting, when it matters which user the server runs as.
    fn prepare_dirs(&self, fallback_socket: bool) -> Result<(), EmbeddedError> {
        let initialised = self.cluster_dir.join("PG_VERSION").exists();
        let meta = fs::metadata(&self.cluster_dir).map_err(io_err("inspect", &self.cluster_dir))?;
        // Before any chown, so a refusal leaves the directory as it was.
        if let RunAs::Postgres(user) = &self.run_as {
            user.check_reachable(&self.cluster_dir)?;
        }
        let (uid, gid) = self.run_as.ids();
        if initialised {
            if meta.uid() != uid {
                return Err(EmbeddedError::WrongOwner {
                    dir: self.cluster_dir.clone(),
                    owner: meta.uid(),
                    user: self.run_as.name(),
                    expected: uid,
                });
            }
        } else {
            if meta.uid() != uid {
                std::os::unix::fs::chown(&self.cluster_dir, Some(uid), Some(gid))
                    .map_err(io_err("hand over to the postgres user", &self.cluster_dir))?;
            }
            fs::set_permissions(&self.cluster_dir, fs::Permissions::from_mode(0o700))
                .map_err(io_err("restrict permissions of", &self.cluster_dir))?;
        }
        if fallback_socket {
            info!(
                cluster = %self.cluster_dir.display(),
                socket_dir = %self.socket_dir.display(),
                "the cluster path is too long for a Unix socket; using a short private socket directory"
            );
            prepare_socket_dir(&self.socket_dir, &self.run_as)?;
            if let RunAs::Postgres(user) = &self.run_as {
                user.check_reachable(&self.socket_dir)?;
            }
        }
        Ok(())
    }

    async fn initdb(&self) -> Result<(), EmbeddedError> {
        let locale = pick_locale().await;
        let mut args = vec![
            "-D".to_owned(),
            path_str(&self.cluster_dir),
            "-U".to_owned(),
            SUPERUSER.to_owned(),
            // Safe only because the socket directory is private (0700).
            "--auth=trust".to_owned(),
            "--encoding=UTF8".to_owned(),
            format!("--locale={locale}"),
        ];
        if initdb_supports_no_instructions(&self.bins.initdb).await {
            args.push("--no-instructions".to_owned());
        }
        info!(
            cluster = %self.cluster_dir.display(),
            bin_dir = %self.bins.dir.display(),
            locale,
            "initialising a new PostgreSQL cluster (first run)"
        );
        let cmd = self.run_as.command(&self.bins.initdb, &args);
        run_checked(cmd, INITDB_TIMEOUT).await?;
        Ok(())
    }

    async fn pg_ctl_start(&self) -> Result<(), EmbeddedError> {
        let log = self.log_file();
        let args = vec![
            "start".to_owned(),
            "-w".to_owned(),
            "-t".to_owned(),
            PG_CTL_WAIT_SECS.to_string(),
            "-D".to_owned(),
            path_str(&self.cluster_dir),
            "-l".to_owned(),
            path_str(&log),
            "-o".to_owned(),
            server_options(&self.socket_dir),
        ];
        let mut cmd = self.run_as.command(&self.bins.pg_ctl, &args);
        // Keeps a terminal Ctrl-C from reaching the server: vellum drains its requests
        // first and then stops PostgreSQL itself.
        cmd.process_group(0);
        info!(
            cluster = %self.cluster_dir.display(),
            socket_dir = %self.socket_dir.display(),
            log = %log.display(),
            "starting PostgreSQL"
        );
        let reason = match run(cmd, PG_CTL_TIMEOUT).await {
            Ok((output, _)) if output.status.success() => return Ok(()),
            Ok((output, _)) => format!(
                "pg_ctl exited with {}: {}",
                output.status,
                combined_output(&output)
            ),
            Err(e) => e.to_string(),
        };
        Err(EmbeddedError::StartFailed {
            cluster: self.cluster_dir.clone(),
            reason,
            tail: log_tail(&log, LOG_TAIL_LINES),
            log,
        })
    }

    fn pg_ctl_stop_command(&self, mode: &str) -> std::process::Command {
        let args = vec![
            "stop".to_owned(),
            "-w".to_owned(),
            "-t".to_owned(),
            PG_CTL_WAIT_SECS.to_string(),
            "-D".to_owned(),
            path_str(&self.cluster_dir),
            "-m".to_owned(),
            mode.to_owned(),
        ];
        self.run_as.command(&self.bins.pg_ctl, &args)
    }

    /// psql as the current user: root may connect through the postgres-owned 0700 socket
    /// directory, and any other user owns the cluster itself.
    fn psql(&self, sql: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(&self.bins.psql);
        cmd.args(["-X", "-q", "-w", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.socket_dir)
            .args([
                "-p",
                &PORT.to_string(),
                "-U",
                SUPERUSER,
                "-d",
                "postgres",
                "-c",
                sql,
            ]);
        clean_env(&mut cmd);
        cmd.env("PGCONNECT_TIMEOUT", "10");
        cmd
    }

    async fn wait_until_ready(&self) -> Result<(), EmbeddedError> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let last = match run(self.psql("select 1"), CLIENT_TIMEOUT).await {
                Ok((output, _)) if output.status.success() => return Ok(()),
                Ok((output, _)) => combined_output(&output),
                Err(e) => e.to_string(),
            };
            if Instant::now() >= deadline {
                return Err(EmbeddedError::Timeout {
                    what: format!(
                        "waiting for the PostgreSQL server on {} to accept connections (last error: {last})",
                        self.socket_dir.display()
                    ),
                    secs: READY_TIMEOUT.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn ensure_database(&self, database: &str) -> Result<(), EmbeddedError> {
        validate_database_name(database)?;
        // The name is [a-z0-9_]+, so embedding it in SQL cannot inject anything.
        let check = format!("select 1 from pg_database where datname = '{database}'");
        let output = run_checked(self.psql(&check), CLIENT_TIMEOUT).await?;
        if String::from_utf8_lossy(&output.stdout).trim() == "1" {
            return Ok(());
        }
        info!(database, "creating database");
        run_checked(
            self.psql(&format!("create database \"{database}\"")),
            CLIENT_TIMEOUT,
        )
        .await?;
        Ok(())
    }
}

fn validate_database_name(name: &str) -> Result<(), EmbeddedError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(EmbeddedError::InvalidDatabaseName(name.to_owned()))
    }
}

/// pg_ctl puts the data directory and log file inside double quotes in a shell command,
/// and the socket directory ends up in a URL, so only plain UTF-8 paths are accepted.
fn check_path(path: &Path) -> Result<(), EmbeddedError> {
    let unsupported = |problem: String| EmbeddedError::UnsupportedPath {
        path: path.to_path_buf(),
        problem,
    };
    let s = path
        .to_str()
        .ok_or_else(|| unsupported("is not valid UTF-8".to_owned()))?;
    if let Some(ch) = s
        .chars()
        .find(|c| matches!(c, '"' | '\\' | '$' | '`') || c.is_control())
    {
        return Err(unsupported(format!("contains {ch:?}")));
    }
    Ok(())
}

/// Only called on paths that passed [`check_path`].
fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn percent_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Quotes for `/bin/sh`: pg_ctl hands its `-o` string to a shell, and so does `su -c`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn server_options(socket_dir: &Path) -> String {
    // Double quotes make PostgreSQL's directory-list parser take the path verbatim
    // (commas included); the path cannot contain a double quote (see check_path).
    let dirs = format!("unix_socket_directories=\"{}\"", socket_dir.display());
    [
        "-c".to_owned(),
        shell_quote("listen_addresses="),
        "-c".to_owned(),
        shell_quote(&dirs),
        "-c".to_owned(),
        shell_quote("unix_socket_permissions=0700"),
        "-p".to_owned(),
        PORT.to_string(),
    ]
    .join(" ")
}

/// The cluster directory itself when the socket path fits, else a short directory under
/// /tmp named after a hash of the cluster path, so every process on one cluster agrees.
fn socket_dir_for(cluster_dir: &Path) -> (PathBuf, bool) {
    if cluster_dir.as_os_str().len() + 1 + SOCKET_FILE.len() <= MAX_SOCKET_PATH {
        return (cluster_dir.to_path_buf(), false);
    }
    let hash = fnv1a(cluster_dir.as_os_str().as_encoded_bytes());
    (PathBuf::from(format!("/tmp/vellum-pg-{hash:016x}")), true)
}

/// Stable across Rust releases, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// /tmp is world-writable, so a directory already there must be proven ours before the
/// server puts its socket in it.
fn prepare_socket_dir(dir: &Path, run_as: &RunAs) -> Result<(), EmbeddedError> {
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_err("create socket directory", dir)(e)),
    }
    let unsafe_dir = |reason: String| EmbeddedError::UnsafeSocketDir {
        dir: dir.to_path_buf(),
        reason,
    };
    let meta = fs::symlink_metadata(dir).map_err(io_err("inspect", dir))?;
    if !meta.is_dir() {
        return Err(unsafe_dir("it is not a directory".to_owned()));
    }
    let (uid, gid) = run_as.ids();
    let euid = Uid::effective();
    if meta.uid() != uid {
        if meta.uid() == euid.as_raw() && euid.is_root() {
            std::os::unix::fs::chown(dir, Some(uid), Some(gid))
                .map_err(io_err("hand over to the postgres user", dir))?;
        } else {
            return Err(unsafe_dir(format!(
                "it is owned by uid {}, expected uid {uid}",
                meta.uid()
            )));
        }
    }
    if meta.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(io_err("restrict permissions of", dir))?;
    }
    Ok(())
}

fn lock_path(cluster_dir: &Path) -> PathBuf {
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

/// Serialises start/stop between processes sharing a cluster (several `vellum serve`,
/// parallel test binaries), so only one runs initdb or pg_ctl start at a time.
async fn lock(path: &Path) -> Result<Flock<File>, EmbeddedError> {
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
enum Postmaster {
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

fn inspect_pid_file(cluster_dir: &Path) -> Result<Postmaster, EmbeddedError> {
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

fn log_tail(log: &Path, lines: usize) -> String {
    let read = || -> io::Result<String> {
        let mut file = File::open(log)?;
        let len = file.metadata()?.len();
        file.seek(SeekFrom::Start(len.saturating_sub(64 * 1024)))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    match read() {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(could not read the log: {e})"),
    }
}

#[derive(Debug, Clone)]
struct PgBinaries {
    dir: PathBuf,
    initdb: PathBuf,
    pg_ctl: PathBuf,
    psql: PathBuf,
}

fn locate_binaries() -> Result<PgBinaries, EmbeddedError> {
    find_binaries(
        std::env::var_os("VELLUM_PG_BIN_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
        std::env::var_os("PATH"),
        usual_bin_dirs(),
    )
}

/// An explicit VELLUM_PG_BIN_DIR is the only place looked in, so a wrong setting fails
/// loudly instead of silently running other binaries.
fn find_binaries(
    explicit: Option<PathBuf>,
    path_var: Option<std::ffi::OsString>,
    usual: Vec<PathBuf>,
) -> Result<PgBinaries, EmbeddedError> {
    let path_dirs: Vec<PathBuf> = path_var
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let mut candidates = Vec::new();
    if let Some(dir) = explicit {
        candidates.push(dir);
    } else {
        for dir in &path_dirs {
            let pg_ctl = dir.join("pg_ctl");
            if is_executable(&pg_ctl) {
                // /usr/local/bin/pg_ctl may be a lone symlink into the real bin directory,
                // which also holds psql of the same version.
                if let Some(real_dir) = fs::canonicalize(&pg_ctl)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                {
                    candidates.push(real_dir);
                }
                candidates.push(dir.clone());
            }
        }
        candidates.extend(usual);
    }
    let mut seen = Vec::new();
    for dir in candidates {
        if seen.contains(&dir) {
            continue;
        }
        seen.push(dir.clone());
        let [initdb, pg_ctl, postgres] = ["initdb", "pg_ctl", "postgres"].map(|n| dir.join(n));
        if !(is_executable(&initdb) && is_executable(&pg_ctl) && is_executable(&postgres)) {
            continue;
        }
        let psql = std::iter::once(&dir)
            .chain(path_dirs.iter())
            .map(|d| d.join("psql"))
            .find(|p| is_executable(p));
        if let Some(psql) = psql {
            return Ok(PgBinaries {
                dir,
                initdb,
                pg_ctl,
                psql,
            });
        }
    }
    let mut searched: Vec<String> = seen.iter().map(|d| d.display().to_string()).collect();
    if searched.is_empty() {
        searched.push("PATH and the usual installation directories".to_owned());
    }
    Err(EmbeddedError::BinariesNotFound {
        searched: searched.join(", "),
    })
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn usual_bin_dirs() -> Vec<PathBuf> {
    let mut dirs = versioned_dirs(Path::new("/usr/lib/postgresql"), "");
    dirs.push(PathBuf::from("/usr/local/pgsql/bin"));
    dirs.extend(versioned_dirs(Path::new("/usr"), "pgsql-"));
    dirs.extend(versioned_dirs(Path::new("/opt/homebrew/opt"), "postgresql"));
    dirs.extend(versioned_dirs(Path::new("/usr/local/opt"), "postgresql"));
    dirs
}

/// `<parent>/<prefix><version>/bin`, newest version first.
fn versioned_dirs(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<(Vec<u64>, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = parse_version(name.strip_prefix(prefix)?);
            Some((version, entry.path().join("bin")))
        })
        .collect();
    sort_newest_first(&mut found);
    found.into_iter().map(|(_, dir)| dir).collect()
}

fn sort_newest_first(found: &mut [(Vec<u64>, PathBuf)]) {
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
}

/// "15" -> [15], "9.6" -> [9, 6], "@17" -> [17]; compared numerically so 10 beats 9.6.
fn parse_version(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect()
}

async fn initdb_supports_no_instructions(initdb: &Path) -> bool {
    // --help is answered before initdb's refusal to run as root, so no user switch is needed.
    let mut cmd = std::process::Command::new(initdb);
    cmd.arg("--help");
    clean_env(&mut cmd);
    match run(cmd, CLIENT_TIMEOUT).await {
        Ok((output, _)) => String::from_utf8_lossy(&output.stdout).contains("--no-instructions"),
        Err(_) => false,
    }
}

/// C.UTF-8 where the C library has it: byte-order sorting like C, but upper()/lower()
/// and ILIKE still understand non-ASCII letters. Plain C elsewhere (e.g. macOS).
async fn pick_locale() -> &'static str {
    let mut cmd = std::process::Command::new("locale");
    cmd.arg("-a");
    if let Ok((output, _)) = run(cmd, CLIENT_TIMEOUT).await {
        let listed = String::from_utf8_lossy(&output.stdout)
            .lines()
            .any(|l| matches!(l.trim().to_ascii_lowercase().as_str(), "c.utf8" | "c.utf-8"));
        if listed {
            return "C.UTF-8";
        }
    }
    "C"
}

/// Who the server programs run as.
#[derive(Debug, Clone)]
enum RunAs {
    CurrentUser { uid: u32, gid: u32 },
    Postgres(SystemUser),
}

#[derive(Debug, Clone)]
struct SystemUser {
    name: String,
    uid: u32,
    gid: u32,
    groups: Vec<u32>,
    switch: Switch,
}

#[derive(Debug, Clone)]
enum Switch {
    Runuser(PathBuf),
    Su(PathBuf),
}

impl RunAs {
    /// PostgreSQL refuses to run as root, so root hands the server to the `postgres` user.
    fn detect() -> Result<Self, EmbeddedError> {
        let euid = Uid::effective();
        if !euid.is_root() {
            return Ok(Self::CurrentUser {
                uid: euid.as_raw(),
                gid: Gid::effective().as_raw(),
            });
        }
        let user = User::from_name(POSTGRES_USER)
            .map_err(|source| EmbeddedError::UserLookup {
                user: POSTGRES_USER.to_owned(),
                source,
            })?
            .ok_or(EmbeddedError::NoPostgresUser)?;
        let groups = CString::new(user.name.clone())
            .ok()
            .and_then(|name| nix::unistd::getgrouplist(&name, user.gid).ok())
            .map(|gids| gids.into_iter().map(Gid::as_raw).collect())
            .unwrap_or_else(|| vec![user.gid.as_raw()]);
        let sbin_dirs = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from);
        let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        let find = |name: &str| {
            path_dirs
                .iter()
                .chain(sbin_dirs.iter())
                .map(|d| d.join(name))
                .find(|p| is_executable(p))
        };
        let switch = find("runuser")
            .map(Switch::Runuser)
            .or_else(|| find("su").map(Switch::Su))
            .ok_or(EmbeddedError::NoUserSwitch)?;
        Ok(Self::Postgres(SystemUser {
            name: user.name,
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
            groups,
            switch,
        }))
    }

    fn ids(&self) -> (u32, u32) {
        match self {
            Self::CurrentUser { uid, gid } => (*uid, *gid),
            Self::Postgres(user) => (user.uid, user.gid),
        }
    }

    fn name(&self) -> String {
        match self {
            Self::CurrentUser { uid, .. } => User::from_uid(Uid::from_raw(*uid))
                .ok()
                .flatten()
                .map_or_else(|| format!("uid {uid}"), |u| u.name),
            Self::Postgres(user) => user.name.clone(),
        }
    }

    fn command(&self, program: &Path, args: &[String]) -> std::process::Command {
        let mut cmd = match self {
            Self::CurrentUser { .. } => {
                let mut cmd = std::process::Command::new(program);
                cmd.args(args);
                cmd
            }
            Self::Postgres(SystemUser {
                name,
                switch: Switch::Runuser(runuser),
                ..
            }) => {
                let mut cmd = std::process::Command::new(runuser);
                cmd.args(["-u", name, "--"]).arg(program).args(args);
                cmd
            }
            Self::Postgres(SystemUser {
                name,
                switch: Switch::Su(su),
                ..
            }) => {
                let line = std::iter::once(path_str(program))
                    .chain(args.iter().cloned())
                    .map(|a| shell_quote(&a))
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut cmd = std::process::Command::new(su);
                cmd.args([name.as_str(), "-s", "/bin/sh", "-c", &line]);
                cmd
            }
        };
        // The postgres user may not be allowed into our working directory.
        cmd.current_dir("/");
        clean_env(&mut cmd);
        cmd
    }
}

impl SystemUser {
    /// Walks the ancestors of `target` checking the search bit this user gets.
    fn check_reachable(&self, target: &Path) -> Result<(), EmbeddedError> {
        for dir in target.ancestors().skip(1) {
            let meta = fs::metadata(dir).map_err(io_err("inspect", dir))?;
            let mode = meta.mode();
            let searchable = if meta.uid() == self.uid {
                mode & 0o100 != 0
            } else if self.groups.contains(&meta.gid()) {
                mode & 0o010 != 0
            } else {
                mode & 0o001 != 0
            };
            if !searchable {
                return Err(EmbeddedError::Unreachable {
                    user: self.name.clone(),
                    blocked: dir.to_path_buf(),
                    target: target.to_path_buf(),
                });
            }
        }
        Ok(())
    }
}

/// libpq reads PGHOST, PGDATABASE, PGOPTIONS and friends from the environment; a
/// developer's settings for another server must not redirect our commands.
fn clean_env(cmd: &mut std::process::Command) {
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

fn combined_output(output: &Output) -> String {
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

async fn run(
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

async fn run_checked(
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Under /tmp and world-searchable, so the postgres user can reach it when the tests
    /// run as root (tempfile makes 0700 directories).
    fn tempdir() -> tempfile::TempDir {
        let dir = tempfile::Builder::new()
            .prefix("vellum-embedded-")
            .tempdir_in("/tmp")
            .unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        dir
    }

    /// Stops the server if a test panics, so no postmaster outlives its deleted directory.
    struct StopOnDrop<'a>(&'a EmbeddedPostgres);

    impl Drop for StopOnDrop<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                let _ = self.0.pg_ctl_stop_command("immediate").output();
            }
        }
    }

    /// Connects through libpq with the URL itself, as a user of the URL would.
    async fn query_via_url(url: &str, sql: &str) -> Result<String, String> {
        let pg_bins = locate_binaries().unwrap();
        let mut cmd = std::process::Command::new(&pg_bins.psql);
        cmd.args(["-X", "-t", "-A", "-w", "-d", url, "-c", sql]);
        clean_env(&mut cmd);
        let (output, _) = run(cmd, CLIENT_TIMEOUT).await.map_err(|e| e.to_string())?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        } else {
            Err(combined_output(&output))
        }
    }

    /// Connects the way the application does: diesel-async over tokio-postgres.
    async fn connect_with_diesel(url: &str) {
        use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
        let mut conn = AsyncPgConnection::establish(url)
            .await
            .unwrap_or_else(|e| panic!("diesel-async could not connect to {url}: {e}"));
        conn.batch_execute("select 1").await.unwrap();
    }

    fn assert_not_running(cluster_dir: &Path) {
        assert!(!matches!(
            inspect_pid_file(cluster_dir).unwrap(),
            Postmaster::Running { .. }
        ));
    }

    #[tokio::test]
    async fn start_reuse_stale_pid_and_stop() {
        let tmp = tempdir();
        let dir = tmp.path().join("data").join("postgres");

        let pg = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&pg);
        assert!(pg.started_here());
        assert!(dir.join("PG_VERSION").exists());
        assert_eq!(pg.socket_dir(), fs::canonicalize(&dir).unwrap());
        let meta = fs::metadata(&dir).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o700);
        if Uid::effective().is_root() {
            let postgres = User::from_name("postgres").unwrap().unwrap();
            assert_eq!(meta.uid(), postgres.uid.as_raw());
        }
        assert_eq!(
            query_via_url(&pg.url(), "select current_database()").await,
            Ok("vellum".to_owned())
        );
        assert_eq!(
            query_via_url(&pg.url(), "show listen_addresses").await,
            Ok(String::new())
        );
        connect_with_diesel(&pg.url()).await;

        // A second process on the same directory reuses the server and creates its database.
        let second = EmbeddedPostgres::start(&dir, "second_db").await.unwrap();
        assert!(!second.started_here());
        assert_eq!(second.socket_dir(), pg.socket_dir());
        assert_eq!(
            query_via_url(&second.url(), "select current_database()").await,
            Ok("second_db".to_owned())
        );
        assert_eq!(
            query_via_url(&second.url_for("vellum"), "select 1").await,
            Ok("1".to_owned())
        );
        second.stop().await.unwrap();
        assert_eq!(
            query_via_url(&pg.url(), "select 1").await,
            Ok("1".to_owned()),
            "stopping a reused server must leave it running"
        );

        pg.stop().await.unwrap();
        pg.stop().await.unwrap();
        assert_not_running(&dir);
        assert!(query_via_url(&pg.url(), "select 1").await.is_err());

        // A crash leaves postmaster.pid naming a dead process...
        let pid_file = dir.join(PID_FILE);
        fs::write(&pid_file, format!("999999\n{}\n", dir.display())).unwrap();
        assert!(matches!(
            inspect_pid_file(&dir).unwrap(),
            Postmaster::Stale { pid: Some(999999) }
        ));
        let again = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&again);
        assert!(again.started_here());
        assert_eq!(
            query_via_url(&again.url(), "select 1").await,
            Ok("1".to_owned())
        );
        again.stop().await.unwrap();

        // ...or a live process that is not PostgreSQL (the PID was reused after a reboot).
        fs::write(
            &pid_file,
            format!("{}\n{}\n", std::process::id(), dir.display()),
        )
        .unwrap();
        let third = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&third);
        assert!(third.started_here());
        connect_with_diesel(&third.url()).await;
        third.stop().await.unwrap();
        assert_not_running(&dir);
    }

    #[tokio::test]
    async fn long_cluster_path_gets_a_short_socket_dir() {
        let tmp = tempdir();
        let dir = tmp.path().join("a".repeat(60)).join("b".repeat(60));
        let pg = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&pg);
        let socket_dir = pg.socket_dir().to_path_buf();
        assert!(socket_dir.starts_with("/tmp"));
        assert_ne!(socket_dir, pg.cluster_dir());
        assert_eq!(socket_dir_for(pg.cluster_dir()), (socket_dir.clone(), true));
        assert_eq!(
            fs::symlink_metadata(&socket_dir).unwrap().mode() & 0o777,
            0o700
        );
        assert_eq!(
            query_via_url(&pg.url(), "select current_database()").await,
            Ok("vellum".to_owned())
        );
        connect_with_diesel(&pg.url()).await;
        pg.stop().await.unwrap();
        // Empty once the server has removed its socket and lock file.
        fs::remove_dir(&socket_dir).unwrap();
    }

    #[tokio::test]
    async fn bad_database_name_is_rejected_before_anything_runs() {
        let tmp = tempdir();
        let dir = tmp.path().join("never");
        for name in ["", "Vellum", "a-b", "x; drop", "a\"b", &"a".repeat(64)] {
            assert!(matches!(
                EmbeddedPostgres::start(&dir, name).await,
                Err(EmbeddedError::InvalidDatabaseName(_))
            ));
        }
        assert!(!dir.exists());
        validate_database_name("vellum_test_01").unwrap();
    }

    fn fake_pg(socket_dir: &str) -> EmbeddedPostgres {
        EmbeddedPostgres {
            cluster_dir: PathBuf::from("/data"),
            socket_dir: PathBuf::from(socket_dir),
            database: "vellum".to_owned(),
            started_here: false,
            stopped: AtomicBool::new(false),
            lock_file: PathBuf::from("/.data.vellum-lock"),
            bins: PgBinaries {
                dir: PathBuf::from("/bin"),
                initdb: PathBuf::from("/bin/initdb"),
                pg_ctl: PathBuf::from("/bin/pg_ctl"),
                psql: PathBuf::from("/bin/psql"),
            },
            run_as: RunAs::CurrentUser { uid: 1, gid: 1 },
        }
    }

    #[test]
    fn url_forms() {
        let pg = fake_pg("/srv/vellum/data/postgres");
        assert_eq!(
            pg.url(),
            "postgres://vellum@/vellum?host=/srv/vellum/data/postgres&port=5432"
        );
        assert_eq!(
            pg.url_for("test_42"),
            "postgres://vellum@/test_42?host=/srv/vellum/data/postgres&port=5432"
        );
        let odd = fake_pg("/home/a b/x&y=%,z");
        assert_eq!(
            odd.url(),
            "postgres://vellum@/vellum?host=/home/a%20b/x%26y%3D%25%2Cz&port=5432"
        );
    }

    #[test]
    fn socket_dir_is_the_cluster_unless_too_long() {
        let short = Path::new("/srv/vellum/data/postgres");
        assert_eq!(socket_dir_for(short), (short.to_path_buf(), false));
        let edge = PathBuf::from(format!(
            "/{}",
            "x".repeat(MAX_SOCKET_PATH - 2 - SOCKET_FILE.len())
        ));
        assert_eq!(
            edge.as_os_str().len() + 1 + SOCKET_FILE.len(),
            MAX_SOCKET_PATH
        );
        assert!(!socket_dir_for(&edge).1);
        let long = PathBuf::from(format!("/{}", "x".repeat(200)));
        let (dir, fallback) = socket_dir_for(&long);
        assert!(fallback);
        assert_eq!(dir, socket_dir_for(&long).0, "must be deterministic");
        assert_ne!(dir, socket_dir_for(&long.join("y")).0);
        assert!(dir.as_os_str().len() + 1 + SOCKET_FILE.len() <= MAX_SOCKET_PATH);
    }

    #[test]
    fn server_options_survive_the_shell() {
        let opts = server_options(Path::new("/tmp/it's, here"));
        assert_eq!(
            opts,
            r#"-c 'listen_addresses=' -c 'unix_socket_directories="/tmp/it'\''s, here"' -c 'unix_socket_permissions=0700' -p 5432"#
        );
    }

    #[test]
    fn paths_pg_ctl_cannot_quote_are_rejected() {
        check_path(Path::new("/srv/vellum data/pg,1")).unwrap();
        for bad in ["/a\"b", "/a$b", "/a`b", "/a\\b", "/a\nb"] {
            assert!(matches!(
                check_path(Path::new(bad)),
                Err(EmbeddedError::UnsupportedPath { .. })
            ));
        }
    }

    #[test]
    fn versions_sort_numerically() {
        assert_eq!(parse_version("15"), vec![15]);
        assert_eq!(parse_version("@17"), vec![17]);
        assert_eq!(parse_version("9.6"), vec![9, 6]);
        let mut found: Vec<(Vec<u64>, PathBuf)> = ["9.6", "10", "16", "", "15"]
            .iter()
            .map(|v| (parse_version(v), PathBuf::from(format!("/pg{v}"))))
            .collect();
        sort_newest_first(&mut found);
        let order: Vec<_> = found.iter().map(|(_, p)| p.display().to_string()).collect();
        assert_eq!(order, ["/pg16", "/pg15", "/pg10", "/pg9.6", "/pg"]);
    }

    fn fake_bin_dir(root: &Path, names: &[&str]) -> PathBuf {
        fs::create_dir_all(root).unwrap();
        for name in names {
            let path = root.join(name);
            fs::write(&path, "#!/bin/sh\n").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        }
        root.to_path_buf()
    }

    #[test]
    fn binaries_are_found_through_a_symlink_on_path() {
        let tmp = tempdir();
        let real = fake_bin_dir(
            &tmp.path().join("lib/postgresql/16/bin"),
            &["initdb", "pg_ctl", "postgres", "psql"],
        );
        let on_path = tmp.path().join("local/bin");
        fs::create_dir_all(&on_path).unwrap();
        for name in ["initdb", "pg_ctl", "postgres"] {
            std::os::unix::fs::symlink(real.join(name), on_path.join(name)).unwrap();
        }
        let found =
            find_binaries(None, Some(on_path.clone().into_os_string()), Vec::new()).unwrap();
        assert_eq!(found.dir, fs::canonicalize(&real).unwrap());
        assert_eq!(found.psql, found.dir.join("psql"));

        // Without pg_ctl on PATH, the usual directories are tried in order.
        let older = fake_bin_dir(
            &tmp.path().join("lib/postgresql/15/bin"),
            &["initdb", "pg_ctl", "postgres", "psql"],
        );
        let found =
            find_binaries(None, None, vec![tmp.path().join("nope"), older.clone()]).unwrap();
        assert_eq!(found.dir, older);
    }

    #[test]
    fn missing_binaries_say_what_to_install() {
        let tmp = tempdir();
        let partial = fake_bin_dir(&tmp.path().join("bin"), &["initdb", "psql"]);
        let err = find_binaries(Some(partial.clone()), None, Vec::new()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("apt-get install postgresql"), "{message}");
        assert!(message.contains("DATABASE_URL"), "{message}");
        assert!(
            message.contains(&partial.display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn unreachable_directory_is_named() {
        let tmp = tempdir();
        let locked = tmp.path().join("locked");
        let target = locked.join("data");
        fs::create_dir_all(&target).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
        let user = SystemUser {
            name: "nobody-in-particular".to_owned(),
            uid: 4_000_000,
            gid: 4_000_000,
            groups: vec![4_000_000],
            switch: Switch::Runuser(PathBuf::from("/usr/sbin/runuser")),
        };
        match user.check_reachable(&target) {
            Err(EmbeddedError::Unreachable { blocked, .. }) => assert_eq!(blocked, locked),
            other => panic!("expected Unreachable, got {other:?}"),
        }
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o711)).unwrap();
        user.check_reachable(&target).unwrap();
    }

    /// `su -c` goes through a shell, so arguments must arrive exactly as given.
    #[tokio::test]
    async fn su_fallback_runs_as_postgres_with_arguments_intact() {
        if !Uid::effective().is_root() || !Path::new("/bin/su").exists() {
            return;
        }
        let Some(user) = User::from_name(POSTGRES_USER).unwrap() else {
            return;
        };
        let run_as = RunAs::Postgres(SystemUser {
            name: user.name,
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
            groups: vec![user.gid.as_raw()],
            switch: Switch::Su(PathBuf::from("/bin/su")),
        });
        let script = "printf '%s|' \"$(id -un)\" \"$@\"";
        let args = ["-c", script, "sh", "a b", "it's", "$HOME", "\"q\""].map(str::to_owned);
        let output = run_checked(run_as.command(Path::new("/bin/sh"), &args), CLIENT_TIMEOUT)
            .await
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "postgres|a b|it's|$HOME|\"q\"|"
        );
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
