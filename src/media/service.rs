//! The media library's rules: who may upload, see, change and delete
//! files, and the one path every upload takes (sniff, hash, store, record).

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use async_graphql::UploadValue;
use chrono::Utc;
use diesel_async::{AsyncConnection, AsyncPgConnection};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{MediaChangeset, MediaItem, NewMedia};
use super::storage::{Storage, key_for};
use super::store::{self, MediaFilter};
use super::urls::MediaUrls;
use super::variants::Variants;
use super::{sniff, strip};
use crate::audit::model::NewAuditEntry;
use crate::content::shape::TagIds;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::NewEvent;
use crate::pagination::Page;
use crate::rbac::perm;
use crate::rbac::principal::{Principal, UserPrincipal};

/// Longest title, alt text and caption (characters), as the table checks.
const MAX_TITLE: usize = 500;
const MAX_ALT: usize = 1000;
const MAX_CAPTION: usize = 5000;
/// Most types one listing filters on.
const MAX_FILTER_TYPES: usize = 20;
/// Longest search text of a listing (characters).
const MAX_FILTER_TEXT: usize = 200;
/// Longest file name kept (characters).
const MAX_FILENAME: usize = 255;
/// Most files one `moveMedia` moves.
const MAX_MOVED: usize = 100;
/// Most tags on one file.
const MAX_TAGS: usize = 50;
/// Most items `Media.usage` lists.
const MAX_USAGE: i64 = 100;
/// Items a refused delete names.
const USES_NAMED: usize = 5;

/// Event kinds of the library.
pub(crate) mod kind {
    pub(crate) const MEDIA_CREATED: &str = "media.created";
    pub(crate) const MEDIA_UPDATED: &str = "media.updated";
    pub(crate) const MEDIA_DELETED: &str = "media.deleted";
    pub(crate) const MEDIA_RESTORED: &str = "media.restored";
}

/// How a caller may see a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    /// By who they are (or a signed link).
    Privately,
    /// By anyone: a published item uses it.
    Publicly,
}

/// How an upload is described.
#[derive(Debug, Default)]
pub(crate) struct UploadInput {
    pub(crate) title: Option<String>,
    pub(crate) alt: Option<String>,
    pub(crate) caption: Option<String>,
}

/// A change to a file's description.
#[derive(Debug, Default)]
pub(crate) struct MediaEdit {
    pub(crate) id: Uuid,
    pub(crate) title: Option<String>,
    pub(crate) alt: Option<String>,
    pub(crate) caption: Option<String>,
    /// `Some(None)` clears the focal point.
    pub(crate) focal_point: Option<Option<(f64, f64)>>,
    /// The whole list of tags.
    pub(crate) tag_ids: Option<Vec<Uuid>>,
}

struct Inner {
    db: Db,
    storage: Arc<dyn Storage>,
    urls: MediaUrls,
    variants: Variants,
    max_bytes: u64,
    limits: crate::config::MediaLimits,
    clamd: Option<super::scan::ClamdAddr>,
}

/// The media library; cheap to clone.
#[derive(Clone)]
pub struct MediaService(Arc<Inner>);

/// An upload checked and ready to store.
struct Prepared {
    filename: String,
    mime: &'static str,
    facts: Facts,
    dimensions: Option<(i32, i32)>,
    duration_ms: Option<i64>,
    key: String,
    /// The bytes to store; taken once stored.
    content: Option<std::fs::File>,
}

/// What reading an upload's bytes found.
struct Facts {
    size: u64,
    checksum: String,
    head: Vec<u8>,
}

impl MediaService {
    pub(crate) fn new(
        db: Db,
        storage: Arc<dyn Storage>,
        urls: MediaUrls,
        variants: Variants,
        max_bytes: u64,
        limits: crate::config::MediaLimits,
        clamd: Option<super::scan::ClamdAddr>,
    ) -> Self {
        Self(Arc::new(Inner {
            db,
            storage,
            urls,
            variants,
            max_bytes,
            limits,
            clamd,
        }))
    }

    /// Largest file an upload may carry.
    pub(crate) fn max_bytes(&self) -> u64 {
        self.0.max_bytes
    }

    pub(crate) fn variants(&self) -> &Variants {
        &self.0.variants
    }

    pub(crate) fn urls(&self) -> &MediaUrls {
        &self.0.urls
    }

    pub(crate) fn storage(&self) -> &dyn Storage {
        self.0.storage.as_ref()
    }

