//! Accounts and credentials: sign-up, sign-in (handing over to the second
//! factor when it is on) and password changes. Sessions and their tokens are
//! in [`super::sessions`], the per-request principal and its caches in
//! [`super::access`], the mail sent in [`super::mail`].

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use diesel_async::AsyncConnection;
use uuid::Uuid;

use super::access::Access;
use super::jwt::JwtKeys;
use super::mail::AuthMail;
use super::sessions::{AuthTokens, Sessions};
use super::{password, signup_store, store, tokens};
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::payload::{Payload, UserSignedUp};
use crate::mail::outbox::{Outbox, OutboxMail};
use crate::mail::{Recipient, Template};
use crate::ratelimit::RateLimits;
use crate::rbac::principal::Principal;
use crate::users;

/// How long the link that finishes a sign-up works.
pub const SIGN_UP_LINK_HOURS: u32 = 24;

/// The same answer for an unknown email and a wrong password.
fn bad_credentials() -> AppError {
    AppError::Unauthenticated("invalid email or password".into())
}

/// What a correct password buys.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// A session.
    Tokens(AuthTokens),
    /// A challenge to answer with a second factor first.
    TwoFactorRequired {
        /// Send back with the code to `verifyTwoFactor`.
        challenge: String,
    },
}

/// Settings the auth rules need.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How long a session (its refresh tokens) lives.
    pub session_ttl: Duration,
    /// Whether anyone may sign up.
    pub open_signup: bool,
    /// Role given on sign-up.
    pub default_role: String,
    /// Whether ADMIN and above must have 2FA before their role applies.
    pub require_admin_two_factor: bool,
    /// Emails security notices (none: they stay in the app).
    pub notification_mail: Option<crate::notifications::email::NotificationMail>,
    /// Links in mail start with this (no trailing slash needed).
    pub public_url: String,
}

struct Inner {
    db: Db,
    access: Access,
    sessions: Sessions,
    /// Queues the welcome email in the sign-up transaction.
    mail: AuthMail,
    limits: RateLimits,
    open_signup: bool,
    default_role: String,
    /// Links in mail start with this (no trailing slash).
    public_url: String,
    /// A real Argon2id hash to verify against when the email is unknown, so
    /// both failures take the same time; made by the first sign-in, so a
    /// server nobody signs in to never holds hashing memory.
    dummy_hash: tokio::sync::OnceCell<String>,
}

/// The auth rules; cheap to clone.
#[derive(Clone)]
pub struct AuthService(Arc<Inner>);

impl AuthService {
    /// Builds the service and its parts.
    pub fn new(
        db: Db,
        jwt: JwtKeys,
        outbox: Outbox,
        settings: AuthSettings,
        limits: RateLimits,
    ) -> Self {
        let access = Access::new(db.clone(), jwt.clone(), settings.require_admin_two_factor);
        let mail = AuthMail::new(outbox, settings.notification_mail);
        let sessions = Sessions::new(access.clone(), jwt, settings.session_ttl, mail.clone());
        Self(Arc::new(Inner {
            db,
            access,
            sessions,
            mail,
            limits,
            open_signup: settings.open_signup,
            default_role: settings.default_role,
            public_url: settings.public_url.trim_end_matches('/').to_string(),
            dummy_hash: tokio::sync::OnceCell::new(),
        }))
    }

    /// The per-request principal and the caches behind it.
    pub fn access(&self) -> &Access {
        &self.0.access
    }

    /// Sessions and their tokens.
    pub fn sessions(&self) -> &Sessions {
        &self.0.sessions
    }

    /// The process's rate limiters.
    pub fn limits(&self) -> &RateLimits {
        &self.0.limits
    }

    /// Whether anyone may sign up (`VELLUM_OPEN_SIGNUP`).
    pub(crate) fn sign_up_open(&self) -> bool {
        self.0.open_signup
    }

