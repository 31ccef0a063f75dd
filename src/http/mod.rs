//! The HTTP surface: routes and the middleware stack around them.

pub(crate) mod answers;
pub(crate) mod cache;
pub(crate) mod client;
mod error;
mod graphql;
mod multipart;
mod origin;
mod probes;
mod sdl;
mod security;
pub(crate) mod serve;
mod unsubscribe;
mod web;
mod ws;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode};
use axum::response::Response;
use axum::routing::get;
use tokio::sync::watch;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use graphql::GRAPHQL_RESPONSE_JSON;
pub use serve::raise_nofile_limit;

use crate::config::Config;
use crate::db::Db;
use crate::graphql::VellumSchema;
use crate::metrics::Metrics;

/// Header carrying the request id, set when the client sends none.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";

/// What every handler can reach: one allocation shared by every request
/// (axum clones the state per request; cloning a dozen handles each time
/// cost about 5% of a cached answer's CPU in atomic reference counts).
#[derive(Clone)]
pub(crate) struct AppState(Arc<Handles>);

impl AppState {
    pub(crate) fn new(handles: Handles) -> Self {
        Self(Arc::new(handles))
    }
}

impl std::ops::Deref for AppState {
    type Target = Handles;

    fn deref(&self) -> &Handles {
        &self.0
    }
}

/// The services and settings behind [`AppState`].
pub(crate) struct Handles {
    /// The GraphQL schema.
    pub schema: VellumSchema,
    /// The database.
    pub db: Db,
    /// Turns credentials into a principal.
    pub auth: crate::auth::service::AuthService,
    /// Turns API keys into a principal.
    pub api_keys: crate::apikeys::service::ApiKeyService,
    /// Metrics registry.
    pub metrics: Metrics,
    /// Public answers kept as bytes.
    pub answers: answers::AnswerCache,
    /// Documents known by hash (persisted queries).
    pub persisted: crate::graphql::persisted::PersistedStore,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// Checks the tokens of unsubscribe links.
    pub unsubscribe: crate::notifications::email::UnsubscribeKey,
    /// Turns `true` when the server starts shutting down (closes WebSockets).
    pub shutdown: watch::Receiver<bool>,
    /// The media library (`GET /media/...`).
    pub media: crate::media::service::MediaService,
}

/// A JSON error body with `extensions.code`, for handlers outside GraphQL.
pub(crate) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    error::error_body(
        status,
        HeaderValue::from_static("application/json"),
        code,
        message,
        &[],
    )
}

/// The full router with its middleware.
pub(crate) fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);

    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(config.cors_origins.clone()))
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
            axum::http::header::ACCEPT,
            HeaderName::from_static("x-csrf-token"),
            HeaderName::from_static("graphql-preflight"),
            request_id.clone(),
        ])
        .expose_headers([request_id.clone()])
        .allow_credentials(!config.cors_origins.is_empty())
        .max_age(std::time::Duration::from_secs(600));

    // A 101 Switching Protocols response must not be touched by compression.
    let compression = CompressionLayer::new().compress_when(
        SizeAbove::new(256)
            .and(NotForContentType::GRPC)
            .and(NotForContentType::IMAGES)
            .and(NotForContentType::SSE)
            .and(
                |status: StatusCode,
                 _: axum::http::Version,
                 headers: &axum::http::HeaderMap,
                 _: &axum::http::Extensions| {
                    // Media files: mostly compressed already, and a
                    // compressed byte range would be no range at all.
                    status != StatusCode::SWITCHING_PROTOCOLS
                        && !headers.contains_key(axum::http::header::ACCEPT_RANGES)
                },
            ),
    );

    let schema_download = sdl::SchemaDownload::new(config.limits.introspection);
    // `/graphql` takes uploads (multipart): its requests may be as large
    // as the largest files allowed; a JSON body still stops at
    // VELLUM_BODY_LIMIT (the handler reads it through `Bytes`, which
    // honours `DefaultBodyLimit`), and multipart parts have their own caps.
    let upload_cap = usize::try_from(config.media_max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_mul(multipart::MAX_FILES)
        .saturating_add(config.body_limit.saturating_mul(2))
        .max(config.body_limit);
    let graphql_routes = Router::new()
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .fallback(graphql::method_not_allowed),
        )
        .layer(axum::extract::DefaultBodyLimit::max(config.body_limit))
        .layer(RequestBodyLimitLayer::new(upload_cap));

    // Direct uploads' bytes (local storage): as large as a file may be.
    let upload_routes = Router::new()
        .route(
            "/media/uploads/{token}",
            axum::routing::put(crate::media::direct::receive),
        )
        .layer(RequestBodyLimitLayer::new(
            usize::try_from(config.media_max_bytes).unwrap_or(usize::MAX),
        ));

    let admin_routes = web::ADMIN_LINKED_PATHS.iter().fold(
        Router::new()
            .route("/admin", get(web::admin))
            .route("/admin/", get(web::admin))
            .route("/admin/{*path}", get(web::admin)),
        |routes, path| routes.route(path, get(web::admin)),
    );

    let limited_routes = Router::new()
        .route(
            "/graphql/schema.graphql",
            get(move || async move { schema_download.respond() }),
        )
        .merge(admin_routes)
        .route("/graphiql", get(web::graphiql))
        .route("/assets/{*path}", get(web::asset))
        .route("/health", get(probes::health))
        .route("/ready", get(probes::ready))
        .route("/metrics", get(probes::metrics))
        .route(
            "/unsubscribe",
            get(unsubscribe::unsubscribe).post(unsubscribe::unsubscribe),
        )
        .route("/media/{id}/{filename}", get(crate::media::delivery::serve))
        .fallback(not_found)
        // Bodies are read as streams too, where axum's default limit does
        // not apply: this layer is the real one.
        .layer(RequestBodyLimitLayer::new(config.body_limit));

    Router::new()
        .merge(graphql_routes)
        .merge(upload_routes)
        .merge(limited_routes)
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(axum::middleware::map_response(error::json_error_bodies))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), RandomRequestId))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                        let id = request
                            .headers()
                            .get(REQUEST_ID_HEADER)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default();
                        tracing::info_span!(
                            "request",
                            method = %request.method(),
                            path = %request.uri().path(),
                            request_id = %id,
                        )
                    }),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(security::layers(config.hsts_max_age))
                .layer(cors)
                .layer(compression),
        )
}

/// Request ids as random (v4) UUIDs from the thread's generator:
/// `Uuid::new_v4` asks the kernel for every one, a system call per request.
#[derive(Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        HeaderValue::from_bytes(id.hyphenated().encode_lower(&mut text).as_bytes())
            .ok()
            .map(RequestId::new)
    }
}

async fn not_found() -> Response {
    error::error_body(
        StatusCode::NOT_FOUND,
        HeaderValue::from_static("application/json"),
        crate::error::code::NOT_FOUND,
        "not found",
        &[],
    )
}