    /// Stores uploaded files and records them, all or none: every file is
    /// checked and stored before any row is written, and the rows go in one
    /// transaction. `field` names the files in errors (`file`, `files.2`).
    pub(crate) async fn upload(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        uploads: Vec<(String, UploadValue)>,
        input: UploadInput,
    ) -> Result<Vec<MediaItem>, AppError> {
        let user = principal.require(perm::MEDIA_UPLOAD)?;
        let title = text("input.title", input.title, MAX_TITLE)?;
        let alt = text("input.alt", input.alt, MAX_ALT)?;
        let caption = text("input.caption", input.caption, MAX_CAPTION)?;
        let mut ready = Vec::with_capacity(uploads.len());
        for (field, upload) in uploads {
            ready.push(self.prepare(&field, upload, &user.role.name).await?);
        }
        for file in &mut ready {
            if let Some(content) = file.content.take() {
                self.0.storage.put(&file.key, content).await?;
            }
        }
        let mut conn = self.0.db.conn().await?;
        let items = conn
            .transaction::<_, AppError, _>(async |conn| {
                let mut items = Vec::with_capacity(ready.len());
                for file in &ready {
                    let item = store::insert(
                        conn,
                        &NewMedia {
                            id: Uuid::new_v4(),
                            filename: &file.filename,
                            title: title.as_deref().unwrap_or_default(),
                            alt: alt.as_deref().unwrap_or_default(),
                            caption: caption.as_deref().unwrap_or_default(),
                            mime_type: file.mime,
                            size_bytes: i64::try_from(file.facts.size).unwrap_or(i64::MAX),
                            checksum: &file.facts.checksum,
                            storage_key: &file.key,
                            width: file.dimensions.map(|d| d.0),
                            height: file.dimensions.map(|d| d.1),
                            duration_ms: file.duration_ms,
                            uploader_id: Some(user.user_id),
                        },
                    )
                    .await?;
                    record(
                        conn,
                        meta,
                        user,
                        &item,
                        "media.uploaded",
                        kind::MEDIA_CREATED,
                    )
                    .await?;
                    items.push(item);
                }
                Ok(items)
            })
            .await?;
        for item in &items {
            self.derive_later(item.clone());
        }
        Ok(items)
    }

