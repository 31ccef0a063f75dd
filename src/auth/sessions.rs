//! Sessions and their tokens: starting a session (access token plus a
//! rotating refresh token), refresh rotation with reuse detection, sign-out
//! and revocation, and listing a user's live sessions.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use uuid::Uuid;

use super::access::Access;
use super::jwt::JwtKeys;
use super::mail::AuthMail;
use super::model::{NewSession, Session};
use super::{store, tokens};
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::rbac::principal::Principal;

/// Tokens for one session.
#[derive(Debug, Clone)]
pub struct AuthTokens {
    /// The JWT to send as `Authorization: Bearer`.
    pub access_token: String,
    /// The opaque token that buys the next access token (once).
    pub refresh_token: String,
    /// When the access token expires.
    pub expires_at: DateTime<Utc>,
    pub user_id: Uuid,
    pub session_id: Uuid,
}

struct Inner {
    access: Access,
    jwt: JwtKeys,
    /// How long a session (its refresh tokens) lives.
    session_ttl: Duration,
    mail: AuthMail,
}

/// Session rules; cheap to clone.
#[derive(Clone)]
pub struct Sessions(Arc<Inner>);

impl Sessions {
    /// Sessions lasting `session_ttl`, with access tokens issued by `jwt`.
    pub fn new(access: Access, jwt: JwtKeys, session_ttl: Duration, mail: AuthMail) -> Self {
        Self(Arc::new(Inner {
            access,
            jwt,
            session_ttl,
            mail,
        }))
    }

    /// The mail sessions and the other auth rules send.
    pub fn mail(&self) -> &AuthMail {
        &self.0.mail
    }

    /// Starts a session for a user inside the caller's transaction. A
    /// session from a user agent the account never signed in with before
    /// (the account's first session aside) notifies the user. Sign-in, sign-up
    /// and the second-factor check finish through this.
    pub(crate) async fn start(
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
                self.0.mail.notices(),
                user_id,
                crate::notifications::model::NotificationKind::NewSignIn,
                None,
            )
            .await?;
        }
        let now = Utc::now();
        let expires_at = now
            + chrono::Duration::from_std(self.0.session_ttl)
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
        let mut conn = self.0.access.db().conn().await?;
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
                match self.0.access.user_access(tokens.user_id).await? {
                    Some(access) if access.active => Ok(tokens),
                    _ => Err(invalid()),
                }
            }
            Outcome::Reused(user_id, session_id) => {
                self.0.access.invalidate(user_id, &[session_id]).await;
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

    /// Revokes a session: one of the caller's own, or one of a user the
    /// caller oversees (see [`Sessions::oversees`]).
    pub async fn revoke_session(
        &self,
        principal: &Principal,
        session_id: Uuid,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = principal.user()?;
        let session = self.0.access.session(session_id).await?;
        match session {
            Some(session) if self.oversees(principal, session.user_id).await? => {
                let reason = if session.user_id == user.user_id {
                    "revoked_by_user"
                } else {
                    "revoked_by_admin"
                };
                self.revoke(session.user_id, session_id, user.user_id, reason, meta)
                    .await
                    .map(|_| ())
            }
            // A session the caller may not touch looks the same as none.
            _ => Err(AppError::NotFound("no such session".into())),
        }
    }

    /// Whether `actor` may see and end `owner`'s sessions: their own, or
    /// as a holder of `users.manage` who outranks the owner (a SUPERADMIN
    /// anyone's) by the roles both hold now, not as of the actor's token.
    /// The caller must hold the permission too (an API key may lack it).
    async fn oversees(&self, principal: &Principal, owner: Uuid) -> Result<bool, AppError> {
        let actor = principal.user()?.user_id;
        if actor == owner {
            return Ok(true);
        }
        if principal.require(crate::rbac::perm::USERS_MANAGE).is_err() {
            return Ok(false);
        }
        let mut conn = self.0.access.db().conn().await?;
        let users = crate::users::store::by_ids(&mut conn, &[actor, owner]).await?;
        drop(conn);
        let (Some(acting), Some(target)) = (
            users.iter().find(|u| u.id == actor && u.active),
            users.iter().find(|u| u.id == owner),
        ) else {
            return Ok(false);
        };
        let acting = self.0.access.role(acting.role_id).await?;
        let target = self.0.access.role(target.role_id).await?;
        Ok(acting.permissions.contains(crate::rbac::perm::USERS_MANAGE)
            && (acting.name == crate::users::service::SUPERADMIN || target.level < acting.level))
    }

    /// A user's live sessions, for the user or someone who oversees them
    /// (`FORBIDDEN` for anyone else).
    pub async fn user_sessions(
        &self,
        principal: &Principal,
        owner: Uuid,
    ) -> Result<Vec<Session>, AppError> {
        if !self.oversees(principal, owner).await? {
            return Err(AppError::Forbidden(
                "only users.manage holders who outrank a user see their sessions".into(),
            ));
        }
        let mut conn = self.0.access.db().conn().await?;
        Ok(store::live_sessions(&mut conn, owner, Utc::now()).await?)
    }

    async fn revoke(
        &self,
        owner: Uuid,
        session_id: Uuid,
        actor: Uuid,
        reason: &str,
        meta: &RequestMeta,
    ) -> Result<bool, AppError> {
        let mut conn = self.0.access.db().conn().await?;
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
        self.0.access.invalidate(owner, &[session_id]).await;
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
        let mut conn = self.0.access.db().conn().await?;
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
        self.0.access.invalidate(user_id, &revoked).await;
        Ok(revoked.len())
    }

    /// The caller's live sessions.
    pub async fn my_sessions(&self, principal: &Principal) -> Result<Vec<Session>, AppError> {
        let user = principal.user()?;
        let mut conn = self.0.access.db().conn().await?;
        Ok(store::live_sessions(&mut conn, user.user_id, Utc::now()).await?)
    }
}
