//! GraphQL of the media library.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{
    Context, InputObject, InputValueError, InputValueResult, Object, Result, Scalar, ScalarType,
    SimpleObject, UploadValue, Value,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::folders;
use super::model::MediaItem;
use super::service::{MediaEdit, MediaService, UploadInput};
use super::store::MediaFilter;
use super::transform::{Fit, Format, Plan, Transform};
use super::variants::Variants;
use crate::content::items::graphql::ContentNode;
use crate::content::items::loaders::{ItemId, TagId, content_loader};
use crate::content::items::model::Visibility;
use crate::content::taxonomy::graphql::TagNode;
use crate::error::AppError;
use crate::graphql::relay;
use crate::graphql::request::request_meta;
use crate::pagination::{Cursor, Page};
use crate::rbac::guard::{Require, RequireAny, principal};
use crate::rbac::perm;
use crate::users::graphql::{UserNode, user_node};

/// Who may change a file: its uploader (own) or an editor (any).
const EDIT: &[&str] = &[perm::MEDIA_UPDATE_OWN, perm::MEDIA_UPDATE_ANY];

/// A file in the media library.
pub struct MediaNode(pub(crate) MediaItem);

/// A file sent with the request: a variable the multipart request's `map`
/// filled. async-graphql's own `Upload` panics on a placeholder it cannot
/// parse or one that names no file (a hostile client's JSON can send
/// either), so this one refuses them as bad input instead.
pub struct FilePart(usize);

/// Files one `uploadMediaMany` takes (as many as a multipart request may
/// carry).
const MAX_FILES: usize = 20;

/// How the multipart request spec marks a variable a file fills.
const FILE_PLACEHOLDER: &str = "#__graphql_file__:";

#[Scalar(
    name = "Upload",
    specified_by_url = "https://github.com/jaydenseric/graphql-multipart-request-spec"
)]
impl ScalarType for FilePart {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => text
                .strip_prefix(FILE_PLACEHOLDER)
                .and_then(|n| n.parse().ok())
                .map(FilePart)
                .ok_or_else(|| {
                    InputValueError::custom(
                        "send files as a multipart request (graphql-multipart-request-spec)",
                    )
                }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(_))
    }

    fn to_value(&self) -> Value {
        Value::Null
    }
}

/// Uploads `files` (each named by its field for errors).
async fn upload(
    ctx: &Context<'_>,
    files: Vec<(String, FilePart)>,
    input: Option<UploadMediaInput>,
) -> Result<Vec<MediaItem>> {
    let mut uploads = Vec::with_capacity(files.len());
    for (field, file) in files {
        let upload = file
            .value(ctx)
            .ok_or_else(|| AppError::bad_input(&field, "the request carries no such file"))?;
        uploads.push((field, upload));
    }
    let input = input.unwrap_or_default();
    Ok(ctx
        .data::<MediaService>()?
        .upload(
            &principal(ctx),
            &request_meta(ctx),
            uploads,
            UploadInput {
                title: input.title,
                alt: input.alt,
                caption: input.caption,
            },
        )
        .await?)
}

impl FilePart {
    /// The file, if the request carries it.
    fn value(&self, ctx: &Context<'_>) -> Option<UploadValue> {
        ctx.query_env.uploads.get(self.0)?.try_clone().ok()
    }
}

/// A point of an image that crops keep in view, as fractions of its width
/// and height from the top left.
#[derive(SimpleObject, InputObject, Clone, Copy)]
#[graphql(input_name = "FocalPointInput")]
pub struct FocalPoint {
    /// From 0 (left edge) to 1 (right edge).
    pub x: f64,
    /// From 0 (top edge) to 1 (bottom edge).
    pub y: f64,
}

