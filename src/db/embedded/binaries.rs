//! Finding the machine's PostgreSQL programs (initdb, pg_ctl, postgres, psql) and
//! what the installed initdb and C library support.

use std::fs;
use std::path::{Path, PathBuf};

use super::EmbeddedError;
use super::command::{CLIENT_TIMEOUT, clean_env, is_executable, run};

#[derive(Debug, Clone)]
pub(super) struct PgBinaries {
    pub(super) dir: PathBuf,
    pub(super) initdb: PathBuf,
    pub(super) pg_ctl: PathBuf,
    pub(super) psql: PathBuf,
}

pub(super) fn locate_binaries() -> Result<PgBinaries, EmbeddedError> {
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
pub(super) fn find_binaries(
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

pub(super) async fn initdb_supports_no_instructions(initdb: &Path) -> bool {
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
pub(super) async fn pick_locale() -> &'static str {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::db::embedded::test_tempdir as tempdir;
    use std::os::unix::fs::PermissionsExt;

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
}
