//! Where files' bytes live, behind one interface: the local disk
//! ([`local`]) or S3-compatible object storage ([`s3`]). Keys are relative
//! paths made by [`key_for`] from a file's checksum: identical uploads
//! share one object, and a key never holds anything a client chose.

mod local;
mod s3;

use std::ops::Range;

use axum::body::Body;

pub(crate) use local::LocalStorage;
pub(crate) use s3::S3Storage;

use crate::error::AppError;

/// The storage key for bytes with this SHA-256 (lowercase hex).
pub(crate) fn key_for(checksum: &str) -> String {
    let (a, rest) = checksum.split_at(2.min(checksum.len()));
    let (b, _) = rest.split_at(2.min(rest.len()));
    format!("sha256/{a}/{b}/{checksum}")
}

/// Why storage failed; the cause is logged, the client sees INTERNAL.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StorageError {
    /// No object under the key.
    #[error("no stored object {0}")]
    Missing(String),
    /// The disk could not be read or written.
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
    /// Object storage refused or could not be reached.
    #[error("object storage: {0}")]
    Remote(#[from] object_store::Error),
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        AppError::Internal(err.into())
    }
}

/// A place files are kept.
#[async_trait::async_trait]
pub(crate) trait Storage: Send + Sync + 'static {
    /// Keeps the contents of `file` under `key`; a key already present is
    /// left as it is (its bytes are the same: the key is their checksum).
    async fn put(&self, key: &str, file: std::fs::File) -> Result<(), StorageError>;

    /// Keeps `bytes` under `key` (a made variant: small, already in memory).
    async fn put_bytes(&self, key: &str, bytes: axum::body::Bytes) -> Result<(), StorageError>;

    /// The bytes of `range` (all of them when `None`) of the object.
    async fn read(&self, key: &str, range: Option<Range<u64>>) -> Result<Body, StorageError>;

    /// The object as a file to read and seek (a download for remote
    /// storage), for work that needs the whole file, such as decoding.
    async fn open(&self, key: &str) -> Result<std::fs::File, StorageError>;

    /// The object's size, or `None` when nothing is stored under `key`.
    async fn size(&self, key: &str) -> Result<Option<u64>, StorageError>;

    /// Removes the object; nothing under `key` is no error.
    async fn delete(&self, key: &str) -> Result<(), StorageError>;

    /// A URL a client may `PUT` the object's bytes to directly, valid for
    /// `valid`; `None` when this storage has no such URLs (the server
    /// then takes the bytes itself).
    async fn upload_url(
        &self,
        key: &str,
        valid: std::time::Duration,
    ) -> Result<Option<String>, StorageError>;
}

/// Where a direct upload's bytes wait for `completeUpload`.
pub(crate) fn staging_key(upload: uuid::Uuid) -> String {
    format!("staging/{}", upload.simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_of_the_checksum_only() {
        let sum = "ab".repeat(32);
        assert_eq!(key_for(&sum), format!("sha256/ab/ab/{sum}"));
    }
}