/// A file in the media library.
#[Object(name = "Media")]
impl MediaNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// The file's name as uploaded (its last path segment, cleaned).
    async fn filename(&self) -> &str {
        &self.0.filename
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Alternative text for images.
    async fn alt(&self) -> &str {
        &self.0.alt
    }

    /// Caption.
    async fn caption(&self) -> &str {
        &self.0.caption
    }

    /// Type, read from the file's bytes (never taken from the client).
    async fn mime_type(&self) -> &str {
        &self.0.mime_type
    }

    /// Size in bytes (`VELLUM_MEDIA_MAX_BYTES` keeps it within an Int).
    async fn size(&self) -> i32 {
        i32::try_from(self.0.size_bytes).unwrap_or(i32::MAX)
    }

    /// SHA-256 of the bytes, lowercase hex; identical files share it.
    async fn checksum(&self) -> &str {
        &self.0.checksum
    }

    /// Width in pixels, for images whose size is known.
    async fn width(&self) -> Option<i32> {
        self.0.width
    }

    /// Height in pixels, for images whose size is known.
    async fn height(&self) -> Option<i32> {
        self.0.height
    }

    /// How long audio or video plays, in seconds, when its headers say
    /// (MP4, QuickTime, M4A and WAV).
    async fn duration(&self) -> Option<f64> {
        // Milliseconds of real media fit an f64 exactly.
        #[allow(clippy::cast_precision_loss)]
        self.0.duration_ms.map(|ms| ms as f64 / 1000.0)
    }

    /// The point crops keep in view, when one is set.
    async fn focal_point(&self) -> Option<FocalPoint> {
        Some(FocalPoint {
            x: f64::from(self.0.focal_x?),
            y: f64::from(self.0.focal_y?),
        })
    }

    /// The folder it is kept in (null: the top level; `mediaFolders`
    /// names them).
    async fn folder_id(&self) -> Option<Uuid> {
        self.0.folder_id
    }

    /// Its tags (of the content taxonomy).
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let mut found = content_loader(ctx)?
            .load_many(self.0.tag_ids.iter().copied().map(TagId))
            .await?;
        Ok(self
            .0
            .tag_ids
            .iter()
            .filter_map(|id| found.remove(&TagId(*id)))
            .map(TagNode)
            .collect())
    }

    /// Who uploaded it (null once their account is gone).
    async fn uploaded_by(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        user_node(ctx, self.0.uploader_id).await
    }

    /// A link to the bytes that works without credentials for an hour or
    /// more (signed; `GET` it, `Range` requests welcome). With `transform`,
    /// a link to the image resized, cropped or converted as it says (made
    /// on first request, then served from storage).
    async fn url(
        &self,
        ctx: &Context<'_>,
        transform: Option<MediaTransformInput>,
    ) -> Result<String> {
        let transform = transform
            .map(|t| {
                Transform::new(
                    t.width.map(i64::from),
                    t.height.map(i64::from),
                    t.fit,
                    t.format,
                    t.quality.map(i64::from),
                    t.dpr,
                )
                .map_err(|e| AppError::bad_input("transform", e.0))
            })
            .transpose()?;
        if transform.is_some() && Variants::source(&self.0).is_none() {
            return Err(AppError::bad_input("transform", "this file cannot be transformed").into());
        }
        Ok(ctx
            .data::<MediaService>()?
            .urls()
            .signed(&self.0, transform.as_ref(), Utc::now()))
    }

    /// The install's named sizes of an image (`VELLUM_MEDIA_SIZES`), each
    /// with its size in pixels and a signed link; empty for files that
    /// are not images this server transforms.
    async fn variants(&self, ctx: &Context<'_>) -> Result<Vec<MediaVariant>> {
        let Some(source) = Variants::source(&self.0) else {
            return Ok(Vec::new());
        };
        let media = ctx.data::<MediaService>()?;
        let now = Utc::now();
        Ok(media
            .variants()
            .sizes()
            .iter()
            .map(|size| {
                let transform = Transform::sized(size);
                let plan = Plan::new(&transform, source, "");
                MediaVariant {
                    name: size.name.clone(),
                    width: i32::try_from(plan.width).unwrap_or(i32::MAX),
                    height: i32::try_from(plan.height).unwrap_or(i32::MAX),
                    url: media.urls().signed(&self.0, Some(&transform), now),
                }
            })
            .collect())
    }

    /// The items whose working or live version uses this file (as cover,
    /// preview image or in a `media` field), at most 100, by title; items
    /// the caller may not see are left out, and callers who may not read
    /// an item's draft see only its live use.
    async fn usage(&self, ctx: &Context<'_>) -> Result<Vec<MediaUsage>> {
        let usage = ctx.data::<MediaService>()?.usage(&self.0).await?;
        let mut found = content_loader(ctx)?
            .load_many(usage.iter().map(|u| ItemId(u.content_id)))
            .await?;
        let visibility = crate::content::service::visibility(&principal(ctx));
        Ok(usage
            .into_iter()
            .filter_map(|u| {
                let entry = found.remove(&ItemId(u.content_id))?;
                // What a draft uses is the draft's business: callers who
                // cannot read it learn only of live use.
                let sees_draft = match visibility {
                    Visibility::All => true,
                    Visibility::Own(user) => entry.item.author_id == user,
                    Visibility::Public => false,
                };
                if !sees_draft && !u.live {
                    return None;
                }
                Some(MediaUsage {
                    content: ContentNode::new(entry, visibility),
                    live: u.live,
                    working: sees_draft.then_some(u.working),
                })
            })
            .collect())
    }

    /// A blurhash of an image (https://blurha.sh) to show while it loads;
    /// null for other files and until it is made, just after upload.
    async fn placeholder(&self) -> Option<&str> {
        self.0.placeholder.as_deref()
    }

    /// When it was uploaded.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When its description last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// When it went to the trash, if it is there.
    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.0.deleted_at
    }
}

