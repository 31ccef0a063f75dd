//! Rows of the media library.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::content::shape::TagIds;
use crate::db::schema::media;

/// One uploaded file.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media, check_for_backend(diesel::pg::Pg))]
pub struct MediaItem {
    pub id: Uuid,
    pub filename: String,
    pub title: String,
    pub alt: String,
    pub caption: String,
    pub mime_type: String,
    pub size_bytes: i64,
    pub checksum: String,
    pub storage_key: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub focal_x: Option<f32>,
    pub focal_y: Option<f32>,
    /// How long audio or video plays, when its headers say.
    pub duration_ms: Option<i64>,
    /// A blurhash of an image, made in the background after upload.
    pub placeholder: Option<String>,
    pub uploader_id: Option<Uuid>,
    /// The folder it is kept in (none: the top level).
    pub folder_id: Option<Uuid>,
    /// Tags of the content taxonomy.
    pub tag_ids: TagIds,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A file to record, its bytes already stored.
#[derive(Debug, Insertable)]
#[diesel(table_name = media)]
pub(crate) struct NewMedia<'a> {
    pub id: Uuid,
    pub filename: &'a str,
    pub title: &'a str,
    pub alt: &'a str,
    pub caption: &'a str,
    pub mime_type: &'a str,
    pub size_bytes: i64,
    pub checksum: &'a str,
    pub storage_key: &'a str,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    pub uploader_id: Option<Uuid>,
}

/// Changes to a file's description; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = media)]
pub(crate) struct MediaChangeset {
    pub title: Option<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub focal_x: Option<Option<f32>>,
    pub focal_y: Option<Option<f32>>,
    pub folder_id: Option<Option<Uuid>>,
    pub tag_ids: Option<TagIds>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<Option<DateTime<Utc>>>,
}
