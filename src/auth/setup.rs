//! First-run setup: while no active SUPERADMIN exists, `vellum serve` issues
//! a one-time setup token and logs a link with it; `completeSetup` with that
//! token creates the first SUPERADMIN and signs it in (as Grafana and Strapi
//! do), so a newcomer needs no CLI to get in.
//!
//! Only the token's hash is kept, in process memory: with several `vellum
//! serve` processes each logs and accepts its own token, and a restart
//! issues a new one. Whichever is used first wins; the database decides
//! (see [`SetupService::complete_setup`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use diesel_async::AsyncConnection;
use subtle::ConstantTimeEq;

use super::sessions::{AuthTokens, Sessions};
use super::tokens;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::ratelimit::RateLimits;
use crate::users;
use crate::users::service::{CreatedVia, SUPERADMIN};

/// What `completeSetup` is given.
pub(crate) struct SetupRequest {
    /// The token from the logged link.
    pub token: String,
    /// The admin's email.
    pub email: String,
    /// The admin's display name.
    pub display_name: String,
    /// The admin's password (the usual rules apply).
    pub password: String,
}

fn already_done() -> AppError {
    AppError::Forbidden("setup is already complete: sign in instead".into())
}

fn wrong_token() -> AppError {
    AppError::Forbidden(
        "the setup token is wrong or was replaced: use the link in the log of `vellum serve`"
            .into(),
    )
}

#[derive(Default)]
struct Gate {
    /// SHA-256 of the token this process issued; `None` before one is
    /// issued and after it is used.
    token_hash: Mutex<Option<Vec<u8>>>,
    /// Set once an active SUPERADMIN is known to exist. It never stops
    /// existing (the last one can be neither demoted nor deactivated), so
    /// from then on nothing needs the database.
    done: AtomicBool,
}

impl Gate {
    fn issue(&self) -> String {
        let (token, hash) = tokens::generate();
        *self.lock() = Some(hash);
        token
    }

    /// Compares hashes in constant time, so the time taken says nothing
    /// about how much of a guess was right.
    fn matches(&self, token: &str) -> bool {
        let given = tokens::hash(token);
        self.lock()
            .as_deref()
            .is_some_and(|hash| bool::from(hash.ct_eq(&given)))
    }

    fn finish(&self) {
        self.done.store(true, Ordering::Release);
        *self.lock() = None;
    }

    fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Vec<u8>>> {
        // The guarded value is a plain Option, whole after any panic.
        self.token_hash
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// First-run setup; cheap to clone.
#[derive(Clone)]
pub struct SetupService {
    db: Db,
    sessions: Sessions,
    limits: RateLimits,
    gate: Arc<Gate>,
}

impl SetupService {
    pub(crate) fn new(db: Db, sessions: Sessions, limits: RateLimits) -> Self {
        Self {
            db,
            sessions,
            limits,
            gate: Arc::default(),
        }
    }

    /// Issues this process's setup token (replacing any earlier one) and
    /// returns it; only its hash is kept. `serve` calls this and logs the
    /// link when no active SUPERADMIN exists.
    pub fn issue_token(&self) -> String {
        self.gate.issue()
    }

    /// Whether no active SUPERADMIN exists yet. Asks the database (one
    /// indexed count) until the answer is "one exists", then never again.
    pub(crate) async fn setup_required(&self) -> Result<bool, AppError> {
        if self.gate.is_done() {
            return Ok(false);
        }
        let exists = users::service::superadmin_exists(&self.db).await?;
        if exists {
            self.gate.finish();
        }
        Ok(!exists)
    }

    /// Creates the first SUPERADMIN with this process's setup token and
    /// signs it in; the token is then spent. Attempts are limited per client
    /// IP. A wrong token, or any token once an active SUPERADMIN exists, is
    /// `FORBIDDEN`. The "none exists yet" check runs again inside the
    /// creating transaction under an advisory lock, so concurrent calls (on
    /// any process) create exactly one admin.
    pub(crate) async fn complete_setup(
        &self,
        request: SetupRequest,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        self.limits.setup(meta.ip.as_deref())?;
        if self.gate.is_done() {
            return Err(already_done());
        }
        if !self.gate.matches(&request.token) {
            tracing::warn!(ip = ?meta.ip, "first-run setup attempted with a wrong token");
            return Err(wrong_token());
        }
        let admin = users::service::check_new_admin(
            "input.",
            &request.email,
            &request.display_name,
            request.password,
        )
        .await?;
        let mut conn = self.db.conn().await?;
        let outcome = conn
            .transaction::<_, AppError, _>(async |conn| {
                users::store::lock_first_admin(conn).await?;
                if users::store::count_active_with_role(conn, SUPERADMIN).await? > 0 {
                    return Err(already_done());
                }
                let user = users::service::insert_admin(
                    conn,
                    &admin,
                    "input.email",
                    CreatedVia::Setup,
                    meta,
                )
                .await?;
                self.sessions.start(conn, user.id, meta).await
            })
            .await;
        match &outcome {
            Ok(tokens) => {
                tracing::info!(user = %tokens.user_id, "first-run setup created the first SUPERADMIN");
                self.gate.finish();
            }
            // Someone else won (here or on another process): this token
            // has nothing left to unlock.
            Err(AppError::Forbidden(_)) => self.gate.finish(),
            Err(_) => {}
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[test]
    fn only_the_issued_token_matches_until_setup_finishes() {
        let gate = Gate::default();
        assert!(!gate.matches(""), "no token before one is issued");
        let first = gate.issue();
        assert!(gate.matches(&first));
        assert!(!gate.matches("not the token"));
        let second = gate.issue();
        assert!(!gate.matches(&first), "a new token replaces the old one");
        assert!(gate.matches(&second));
        assert_eq!(second.len(), 43, "256 bits, base64url");
        gate.finish();
        assert!(gate.is_done());
        assert!(!gate.matches(&second), "spent once setup is done");
    }
}