/// One named size of an image.
#[derive(SimpleObject)]
pub struct MediaVariant {
    /// Its name in `VELLUM_MEDIA_SIZES` (`thumbnail`).
    pub name: String,
    /// Width in pixels.
    pub width: i32,
    /// Height in pixels.
    pub height: i32,
    /// A signed link to it.
    pub url: String,
}

/// How `Media.url` transforms an image. Sides are CSS pixels (times `dpr`
/// for the image's pixels), at most 4096 after `dpr`; an image is never
/// made larger than it is.
#[derive(InputObject)]
pub struct MediaTransformInput {
    /// Width.
    pub width: Option<i32>,
    /// Height.
    pub height: Option<i32>,
    /// How the image fills width × height (default COVER, cropping around
    /// the focal point).
    pub fit: Option<Fit>,
    /// Format (default AUTO: AVIF or WebP as the browser accepts).
    pub format: Option<Format>,
    /// Quality from 1 to 100 (default 75).
    pub quality: Option<i32>,
    /// Device pixel ratio, 1 to 4 in steps of 0.1 (default 1).
    pub dpr: Option<f64>,
}

/// How an upload is described.
#[derive(InputObject, Default)]
pub struct UploadMediaInput {
    /// Title.
    pub title: Option<String>,
    /// Alternative text for images.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
}

/// A change to a file's description; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateMediaInput {
    /// The file.
    pub id: Uuid,
    /// Title.
    pub title: Option<String>,
    /// Alternative text.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// The point crops keep in view; `null` clears it.
    pub focal_point: async_graphql::MaybeUndefined<FocalPoint>,
    /// Tags (the whole list).
    pub tag_ids: Option<Vec<Uuid>>,
}

/// Which files `mediaItems` lists.
#[derive(InputObject, Default)]
pub struct MediaItemsFilter {
    /// Only these types (`image/png`); `image/*` matches a whole family.
    pub mime_types: Option<Vec<String>>,
    /// In the file name, title or alt text (case-insensitive).
    pub text: Option<String>,
    /// Only this user's uploads.
    pub uploaded_by: Option<Uuid>,
    /// The trash instead of the library.
    pub trashed: Option<bool>,
    /// Only files this item uses (its working or live version).
    pub used_by: Option<Uuid>,
    /// Only files no item uses (true), or only files some item uses
    /// (false).
    pub unused: Option<bool>,
    /// Only files in this folder; null: those at the top level.
    pub folder: async_graphql::MaybeUndefined<Uuid>,
    /// Only files with any of these tags.
    pub tags: Option<Vec<Uuid>>,
}

