//! Starting a cluster (initdb on first use, pg_ctl start, or reusing a running server),
//! creating its database, and stopping it.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tracing::{debug, info, warn};

use super::binaries::{PgBinaries, initdb_supports_no_instructions, locate_binaries, pick_locale};
use super::command::{CLIENT_TIMEOUT, clean_env, combined_output, path_str, run, run_checked};
use nix::fcntl::Flock;

use super::lock::{PID_FILE, Postmaster, inspect_pid_file, lock, lock_path, owner_path, try_own};
use super::paths::{
    check_path, percent_encode, prepare_socket_dir, server_options, socket_dir_for,
    validate_database_name,
};
use super::run_as::RunAs;
use super::{EmbeddedError, PORT, SUPERUSER, io_err};

const LOG_FILE: &str = "postgres.log";
const PG_CTL_WAIT_SECS: u64 = 60;
/// Longer than pg_ctl's own wait so that pg_ctl reports its failure first.
const PG_CTL_TIMEOUT: Duration = Duration::from_secs(PG_CTL_WAIT_SECS + 30);
const INITDB_TIMEOUT: Duration = Duration::from_secs(300);
const READY_TIMEOUT: Duration = Duration::from_secs(60);
const LOG_TAIL_LINES: usize = 30;

/// A running (or reused) private cluster.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    cluster_dir: PathBuf,
    socket_dir: PathBuf,
    database: String,
    started_here: bool,
    stopped: AtomicBool,
    lock_file: PathBuf,
    owner_file: PathBuf,
    /// Held while this process owns the server; see [`owner_path`].
    owner: Mutex<Option<Flock<File>>>,
    bins: PgBinaries,
    run_as: RunAs,
}

impl EmbeddedPostgres {
    /// Starts the cluster in `cluster_dir` and makes sure database `database` exists.
    ///
    /// Runs initdb on first use, removes a postmaster.pid left by a crash, reuses a server
    /// another live process already runs on this directory, adopts (and so later stops) a
    /// server whose owner died without stopping it, and returns once the server accepts
    /// connections. `database` must be 1 to 63 of `[a-z0-9_]`.
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

        let owner_file = owner_path(&cluster_dir);
        let mut pg = Self {
            cluster_dir,
            socket_dir,
            database: database.to_owned(),
            started_here: false,
            stopped: AtomicBool::new(false),
            lock_file,
            owner_file,
            owner: Mutex::new(None),
            bins,
            run_as,
        };

        match inspect_pid_file(&pg.cluster_dir)? {
            Postmaster::Running { pid, socket_dir } => {
                if let Some(dir) = socket_dir {
                    // The running server decided where its socket is; trust it over our guess.
                    pg.socket_dir = dir;
                }
                match try_own(&pg.owner_file)? {
                    // Its owner died (a SIGKILL, a crash) without stopping it.
                    Some(owner) => {
                        warn!(
                            cluster = %pg.cluster_dir.display(),
                            pid,
                            socket_dir = %pg.socket_dir.display(),
                            "adopting the PostgreSQL server left running by a vellum that is gone; it is stopped when this process stops"
                        );
                        pg.own(owner);
                    }
                    None => info!(
                        cluster = %pg.cluster_dir.display(),
                        pid,
                        socket_dir = %pg.socket_dir.display(),
                        "reusing the PostgreSQL server another running process owns; it is left running on stop"
                    ),
                }
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
                // Normally free; held only by a live process whose server died under it,
                // which then stops ours too on its way out.
                match try_own(&pg.owner_file)? {
                    Some(owner) => pg.own(owner),
                    None => pg.started_here = true,
                }
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

    fn own(&mut self, owner: Flock<File>) {
        self.started_here = true;
        *self
            .owner
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(owner);
    }

    /// Shuts the server down (`pg_ctl stop -m fast`) if this process started or adopted
    /// it; leaves it running if it reused a server another live process owns, and stops it
    /// if that owner has died meanwhile, so that no server is left without an owner.
    ///
    /// Stopping twice is harmless. A server this process started is stopped even if other
    /// processes reused it meanwhile.
    pub async fn stop(&self) -> Result<(), EmbeddedError> {
        // Held while stopping, so nobody adopts the server meanwhile.
        let _adopted = if self.started_here {
            None
        } else {
            let Some(owner) = try_own(&self.owner_file)? else {
                debug!(cluster = %self.cluster_dir.display(), "leaving the reused PostgreSQL server running");
                return Ok(());
            };
            warn!(cluster = %self.cluster_dir.display(), "the owner of the reused PostgreSQL server is gone; stopping it");
            Some(owner)
        };
        if self.stopped.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        let result = self.stop_inner().await;
        if result.is_err() {
            // Let the caller retry.
            self.stopped.store(false, Ordering::SeqCst);
        } else {
            self.owner
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
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

    /// Whether this process started or adopted the server (and so [`Self::stop`] stops
    /// it) rather than reusing one another live process owns.
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::db::embedded::test_tempdir as tempdir;
    use nix::unistd::{Uid, User};

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
    async fn a_server_whose_owner_is_gone_is_adopted_and_stopped() {
        let tmp = tempdir();
        let dir = tmp.path().join("postgres");
        let first = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&first);
        // While its owner lives, a second process only reuses the server...
        let reuser = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        assert!(!reuser.started_here());
        // ...and once the owner is gone (its lock released, as by a SIGKILL), the next
        // one adopts it and stops it.
        first.owner.lock().unwrap().take();
        let adopter = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        assert!(adopter.started_here());
        connect_with_diesel(&adopter.url()).await;
        reuser.stop().await.unwrap();
        assert_eq!(
            query_via_url(&adopter.url(), "select 1").await,
            Ok("1".to_owned()),
            "the adopter owns it now"
        );
        adopter.stop().await.unwrap();
        assert_not_running(&dir);

        // A reuser whose owner died stops the server rather than leave it orphaned.
        let owner = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        let _guard = StopOnDrop(&owner);
        let reuser = EmbeddedPostgres::start(&dir, "vellum").await.unwrap();
        assert!(!reuser.started_here());
        owner.owner.lock().unwrap().take();
        reuser.stop().await.unwrap();
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
            owner_file: PathBuf::from("/.data.vellum-owner"),
            owner: Mutex::new(None),
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
}