    /// Makes an image's named sizes and placeholder in the background: the
    /// upload has answered already, and a failure only means they are made
    /// on first request (and the placeholder stays empty).
    fn derive_later(&self, item: MediaItem) {
        if Variants::source(&item).is_none() {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            // A busy database is worth waiting for; anything else is not.
            for wait in [2, 5, 15, 0] {
                match this.derive(&item).await {
                    Ok(()) => return,
                    Err(AppError::Unavailable { .. }) if wait > 0 => {
                        tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
                    }
                    Err(err) => {
                        tracing::warn!(media = %item.id, error = %err, "cannot make an image's variants");
                        return;
                    }
                }
            }
        });
    }

    async fn derive(&self, item: &MediaItem) -> Result<(), AppError> {
        let known = {
            let mut conn = self.0.db.conn().await?;
            store::known_placeholder(&mut conn, &item.checksum).await?
        };
        let placeholder = match known {
            Some(known) => Some(known),
            None => self
                .0
                .variants
                .derive(item)
                .await
                .map_err(|e| AppError::Internal(e.into()))?,
        };
        if let Some(placeholder) = placeholder {
            let mut conn = self.0.db.conn().await?;
            store::set_placeholder(&mut conn, &item.checksum, &placeholder).await?;
        }
        Ok(())
    }

    /// Checks one upload and makes what is stored of it: its type from the
    /// bytes, images without their metadata, size and checksum.
    async fn prepare(
        &self,
        field: &str,
        upload: UploadValue,
        role: &str,
    ) -> Result<Prepared, AppError> {
        let filename = clean_filename(&upload.filename);
        let facts = facts_of(&upload.content).await?;
        if facts.size == 0 {
            return Err(AppError::bad_input(field, "the file is empty"));
        }
        if facts.size > self.0.max_bytes {
            return Err(AppError::bad_input(
                field,
                format!(
                    "the file is larger than {} bytes (VELLUM_MEDIA_MAX_BYTES)",
                    self.0.max_bytes
                ),
            ));
        }
        let mime = sniff::sniff(&facts.head);
        sniff::check(field, mime, &filename, upload.content_type.as_deref())?;
        if let Some((limit, what)) = self.0.limits.for_upload(role, mime)
            && facts.size > limit
        {
            return Err(AppError::bad_input(
                field,
                format!("the file is larger than {limit} bytes, the limit for {what}"),
            ));
        }
        // What is stored (and hashed) is the image without its metadata.
        let (content, facts, orientation) = if strip::applies_to(mime) {
            let (stripped, orientation) = without_metadata(field, mime, &upload.content).await?;
            let facts = facts_of(&stripped).await?;
            (stripped, facts, orientation)
        } else {
            (upload.content, facts, None)
        };
        self.scanned(field, &content).await?;
        // Sizes are upright: orientations 5 to 8 turn the image a quarter.
        let dimensions = sniff::dimensions(mime, &facts.head).map(|(w, h)| {
            if orientation.is_some_and(|o| o >= 5) {
                (h, w)
            } else {
                (w, h)
            }
        });
        if let Some((w, h)) = dimensions {
            let max = self.0.variants.max_pixels();
            if u64::from(w.unsigned_abs()) * u64::from(h.unsigned_abs()) > max {
                return Err(AppError::bad_input(
                    field,
                    format!(
                        "the image is {w}×{h} pixels; at most {max} pixels (VELLUM_MEDIA_MAX_PIXELS)"
                    ),
                ));
            }
        }
        let duration_ms = duration_of(mime, &content).await;
        Ok(Prepared {
            dimensions,
            duration_ms,
            key: key_for(&facts.checksum),
            filename,
            mime,
            facts,
            content: Some(content),
        })
    }

    /// Refuses `content` if clamd (when configured) finds malware in it, or
    /// cannot say: an unscanned file is never stored.
    async fn scanned(&self, field: &str, content: &std::fs::File) -> Result<(), AppError> {
        let Some(clamd) = &self.0.clamd else {
            return Ok(());
        };
        match super::scan::scan(clamd, content).await {
            Ok(super::scan::Verdict::Clean) => Ok(()),
            Ok(super::scan::Verdict::Infected(signature)) => Err(AppError::bad_input(
                field,
                format!("the virus scanner found {signature} in the file"),
            )),
            Err(err) => Err(AppError::Unavailable {
                retry_after_secs: crate::error::UNAVAILABLE_RETRY_AFTER_SECS,
                cause: anyhow::anyhow!("cannot scan an upload: {err}"),
            }),
        }
    }

    /// A file the caller may see, or `None`.
    pub(crate) async fn get(
        &self,
        principal: &Principal,
        id: Uuid,
    ) -> Result<Option<MediaItem>, AppError> {
        let mut conn = self.0.db.conn().await?;
        let Some(item) = store::find(&mut conn, id)
            .await?
            .filter(|item| item.deleted_at.is_none())
        else {
            return Ok(None);
        };
        Ok(self.may_see(principal, &item).await?.then_some(item))
    }

    /// Whether `principal` may see `item`: [`may_read`], or anyone when an
    /// item the public sees uses it (its live version does).
    pub(crate) async fn may_see(
        &self,
        principal: &Principal,
        item: &MediaItem,
    ) -> Result<bool, AppError> {
        Ok(self.seen_by(principal, item).await?.is_some())
    }

    /// How `principal` may see `item`, if at all: as its uploader or a
    /// `media.read_any` holder, or as anyone, the file being public.
    pub(crate) async fn seen_by(
        &self,
        principal: &Principal,
        item: &MediaItem,
    ) -> Result<Option<Seen>, AppError> {
        if may_read(principal, item) {
            return Ok(Some(Seen::Privately));
        }
        let mut conn = self.0.db.conn().await?;
        Ok(store::is_public(&mut conn, item.id)
            .await?
            .then_some(Seen::Publicly))
    }

    /// The items whose working or live version uses `item` (at most
    /// [`MAX_USAGE`]).
    pub(crate) async fn usage(&self, item: &MediaItem) -> Result<Vec<store::Usage>, AppError> {
        let mut conn = self.0.db.conn().await?;
        Ok(store::usage(&mut conn, item.id, MAX_USAGE).await?)
    }

    /// A page of the files the caller may see, newest first.
    pub(crate) async fn page(
        &self,
        principal: &Principal,
        mut filter: MediaFilter,
        page: &Page,
    ) -> Result<(Vec<MediaItem>, bool), AppError> {
        if filter.tags.len() > MAX_TAGS {
            return Err(AppError::bad_input(
                "filter.tags",
                format!("at most {MAX_TAGS} tags"),
            ));
        }
        if filter.mime_types.len() > MAX_FILTER_TYPES
            || filter.mime_types.iter().any(|t| t.len() > 100)
        {
            return Err(AppError::bad_input(
                "filter.mimeTypes",
                format!("at most {MAX_FILTER_TYPES} types of at most 100 characters"),
            ));
        }
        filter.text = text("filter.text", filter.text, MAX_FILTER_TEXT)?.filter(|t| !t.is_empty());
        if !principal.can(perm::MEDIA_READ_ANY) {
            match principal.user() {
                // Only their own uploads, whoever else they ask about.
                Ok(user) if filter.uploader.is_none_or(|u| u == user.user_id) => {
                    filter.uploader = Some(user.user_id);
                }
                // Public files are reached through the items that use
                // them (or by id); the public lists none.
                _ => return Ok((Vec::new(), false)),
            }
        }
        let mut conn = self.0.db.conn().await?;
        Ok(store::page(&mut conn, &filter, page).await?)
    }

    /// Changes a file's description.
    pub(crate) async fn update(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        edit: MediaEdit,
    ) -> Result<MediaItem, AppError> {
        let tag_ids = match edit.tag_ids {
            Some(ids) => Some(self.checked_tags(ids).await?),
            None => None,
        };
        let changes = MediaChangeset {
            tag_ids,
            title: text("input.title", edit.title, MAX_TITLE)?,
            alt: text("input.alt", edit.alt, MAX_ALT)?,
            caption: text("input.caption", edit.caption, MAX_CAPTION)?,
            focal_x: focal(edit.focal_point, |p| p.0)?,
            focal_y: focal(edit.focal_point, |p| p.1)?,
            updated_at: Some(Utc::now()),
            ..MediaChangeset::default()
        };
        self.change(principal, meta, edit.id, |item| {
            if item.deleted_at.is_some() {
                return Err(AppError::Conflict(
                    "the file is in the trash; restore it first".into(),
                ));
            }
            Ok(("media.updated", kind::MEDIA_UPDATED, changes))
        })
        .await
    }

    /// Tags for a file: distinct, at most [`MAX_TAGS`], each one that exists.
    async fn checked_tags(&self, ids: Vec<Uuid>) -> Result<TagIds, AppError> {
        let mut seen = std::collections::HashSet::new();
        let ids: Vec<Uuid> = ids.into_iter().filter(|id| seen.insert(*id)).collect();
        if ids.len() > MAX_TAGS {
            return Err(AppError::bad_input(
                "input.tagIds",
                format!("at most {MAX_TAGS} tags"),
            ));
        }
        if !ids.is_empty() {
            let mut conn = self.0.db.conn().await?;
            let found = crate::content::taxonomy::store::tags_by_ids(&mut conn, &ids).await?;
            if found.len() != ids.len() {
                return Err(AppError::bad_input(
                    "input.tagIds",
                    "names a tag that does not exist",
                ));
            }
        }
        Ok(TagIds(ids))
    }

    /// Moves a file to the trash, or back out of it. A file items use goes
    /// to the trash only with `force` (they keep pointing at it, and show
    /// nothing in its place until it is restored).
    pub(crate) async fn trash(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        restore: bool,
        force: bool,
    ) -> Result<MediaItem, AppError> {
        if !restore && !force {
            let mut conn = self.0.db.conn().await?;
            let users = store::usage(&mut conn, id, MAX_USAGE).await?;
            if !users.is_empty() {
                let named: Vec<String> = users
                    .iter()
                    .take(USES_NAMED)
                    .map(|u| u.content_id.to_string())
                    .collect();
                let more = if users.len() > USES_NAMED {
                    ", …"
                } else {
                    ""
                };
                return Err(AppError::Conflict(format!(
                    "the file is used by {} item{} ({}{more}); delete it with force: true \
                     to move it to the trash anyway",
                    users.len(),
                    if users.len() == 1 { "" } else { "s" },
                    named.join(", "),
                )));
            }
        }
        self.change(principal, meta, id, |item| {
            if item.deleted_at.is_some() != restore {
                return Err(AppError::Conflict(if restore {
                    "the file is not in the trash".into()
                } else {
                    "the file is already in the trash".into()
                }));
            }
            let now = Utc::now();
            let changes = MediaChangeset {
                updated_at: Some(now),
                deleted_at: Some((!restore).then_some(now)),
                ..MediaChangeset::default()
            };
            Ok(if restore {
                ("media.restored", kind::MEDIA_RESTORED, changes)
            } else {
                ("media.deleted", kind::MEDIA_DELETED, changes)
            })
        })
        .await
    }

    /// One change to a file the caller may edit: lock, decide, write,
    /// audit and announce, in one transaction.
    async fn change<F>(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        decide: F,
    ) -> Result<MediaItem, AppError>
    where
        F: FnOnce(&MediaItem) -> Result<(&'static str, &'static str, MediaChangeset), AppError>
            + Send,
    {
        let mut conn = self.0.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            change_in(conn, principal, meta, id, decide).await
        })
        .await
    }

    /// Moves files to `folder` (`None`: the top level), all or none: the
    /// caller must be allowed to change every one of them.
    pub(crate) async fn move_to(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        ids: Vec<Uuid>,
        folder: Option<Uuid>,
    ) -> Result<Vec<MediaItem>, AppError> {
        if ids.is_empty() || ids.len() > MAX_MOVED {
            return Err(AppError::bad_input(
                "input.ids",
                format!("name 1 to {MAX_MOVED} files"),
            ));
        }
        // Locked in one order, so two moves of overlapping files queue
        // instead of deadlocking.
        let mut ids = ids;
        ids.sort_unstable();
        ids.dedup();
        let mut conn = self.0.db.conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            if let Some(folder) = folder
                && super::folders::find(conn, folder).await?.is_none()
            {
                return Err(AppError::bad_input("input.folderId", "no such folder"));
            }
            let mut moved = Vec::with_capacity(ids.len());
            for id in ids {
                let item = change_in(conn, principal, meta, id, |_| {
                    Ok((
                        "media.moved",
                        kind::MEDIA_UPDATED,
                        MediaChangeset {
                            folder_id: Some(folder),
                            updated_at: Some(Utc::now()),
                            ..MediaChangeset::default()
                        },
                    ))
                })
                .await?;
                moved.push(item);
            }
            Ok(moved)
        })
        .await
    }

    /// A file for `GET /media/...`, unless it is in the trash.
    pub(crate) async fn for_delivery(&self, id: Uuid) -> Result<Option<MediaItem>, AppError> {
        let mut conn = self.0.db.conn().await?;
        Ok(store::find(&mut conn, id)
            .await?
            .filter(|item| item.deleted_at.is_none()))
    }
}