    /// Asks for an account. The answer is the same whether or not the
    /// address already has one, and takes the same work: the password is
    /// hashed either way and one transaction queues one mail. A new address
    /// gets the welcome mail with the link that creates the account
    /// ([`Self::complete_sign_up`]); a taken one gets a notice to its owner
    /// (at most one an hour). Nobody is signed in here, so the caller learns
    /// nothing about the address.
    pub async fn sign_up(
        &self,
        email: &str,
        display_name: &str,
        password_plain: String,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        if !self.0.open_signup {
            return Err(AppError::Forbidden(
                "sign-up is closed on this server".into(),
            ));
        }
        self.0.limits.sign_up(meta.ip.as_deref())?;
        let email = users::service::normalize_email("input.email", email)?;
        let display_name = users::service::check_display_name("input.displayName", display_name)?;
        password::validate("input.password", &password_plain).await?;
        let hash = password::hash(password_plain).await?;
        let (token, token_hash) = tokens::generate();
        let link = format!("{}/complete-sign-up?token={token}", self.0.public_url);
        let reset_link = format!("{}/forgot-password", self.0.public_url);
        let expires_at = Utc::now() + chrono::Duration::hours(i64::from(SIGN_UP_LINK_HOURS));
        let mut conn = self.0.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            let (to_name, template, dedupe_key, audit_entry) =
                match signup_store::owner_by_email(conn, &email).await? {
                    Some((owner, owner_name)) => (
                        // The owner's own name: the attempt's is not theirs.
                        owner_name,
                        Template::SignUpAttempt {
                            email: &email,
                            reset_link: &reset_link,
                        },
                        // One notice an hour however often it is tried.
                        Some(format!(
                            "sign-up-attempt:{owner}:{}",
                            Utc::now().format("%Y%m%d%H")
                        )),
                        Some(
                            NewAuditEntry::new("auth.sign_up_taken_email", meta)
                                .target("user", owner),
                        ),
                    ),
                    None => {
                        signup_store::insert(
                            conn,
                            &signup_store::NewPendingSignUp {
                                email: &email,
                                display_name: &display_name,
                                password_hash: &hash,
                                token_hash: &token_hash,
                                expires_at,
                            },
                        )
                        .await?;
                        (
                            display_name.clone(),
                            Template::Welcome {
                                email: &email,
                                link: &link,
                                valid_hours: SIGN_UP_LINK_HOURS,
                            },
                            None,
                            // Recorded when the link creates the account
                            // (`user.signed_up`); until then nothing exists.
                            None,
                        )
                    }
                };
            if let Some(entry) = &audit_entry {
                audit::store::record(conn, entry).await?;
            }
            self.0
                .mail
                .outbox()
                .enqueue(
                    conn,
                    OutboxMail {
                        to: Recipient {
                            email: &email,
                            display_name: &to_name,
                        },
                        template,
                        dedupe_key,
                    },
                )
                .await?;
            Ok(())
        })
        .await?;
        self.0.mail.wake();
        Ok(())
    }

    /// Creates the account of a pending sign-up from its mailed link (which
    /// also verifies the address) and signs it in. A used, expired or
    /// unknown link, or an address taken meanwhile, all get one answer.
    pub async fn complete_sign_up(
        &self,
        token: &str,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        let invalid = || {
            AppError::bad_input(
                "input.token",
                "this link is invalid or has expired; sign up again",
            )
        };
        let token_hash = tokens::hash(token);
        let mut conn = self.0.db.conn().await?;
        let role = self.0.default_role.clone();
        conn.transaction::<_, AppError, _>(async |conn| {
            let pending = signup_store::take(conn, &token_hash)
                .await?
                .filter(|p| p.expires_at > Utc::now())
                .ok_or_else(invalid)?;
            if signup_store::owner_by_email(conn, &pending.email)
                .await?
                .is_some()
            {
                return Err(invalid());
            }
            signup_store::delete_for_email(conn, &pending.email).await?;
            let role_id = users::store::role_id_by_name(conn, &role).await?;
            let user = users::service::insert_user(
                conn,
                &pending.email,
                &pending.display_name,
                &pending.password_hash,
                role_id,
                "input.token",
            )
            .await?;
            // The link came from the mailbox: the address is proven.
            super::reset_store::mark_email_verified(conn, user.id).await?;
            let tokens = self.0.sessions.start(conn, user.id, meta).await?;
            audit::store::record(
                conn,
                &NewAuditEntry::new("user.signed_up", meta)
                    .by_user(user.id)
                    .target("user", user.id)
                    .details(serde_json::json!({ "role": role })),
            )
            .await?;
            crate::events::store::append(
                conn,
                &crate::events::NewEvent {
                    kind: crate::events::model::kind::USER_SIGNED_UP,
                    content_id: None,
                    user_id: Some(user.id),
                    actor_id: Some(user.id),
                    data: UserSignedUp { role: role.clone() }.to_data(),
                },
            )
            .await?;
            Ok(tokens)
        })
        .await
    }

    /// Checks a password and starts a session, or asks for the second factor.
    ///
    /// Failures are limited per (account, client) with a growing wait, so an
    /// attacker elsewhere cannot lock the owner out, and per account with a
    /// higher hourly ceiling ([`crate::ratelimit::SignInFailures`]). Past the
    /// ceiling every answer is `RATE_LIMITED` except one: the right password
    /// on an account with two-factor authentication still gets its
    /// challenge, so the owner gets in with a fresh second factor.
    pub async fn sign_in(
        &self,
        email: &str,
        password_plain: String,
        meta: &RequestMeta,
    ) -> Result<SignIn, AppError> {
        let email = email.trim().to_lowercase();
        let client = meta.ip.as_deref();
        let failures = self.0.limits.sign_in_failures();
        // Before any hashing: a limited caller costs us nothing.
        self.0.limits.sign_in(&email, client)?;
        let ceiling = failures.account_limited(&email);
        // Past the ceiling a failure answers RATE_LIMITED, whatever the reason.
        let fail = |err: AppError| match ceiling {
            Some(retry_after_secs) => AppError::RateLimited { retry_after_secs },
            None => err,
        };
        if password_plain.chars().count() > password::MAX_LENGTH {
            failures.record_failure(&email, client);
            return Err(fail(bad_credentials()));
        }
        // Made before the lookup, whoever signs in first, so its one-off
        // cost says nothing about whether the account exists.
        let dummy_hash = self
            .0
            .dummy_hash
            .get_or_try_init(|| password::hash(tokens::generate().0))
            .await?;
        let credentials = {
            let mut conn = self.0.db.conn().await?;
            store::credentials_by_email(&mut conn, &email).await?
        };
        let Some(credentials) = credentials else {
            // Same work as a real check, so timing does not reveal accounts.
            let _ = password::verify(password_plain, dummy_hash.clone()).await?;
            failures.record_failure(&email, client);
            self.record_failed_sign_in(None, &email, meta).await?;
            return Err(fail(bad_credentials()));
        };
        let ok =
            password::verify(password_plain.clone(), credentials.password_hash.clone()).await?;
        if !ok {
            failures.record_failure(&email, client);
            self.record_failed_sign_in(Some(credentials.id), &email, meta)
                .await?;
            return Err(fail(bad_credentials()));
        }
        if ceiling.is_some() && !credentials.two_factor {
            // The right password alone is not enough past the ceiling; not
            // counted as a failure, and answered like one.
            return Err(fail(bad_credentials()));
        }
        if !credentials.active {
            self.record_failed_sign_in(Some(credentials.id), &email, meta)
                .await?;
            return Err(AppError::Forbidden("this account is deactivated".into()));
        }
        failures.record_success(&email, client);
        let rehash = if password::needs_rehash(&credentials.password_hash) {
            Some(password::hash(password_plain).await?)
        } else {
            None
        };
        let mut conn = self.0.db.conn().await?;
        if credentials.two_factor {
            if let Some(hash) = &rehash {
                store::set_password_hash(&mut conn, credentials.id, hash).await?;
            }
            let (challenge, challenge_hash) = tokens::generate();
            super::two_factor_store::insert_challenge(
                &mut conn,
                credentials.id,
                &challenge_hash,
                Utc::now() + super::two_factor::CHALLENGE_TTL,
            )
            .await?;
            return Ok(SignIn::TwoFactorRequired { challenge });
        }
        conn.transaction::<_, AppError, _>(async |conn| {
            if let Some(hash) = &rehash {
                store::set_password_hash(conn, credentials.id, hash).await?;
            }
            store::touch_sign_in(conn, credentials.id).await?;
            let tokens = self.0.sessions.start(conn, credentials.id, meta).await?;
            audit::store::record(
                conn,
                &NewAuditEntry::new("auth.sign_in", meta)
                    .by_user(credentials.id)
                    .target("session", tokens.session_id),
            )
            .await?;
            Ok(SignIn::Tokens(tokens))
        })
        .await
    }

    async fn record_failed_sign_in(
        &self,
        user_id: Option<Uuid>,
        email: &str,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let mut entry = NewAuditEntry::new("auth.sign_in_failed", meta)
            .details(serde_json::json!({ "email": email }));
        if let Some(id) = user_id {
            entry = entry.target("user", id);
        }
        let mut conn = self.0.db.conn().await?;
        audit::store::record(&mut conn, &entry).await?;
        Ok(())
    }

    /// Changes the caller's password after checking the current one; every
    /// other session is signed out.
    pub async fn change_password(
        &self,
        principal: &Principal,
        current: String,
        new: String,
        meta: &RequestMeta,
    ) -> Result<usize, AppError> {
        let user = principal.user()?;
        password::validate("input.newPassword", &new).await?;
        let stored = {
            let mut conn = self.0.db.conn().await?;
            store::credentials_by_id(&mut conn, user.user_id).await?
        };
        if !password::verify(current, stored.password_hash).await? {
            return Err(AppError::bad_input(
                "input.currentPassword",
                "the current password is wrong",
            ));
        }
        let hash = password::hash(new).await?;
        let mut conn = self.0.db.conn().await?;
        let (user_id, keep) = (user.user_id, user.session());
        let revoked = conn
            .transaction::<_, AppError, _>(async |conn| {
                store::set_password_hash(conn, user_id, &hash).await?;
                let revoked =
                    store::revoke_user_sessions(conn, user_id, keep, "password_changed").await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.password_changed", meta)
                        .by_user(user_id)
                        .target("user", user_id)
                        .details(serde_json::json!({ "sessionsRevoked": revoked.len() })),
                )
                .await?;
                crate::notifications::rules::on_security(
                    conn,
                    self.0.mail.notices(),
                    user_id,
                    crate::notifications::model::NotificationKind::PasswordChanged,
                    Some(user_id),
                )
                .await?;
                Ok(revoked)
            })
            .await?;
        self.0.access.invalidate(user_id, &revoked).await;
        self.0.mail.wake();
        Ok(revoked.len())
    }
}
