//! Opaque random tokens (refresh tokens; later reset and API keys): 256
//! random bits shown once, stored only as a SHA-256 hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// A fresh token and its hash.
pub fn generate() -> (String, Vec<u8>) {
    let token = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of a token. A fast hash is right here: the token has
/// 256 bits of entropy, so there is nothing to brute-force.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_unique_and_hash_stably() {
        let (a, hash_a) = super::generate();
        let (b, _) = super::generate();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(super::hash(&a), hash_a);
    }
}