/// A folder of the media library.
pub struct MediaFolderNode(folders::MediaFolder);

#[Object(name = "MediaFolder")]
impl MediaFolderNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Name, unique among its siblings.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The folder it sits in (null: the top level).
    async fn parent_id(&self) -> Option<Uuid> {
        self.0.parent_id
    }

    /// When it was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it was last renamed or moved.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

async fn save_folder(ctx: &Context<'_>, change: folders::FolderChange) -> Result<MediaFolderNode> {
    let db = ctx.data::<crate::db::Db>()?;
    let folder = folders::save(db, &principal(ctx), &request_meta(ctx), change).await?;
    Ok(MediaFolderNode(folder))
}

/// Where to send a big file's bytes.
#[derive(SimpleObject)]
pub struct UploadUrl {
    /// What `completeUpload` takes once the bytes are sent.
    pub upload_id: String,
    /// Where to send them.
    pub url: String,
    /// How (`PUT`, the bytes as the body).
    pub method: String,
    /// Until when the URL takes them.
    pub expires_at: DateTime<Utc>,
}

/// A big file to upload directly.
#[derive(InputObject)]
pub struct CreateUploadUrlInput {
    /// Its name.
    pub filename: String,
    /// Its size in bytes (at most `VELLUM_MEDIA_MAX_BYTES`); more is refused.
    pub size: i32,
}

/// A direct upload whose bytes are sent.
#[derive(InputObject)]
pub struct CompleteUploadInput {
    /// From `createUploadUrl`.
    pub upload_id: String,
    /// Title.
    pub title: Option<String>,
    /// Alternative text for images.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
}

/// A new folder.
#[derive(InputObject)]
pub struct CreateMediaFolderInput {
    /// Name (1 to 200 characters, no slashes).
    pub name: String,
    /// The folder to make it in (none: the top level).
    pub parent_id: Option<Uuid>,
}

/// A folder renamed or moved; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateMediaFolderInput {
    /// The folder.
    pub id: Uuid,
    /// New name.
    pub name: Option<String>,
    /// New parent; null moves it to the top level.
    pub parent_id: async_graphql::MaybeUndefined<Uuid>,
}

/// Files to move.
#[derive(InputObject)]
pub struct MoveMediaInput {
    /// The files (1 to 100).
    pub ids: Vec<Uuid>,
    /// The folder; null: the top level.
    pub folder_id: Option<Uuid>,
}

/// A file to move to the trash.
#[derive(InputObject)]
pub struct DeleteMediaInput {
    /// The file.
    pub id: Uuid,
    /// Delete it even though items use it (they show nothing in its place
    /// until it is restored).
    #[graphql(default)]
    pub force: bool,
}

/// An item that uses a file.
#[derive(SimpleObject)]
pub struct MediaUsage {
    /// The item.
    pub content: ContentNode,
    /// Its live (published) version uses the file: the public sees it.
    pub live: bool,
    /// Its working version uses the file; null for callers who may not
    /// see the item's draft.
    pub working: Option<bool>,
}

/// The order of `mediaItems`.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
pub enum MediaOrder {
    /// Newest upload first (the default).
    Newest,
    /// Oldest upload first.
    Oldest,
}

/// A file, by id.
#[derive(InputObject)]
pub struct MediaIdInput {
    /// The file.
    pub id: Uuid,
}

/// Queries on the media library.
#[derive(Default)]
pub struct MediaQuery;

#[Object]
impl MediaQuery {
    /// A file the caller may see (uploaders see theirs, `media.read_any`
    /// holders all), or null.
    async fn media(&self, ctx: &Context<'_>, id: Uuid) -> Result<Option<MediaNode>> {
        Ok(ctx
            .data::<MediaService>()?
            .get(&principal(ctx), id)
            .await?
            .map(MediaNode))
    }

    /// Every folder of the library, by name (build the tree from
    /// `parentId`); for holders of `media.read_any`.
    #[graphql(guard = "Require(perm::MEDIA_READ_ANY)")]
    async fn media_folders(&self, ctx: &Context<'_>) -> Result<Vec<MediaFolderNode>> {
        let db = ctx.data::<crate::db::Db>()?;
        Ok(folders::all(db, &principal(ctx))
            .await?
            .into_iter()
            .map(MediaFolderNode)
            .collect())
    }

