//! Password reset and email verification: the flows that prove control of
//! an email address with a single-use token mailed as a link.
//!
//! Tokens are 256 random bits, stored only as SHA-256 hashes, bound to the
//! address they were mailed to, and used inside one transaction that locks
//! the token row. Links are built from `VELLUM_PUBLIC_URL`, never from the
//! request. The mail is queued in the email outbox in the same transaction
//! as the token, so a token is never stored without its mail nor mailed
//! without being stored.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use uuid::Uuid;

use super::access::Access;
use super::reset_store::{self as store, Account, NewOneTimeToken, Purpose};
use super::{password, tokens};
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::mail::outbox::{Outbox, OutboxMail};
use crate::mail::{Recipient, Template};
use crate::ratelimit::RateLimits;
use crate::rbac::principal::Principal;
use crate::users;

/// How long a password reset link works.
pub const PASSWORD_RESET_HOURS: u32 = 1;
/// How long an email verification link works.
pub const EMAIL_VERIFICATION_HOURS: u32 = 24;

/// How long an invitation's link works: a week, as people take time to
/// open mail from a system they do not know yet.
pub const INVITATION_HOURS: u32 = 7 * 24;

/// The one answer for a token that is unknown, used, expired or stale.
fn invalid_token() -> AppError {
    AppError::bad_input(
        "input.token",
        "this link is invalid or has expired; ask for a new one",
    )
}

struct Inner {
    db: Db,
    access: Access,
    limits: RateLimits,
    outbox: Outbox,
    public_url: String,
}

/// Password reset and email verification; cheap to clone.
#[derive(Clone)]
pub struct AccountEmailService(Arc<Inner>);

impl AccountEmailService {
    /// The service; links start with `public_url` (no trailing slash).
    pub fn new(
        db: Db,
        access: Access,
        limits: RateLimits,
        outbox: Outbox,
        public_url: String,
    ) -> Self {
        Self(Arc::new(Inner {
            db,
            access,
            limits,
            outbox,
            public_url: public_url.trim_end_matches('/').to_string(),
        }))
    }

    fn link(&self, path: &str, token: &str) -> String {
        format!("{}/{path}?token={token}", self.0.public_url)
    }

