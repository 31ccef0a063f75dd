//! Direct uploads, for files too big to send through `/graphql`:
//! `createUploadUrl` hands out a signed, expiring URL to `PUT` the bytes to
//! (a presigned S3 URL, or this server's `PUT /media/uploads/{id}` for
//! local storage), and `completeUpload` checks what arrived and records it
//! through the same path as every other upload.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use super::model::MediaItem;
use super::service::{MediaService, UploadInput, clean_filename};
use super::storage::{StorageError, staging_key};
use super::urls::Ticket;
use crate::context::RequestMeta;
use crate::error::{AppError, code};
use crate::http::AppState;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

/// How long an upload URL takes bytes.
const VALID_SECS: i64 = 3600;
/// How long after that the upload may still be completed.
const COMPLETE_GRACE_SECS: i64 = 3600;

/// Where and how to send a direct upload's bytes.
#[derive(Debug)]
pub(crate) struct UploadTarget {
    /// What `completeUpload` takes.
    pub(crate) upload_id: String,
    /// Where to `PUT` the bytes.
    pub(crate) url: String,
    /// Until when the URL takes them.
    pub(crate) expires_at: DateTime<Utc>,
}

impl MediaService {
    /// A URL to upload a file of `size` bytes named `filename` to.
    pub(crate) async fn create_upload_url(
        &self,
        principal: &Principal,
        filename: &str,
        size: i64,
    ) -> Result<UploadTarget, AppError> {
        let user = principal.require(perm::MEDIA_UPLOAD)?;
        let max = self.max_bytes();
        let size = u64::try_from(size)
            .ok()
            .filter(|s| (1..=max).contains(s))
            .ok_or_else(|| {
                AppError::bad_input(
                    "input.size",
                    format!("must be between 1 and {max} bytes (VELLUM_MEDIA_MAX_BYTES)"),
                )
            })?;
        let expires_at = Utc::now() + chrono::Duration::seconds(VALID_SECS);
        let ticket = Ticket {
            id: Uuid::new_v4(),
            user: user.user_id,
            size,
            expires: expires_at.timestamp(),
            filename: clean_filename(filename),
        };
        let upload_id = self.urls().ticket(&ticket);
        let valid = std::time::Duration::from_secs(VALID_SECS.unsigned_abs());
        let url = match self
            .storage()
            .upload_url(&staging_key(ticket.id), valid)
            .await?
        {
            Some(url) => url,
            None => self.urls().upload_endpoint(&upload_id),
        };
        Ok(UploadTarget {
            upload_id,
            url,
            expires_at,
        })
    }

    /// Records the file a direct upload sent, checked like any upload (its
    /// type from the bytes, metadata stripped, size within the ticket's).
    pub(crate) async fn complete_upload(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        upload_id: &str,
        input: UploadInput,
    ) -> Result<MediaItem, AppError> {
        const FIELD: &str = "input.uploadId";
        let user = principal.require(perm::MEDIA_UPLOAD)?;
        let ticket = self
            .urls()
            .read_ticket(upload_id)
            .filter(|t| t.user == user.user_id)
            .ok_or_else(|| AppError::bad_input(FIELD, "is not an upload id of yours"))?;
        if ticket.expires + COMPLETE_GRACE_SECS < Utc::now().timestamp() {
            return Err(AppError::bad_input(
                FIELD,
                "has expired; start a new upload",
            ));
        }
        let key = staging_key(ticket.id);
        let content = match self.storage().open(&key).await {
            Ok(file) => file,
            Err(StorageError::Missing(_)) => {
                return Err(AppError::NotFound(
                    "nothing was uploaded for this id, or it is complete already".into(),
                ));
            }
            Err(err) => return Err(err.into()),
        };
        let size = content
            .metadata()
            .map_err(|e| AppError::Internal(e.into()))?
            .len();
        if size > ticket.size {
            self.storage().delete(&key).await?;
            return Err(AppError::bad_input(
                FIELD,
                format!("{size} bytes arrived where {} were announced", ticket.size),
            ));
        }
        let upload = async_graphql::UploadValue {
            filename: ticket.filename.clone(),
            content_type: None,
            content,
        };
        let mut items = self
            .upload(principal, meta, vec![(FIELD.to_string(), upload)], input)
            .await?;
        // Recorded: the staged copy has done its work (a failure here only
        // leaves a stray object behind).
        if let Err(err) = self.storage().delete(&key).await {
            tracing::warn!(error = %err, key, "cannot remove a staged upload");
        }
        items
            .pop()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an upload recorded no file")))
    }
}

/// `PUT /media/uploads/{id}`: a direct upload's bytes, for storage that
/// has no upload URLs of its own. The signed id is the credential; the
/// body may not exceed the size it announced.
pub(crate) async fn receive(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Body,
) -> Response {
    let Some(ticket) = state.media.urls().read_ticket(&token) else {
        return refused(StatusCode::NOT_FOUND, code::NOT_FOUND, "no such upload");
    };
    if ticket.expires < Utc::now().timestamp() {
        return refused(
            StatusCode::FORBIDDEN,
            code::FORBIDDEN,
            "this upload URL has expired",
        );
    }
    match stage(&state.media, &ticket, body).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(Staged::TooLarge) => refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            code::BAD_USER_INPUT,
            &format!("this upload takes at most {} bytes", ticket.size),
        ),
        Err(Staged::Failed(err)) => {
            tracing::warn!(error = %err, "a direct upload failed");
            refused(
                StatusCode::BAD_REQUEST,
                code::BAD_USER_INPUT,
                "the upload did not arrive whole",
            )
        }
    }
}

enum Staged {
    TooLarge,
    Failed(anyhow::Error),
}

/// Streams `body` to a temporary file, at most the ticket's size, then
/// into storage under the upload's staging key.
async fn stage(media: &MediaService, ticket: &Ticket, body: Body) -> Result<(), Staged> {
    let failed = |e: &dyn std::fmt::Display| Staged::Failed(anyhow::anyhow!("{e}"));
    let file = tempfile::tempfile().map_err(|e| failed(&e))?;
    let mut out = tokio::fs::File::from_std(file.try_clone().map_err(|e| failed(&e))?);
    let mut stream = body.into_data_stream();
    let mut written = 0u64;
    while let Some(chunk) = stream.try_next().await.map_err(|e| failed(&e))? {
        written += chunk.len() as u64;
        if written > ticket.size {
            return Err(Staged::TooLarge);
        }
        out.write_all(&chunk).await.map_err(|e| failed(&e))?;
    }
    out.flush().await.map_err(|e| failed(&e))?;
    media
        .storage()
        .put(&staging_key(ticket.id), file)
        .await
        .map_err(|e| failed(&e))
}

fn refused(status: StatusCode, code: &str, message: &str) -> Response {
    crate::http::error_response(status, code, message)
}