    /// The files the caller may see, newest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    // A resolver's arguments are the GraphQL field's: Relay's four plus
    // filter and order.
    #[allow(clippy::too_many_arguments)]
    async fn media_items(
        &self,
        ctx: &Context<'_>,
        filter: Option<MediaItemsFilter>,
        order_by: Option<MediaOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, MediaNode>> {
        let page = Page::new(first, after, last, before)?;
        let filter = filter.unwrap_or_default();
        let filter = MediaFilter {
            mime_types: filter.mime_types.unwrap_or_default(),
            text: filter.text,
            uploader: filter.uploaded_by,
            trashed: filter.trashed.unwrap_or(false),
            used_by: filter.used_by,
            unused: filter.unused,
            folder: filter.folder.into(),
            tags: filter.tags.unwrap_or_default(),
            oldest_first: order_by == Some(MediaOrder::Oldest),
        };
        let (rows, more) = ctx
            .data::<MediaService>()?
            .page(&principal(ctx), filter, &page)
            .await?;
        let (has_previous, has_next) = page.page_info(more);
        let mut connection = Connection::new(has_previous, has_next);
        connection.edges.extend(rows.into_iter().map(|item| {
            let cursor = Cursor {
                at: item.created_at,
                id: item.id,
            };
            Edge::new(cursor.encode(), MediaNode(item))
        }));
        Ok(connection)
    }
}

/// Changes to the media library.
#[derive(Default)]
pub struct MediaMutation;

#[Object]
impl MediaMutation {
    /// Uploads one file (a GraphQL multipart request). Its type is read
    /// from its bytes and must agree with its name; at most
    /// `VELLUM_MEDIA_MAX_BYTES`; images lose their metadata.
    #[graphql(guard = "Require(perm::MEDIA_UPLOAD)")]
    async fn upload_media(
        &self,
        ctx: &Context<'_>,
        file: FilePart,
        input: Option<UploadMediaInput>,
    ) -> Result<MediaNode> {
        let mut items = upload(ctx, vec![("file".to_string(), file)], input).await?;
        Ok(MediaNode(items.remove(0)))
    }

    /// Uploads several files (at most 20 per request), all or none: a file
    /// refused refuses the call and nothing is recorded. `input` describes
    /// every file.
    #[graphql(guard = "Require(perm::MEDIA_UPLOAD)")]
    async fn upload_media_many(
        &self,
        ctx: &Context<'_>,
        files: Vec<FilePart>,
        input: Option<UploadMediaInput>,
    ) -> Result<Vec<MediaNode>> {
        if files.is_empty() || files.len() > MAX_FILES {
            return Err(AppError::bad_input(
                "files",
                format!("send between 1 and {MAX_FILES} files"),
            )
            .into());
        }
        let named = files
            .into_iter()
            .enumerate()
            .map(|(i, file)| (format!("files.{i}"), file))
            .collect();
        Ok(upload(ctx, named, input)
            .await?
            .into_iter()
            .map(MediaNode)
            .collect())
    }

    /// Changes a file's description (uploaders their own, editors any).
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn update_media(&self, ctx: &Context<'_>, input: UpdateMediaInput) -> Result<MediaNode> {
        let focal_point = match input.focal_point {
            async_graphql::MaybeUndefined::Undefined => None,
            async_graphql::MaybeUndefined::Null => Some(None),
            async_graphql::MaybeUndefined::Value(p) => Some(Some((p.x, p.y))),
        };
        let item = ctx
            .data::<MediaService>()?
            .update(
                &principal(ctx),
                &request_meta(ctx),
                MediaEdit {
                    id: input.id,
                    title: input.title,
                    alt: input.alt,
                    caption: input.caption,
                    focal_point,
                    tag_ids: input.tag_ids,
                },
            )
            .await?;
        Ok(MediaNode(item))
    }

