//! Running the PostgreSQL programs: as the current user, or, when vellum runs as root,
//! as the `postgres` system user through runuser or su; with a clean environment and a
//! timeout.

use std::ffi::CString;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Uid, User};

use super::command::{clean_env, is_executable, path_str, shell_quote};
use super::{EmbeddedError, io_err};

/// The system user PostgreSQL runs as when vellum itself runs as root.
pub(super) const POSTGRES_USER: &str = "postgres";

/// Who the server programs run as.
#[derive(Debug, Clone)]
pub(super) enum RunAs {
    CurrentUser { uid: u32, gid: u32 },
    Postgres(SystemUser),
}

#[derive(Debug, Clone)]
pub(super) struct SystemUser {
    name: String,
    uid: u32,
    gid: u32,
    groups: Vec<u32>,
    switch: Switch,
}

#[derive(Debug, Clone)]
pub(super) enum Switch {
    Runuser(PathBuf),
    Su(PathBuf),
}

impl RunAs {
    /// PostgreSQL refuses to run as root, so root hands the server to the `postgres` user.
    pub(super) fn detect() -> Result<Self, EmbeddedError> {
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

    pub(super) fn ids(&self) -> (u32, u32) {
        match self {
            Self::CurrentUser { uid, gid } => (*uid, *gid),
            Self::Postgres(user) => (user.uid, user.gid),
        }
    }

    pub(super) fn name(&self) -> String {
        match self {
            Self::CurrentUser { uid, .. } => User::from_uid(Uid::from_raw(*uid))
                .ok()
                .flatten()
                .map_or_else(|| format!("uid {uid}"), |u| u.name),
            Self::Postgres(user) => user.name.clone(),
        }
    }

    pub(super) fn command(&self, program: &Path, args: &[String]) -> std::process::Command {
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
    pub(super) fn check_reachable(&self, target: &Path) -> Result<(), EmbeddedError> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::db::embedded::command::{CLIENT_TIMEOUT, run_checked};
    use crate::db::embedded::test_tempdir as tempdir;
    use std::os::unix::fs::PermissionsExt;

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
}
