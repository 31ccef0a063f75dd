//! Sign-up, sign-in, refresh rotation, sign-out, sessions and passwords;
//! and turning a bearer token into a [`Principal`] on every request.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use moka::future::Cache;
use uuid::Uuid;

use super::jwt::JwtKeys;
use super::model::{NewSession, Session, UserAccess};
use super::{password, store, tokens};
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::payload::{Payload, UserAccessChanged, UserSignedUp};
use crate::mail::outbox::{Outbox, OutboxMail};
use crate::mail::{Recipient, Template};
use crate::ratelimit::RateLimits;
use crate::rbac::principal::{Credential, Principal, RoleGrant, UserPrincipal};
use crate::users;

/// How long cached session, user and role facts may be reused. Changes made
/// in this process invalidate them at once; the TTL bounds staleness from
/// other processes until the event bus carries invalidations.
const CACHE_TTL: Duration = Duration::from_secs(30);

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

/// Tokens for one session.
#[derive(Debug, Clone)]
pub struct AuthTokens {
    /// The JWT to send as `Authorization: Bearer`.
    pub access_token: String,
    /// The opaque token that buys the next access token (once).
    pub refresh_token: String,
    /// When the access token expires.
    pub expires_at: DateTime<Utc>,
    /// The user.
    pub user_id: Uuid,
    /// The session.
    pub session_id: Uuid,
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
}

/// Level of the built-in ADMIN role: this and above count as admins for
/// the two-factor requirement.
pub const ADMIN_LEVEL: i32 = 40;

struct Inner {
    db: Db,
    jwt: JwtKeys,
    /// Queues the welcome email in the sign-up transaction.
    outbox: Outbox,
    limits: RateLimits,
    settings: AuthSettings,
    sessions: Cache<Uuid, Arc<Session>>,
    users: Cache<Uuid, UserAccess>,
    roles: Cache<Uuid, Arc<RoleGrant>>,
    /// A real Argon2id hash to verify against when the email is unknown, so
    /// both failures take the same time.
    dummy_hash: String,
}

/// The auth rules; cheap to clone.
#[derive(Clone)]
pub struct AuthService(Arc<Inner>);

fn cache<K, V>() -> Cache<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Cache::builder()
        .max_capacity(100_000)
        .time_to_live(CACHE_TTL)
        .build()
}

impl AuthService {
    /// Builds the service; hashes the dummy password once.
    pub async fn new(
        db: Db,
        jwt: JwtKeys,
        outbox: Outbox,
        settings: AuthSettings,
        limits: RateLimits,
    ) -> Result<Self, AppError> {
        let dummy_hash = password::hash(tokens::generate().0).await?;
        Ok(Self(Arc::new(Inner {
            db,
            jwt,
            outbox,
            limits,
            settings,
            sessions: cache(),
            users: cache(),
            roles: cache(),
            dummy_hash,
        })))
    }

