//! Access tokens: short-lived JWTs, HS256 pinned, with issuer, audience,
//! subject, session id, expiry and a `typ` checked on read.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

const ISSUER: &str = "vellum";
const AUDIENCE: &str = "vellum-api";
const ACCESS_TYPE: &str = "access";
/// Shortest secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// The file in the data dir where development keeps its generated secret.
const SECRET_FILE: &str = "jwt-secret";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: Uuid,
    sid: Uuid,
    iat: i64,
    exp: i64,
    typ: String,
}

/// What a valid access token says.
#[derive(Debug, Clone, Copy)]
pub struct AccessClaims {
    pub user_id: Uuid,
    pub session_id: Uuid,
}

/// Signs and checks access tokens.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    /// Keys from a secret of at least [`MIN_SECRET_BYTES`].
    pub fn new(secret: &[u8], ttl: Duration) -> Self {
        // Pinned: a token naming any other algorithm (including `none`) fails.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
    }

    /// A new access token for a session, and when it expires.
    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(String, DateTime<Utc>), AppError> {
        let expires_at = now
            + chrono::Duration::from_std(self.ttl)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("token ttl: {e}")))?;
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            sid: session_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            typ: ACCESS_TYPE.into(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("sign token: {e}")))?;
        Ok((token, expires_at))
    }

    /// Checks signature, algorithm, issuer, audience, expiry and type.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired access token".into());
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| invalid())?;
        if data.claims.typ != ACCESS_TYPE {
            return Err(invalid());
        }
        Ok(AccessClaims {
            user_id: data.claims.sub,
            session_id: data.claims.sid,
        })
    }
}

/// Why no usable signing secret could be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// Production without `VELLUM_JWT_SECRET`.
    #[error(
        "VELLUM_JWT_SECRET is required in production: set it to at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -hex 32`"
    )]
    Missing,
    /// Too short or a well-known placeholder.
    #[error(
        "VELLUM_JWT_SECRET is too weak: {0}; use at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -hex 32`"
    )]
    Weak(&'static str),
    /// The generated development secret could not be read or written.
    #[error("cannot keep the development JWT secret in {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

fn check_strength(secret: &str) -> Result<(), SecretError> {
    if secret.len() < MIN_SECRET_BYTES {
        return Err(SecretError::Weak("shorter than 32 bytes"));
    }
    let lower = secret.to_ascii_lowercase();
    let placeholder = [
        "changeme",
        "change-me",
        "change_me",
        "secret",
        "default",
        "example",
        "xxxxxxxx",
    ]
    .iter()
    .any(|p| lower.contains(p));
    if placeholder {
        return Err(SecretError::Weak("it looks like a placeholder"));
    }
    let distinct: std::collections::HashSet<char> = secret.chars().collect();
    if distinct.len() < 8 {
        return Err(SecretError::Weak("too few distinct characters"));
    }
    Ok(())
}

/// The signing secret: `VELLUM_JWT_SECRET` when given (checked for strength),
/// else in development one generated once and kept in the data dir.
pub fn load_secret(
    configured: Option<&str>,
    production: bool,
    data_dir: &Path,
) -> Result<Vec<u8>, SecretError> {
    if let Some(secret) = configured {
        check_strength(secret)?;
        return Ok(secret.as_bytes().to_vec());
    }
    if production {
        return Err(SecretError::Missing);
    }
    let path = data_dir.join(SECRET_FILE);
    let io = |source| SecretError::Io {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(secret) if check_strength(secret.trim()).is_ok() => {
            return Ok(secret.trim().as_bytes().to_vec());
        }
        Ok(_) => tracing::warn!(path = %path.display(), "replacing a weak development JWT secret"),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(io(err)),
    }
    std::fs::create_dir_all(data_dir).map_err(io)?;
    let secret = hex::encode(rand::random::<[u8; 32]>());
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        file.write_all(secret.as_bytes()).map_err(io)?;
    }
    tracing::info!(path = %path.display(), "generated a development JWT secret");
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> JwtKeys {
        JwtKeys::new(secret.as_bytes(), Duration::from_secs(900))
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trip() -> Result<(), AppError> {
        let keys = keys(SECRET);
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let (token, _) = keys.issue(user, session, Utc::now())?;
        let claims = keys.verify(&token)?;
        assert_eq!((claims.user_id, claims.session_id), (user, session));
        Ok(())
    }

    #[test]
    fn wrong_key_expired_and_garbage_fail() -> Result<(), AppError> {
        let (token, _) = keys(SECRET).issue(Uuid::new_v4(), Uuid::new_v4(), Utc::now())?;
        assert!(
            keys("fedcba9876543210fedcba9876543210")
                .verify(&token)
                .is_err()
        );
        let (old, _) = keys(SECRET).issue(
            Uuid::new_v4(),
            Uuid::new_v4(),
            Utc::now() - chrono::Duration::hours(1),
        )?;
        assert!(keys(SECRET).verify(&old).is_err());
        assert!(keys(SECRET).verify("not.a.jwt").is_err());
        Ok(())
    }

    #[test]
    fn weak_secrets_are_refused() {
        assert!(load_secret(Some("short"), true, Path::new("/nonexistent")).is_err());
        assert!(
            load_secret(
                Some("changeme-changeme-changeme-changeme"),
                true,
                Path::new("/x")
            )
            .is_err()
        );
        assert!(load_secret(Some(&"a".repeat(40)), true, Path::new("/x")).is_err());
        assert!(matches!(
            load_secret(None, true, Path::new("/x")),
            Err(SecretError::Missing)
        ));
        assert!(load_secret(Some(SECRET), true, Path::new("/x")).is_ok());
    }

    #[test]
    fn development_generates_and_keeps_a_secret() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = load_secret(None, false, dir.path()).unwrap_or_default();
        let second = load_secret(None, false, dir.path()).unwrap_or_default();
        assert_eq!(first.len(), 64);
        assert_eq!(first, second);
    }
}