/// One change to a file the caller may edit, in the caller's transaction:
/// lock, decide, write, audit and announce.
async fn change_in<F>(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    meta: &RequestMeta,
    id: Uuid,
    decide: F,
) -> Result<MediaItem, AppError>
where
    F: FnOnce(&MediaItem) -> Result<(&'static str, &'static str, MediaChangeset), AppError> + Send,
{
    let item = store::lock(conn, id)
        .await?
        .filter(|item| may_read(principal, item))
        .ok_or_else(|| AppError::NotFound(format!("no such file: {id}")))?;
    let user = editor_of(principal, &item)?;
    let (action, event, changes) = decide(&item)?;
    let item = store::update(conn, id, &changes).await?;
    record(conn, meta, user, &item, action, event).await?;
    Ok(item)
}

/// Whether `principal` may see `item`: holders of `media.read_any`, and
/// whoever uploaded it.
pub(crate) fn may_read(principal: &Principal, item: &MediaItem) -> bool {
    principal.can(perm::MEDIA_READ_ANY)
        || principal
            .user()
            .is_ok_and(|user| item.uploader_id == Some(user.user_id))
}

/// The user who may change `item`: holders of `media.update_any`, or its
/// uploader with `media.update_own`.
fn editor_of<'p>(
    principal: &'p Principal,
    item: &MediaItem,
) -> Result<&'p UserPrincipal, AppError> {
    if let Ok(user) = principal.require(perm::MEDIA_UPDATE_ANY) {
        return Ok(user);
    }
    let user = principal.require(perm::MEDIA_UPDATE_OWN)?;
    if item.uploader_id != Some(user.user_id) {
        return Err(AppError::Forbidden(
            "you may change only your own uploads".into(),
        ));
    }
    Ok(user)
}

