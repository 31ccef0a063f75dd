//! Variants of images: each made once (concurrent requests for the same
//! one wait for a single render), kept in storage beside the originals and
//! served from there ever after; the named sizes and the placeholder are
//! made in the background right after an upload.

use std::io::BufReader;
use std::sync::Arc;

use tokio::sync::Semaphore;

use super::model::MediaItem;
use super::render::{self, Decoded, RenderError};
use super::storage::{Storage, StorageError};
use super::transform::{Plan, Source, Transform};
use crate::config::MediaSize;

/// Variant keys remembered as stored (a hit then needs no storage call).
const REMEMBERED: u64 = 100_000;

/// Types this server decodes (AVIF and SVG are served as they are).
const TRANSFORMABLE: &[&str] = &["image/jpeg", "image/png", "image/gif", "image/webp"];

/// Why a variant could not be had.
#[derive(Debug, thiserror::Error)]
pub(crate) enum VariantError {
    /// The image itself is the problem (too big, damaged).
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The render task died (a panic in a codec).
    #[error("the render task failed: {0}")]
    Task(String),
}

/// Made variants; cheap to clone.
#[derive(Clone)]
pub(crate) struct Variants {
    storage: Arc<dyn Storage>,
    /// Key → stored size, for variants known to be stored.
    made: moka::future::Cache<String, u64>,
    /// Decodes at once: each holds a whole image in memory.
    renders: Arc<Semaphore>,
    /// Background work (named sizes after uploads) queued for `renders`
    /// at once: one, so a request's render waits behind at most one
    /// background job however many uploads came before it.
    background: Arc<Semaphore>,
    max_pixels: u64,
    sizes: Arc<[MediaSize]>,
}

impl Variants {
    pub(crate) fn new(storage: Arc<dyn Storage>, sizes: Vec<MediaSize>, max_pixels: u64) -> Self {
        // Half the cores: renders are the heaviest work the server does
        // and must not starve requests; at least one.
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self {
            storage,
            made: moka::future::Cache::new(REMEMBERED),
            renders: Arc::new(Semaphore::new((cores / 2).max(1))),
            background: Arc::new(Semaphore::new(1)),
            max_pixels,
            sizes: sizes.into(),
        }
    }

    /// The install's named sizes.
    pub(crate) fn sizes(&self) -> &[MediaSize] {
        &self.sizes
    }

    /// Most pixels an image may have.
    pub(crate) fn max_pixels(&self) -> u64 {
        self.max_pixels
    }

    /// What plans need to know of `item`, if it is an image this server
    /// can transform.
    pub(crate) fn source(item: &MediaItem) -> Option<Source> {
        if !TRANSFORMABLE.contains(&item.mime_type.as_str()) {
            return None;
        }
        Some(Source {
            width: u32::try_from(item.width?).ok()?,
            height: u32::try_from(item.height?).ok()?,
            focal: (item.focal_x.unwrap_or(0.5), item.focal_y.unwrap_or(0.5)),
            may_be_transparent: item.mime_type != "image/jpeg",
        })
    }

    /// The stored key and size of `item`'s variant by `plan`, made now if
    /// it is not stored yet.
    pub(crate) async fn ensure(
        &self,
        item: &MediaItem,
        plan: &Plan,
    ) -> Result<(String, u64), Arc<VariantError>> {
        let key = plan.key(&item.checksum);
        let size = self
            .made
            .try_get_with(key.clone(), async {
                if let Some(size) = self.storage.size(&key).await? {
                    return Ok(size);
                }
                let plan = *plan;
                let made = self
                    .with_decoded(item, move |image| image.render(&plan))
                    .await?;
                let size = made.len() as u64;
                self.storage.put_bytes(&key, made.into()).await?;
                Ok::<_, VariantError>(size)
            })
            .await?;
        Ok((key, size))
    }

    /// Makes the named sizes of a new upload and returns its placeholder
    /// (`None` for files that are not transformable images). One decode
    /// serves them all.
    pub(crate) async fn derive(&self, item: &MediaItem) -> Result<Option<String>, VariantError> {
        let Some(source) = Self::source(item) else {
            return Ok(None);
        };
        // Sizes bigger than the image come out the same: one key, one render.
        let plans: std::collections::BTreeMap<String, Plan> = self
            .sizes
            .iter()
            .map(|size| {
                let plan = Plan::new(&Transform::sized(size), source, "");
                (plan.key(&item.checksum), plan)
            })
            .collect();
        let _turn = self
            .background
            .acquire()
            .await
            .map_err(|e| VariantError::Task(e.to_string()))?;
        let mut missing = Vec::new();
        for (key, plan) in plans {
            if self.storage.size(&key).await?.is_none() {
                missing.push((key, plan));
            }
        }
        let (placeholder, made) = self
            .with_decoded(item, move |image| {
                let placeholder = image.placeholder()?;
                let made = missing
                    .into_iter()
                    .map(|(key, plan)| Ok((key, image.render(&plan)?)))
                    .collect::<Result<Vec<_>, RenderError>>()?;
                Ok((placeholder, made))
            })
            .await?;
        for (key, bytes) in made {
            let size = bytes.len() as u64;
            self.storage.put_bytes(&key, bytes.into()).await?;
            self.made.insert(key, size).await;
        }
        Ok(Some(placeholder))
    }

    /// Runs `work` on `item` decoded, off the runtime, one of at most
    /// [`Self::renders`] at a time.
    async fn with_decoded<T, F>(&self, item: &MediaItem, work: F) -> Result<T, VariantError>
    where
        T: Send + 'static,
        F: FnOnce(&Decoded) -> Result<T, RenderError> + Send + 'static,
    {
        let permit = Arc::clone(&self.renders)
            .acquire_owned()
            .await
            .map_err(|e| VariantError::Task(e.to_string()))?;
        let file = self.storage.open(&item.storage_key).await?;
        let max_pixels = self.max_pixels;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let image = render::decode(BufReader::new(file), max_pixels)?;
            work(&image)
        })
        .await
        .map_err(|e| VariantError::Task(e.to_string()))?
        .map_err(VariantError::from)
    }
}