    /// Stores a new token for `account`, queues the mail carrying its link
    /// and records `action`, in one transaction; returns when it expires.
    async fn issue(
        &self,
        account: &Account,
        purpose: Purpose,
        hours: u32,
        audit_entry: NewAuditEntry,
    ) -> Result<DateTime<Utc>, AppError> {
        let (token, hash) = tokens::generate();
        let expires_at = Utc::now() + chrono::Duration::hours(i64::from(hours));
        let template = match purpose {
            Purpose::PasswordReset => Template::PasswordReset {
                link: &self.link("reset-password", &token),
                valid_hours: hours,
            },
            Purpose::EmailVerification => Template::VerifyEmail {
                link: &self.link("verify-email", &token),
                email: &account.email,
                valid_hours: hours,
            },
        };
        let mut conn = self.0.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            store::insert(
                conn,
                &NewOneTimeToken {
                    user_id: account.id,
                    purpose: purpose.as_str(),
                    token_hash: &hash,
                    email: &account.email,
                    expires_at,
                },
            )
            .await?;
            audit::store::record(conn, &audit_entry).await?;
            self.enqueue(conn, account, template.clone()).await
        })
        .await?;
        self.0.outbox.wake();
        Ok(expires_at)
    }

    /// Mails a reset link when an active account has this email. The
    /// answer is the same whether or not one does, and so is its timing:
    /// the request only checks the input and the rate limit (both blind to
    /// accounts), then hands the lookup, the token and the mail to a
    /// background task and answers at once. That task's failures are
    /// logged, never reported: reporting them would tell which addresses
    /// have accounts.
    pub async fn request_password_reset(
        &self,
        email: &str,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let email = users::service::normalize_email("input.email", email)?;
        self.0.limits.password_reset(&email)?;
        let this = self.clone();
        let meta = meta.clone();
        tokio::spawn(async move {
            if let Err(err) = this.issue_password_reset(&email, &meta).await {
                tracing::error!(error = %err, request_id = ?meta.request_id, "cannot issue a password reset");
            }
        });
        Ok(())
    }

    /// The account-dependent half of [`Self::request_password_reset`].
    async fn issue_password_reset(&self, email: &str, meta: &RequestMeta) -> Result<(), AppError> {
        let account = {
            let mut conn = self.0.db.conn().await?;
            store::account_by_email(&mut conn, email).await?
        };
        let Some(account) = account.filter(|a| a.active) else {
            return Ok(());
        };
        self.issue(
            &account,
            Purpose::PasswordReset,
            PASSWORD_RESET_HOURS,
            NewAuditEntry::new("auth.password_reset_requested", meta).target("user", account.id),
        )
        .await?;
        Ok(())
    }

    /// Sets a new password with a reset token: the token is spent, every
    /// session of the user is revoked, and the user is told by email.
    /// Returns how many sessions were revoked.
    pub async fn reset_password(
        &self,
        token: &str,
        new_password: String,
        meta: &RequestMeta,
    ) -> Result<usize, AppError> {
        password::validate("input.newPassword", &new_password).await?;
        let hash = tokens::hash(token);
        // A cheap look first, so a bad token costs no Argon2 work; the
        // transaction below checks again under a lock.
        let found = {
            let mut conn = self.0.db.conn().await?;
            store::find(&mut conn, &hash, Purpose::PasswordReset).await?
        };
        if !found.is_some_and(|t| t.is_usable(Utc::now())) {
            return Err(invalid_token());
        }
        let password_hash = password::hash(new_password).await?;
        let mut conn = self.0.db.conn().await?;
        let (account, revoked) = conn
            .transaction::<_, AppError, _>(async |conn| {
                let account = self.spend(conn, &hash, Purpose::PasswordReset).await?;
                super::store::set_password_hash(conn, account.id, &password_hash).await?;
                // The link reached the mailbox: the address is proven too.
                store::mark_email_verified(conn, account.id).await?;
                let revoked =
                    super::store::revoke_user_sessions(conn, account.id, None, "password_reset")
                        .await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.password_reset", meta)
                        .by_user(account.id)
                        .target("user", account.id)
                        .details(serde_json::json!({ "sessionsRevoked": revoked.len() })),
                )
                .await?;
                self.enqueue(
                    conn,
                    &account,
                    Template::PasswordChanged {
                        at: Utc::now(),
                        ip: meta.ip.as_deref(),
                    },
                )
                .await?;
                // In the app too; the mail above already told them by email.
                crate::notifications::rules::on_security(
                    conn,
                    None,
                    account.id,
                    crate::notifications::model::NotificationKind::PasswordChanged,
                    None,
                )
                .await?;
                Ok((account, revoked))
            })
            .await?;
        self.0.outbox.wake();
        self.0.access.invalidate(account.id, &revoked).await;
        // Guesses at the old password no longer matter: the owner, proven
        // by the mailbox, may sign in again even past the account ceiling.
        self.0
            .limits
            .sign_in_failures()
            .clear_account(&account.email);
        Ok(revoked.len())
    }

    /// Locks and spends a token inside the caller's transaction (with every
    /// other unused token of the same purpose); returns its account, locked.
    /// Unknown, used, expired tokens, tokens mailed to an address the
    /// account no longer has, and deactivated accounts all get the same error.
    async fn spend(
        &self,
        conn: &mut diesel_async::AsyncPgConnection,
        hash: &[u8],
        purpose: Purpose,
    ) -> Result<Account, AppError> {
        let token = store::lock(conn, hash, purpose)
            .await?
            .filter(|t| t.is_usable(Utc::now()))
            .ok_or_else(invalid_token)?;
        let account = store::lock_account(conn, token.user_id)
            .await?
            .filter(|a| a.active && a.email == token.email)
            .ok_or_else(invalid_token)?;
        store::use_all(conn, account.id, purpose).await?;
        Ok(account)
    }

    /// Mails the signed-in user a link that verifies their address (queued;
    /// delivery failures are logged, not reported); returns when it
    /// expires. `CONFLICT` when already verified.
    pub async fn request_email_verification(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
    ) -> Result<DateTime<Utc>, AppError> {
        let user_id = principal.user()?.user_id;
        let account = {
            let mut conn = self.0.db.conn().await?;
            store::account(&mut conn, user_id).await?
        }
        .ok_or_else(|| AppError::NotFound("no such user".into()))?;
        if account.email_verified_at.is_some() {
            return Err(AppError::Conflict(
                "your email address is already verified".into(),
            ));
        }
        self.issue(
            &account,
            Purpose::EmailVerification,
            EMAIL_VERIFICATION_HOURS,
            NewAuditEntry::new("auth.email_verification_requested", meta)
                .by_user(user_id)
                .target("user", user_id),
        )
        .await
    }

    /// Marks the address a verification token was mailed to as verified.
    pub async fn verify_email(&self, token: &str, meta: &RequestMeta) -> Result<Uuid, AppError> {
        let hash = tokens::hash(token);
        let mut conn = self.0.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            let account = self.spend(conn, &hash, Purpose::EmailVerification).await?;
            store::mark_email_verified(conn, account.id).await?;
            audit::store::record(
                conn,
                &NewAuditEntry::new("auth.email_verified", meta)
                    .by_user(account.id)
                    .target("user", account.id)
                    .details(serde_json::json!({ "email": account.email })),
            )
            .await?;
            Ok(account.id)
        })
        .await
    }

    /// Creates an account for someone else and mails them a link to
    /// choose its first password (a password-reset token that lasts
    /// [`INVITATION_HOURS`]; until then no password signs in). Needs
    /// `users.manage` and a role below the inviter's own, as they hold it
    /// now (a SUPERADMIN may grant any).
    pub async fn invite(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        invite: Invite,
    ) -> Result<users::model::User, AppError> {
        let inviter = principal.require(crate::rbac::perm::USERS_MANAGE)?.user_id;
        let email = users::service::normalize_email("input.email", &invite.email)?;
        let display_name =
            users::service::check_display_name("input.displayName", &invite.display_name)?;
        // A password nobody knows: the account opens only through the link.
        let (unknown, _) = tokens::generate();
        let password_hash = password::hash(unknown).await?;
        let (token, token_hash) = tokens::generate();
        let expires_at = Utc::now() + chrono::Duration::hours(i64::from(INVITATION_HOURS));
        let mut conn = self.0.db.conn().await?;
        let user = conn
            .transaction::<_, AppError, _>(async |conn| {
                let acting_user = users::store::by_id(conn, inviter)
                    .await?
                    .filter(|u| u.active)
                    .ok_or_else(|| AppError::Unauthenticated("sign in again".into()))?;
                let acting = self.0.access.role(acting_user.role_id).await?;
                if !acting.permissions.contains(crate::rbac::perm::USERS_MANAGE) {
                    return Err(AppError::Forbidden(
                        "this needs the users.manage permission".into(),
                    ));
                }
                let role = users::store::role_by_name(conn, &invite.role)
                    .await?
                    .ok_or_else(|| AppError::bad_input("input.role", "no such role"))?;
                if acting.name != users::service::SUPERADMIN && role.level >= acting.level {
                    return Err(AppError::Forbidden(
                        "you cannot grant a role at or above your own".into(),
                    ));
                }
                let user = users::store::insert(
                    conn,
                    &users::model::NewUser {
                        email: &email,
                        display_name: &display_name,
                        password_hash: &password_hash,
                        role_id: role.id,
                    },
                )
                .await?;
                store::insert(
                    conn,
                    &NewOneTimeToken {
                        user_id: user.id,
                        purpose: Purpose::PasswordReset.as_str(),
                        token_hash: &token_hash,
                        email: &user.email,
                        expires_at,
                    },
                )
                .await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("user.invited", meta)
                        .by_user(inviter)
                        .target("user", user.id)
                        .details(serde_json::json!({ "role": role.name })),
                )
                .await?;
                let account = Account {
                    id: user.id,
                    email: user.email.clone(),
                    display_name: user.display_name.clone(),
                    active: true,
                    email_verified_at: None,
                };
                self.enqueue(
                    conn,
                    &account,
                    Template::Invitation {
                        inviter: &acting_user.display_name,
                        role: &role.name,
                        email: &user.email,
                        link: &self.link("reset-password", &token),
                        valid_hours: INVITATION_HOURS,
                    },
                )
                .await?;
                Ok(user)
            })
            .await?;
        self.0.outbox.wake();
        Ok(user)
    }

    /// Queues a mail to `account` in the caller's transaction; the caller
    /// wakes the outbox after committing.
    async fn enqueue(
        &self,
        conn: &mut diesel_async::AsyncPgConnection,
        account: &Account,
        template: Template<'_>,
    ) -> Result<(), AppError> {
        self.0
            .outbox
            .enqueue(
                conn,
                OutboxMail {
                    to: recipient(account),
                    template,
                    dedupe_key: None,
                },
            )
            .await?;
        Ok(())
    }
}

/// Someone to invite.
pub struct Invite {
    pub email: String,
    pub display_name: String,
    /// Role name, e.g. `EDITOR`.
    pub role: String,
}

fn recipient(account: &Account) -> Recipient<'_> {
    Recipient {
        email: &account.email,
        display_name: &account.display_name,
    }
}