    /// The caller behind an access token. Any failure is `UNAUTHENTICATED`.
    pub async fn authenticate(&self, access_token: &str) -> Result<Principal, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired access token".into());
        let claims = self.0.jwt.verify(access_token)?;
        let session = self.session(claims.session_id).await?.ok_or_else(invalid)?;
        if session.user_id != claims.user_id || !session.is_live(Utc::now()) {
            return Err(invalid());
        }
        let access = self
            .user_access(claims.user_id)
            .await?
            .ok_or_else(invalid)?;
        if !access.active {
            return Err(invalid());
        }
        let (role, restriction) = self.grant(access).await?;
        Ok(Principal::User(Arc::new(UserPrincipal {
            user_id: claims.user_id,
            credential: Credential::Session(claims.session_id),
            role,
            restriction,
        })))
    }

    /// The caller as they are now, for long-lived connections that
    /// authenticated once: `None` when their session has ended or their
    /// account is inactive; otherwise their current role (an API key's
    /// scopes still narrow it).
    pub async fn recheck(&self, principal: &Principal) -> Result<Option<Principal>, AppError> {
        let Principal::User(user) = principal else {
            return Ok(Some(Principal::Anonymous));
        };
        if let Credential::Session(id) = user.credential {
            match self.session(id).await? {
                Some(session) if session.is_live(Utc::now()) => {}
                _ => return Ok(None),
            }
        }
        let Some(access) = self.user_access(user.user_id).await? else {
            return Ok(None);
        };
        if !access.active {
            return Ok(None);
        }
        let (role, restriction) = self.grant(access).await?;
        let role = match user.credential {
            Credential::ApiKey(_) => Arc::new(RoleGrant {
                permissions: role
                    .permissions
                    .intersection(&user.role.permissions)
                    .cloned()
                    .collect(),
                ..(*role).clone()
            }),
            _ => role,
        };
        Ok(Some(Principal::User(Arc::new(UserPrincipal {
            user_id: user.user_id,
            credential: user.credential,
            role,
            restriction,
        }))))
    }

    /// What a user may do now: their role's grants, or none at all (with the
    /// reason) while an admin who must use 2FA has not set it up.
    pub async fn grant(
        &self,
        access: UserAccess,
    ) -> Result<(Arc<RoleGrant>, Option<&'static str>), AppError> {
        let role = self.role(access.role_id).await?;
        if self.0.settings.require_admin_two_factor
            && role.level >= ADMIN_LEVEL
            && !access.two_factor
        {
            let powerless = RoleGrant {
                permissions: Default::default(),
                ..(*role).clone()
            };
            return Ok((
                Arc::new(powerless),
                Some("set up two-factor authentication first (setupTwoFactor, confirmTwoFactor)"),
            ));
        }
        Ok((role, None))
    }

    async fn session(&self, id: Uuid) -> Result<Option<Arc<Session>>, AppError> {
        if let Some(session) = self.0.sessions.get(&id).await {
            return Ok(Some(session));
        }
        let mut conn = self.0.db.conn().await?;
        let found = store::session(&mut conn, id).await?.map(Arc::new);
        if let Some(session) = &found {
            self.0.sessions.insert(id, session.clone()).await;
        }
        Ok(found)
    }

    async fn user_access(&self, id: Uuid) -> Result<Option<UserAccess>, AppError> {
        if let Some(access) = self.0.users.get(&id).await {
            return Ok(Some(access));
        }
        let mut conn = self.0.db.conn().await?;
        let found = store::user_access(&mut conn, id).await?;
        if let Some(access) = found {
            self.0.users.insert(id, access).await;
        }
        Ok(found)
    }

    /// A user's active flag and role id (cached).
    pub async fn user_access_of(&self, id: Uuid) -> Result<Option<UserAccess>, AppError> {
        self.user_access(id).await
    }

    /// A role with its permissions (cached).
    pub async fn role(&self, id: Uuid) -> Result<Arc<RoleGrant>, AppError> {
        if let Some(role) = self.0.roles.get(&id).await {
            return Ok(role);
        }
        let mut conn = self.0.db.conn().await?;
        let role = Arc::new(store::role_grant(&mut conn, id).await?);
        self.0.roles.insert(id, role.clone()).await;
        Ok(role)
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// Starts a session inside the caller's transaction (second-factor
    /// sign-in finishes through this).
    pub async fn start_session_in(
        &self,
        conn: &mut diesel_async::AsyncPgConnection,
        user_id: Uuid,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        self.start_session(conn, user_id, meta).await
    }

    /// The process's rate limiters.
    pub fn limits(&self) -> &RateLimits {
        &self.0.limits
    }

    /// Forgets cached facts about a user and the given sessions, so a change
    /// takes effect on the next request — here at once, and on every other
    /// instance when the `user.access_changed` event reaches it.
    ///
    /// The event is written after the change committed, not inside it: if
    /// this process dies in between, other instances hold the stale facts
    /// only until their cache entries expire (30 s).
    pub async fn invalidate(&self, user_id: Uuid, sessions: &[Uuid]) {
        self.forget(user_id, sessions).await;
        let announced = async {
            let mut conn = self.0.db.conn().await?;
            crate::events::store::append(
                &mut conn,
                &crate::events::NewEvent {
                    kind: crate::events::model::kind::USER_ACCESS_CHANGED,
                    content_id: None,
                    user_id: Some(user_id),
                    actor_id: None,
                    data: UserAccessChanged {
                        sessions: sessions.to_vec(),
                    }
                    .to_data(),
                },
            )
            .await?;
            Ok::<_, AppError>(())
        };
        if let Err(err) = announced.await {
            tracing::warn!(error = %err, "cannot announce a cache invalidation to other instances");
        }
    }

    /// Forgets cached facts in this process only.
    pub async fn forget(&self, user_id: Uuid, sessions: &[Uuid]) {
        self.0.users.invalidate(&user_id).await;
        for id in sessions {
            self.0.sessions.invalidate(id).await;
        }
    }

    /// Starts a session for a user inside the caller's transaction. A
    /// session from a user agent the account never signed in with before
    /// (the account's first session aside) notifies the user.
    async fn start_session(
        &self,
        conn: &mut diesel_async::AsyncPgConnection,
        user_id: Uuid,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        let (any_before, same_device) =
            store::known_device(conn, user_id, meta.user_agent.as_deref()).await?;
        if any_before && !same_device {
            crate::notifications::rules::on_security(
                conn,
                self.notification_mail(),
                user_id,
                crate::notifications::model::NotificationKind::NewSignIn,
                None,
            )
            .await?;
        }
        let now = Utc::now();
        let expires_at = now
            + chrono::Duration::from_std(self.0.settings.session_ttl)
                .map_err(|e| AppError::Internal(e.into()))?;
        let session = store::insert_session(
            conn,
            &NewSession {
                user_id,
                user_agent: meta.user_agent.as_deref(),
                ip: meta.ip.as_deref(),
                expires_at,
            },
        )
        .await?;
        let (refresh_token, hash) = tokens::generate();
        store::insert_refresh_token(conn, session.id, &hash).await?;
        let (access_token, expires_at) = self.0.jwt.issue(user_id, session.id, now)?;
        Ok(AuthTokens {
            access_token,
            refresh_token,
            expires_at,
            user_id,
            session_id: session.id,
        })
    }

    /// Creates an account with the default role and signs it in.
    pub async fn sign_up(
        &self,
        email: &str,
        display_name: &str,
        password_plain: String,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        if !self.0.settings.open_signup {
            return Err(AppError::Forbidden(
                "sign-up is closed on this server".into(),
            ));
        }
        self.0.limits.sign_up(meta.ip.as_deref())?;
        let email = users::service::normalize_email("input.email", email)?;
        let display_name = users::service::check_display_name("input.displayName", display_name)?;
        password::validate("input.password", &password_plain).await?;
        let hash = password::hash(password_plain).await?;
        let mut conn = self.0.db.conn().await?;
        let role = self.0.settings.default_role.clone();
        let tokens = conn
            .transaction::<_, AppError, _>(async |conn| {
                let role_id = users::store::role_id_by_name(conn, &role).await?;
                let user = users::service::insert_user(
                    conn,
                    &email,
                    &display_name,
                    &hash,
                    role_id,
                    "input.email",
                )
                .await?;
                let tokens = self.start_session(conn, user.id, meta).await?;
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
                self.0
                    .outbox
                    .enqueue(
                        conn,
                        OutboxMail {
                            to: Recipient {
                                email: &user.email,
                                display_name: &user.display_name,
                            },
                            template: Template::Welcome { email: &user.email },
                            dedupe_key: Some(format!("welcome:{}", user.id)),
                        },
                    )
                    .await?;
                Ok(tokens)
            })
            .await?;
        self.0.outbox.wake();
        Ok(tokens)
    }

    /// Checks a password and starts a session, or asks for the second factor.
    pub async fn sign_in(
        &self,
        email: &str,
        password_plain: String,
        meta: &RequestMeta,
    ) -> Result<SignIn, AppError> {
        let email = email.trim().to_lowercase();
        // Before any hashing: a limited caller costs us nothing.
        self.0.limits.sign_in(&email, meta.ip.as_deref())?;
        if password_plain.chars().count() > password::MAX_LENGTH {
            return Err(bad_credentials());
        }
        let credentials = {
            let mut conn = self.0.db.conn().await?;
            store::credentials_by_email(&mut conn, &email).await?
        };
        let Some(credentials) = credentials else {
            // Same work as a real check, so timing does not reveal accounts.
            let _ = password::verify(password_plain, self.0.dummy_hash.clone()).await?;
            self.record_failed_sign_in(None, &email, meta).await?;
            return Err(bad_credentials());
        };
        let ok =
            password::verify(password_plain.clone(), credentials.password_hash.clone()).await?;
        if !ok {
            self.record_failed_sign_in(Some(credentials.id), &email, meta)
                .await?;
            return Err(bad_credentials());
        }
        if !credentials.active {
            self.record_failed_sign_in(Some(credentials.id), &email, meta)
                .await?;
            return Err(AppError::Forbidden("this account is deactivated".into()));
        }
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
            let tokens = self.start_session(conn, credentials.id, meta).await?;
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

    /// Trades a refresh token for new tokens. A token already traded is
    /// proof of theft: the whole session is revoked.
    pub async fn refresh(
        &self,
        refresh_token: &str,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired refresh token".into());
        let hash = tokens::hash(refresh_token);
        enum Outcome {
            Rotated(AuthTokens),
            Reused(Uuid, Uuid),
            Invalid,
        }
        let mut conn = self.0.db.conn().await?;
        let outcome = conn
            .transaction::<_, AppError, _>(async |conn| {
                let Some((token, session)) = store::lock_refresh_token(conn, &hash).await? else {
                    return Ok(Outcome::Invalid);
                };
                if !session.is_live(Utc::now()) {
                    return Ok(Outcome::Invalid);
                }
                if token.used_at.is_some() {
                    store::revoke_session(conn, session.id, "refresh_token_reuse").await?;
                    audit::store::record(
                        conn,
                        &NewAuditEntry::new("auth.refresh_token_reused", meta)
                            .target("session", session.id)
                            .details(serde_json::json!({ "userId": session.user_id })),
                    )
                    .await?;
                    return Ok(Outcome::Reused(session.user_id, session.id));
                }
                store::mark_refresh_token_used(conn, token.id).await?;
                store::touch_session(conn, session.id).await?;
                let (refresh_token, new_hash) = tokens::generate();
                store::insert_refresh_token(conn, session.id, &new_hash).await?;
                let (access_token, expires_at) =
                    self.0.jwt.issue(session.user_id, session.id, Utc::now())?;
                Ok(Outcome::Rotated(AuthTokens {
                    access_token,
                    refresh_token,
                    expires_at,
                    user_id: session.user_id,
                    session_id: session.id,
                }))
            })
            .await?;
        match outcome {
            Outcome::Rotated(tokens) => {
                // A deactivated user's sessions are revoked, but check anyway.
                match self.user_access(tokens.user_id).await? {
                    Some(access) if access.active => Ok(tokens),
                    _ => Err(invalid()),
                }
            }
            Outcome::Reused(user_id, session_id) => {
                self.invalidate(user_id, &[session_id]).await;
                tracing::warn!(%session_id, "refresh token reused: session revoked");
                Err(invalid())
            }
            Outcome::Invalid => Err(invalid()),
        }
    }

    /// Revokes the caller's current session.
    pub async fn sign_out(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = principal.user()?;
        self.revoke(
            user.user_id,
            user.require_session()?,
            user.user_id,
            "sign_out",
            meta,
        )
        .await
        .map(|_| ())
    }

    /// Revokes one of the caller's own sessions.
    pub async fn revoke_own_session(
        &self,
        principal: &Principal,
        session_id: Uuid,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = principal.user()?;
        let session = self.session(session_id).await?;
        match session {
            Some(session) if session.user_id == user.user_id => self
                .revoke(
                    user.user_id,
                    session_id,
                    user.user_id,
                    "revoked_by_user",
                    meta,
                )
                .await
                .map(|_| ()),
            // Someone else's session looks the same as no session.
            _ => Err(AppError::NotFound("no such session".into())),
        }
    }

    async fn revoke(
        &self,
        owner: Uuid,
        session_id: Uuid,
        actor: Uuid,
        reason: &str,
        meta: &RequestMeta,
    ) -> Result<bool, AppError> {
        let mut conn = self.0.db.conn().await?;
        let revoked = conn
            .transaction::<_, AppError, _>(async |conn| {
                let revoked = store::revoke_session(conn, session_id, reason).await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.session_revoked", meta)
                        .by_user(actor)
                        .target("session", session_id)
                        .details(serde_json::json!({ "reason": reason, "userId": owner })),
                )
                .await?;
                Ok(revoked)
            })
            .await?;
        self.invalidate(owner, &[session_id]).await;
        Ok(revoked)
    }

    /// Revokes every session of the caller, this one included; returns how many.
    pub async fn sign_out_everywhere(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
    ) -> Result<usize, AppError> {
        let user = principal.user()?;
        self.revoke_all(
            user.user_id,
            None,
            user.user_id,
            "sign_out_everywhere",
            meta,
        )
        .await
    }

    /// Revokes a user's sessions (except `keep`) in its own transaction.
    pub async fn revoke_all(
        &self,
        user_id: Uuid,
        keep: Option<Uuid>,
        actor: Uuid,
        reason: &str,
        meta: &RequestMeta,
    ) -> Result<usize, AppError> {
        let mut conn = self.0.db.conn().await?;
        let revoked = conn
            .transaction::<_, AppError, _>(async |conn| {
                let revoked = store::revoke_user_sessions(conn, user_id, keep, reason).await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.sessions_revoked", meta)
                        .by_user(actor)
                        .target("user", user_id)
                        .details(serde_json::json!({ "reason": reason, "count": revoked.len() })),
                )
                .await?;
                Ok(revoked)
            })
            .await?;
        self.invalidate(user_id, &revoked).await;
        Ok(revoked.len())
    }

    /// The caller's live sessions.
    pub async fn my_sessions(&self, principal: &Principal) -> Result<Vec<Session>, AppError> {
        let user = principal.user()?;
        let mut conn = self.0.db.conn().await?;
        Ok(store::live_sessions(&mut conn, user.user_id, Utc::now()).await?)
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
                    self.notification_mail(),
                    user_id,
                    crate::notifications::model::NotificationKind::PasswordChanged,
                    Some(user_id),
                )
                .await?;
                Ok(revoked)
            })
            .await?;
        self.invalidate(user_id, &revoked).await;
        self.wake_mail();
        Ok(revoked.len())
    }

    /// What emails notifications, when configured.
    pub fn notification_mail(&self) -> Option<&crate::notifications::email::NotificationMail> {
        self.0.settings.notification_mail.as_ref()
    }

    /// Wakes the mail worker after a transaction that may have queued mail.
    pub fn wake_mail(&self) {
        self.0.outbox.wake();
    }
}

/// Keeps this process's caches in step with `user.access_changed` events
/// from any instance.
impl crate::jobs::follow::Follower for AuthService {
    async fn event(&self, event: &crate::events::Event) {
        if event.kind != crate::events::model::kind::USER_ACCESS_CHANGED {
            return;
        }
        let Some(user) = event.user_id else { return };
        self.forget(user, &UserAccessChanged::of(event).sessions)
            .await;
    }

    /// Missed events may have been invalidations: forget everything.
    async fn lagged(&self) {
        self.0.users.invalidate_all();
        self.0.sessions.invalidate_all();
        self.0.roles.invalidate_all();
    }
}