    /// Moves a file to the trash (uploaders their own, editors any). A file
    /// items use is a CONFLICT naming them, unless `force` is true.
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn delete_media(&self, ctx: &Context<'_>, input: DeleteMediaInput) -> Result<MediaNode> {
        let item = ctx
            .data::<MediaService>()?
            .trash(
                &principal(ctx),
                &request_meta(ctx),
                input.id,
                false,
                input.force,
            )
            .await?;
        Ok(MediaNode(item))
    }

    /// A URL to upload a big file to directly (`PUT` its bytes there, then
    /// call `completeUpload`): a presigned URL of the object storage, or
    /// this server's own. Valid for an hour.
    #[graphql(guard = "Require(perm::MEDIA_UPLOAD)")]
    async fn create_upload_url(
        &self,
        ctx: &Context<'_>,
        input: CreateUploadUrlInput,
    ) -> Result<UploadUrl> {
        let target = ctx
            .data::<MediaService>()?
            .create_upload_url(&principal(ctx), &input.filename, i64::from(input.size))
            .await?;
        Ok(UploadUrl {
            upload_id: target.upload_id,
            url: target.url,
            method: "PUT".into(),
            expires_at: target.expires_at,
        })
    }

    /// Records a file sent to a `createUploadUrl` URL, checked like any
    /// upload.
    #[graphql(guard = "Require(perm::MEDIA_UPLOAD)")]
    async fn complete_upload(
        &self,
        ctx: &Context<'_>,
        input: CompleteUploadInput,
    ) -> Result<MediaNode> {
        let item = ctx
            .data::<MediaService>()?
            .complete_upload(
                &principal(ctx),
                &request_meta(ctx),
                &input.upload_id,
                UploadInput {
                    title: input.title,
                    alt: input.alt,
                    caption: input.caption,
                },
            )
            .await?;
        Ok(MediaNode(item))
    }

    /// Moves files into a folder (null: the top level), all or none.
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn move_media(&self, ctx: &Context<'_>, input: MoveMediaInput) -> Result<Vec<MediaNode>> {
        let moved = ctx
            .data::<MediaService>()?
            .move_to(
                &principal(ctx),
                &request_meta(ctx),
                input.ids,
                input.folder_id,
            )
            .await?;
        Ok(moved.into_iter().map(MediaNode).collect())
    }

    /// Creates a folder (names are unique among siblings).
    #[graphql(guard = "Require(perm::MEDIA_UPDATE_ANY)")]
    async fn create_media_folder(
        &self,
        ctx: &Context<'_>,
        input: CreateMediaFolderInput,
    ) -> Result<MediaFolderNode> {
        let change = folders::FolderChange {
            id: None,
            name: Some(input.name),
            parent: Some(input.parent_id),
        };
        save_folder(ctx, change).await
    }

    /// Renames a folder or moves it under another (never under itself).
    #[graphql(guard = "Require(perm::MEDIA_UPDATE_ANY)")]
    async fn update_media_folder(
        &self,
        ctx: &Context<'_>,
        input: UpdateMediaFolderInput,
    ) -> Result<MediaFolderNode> {
        let change = folders::FolderChange {
            id: Some(input.id),
            name: input.name,
            parent: input.parent_id.into(),
        };
        save_folder(ctx, change).await
    }

    /// Deletes an empty folder.
    #[graphql(guard = "Require(perm::MEDIA_UPDATE_ANY)")]
    async fn delete_media_folder(
        &self,
        ctx: &Context<'_>,
        input: MediaIdInput,
    ) -> Result<MediaFolderNode> {
        let db = ctx.data::<crate::db::Db>()?;
        let folder = folders::delete(db, &principal(ctx), &request_meta(ctx), input.id).await?;
        Ok(MediaFolderNode(folder))
    }

    /// Takes a file back out of the trash.
    #[graphql(guard = "RequireAny(EDIT)")]
    async fn restore_media(&self, ctx: &Context<'_>, input: MediaIdInput) -> Result<MediaNode> {
        let item = ctx
            .data::<MediaService>()?
            .trash(&principal(ctx), &request_meta(ctx), input.id, true, false)
            .await?;
        Ok(MediaNode(item))
    }
}
