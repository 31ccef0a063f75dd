//! GraphQL multipart requests (the graphql-multipart-request-spec, as
//! Apollo Upload clients send them): an `operations` part, a `map` part,
//! then the files, each streamed to a temporary file as it arrives, so a
//! large upload never sits in memory.

use async_graphql::UploadValue;
use axum::body::Body;
use futures_util::TryStreamExt;
use tokio::io::AsyncWriteExt;

/// Headers a browser sends only after a CORS preflight. An HTML form can
/// post `multipart/form-data` to another site with no preflight, so a
/// multipart request must carry one of these: a cross-site page then cannot
/// run an operation (a sign-in, say) in a visitor's browser.
const PREFLIGHT_HEADERS: &[&str] = &[
    "authorization",
    "x-csrf-token",
    "graphql-preflight",
    "apollo-require-preflight",
    "x-apollo-operation-name",
];

/// Why a multipart request without one of them is refused.
pub(super) const PREFLIGHT_REQUIRED: &str = "a multipart request must carry a header that \
    needs a CORS preflight: Authorization, X-CSRF-Token or GraphQL-Preflight: 1";

/// Whether the request carries a header no cross-site form can send.
pub(super) fn preflighted(headers: &axum::http::HeaderMap) -> bool {
    PREFLIGHT_HEADERS
        .iter()
        .any(|name| headers.get(*name).is_some_and(|v| !v.is_empty()))
}

/// Files one request may carry.
pub(super) const MAX_FILES: usize = 20;

/// What a multipart request carried.
pub(super) struct Multipart {
    /// The `operations` part: one GraphQL request as JSON.
    pub(super) operations: serde_json::Value,
    /// Each file with the variable paths (`variables.file`) it fills.
    pub(super) files: Vec<(Vec<String>, UploadValue)>,
}

/// Why a multipart request was refused.
#[derive(Debug)]
pub(super) enum MultipartError {
    /// A part is over its size limit (413).
    TooLarge(String),
    /// The request is malformed (400).
    Bad(String),
}

/// Size limits of one request.
pub(super) struct Limits {
    /// Largest `operations` or `map` part.
    pub(super) json: u64,
    /// Largest file.
    pub(super) file: u64,
}

/// The boundary of a `multipart/form-data` Content-Type, or `None` when
/// the request is not multipart.
pub(super) fn boundary(content_type: &str) -> Option<Result<String, MultipartError>> {
    let mime: mime::Mime = content_type.parse().ok()?;
    if mime.essence_str() != "multipart/form-data" {
        return None;
    }
    Some(
        mime.get_param(mime::BOUNDARY)
            .map(|b| b.to_string())
            .ok_or_else(|| MultipartError::Bad("multipart/form-data needs a boundary".into())),
    )
}

/// Reads a multipart request's parts.
pub(super) async fn read(
    body: Body,
    boundary: String,
    limits: &Limits,
) -> Result<Multipart, MultipartError> {
    let max_files = u64::try_from(MAX_FILES).unwrap_or(u64::MAX);
    let size = multer::SizeLimit::new()
        .whole_stream(
            limits
                .file
                .saturating_mul(max_files)
                .saturating_add(limits.json.saturating_mul(2)),
        )
        .for_field("operations", limits.json)
        .for_field("map", limits.json)
        .per_field(limits.file);
    let mut multipart = multer::Multipart::with_constraints(
        body.into_data_stream().map_err(std::io::Error::other),
        boundary,
        multer::Constraints::new().size_limit(size),
    );
    let mut operations = None;
    let mut map: Option<std::collections::HashMap<String, Vec<String>>> = None;
    let mut files = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(refusal)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "operations" => {
                let bytes = field.bytes().await.map_err(refusal)?;
                operations =
                    Some(serde_json::from_slice(&bytes).map_err(|_| {
                        MultipartError::Bad("`operations` is not valid JSON".into())
                    })?);
            }
            "map" => {
                let bytes = field.bytes().await.map_err(refusal)?;
                map = Some(serde_json::from_slice(&bytes).map_err(|_| {
                    MultipartError::Bad(
                        "`map` must be a JSON object of file names to variable paths".into(),
                    )
                })?);
            }
            _ => {
                if files.len() >= MAX_FILES {
                    return Err(MultipartError::Bad(format!(
                        "a request may carry at most {MAX_FILES} files"
                    )));
                }
                let filename = field.file_name().unwrap_or_default().to_string();
                let content_type = field.content_type().map(ToString::to_string);
                let file = tempfile::tempfile()
                    .map_err(|e| MultipartError::Bad(format!("cannot take the file: {e}")))?;
                let mut out = tokio::fs::File::from_std(file);
                while let Some(chunk) = field.chunk().await.map_err(refusal)? {
                    out.write_all(&chunk)
                        .await
                        .map_err(|e| MultipartError::Bad(format!("cannot take the file: {e}")))?;
                }
                out.flush()
                    .await
                    .map_err(|e| MultipartError::Bad(format!("cannot take the file: {e}")))?;
                files.push((
                    name,
                    UploadValue {
                        filename,
                        content_type,
                        content: out.into_std().await,
                    },
                ));
            }
        }
    }
    let operations =
        operations.ok_or_else(|| MultipartError::Bad("the `operations` part is missing".into()))?;
    let mut map = map.ok_or_else(|| MultipartError::Bad("the `map` part is missing".into()))?;
    let mut mapped = Vec::with_capacity(files.len());
    for (name, upload) in files {
        let Some(paths) = map.remove(&name) else {
            return Err(MultipartError::Bad(format!(
                "the file part `{name}` is not in `map`"
            )));
        };
        mapped.push((paths, upload));
    }
    if let Some(name) = map.keys().next() {
        return Err(MultipartError::Bad(format!(
            "`map` names a file `{name}` the request does not carry"
        )));
    }
    Ok(Multipart {
        operations,
        files: mapped,
    })
}

fn refusal(err: multer::Error) -> MultipartError {
    match err {
        multer::Error::FieldSizeExceeded { limit, field_name } => {
            MultipartError::TooLarge(match field_name.as_deref() {
                Some(name @ ("operations" | "map")) => {
                    format!("the `{name}` part is larger than {limit} bytes")
                }
                _ => format!("the file is larger than {limit} bytes (VELLUM_MEDIA_MAX_BYTES)"),
            })
        }
        multer::Error::StreamSizeExceeded { limit } => {
            MultipartError::TooLarge(format!("the request is larger than {limit} bytes"))
        }
        other => MultipartError::Bad(format!("the multipart body is malformed: {other}")),
    }
}
