//! Files under a directory of the local disk (`$VELLUM_DATA_DIR/media`).

use std::io::{Seek, SeekFrom};
use std::ops::Range;
use std::path::PathBuf;

use axum::body::Body;
use tokio::io::AsyncReadExt;

use super::{Storage, StorageError};

/// Files under a directory of the local disk (`$VELLUM_DATA_DIR/media`).
pub(crate) struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub(crate) fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }
}

#[async_trait::async_trait]
impl Storage for LocalStorage {
    async fn put(&self, key: &str, mut file: std::fs::File) -> Result<(), StorageError> {
        let target = self.path(key);
        let partial = self.root.join("partial");
        tokio::task::spawn_blocking(move || -> Result<(), StorageError> {
            if target.exists() {
                return Ok(());
            }
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::create_dir_all(&partial)?;
            // Written beside, then renamed: a reader never sees half a file,
            // and a crash leaves only a stray file under `partial/`.
            let scratch = partial.join(uuid::Uuid::new_v4().simple().to_string());
            let written = (|| -> std::io::Result<()> {
                file.seek(SeekFrom::Start(0))?;
                let mut out = std::fs::File::create(&scratch)?;
                std::io::copy(&mut file, &mut out)?;
                out.sync_all()?;
                std::fs::rename(&scratch, &target)
            })();
            if written.is_err() {
                let _ = std::fs::remove_file(&scratch);
            }
            Ok(written?)
        })
        .await
        .map_err(|e| StorageError::Io(std::io::Error::other(e)))?
    }

    async fn put_bytes(&self, key: &str, bytes: axum::body::Bytes) -> Result<(), StorageError> {
        let mut file = tempfile::tempfile()?;
        std::io::Write::write_all(&mut file, &bytes)?;
        self.put(key, file).await
    }

    async fn open(&self, key: &str) -> Result<std::fs::File, StorageError> {
        match std::fs::File::open(self.path(key)) {
            Ok(file) => Ok(file),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Err(StorageError::Missing(key.to_string()))
            }
            Err(err) => Err(err.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }

    async fn upload_url(
        &self,
        _key: &str,
        _valid: std::time::Duration,
    ) -> Result<Option<String>, StorageError> {
        Ok(None)
    }

    async fn size(&self, key: &str) -> Result<Option<u64>, StorageError> {
        match tokio::fs::metadata(self.path(key)).await {
            Ok(meta) => Ok(Some(meta.len())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    async fn read(&self, key: &str, range: Option<Range<u64>>) -> Result<Body, StorageError> {
        let mut file = match tokio::fs::File::open(self.path(key)).await {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::Missing(key.to_string()));
            }
            Err(err) => return Err(err.into()),
        };
        let body = match range {
            Some(range) => {
                use tokio::io::AsyncSeekExt;
                file.seek(SeekFrom::Start(range.start)).await?;
                Body::from_stream(tokio_util::io::ReaderStream::new(
                    file.take(range.end.saturating_sub(range.start)),
                ))
            }
            None => Body::from_stream(tokio_util::io::ReaderStream::new(file)),
        };
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stored_file_reads_back_whole_and_in_ranges() -> Result<(), StorageError> {
        let dir = tempfile::tempdir()?;
        let storage = LocalStorage::new(dir.path().to_path_buf());
        let mut source = tempfile::tempfile()?;
        std::io::Write::write_all(&mut source, b"0123456789")?;
        storage.put("sha256/aa/bb/x", source.try_clone()?).await?;
        // Putting the same key again keeps the first object.
        storage.put("sha256/aa/bb/x", tempfile::tempfile()?).await?;
        let read = |range| async {
            let body = storage.read("sha256/aa/bb/x", range).await?;
            let bytes = axum::body::to_bytes(body, 1024)
                .await
                .map_err(|e| StorageError::Io(std::io::Error::other(e)))?;
            Ok::<_, StorageError>(bytes)
        };
        assert_eq!(&read(None).await?[..], b"0123456789");
        assert_eq!(&read(Some(2..5)).await?[..], b"234");
        assert!(matches!(
            storage.read("sha256/aa/bb/y", None).await,
            Err(StorageError::Missing(_))
        ));
        Ok(())
    }
}