async fn record(
    conn: &mut AsyncPgConnection,
    meta: &RequestMeta,
    user: &UserPrincipal,
    item: &MediaItem,
    action: &str,
    event: &'static str,
) -> Result<(), AppError> {
    crate::audit::store::record(
        conn,
        &NewAuditEntry::new(action, meta)
            .by_user(user.user_id)
            .target("media", item.id)
            .details(serde_json::json!({
                "filename": item.filename,
                "mimeType": item.mime_type,
                "size": item.size_bytes,
            })),
    )
    .await?;
    crate::events::store::append(
        conn,
        &NewEvent {
            kind: event,
            content_id: None,
            user_id: item.uploader_id,
            actor_id: Some(user.user_id),
            data: serde_json::json!({ "mediaId": item.id, "mimeType": item.mime_type }),
        },
    )
    .await?;
    Ok(())
}

/// How long audio or video plays, read off the async runtime (`None` when
/// its headers do not say, or cannot be read).
async fn duration_of(mime: &'static str, file: &std::fs::File) -> Option<i64> {
    if !mime.starts_with("audio/") && !mime.starts_with("video/") {
        return None;
    }
    let mut file = std::io::BufReader::new(file.try_clone().ok()?);
    tokio::task::spawn_blocking(move || super::duration::of(mime, &mut file))
        .await
        .ok()
        .flatten()
}

