//! Names and paths the cluster accepts, the socket directory and the connection URL's
//! encoding.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::Uid;

use super::command::shell_quote;
use super::run_as::RunAs;
use super::{EmbeddedError, PORT, io_err};

/// `sun_path` holds 108 bytes including the terminating NUL.
pub(super) const MAX_SOCKET_PATH: usize = 107;
pub(super) const SOCKET_FILE: &str = ".s.PGSQL.5432";

pub(super) fn validate_database_name(name: &str) -> Result<(), EmbeddedError> {
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
pub(super) fn check_path(path: &Path) -> Result<(), EmbeddedError> {
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

pub(super) fn percent_encode(s: &str, keep_slash: bool) -> String {
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

pub(super) fn server_options(socket_dir: &Path) -> String {
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
pub(super) fn socket_dir_for(cluster_dir: &Path) -> (PathBuf, bool) {
    if cluster_dir.as_os_str().len() + 1 + SOCKET_FILE.len() <= MAX_SOCKET_PATH {
        return (cluster_dir.to_path_buf(), false);
    }
    let hash = fnv1a(cluster_dir.as_os_str().as_encoded_bytes());
    (PathBuf::from(format!("/tmp/vellum-pg-{hash:016x}")), true)
}

/// Stable across Rust releases, unlike `DefaultHasher`.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// /tmp is world-writable, so a directory already there must be proven ours before the
/// server puts its socket in it.
pub(super) fn prepare_socket_dir(dir: &Path, run_as: &RunAs) -> Result<(), EmbeddedError> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

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
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
