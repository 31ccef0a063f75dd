//! The open-file limit: every connection holds a descriptor, so the soft
//! limit (often 1024) is raised to the hard one at start, and the default
//! connection cap leaves room under it for the database pool, logs and files.

use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit, setrlimit};

/// Used when the limit is unknown or unlimited, and the most a derived cap
/// allows: past it memory, not descriptors, is what runs out.
const DEFAULT_CAP: usize = 10_000;

/// Raises the soft `nofile` limit to the hard limit where allowed and
/// returns the soft limit now in force (`None` when it cannot be read).
pub fn raise_nofile_limit() -> Option<u64> {
    let (soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limits) => limits,
        Err(err) => {
            tracing::warn!(error = %err, "cannot read the open-file limit");
            return None;
        }
    };
    if soft >= hard {
        return Some(soft);
    }
    match setrlimit(Resource::RLIMIT_NOFILE, hard, hard) {
        Ok(()) => Some(hard),
        Err(err) => {
            // macOS refuses RLIM_INFINITY, for one; the soft limit stands.
            tracing::warn!(error = %err, soft, hard, "cannot raise the open-file limit");
            Some(soft)
        }
    }
}

/// The soft `nofile` limit in force.
pub(crate) fn nofile_limit() -> Option<u64> {
    getrlimit(Resource::RLIMIT_NOFILE)
        .ok()
        .map(|(soft, _)| soft)
}

/// 80% of the open-file limit, at most [`DEFAULT_CAP`].
pub(crate) fn default_max_connections(nofile: Option<u64>) -> usize {
    match nofile {
        Some(limit) if limit != RLIM_INFINITY => {
            let cap = usize::try_from(limit / 10 * 8).unwrap_or(DEFAULT_CAP);
            cap.clamp(1, DEFAULT_CAP)
        }
        _ => DEFAULT_CAP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_a_fifth_of_the_descriptors() {
        assert_eq!(default_max_connections(Some(1024)), 816);
        assert_eq!(default_max_connections(Some(1_048_576)), DEFAULT_CAP);
        assert_eq!(default_max_connections(Some(RLIM_INFINITY)), DEFAULT_CAP);
        assert_eq!(default_max_connections(None), DEFAULT_CAP);
        assert_eq!(default_max_connections(Some(5)), 1);
    }

    #[test]
    fn raising_reaches_the_hard_limit() {
        let raised = raise_nofile_limit();
        let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap_or((0, 0));
        assert_eq!(raised, Some(soft));
        // Only macOS-style refusals of RLIM_INFINITY leave it lower.
        assert!(soft == hard || hard == RLIM_INFINITY);
    }
}