/// [`read_facts`] off the async runtime.
async fn facts_of(file: &std::fs::File) -> Result<Facts, AppError> {
    let file = file.try_clone().map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || read_facts(file))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))
}

/// A temporary copy of an image without its metadata, and the
/// orientation it kept; `field` names the upload in errors.
async fn without_metadata(
    field: &str,
    mime: &'static str,
    file: &std::fs::File,
) -> Result<(std::fs::File, Option<u16>), AppError> {
    let mut input = file.try_clone().map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        input.seek(SeekFrom::Start(0))?;
        let mut output = tempfile::tempfile()?;
        let orientation = {
            let mut writer = std::io::BufWriter::new(&mut output);
            let orientation = strip::strip(mime, std::io::BufReader::new(input), &mut writer)?;
            std::io::Write::flush(&mut writer)?;
            orientation
        };
        Ok::<_, strip::StripError>((output, orientation))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|err| match err {
        strip::StripError::Malformed(_) => AppError::bad_input(field, err.to_string()),
        strip::StripError::Io(io) => AppError::Internal(io.into()),
    })
}

/// Size, SHA-256 and first bytes of an upload, read in one pass.
fn read_facts(mut file: std::fs::File) -> std::io::Result<Facts> {
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Sha256::new();
    let mut head = Vec::with_capacity(sniff::HEAD_BYTES);
    let mut size = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        let chunk = &buffer[..read];
        if head.len() < sniff::HEAD_BYTES {
            let take = (sniff::HEAD_BYTES - head.len()).min(read);
            head.extend_from_slice(&chunk[..take]);
        }
        hasher.update(chunk);
        size += read as u64;
    }
    Ok(Facts {
        size,
        checksum: hex::encode(hasher.finalize()),
        head,
    })
}

/// A description text: trimmed, at most `max` characters (a NUL never
/// gets here: `graphql::nul` refuses it in every input string).
fn text(field: &str, value: Option<String>, max: usize) -> Result<Option<String>, AppError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let value = value.trim().to_string();
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(Some(value))
}

/// One coordinate of a focal point change: within 0..=1.
fn focal(
    point: Option<Option<(f64, f64)>>,
    pick: fn((f64, f64)) -> f64,
) -> Result<Option<Option<f32>>, AppError> {
    match point {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(point)) => {
            let value = pick(point);
            if !(0.0..=1.0).contains(&value) {
                return Err(AppError::bad_input(
                    "input.focalPoint",
                    "x and y must be between 0 and 1",
                ));
            }
            // Within 0..=1 an f32 keeps far more precision than a pixel needs.
            #[allow(clippy::cast_possible_truncation)]
            Ok(Some(Some(value as f32)))
        }
    }
}

/// The name a client gave its file, made safe to keep and to send back in
/// a header: its last path segment, control characters dropped, at most
/// 255 characters; "file" when nothing is left.
pub(crate) fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILENAME)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\Users\\me\\cat.png"), "cat.png");
        assert_eq!(clean_filename("a\u{0}b\r\n.txt"), "ab.txt");
        assert_eq!(clean_filename(".."), "file");
        assert_eq!(clean_filename(""), "file");
        assert_eq!(clean_filename(&"x".repeat(400)).chars().count(), 255);
    }

    #[test]
    fn facts_are_read_in_one_pass() -> std::io::Result<()> {
        let mut file = tempfile::tempfile()?;
        std::io::Write::write_all(&mut file, b"hello")?;
        let facts = read_facts(file)?;
        assert_eq!(facts.size, 5);
        assert_eq!(facts.head, b"hello");
        assert_eq!(
            facts.checksum,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        Ok(())
    }
}
