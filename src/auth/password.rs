//! Password rules and hashing with Argon2id. The hashing runs on threads
//! of its own (`super::hashing`), so a burst of sign-ins can neither starve
//! request handling nor exhaust memory (each hash takes ~19 MiB).

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::hashing;
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

fn params() -> Result<Params, AppError> {
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).map_err(|e| failed("params", e))
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
    hashing::run(move |memory| {
        let salt_bytes = rand::random::<[u8; 16]>();
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| failed("salt", e))?;
        let params = params()?;
        let blocks = params.block_count();
        let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
            hasher
                .hash_password_into_with_memory(
                    password.as_bytes(),
                    &salt_bytes,
                    out,
                    memory.blocks(blocks, blocks),
                )
                .map_err(Into::into)
        })
        .map_err(|e| failed("hash", e))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| failed("params", e))?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    })
    .await?
}

/// Whether `password` matches the PHC string `hash` (made with today's
/// parameters or any earlier ones).
pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    hashing::run(move |memory| {
        let stored = PasswordHash::new(&hash).map_err(|e| failed("stored hash unreadable", e))?;
        let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "stored hash has no salt or output"
            )));
        };
        let algorithm =
            Algorithm::try_from(stored.algorithm).map_err(|e| failed("stored algorithm", e))?;
        let version = stored
            .version
            .map(Version::try_from)
            .transpose()
            .map_err(|e| failed("stored version", e))?
            .unwrap_or_default();
        let params = Params::try_from(&stored).map_err(|e| failed("stored params", e))?;
        let mut salt_buffer = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_buffer)
            .map_err(|e| failed("stored salt", e))?;
        let blocks = params.block_count();
        let hasher = Argon2::new(algorithm, version, params);
        let computed = Output::init_with(expected.len(), |out| {
            hasher
                .hash_password_into_with_memory(
                    password.as_bytes(),
                    salt_bytes,
                    out,
                    memory.blocks(blocks, today_blocks()),
                )
                .map_err(Into::into)
        })
        .map_err(|e| failed("verify", e))?;
        // `Output`'s equality takes the same time wherever they differ.
        Ok(computed == expected)
    })
    .await?
}

/// Blocks a hash with today's parameters takes.
fn today_blocks() -> usize {
    params().map_or(0, |p| p.block_count())
}

fn failed(what: &str, err: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("argon2 {what}: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

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
        assert!(
            verify("pw".into(), weak.clone()).await?,
            "older hashes still verify"
        );
        assert!(!verify("px".into(), weak).await?);
        Ok(())
    }

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crates_own() -> Result<(), AppError> {
        let ours = hash("correct horse battery".into()).await?;
        let parsed = PasswordHash::new(&ours).map_err(|e| failed("parse", e))?;
        let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params()?);
        assert!(
            hasher
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
        let theirs = hasher
            .hash_password(
                b"correct horse battery",
                &SaltString::encode_b64(&[9u8; 16]).map_err(|e| failed("salt", e))?,
            )
            .map_err(|e| failed("hash", e))?
            .to_string();
        assert!(verify("correct horse battery".into(), theirs).await?);
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
