//! S3-compatible object storage (AWS S3, MinIO, Ceph, R2, ...), through
//! the `object_store` crate. Uploads go up as multipart uploads read from
//! the temporary file a chunk at a time, so memory stays bounded whatever
//! the file's size.

use std::ops::Range;

use axum::body::Body;
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::signer::Signer;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, WriteMultipart};
use tokio::io::AsyncReadExt;

use super::{Storage, StorageError};
use crate::config::S3Settings;

/// Bytes read from the file per write; parts go up at object_store's
/// default part size (5 MiB, S3's minimum).
const READ_CHUNK: usize = 1024 * 1024;
/// Parts in flight at once for one upload.
const PARTS_IN_FLIGHT: usize = 2;

/// One bucket (and key prefix) of object storage.
pub(crate) struct S3Storage {
    store: AmazonS3,
    prefix: String,
}

impl S3Storage {
    /// Storage from the settings; credentials and anything else not set
    /// there come from the standard `AWS_*` variables.
    pub(crate) fn new(settings: &S3Settings) -> Result<Self, StorageError> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"))
                // MinIO and most self-hosted servers want path-style URLs.
                .with_virtual_hosted_style_request(false);
        }
        if let (Some(id), Some(secret)) = (&settings.access_key_id, &settings.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        Ok(Self {
            store: builder.build()?,
            prefix: settings.prefix.clone(),
        })
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        }
    }
}

#[async_trait::async_trait]
impl Storage for S3Storage {
    async fn put(&self, key: &str, file: std::fs::File) -> Result<(), StorageError> {
        let path = self.path(key);
        match self.store.head(&path).await {
            Ok(_) => return Ok(()),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(err) => return Err(err.into()),
        }
        let mut file = tokio::fs::File::from_std(file);
        {
            use tokio::io::AsyncSeekExt;
            file.seek(std::io::SeekFrom::Start(0)).await?;
        }
        let mut upload = WriteMultipart::new(self.store.put_multipart(&path).await?);
        let mut chunk = vec![0u8; READ_CHUNK];
        loop {
            let read = match file.read(&mut chunk).await {
                Ok(0) => break,
                Ok(read) => read,
                Err(err) => {
                    let _ = upload.abort().await;
                    return Err(err.into());
                }
            };
            if let Err(err) = upload.wait_for_capacity(PARTS_IN_FLIGHT).await {
                let _ = upload.abort().await;
                return Err(err.into());
            }
            upload.write(&chunk[..read]);
        }
        upload.finish().await?;
        Ok(())
    }

    async fn put_bytes(&self, key: &str, bytes: axum::body::Bytes) -> Result<(), StorageError> {
        self.store
            .put(&self.path(key), object_store::PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    async fn open(&self, key: &str) -> Result<std::fs::File, StorageError> {
        let result = match self.store.get(&self.path(key)).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StorageError::Missing(key.to_string()));
            }
            Err(err) => return Err(err.into()),
        };
        let file = tempfile::tempfile()?;
        let mut out = tokio::fs::File::from_std(file.try_clone()?);
        let mut stream = result.into_stream();
        while let Some(chunk) = stream.try_next().await? {
            tokio::io::AsyncWriteExt::write_all(&mut out, &chunk).await?;
        }
        tokio::io::AsyncWriteExt::flush(&mut out).await?;
        // The two handles share one offset, which the writes left at the end.
        let mut file = file;
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(0))?;
        Ok(file)
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&self.path(key)).await {
            Err(err) if !matches!(err, object_store::Error::NotFound { .. }) => Err(err.into()),
            _ => Ok(()),
        }
    }

    async fn upload_url(
        &self,
        key: &str,
        valid: std::time::Duration,
    ) -> Result<Option<String>, StorageError> {
        let url = self
            .store
            .signed_url(http::Method::PUT, &self.path(key), valid)
            .await?;
        Ok(Some(url.to_string()))
    }

    async fn size(&self, key: &str) -> Result<Option<u64>, StorageError> {
        match self.store.head(&self.path(key)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    async fn read(&self, key: &str, range: Option<Range<u64>>) -> Result<Body, StorageError> {
        let options = GetOptions {
            range: range.map(GetRange::Bounded),
            ..GetOptions::default()
        };
        let result = match self.store.get_opts(&self.path(key), options).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StorageError::Missing(key.to_string()));
            }
            Err(err) => return Err(err.into()),
        };
        Ok(Body::from_stream(
            result.into_stream().map_err(std::io::Error::other),
        ))
    }
}
