//! Password hashing with Argon2id, off the async runtime and bounded, so a
//! burst of sign-ins cannot starve request handling or exhaust memory
//! (each hash takes ~19 MiB).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Memory cost in KiB (OWASP's minimum for Argon2id).
const MEMORY_KIB: u32 = 19_456;
/// Iterations.
const ITERATIONS: u32 = 2;
/// Parallelism.
const PARALLELISM: u32 = 1;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// Lowest zxcvbn score (0-4) accepted: 2 means more than 10^6 guesses.
const MIN_STRENGTH: u8 = 2;
/// Longest password accepted; bounds hashing work per request.
pub const MAX_LENGTH: usize = 1024;

/// Hashes running at once; the rest wait their turn.
static HASH_PERMITS: Semaphore = Semaphore::const_new(4);

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Checks length and strength; `field` names the input for the error.
/// The strength estimate is CPU work, so it runs on the blocking pool.
pub async fn validate(field: &str, password: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(AppError::bad_input(
            field,
            format!("password must be at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(AppError::bad_input(
            field,
            format!("password must be at most {MAX_LENGTH} characters"),
        ));
    }
    // zxcvbn knows common passwords, names and keyboard walks; its cost
    // grows with length, and the first 128 characters decide anyway.
    let head: String = password.chars().take(128).collect();
    let score = tokio::task::spawn_blocking(move || zxcvbn::zxcvbn(&head, &[]).score() as u8)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if score < MIN_STRENGTH {
        return Err(AppError::bad_input(
            field,
            "this password is too common or too easy to guess; try a few unrelated words",
        ));
    }
    Ok(())
}

/// Whether a stored hash was made with weaker parameters than today's
/// (or another algorithm), so it should be replaced on the next sign-in.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    if parsed.algorithm.as_str() != "argon2id" {
        return true;
    }
    let param = |name: &str| parsed.params.get_decimal(name).unwrap_or(0);
    param("m") < MEMORY_KIB || param("t") < ITERATIONS || param("p") < PARALLELISM
}

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = HASH_PERMITS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 salt: {e}")))?;
        argon2()?
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 hash: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Whether `password` matches the PHC string `hash`.
pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    let _permit = HASH_PERMITS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("stored hash unreadable: {e}")))?;
        Ok(argon2()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() -> Result<(), AppError> {
        let hash = hash("correct horse battery".into()).await?;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify("correct horse battery".into(), hash.clone()).await?);
        assert!(!verify("wrong horse battery".into(), hash).await?);
        Ok(())
    }

    #[tokio::test]
    async fn weaker_hashes_need_rehashing() -> Result<(), AppError> {
        let current = hash("correct horse battery".into()).await?;
        assert!(!needs_rehash(&current));
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 1, 1, None)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
        )
        .hash_password(
            b"pw",
            &SaltString::encode_b64(&[7u8; 16])
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
        )
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?
        .to_string();
        assert!(needs_rehash(&weak));
        assert!(needs_rehash("not a phc string"));
        Ok(())
    }

    #[tokio::test]
    async fn common_passwords_are_refused() {
        for common in ["password123", "1234567890", "qwertyuiop", "iloveyou12"] {
            assert!(validate("p", common).await.is_err(), "{common}");
        }
        assert!(validate("p", "correct horse battery staple").await.is_ok());
    }

    #[tokio::test]
    async fn length_rules() {
        assert!(validate("p", "short").await.is_err());
        assert!(
            validate("p", &"kX9#mQ2$vL".repeat(7)).await.is_ok(),
            "at least 64 accepted"
        );
        assert!(validate("p", &"x".repeat(MAX_LENGTH + 1)).await.is_err());
    }
}
