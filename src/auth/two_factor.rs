//! TOTP two-factor authentication: setup with confirmation, single-use
//! codes, single-use backup codes, and sign-in challenges.

use chrono::Utc;
use diesel_async::AsyncConnection;
use totp_rs::{Algorithm, Builder, Secret, Totp};
use uuid::Uuid;

use super::access::Access;
use super::sessions::{AuthTokens, Sessions};
use super::tokens;
use super::two_factor_store as store;
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::notifications::model::NotificationKind::{TwoFactorDisabled, TwoFactorEnabled};
use crate::notifications::rules;
use crate::rbac::principal::Principal;

/// Issuer shown in authenticator apps.
const ISSUER: &str = "Vellum";
/// How long a sign-in challenge lasts.
pub const CHALLENGE_TTL: chrono::Duration = chrono::Duration::minutes(5);
/// Tries allowed per challenge.
pub const CHALLENGE_ATTEMPTS: i32 = 5;
/// Backup codes issued at a time.
const BACKUP_CODES: usize = 10;

/// What an authenticator app needs.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The secret, base32.
    pub secret: String,
    /// `otpauth://` URL.
    pub otpauth_url: String,
    /// The URL as a QR code PNG, as a data URL.
    pub qr_code: String,
}

fn totp(secret_base32: &str, account: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored TOTP secret unreadable: {e:?}")))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("TOTP parameters: {e:?}")))
}

/// The time step a 6-digit code matches now (±1 step), if any.
fn matching_step(totp: &Totp, code: &str) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(Utc::now().timestamp()).ok()?;
    totp.check(code, now)
        .and_then(|step| i64::try_from(step).ok())
}

