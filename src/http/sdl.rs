//! `GET /graphql/schema.graphql`: the schema as SDL for code generators,
//! the same text as `vellum print-schema`. Served only where introspection
//! is allowed: the SDL tells everything introspection would.

use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The answer, made once: the SDL when introspection is allowed.
#[derive(Clone)]
pub(crate) struct SchemaDownload(Option<Arc<str>>);

impl SchemaDownload {
    /// Exports the SDL now if `introspection` allows serving it.
    pub(crate) fn new(introspection: bool) -> Self {
        Self(introspection.then(|| Arc::from(crate::graphql::export_sdl())))
    }

    /// The SDL as plain text, or the JSON `NOT_FOUND` every unknown path gets.
    pub(crate) fn respond(&self) -> Response {
        match &self.0 {
            Some(sdl) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                )],
                sdl.to_string(),
            )
                .into_response(),
            None => super::error::error_body(
                StatusCode::NOT_FOUND,
                HeaderValue::from_static("application/json"),
                crate::error::code::NOT_FOUND,
                "the schema is not published on this server (introspection is disabled)",
                &[],
            ),
        }
    }
}