/// Backup codes look like `abcde-fghij`; case and the dash are ignored.
fn normalize_backup_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn new_backup_codes() -> (Vec<String>, Vec<Vec<u8>>) {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let codes: Vec<String> = (0..BACKUP_CODES)
        .map(|_| {
            let raw: String = (0..10)
                .map(|_| ALPHABET[usize::from(rand::random::<u8>()) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &raw[..5], &raw[5..])
        })
        .collect();
    let hashes = codes
        .iter()
        .map(|c| tokens::hash(&normalize_backup_code(c)))
        .collect();
    (codes, hashes)
}

/// Replaces a user's backup codes inside the caller's transaction and
/// records `action`; returns the new codes (shown once).
async fn issue_backup_codes(
    conn: &mut diesel_async::AsyncPgConnection,
    user_id: Uuid,
    action: &str,
    meta: &RequestMeta,
) -> Result<Vec<String>, AppError> {
    let (codes, hashes) = new_backup_codes();
    store::replace_backup_codes(conn, user_id, &hashes).await?;
    audit::store::record(
        conn,
        &NewAuditEntry::new(action, meta)
            .by_user(user_id)
            .target("user", user_id),
    )
    .await?;
    Ok(codes)
}

/// Two-factor rules; cheap to clone.
#[derive(Clone)]
pub struct TwoFactorService {
    access: Access,
    sessions: Sessions,
}

impl TwoFactorService {
    /// Over the access caches (their database too) and the sessions a
    /// passed challenge starts.
    pub fn new(access: Access, sessions: Sessions) -> Self {
        Self { access, sessions }
    }

    /// Starts setup: a new secret awaiting `confirm`.
    pub async fn setup(&self, principal: &Principal) -> Result<Setup, AppError> {
        let user = principal.user()?;
        user.require_session()?;
        let mut conn = self.access.db().conn().await?;
        let state = store::state(&mut conn, user.user_id).await?;
        if state.secret.is_some() {
            return Err(AppError::Conflict(
                "two-factor authentication is already on; disable it first".into(),
            ));
        }
        let secret = Secret::new_stack(rand::random::<[u8; 20]>()).to_base32();
        let totp = totp(&secret, &state.email)?;
        let otpauth_url = totp
            .to_url()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("otpauth url: {e:?}")))?;
        let png = totp
            .to_qr_base64()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("qr code: {e:?}")))?;
        store::set_pending(&mut conn, user.user_id, &secret).await?;
        Ok(Setup {
            secret,
            otpauth_url,
            qr_code: format!("data:image/png;base64,{png}"),
        })
    }

    /// Confirms setup with a current code; returns the backup codes (shown once).
    pub async fn confirm(
        &self,
        principal: &Principal,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<Vec<String>, AppError> {
        let user_id = principal.user()?.user_id;
        let mut conn = self.access.db().conn().await?;
        let codes = conn
            .transaction::<_, AppError, _>(async |conn| {
                let state = store::state(conn, user_id).await?;
                let pending = state
                    .pending_secret
                    .ok_or_else(|| AppError::Conflict("start with setupTwoFactor".into()))?;
                let step =
                    matching_step(&totp(&pending, &state.email)?, code).ok_or_else(|| {
                        AppError::bad_input("input.code", "the code is wrong or expired")
                    })?;
                store::enable(conn, user_id, &pending, step).await?;
                rules::on_security(
                    conn,
                    self.sessions.mail().notices(),
                    user_id,
                    TwoFactorEnabled,
                    Some(user_id),
                )
                .await?;
                issue_backup_codes(conn, user_id, "auth.two_factor_enabled", meta).await
            })
            .await?;
        // The 2FA flag is part of the cached access facts.
        self.access.invalidate(user_id, &[]).await;
        self.sessions.mail().wake();
        Ok(codes)
    }

    /// Checks a TOTP or backup code for a user with 2FA on, spending it.
    async fn spend_code(
        conn: &mut diesel_async::AsyncPgConnection,
        user_id: Uuid,
        code: &str,
    ) -> Result<Option<&'static str>, AppError> {
        let state = store::state(conn, user_id).await?;
        let Some(secret) = state.secret else {
            return Ok(None);
        };
        if let Some(step) = matching_step(&totp(&secret, &state.email)?, code) {
            return Ok(store::claim_step(conn, user_id, step)
                .await?
                .then_some("totp"));
        }
        let hash = tokens::hash(&normalize_backup_code(code));
        Ok(store::spend_backup_code(conn, user_id, &hash)
            .await?
            .then_some("backup_code"))
    }

    /// Turns 2FA off after a current code.
    pub async fn disable(
        &self,
        principal: &Principal,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user_id = principal.user()?.user_id;
        let mut conn = self.access.db().conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            if store::state(conn, user_id).await?.secret.is_none() {
                return Err(AppError::Conflict(
                    "two-factor authentication is off".into(),
                ));
            }
            Self::spend_code(conn, user_id, code)
                .await?
                .ok_or_else(|| AppError::bad_input("input.code", "the code is wrong or used"))?;
            store::disable(conn, user_id).await?;
            audit::store::record(
                conn,
                &NewAuditEntry::new("auth.two_factor_disabled", meta)
                    .by_user(user_id)
                    .target("user", user_id),
            )
            .await?;
            rules::on_security(
                conn,
                self.sessions.mail().notices(),
                user_id,
                TwoFactorDisabled,
                Some(user_id),
            )
            .await?;
            Ok(())
        })
        .await?;
        self.access.invalidate(user_id, &[]).await;
        self.sessions.mail().wake();
        Ok(())
    }

    /// New backup codes after a current code; the old ones stop working.
    pub async fn regenerate_backup_codes(
        &self,
        principal: &Principal,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<Vec<String>, AppError> {
        let user_id = principal.user()?.user_id;
        let mut conn = self.access.db().conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            Self::spend_code(conn, user_id, code)
                .await?
                .ok_or_else(|| AppError::bad_input("input.code", "the code is wrong or used"))?;
            issue_backup_codes(conn, user_id, "auth.backup_codes_regenerated", meta).await
        })
        .await
    }

    /// An admin turns a user's 2FA off (lost device), under the rank
    /// rules; the user's sessions end.
    pub async fn reset_for_user(
        &self,
        principal: &Principal,
        target: Uuid,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let actor = principal.require(crate::rbac::perm::USERS_MANAGE)?;
        let actor_id = actor.user_id;
        let is_superadmin = actor.role.name == crate::users::service::SUPERADMIN;
        let actor_level = actor.role.level;
        let target_role = {
            let mut conn = self.access.db().conn().await?;
            crate::users::store::by_id(&mut conn, target)
                .await?
                .ok_or_else(|| AppError::NotFound("no such user".into()))?
                .role_id
        };
        let target_level = self.access.role(target_role).await?.level;
        if target != actor_id && !is_superadmin && target_level >= actor_level {
            return Err(AppError::Forbidden(
                "you cannot change a user whose role is at or above your own".into(),
            ));
        }
        let mut conn = self.access.db().conn().await?;
        let revoked = conn
            .transaction::<_, AppError, _>(async |conn| {
                store::disable(conn, target).await?;
                let revoked =
                    super::store::revoke_user_sessions(conn, target, None, "two_factor_reset")
                        .await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.two_factor_reset", meta)
                        .by_user(actor_id)
                        .target("user", target),
                )
                .await?;
                rules::on_security(
                    conn,
                    self.sessions.mail().notices(),
                    target,
                    TwoFactorDisabled,
                    Some(actor_id),
                )
                .await?;
                Ok(revoked)
            })
            .await?;
        self.access.invalidate(target, &revoked).await;
        self.sessions.mail().wake();
        Ok(())
    }

    /// Answers a challenge with a TOTP or backup code; on success the
    /// session starts. Each try counts, even failed ones.
    pub async fn verify(
        &self,
        challenge: &str,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<AuthTokens, AppError> {
        let invalid = || {
            AppError::bad_input(
                "input.challenge",
                "the challenge is invalid or expired; sign in again",
            )
        };
        enum Outcome {
            Done(AuthTokens),
            WrongCode,
            Invalid,
        }
        let hash = tokens::hash(challenge);
        let mut conn = self.access.db().conn().await?;
        let outcome = conn
            .transaction::<_, AppError, _>(async |conn| {
                let Some(found) = store::lock_challenge(conn, &hash).await? else {
                    return Ok(Outcome::Invalid);
                };
                if found.used_at.is_some()
                    || found.expires_at <= Utc::now()
                    || found.attempts >= CHALLENGE_ATTEMPTS
                {
                    return Ok(Outcome::Invalid);
                }
                let method = Self::spend_code(conn, found.user_id, code).await?;
                store::record_attempt(conn, found.id, method.is_some()).await?;
                let Some(method) = method else {
                    audit::store::record(
                        conn,
                        &NewAuditEntry::new("auth.two_factor_failed", meta)
                            .target("user", found.user_id),
                    )
                    .await?;
                    // Commit the counted attempt; the error comes after.
                    return Ok(Outcome::WrongCode);
                };
                let tokens = self.sessions.start(conn, found.user_id, meta).await?;
                super::store::touch_sign_in(conn, found.user_id).await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("auth.sign_in", meta)
                        .by_user(found.user_id)
                        .target("session", tokens.session_id)
                        .details(serde_json::json!({ "secondFactor": method })),
                )
                .await?;
                Ok(Outcome::Done(tokens))
            })
            .await?;
        match outcome {
            Outcome::Done(tokens) => Ok(tokens),
            Outcome::WrongCode => Err(AppError::bad_input(
                "input.code",
                "the code is wrong or used",
            )),
            Outcome::Invalid => Err(invalid()),
        }
    }

    /// Whether a user has 2FA on.
    pub async fn enabled(&self, user_id: Uuid) -> Result<bool, AppError> {
        let mut conn = self.access.db().conn().await?;
        Ok(store::state(&mut conn, user_id).await?.secret.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_codes_are_distinct_and_normalise() {
        let (codes, hashes) = new_backup_codes();
        assert_eq!(codes.len(), 10);
        let unique: std::collections::HashSet<_> = hashes.iter().collect();
        assert_eq!(unique.len(), 10);
        assert_eq!(
            tokens::hash(&normalize_backup_code(&codes[0].to_uppercase())),
            hashes[0]
        );
    }

    #[test]
    fn codes_must_be_six_digits() -> Result<(), AppError> {
        let secret = Secret::new_stack(rand::random::<[u8; 20]>()).to_base32();
        let totp = totp(&secret, "a@example.com")?;
        let now = u64::try_from(Utc::now().timestamp()).unwrap_or_default();
        let code = totp.generate(now).to_string();
        assert!(matching_step(&totp, &code).is_some());
        assert!(matching_step(&totp, "12345").is_none());
        assert!(matching_step(&totp, "abcdef").is_none());
        Ok(())
    }
}
