//! GraphQL over HTTP at `/graphql`, following the GraphQL-over-HTTP spec:
//! `application/graphql-response+json` (request errors are 4xx and carry no
//! `data`) or legacy `application/json` (always 200 once the request is
//! well-formed). Built by hand because the stock handler gets the status
//! codes and media types wrong for the spec's audit.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::parser::types::OperationType;
use async_graphql::{ServerError, Variables};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::answers::{self, Answer, AnswerKey, RunDocument, SharedRun};
use super::error::error_body;
use super::{cache, multipart, ws};
use crate::auth::cookies;
use crate::error::{AppError, code};
use crate::graphql::observe::{ExecutionMarker, RequestId, SurrogateKeys};
use crate::graphql::persisted::{self, PersistedError};
use crate::rbac::principal::Principal;

/// The media type of GraphQL responses under the spec.
pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// Which media type the client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseType {
    /// `application/graphql-response+json`: status codes carry meaning.
    GraphQLResponse,
    /// `application/json`: legacy clients, 200 for every well-formed request.
    Json,
}

impl ResponseType {
    fn content_type(self) -> HeaderValue {
        match self {
            Self::GraphQLResponse => {
                HeaderValue::from_static("application/graphql-response+json; charset=utf-8")
            }
            Self::Json => HeaderValue::from_static("application/json; charset=utf-8"),
        }
    }
}

/// Picks the response type from `Accept`, honouring q-values.
/// `None` means nothing we can produce is acceptable (406).
fn negotiate(headers: &HeaderMap) -> Option<ResponseType> {
    let accept: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if accept.is_empty() {
        // The spec: no Accept means application/json.
        return Some(ResponseType::Json);
    }
    let mut best: Option<(f32, u8, ResponseType)> = None;
    for range in accept.iter().flat_map(|v| v.split(',')) {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or_default().to_ascii_lowercase();
        let mut q = 1.0f32;
        for param in parts {
            if let Some(value) = param.strip_prefix("q=") {
                q = value.parse().unwrap_or(0.0);
            }
        }
        if q <= 0.0 {
            continue;
        }
        // Specific media types beat wildcards at equal q.
        let candidate = match media.as_str() {
            GRAPHQL_RESPONSE_JSON => (q, 3, ResponseType::GraphQLResponse),
            "application/json" => (q, 2, ResponseType::Json),
            // The spec's audit: a wildcard gets the legacy type, which every
            // client understands.
            "application/*" | "*/*" => (q, 1, ResponseType::Json),
            _ => continue,
        };
        if best.is_none_or(|(bq, bs, _)| (candidate.0, candidate.1) > (bq, bs)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, t)| t)
}

/// The request body as the spec defines it.
struct Params {
    /// Absent when a persisted query's hash stands in for it.
    query: Option<String>,
    /// GraphQL over HTTP's persisted `documentId` (`sha256:<hex>`).
    document_id: Option<String>,
    operation_name: Option<String>,
    variables: Variables,
    extensions: Option<serde_json::Map<String, serde_json::Value>>,
    /// Files of a multipart request, with the variable paths they fill.
    uploads: Vec<(Vec<String>, async_graphql::UploadValue)>,
}

/// An error about the HTTP request itself, before GraphQL sees it.
fn request_error(status: StatusCode, response_type: ResponseType, message: &str) -> Response {
    error_body(
        status,
        response_type.content_type(),
        code::BAD_USER_INPUT,
        message,
        &[],
    )
}

fn params_from_json(value: serde_json::Value) -> Result<Params, &'static str> {
    let serde_json::Value::Object(mut object) = value else {
        return Err(match value {
            serde_json::Value::Array(_) => "batched requests are not supported",
            _ => "the body must be a JSON object",
        });
    };
    let query = match object.remove("query") {
        Some(serde_json::Value::String(query)) => Some(query),
        Some(_) => return Err("`query` must be a string"),
        None => None,
    };
    let document_id = match object.remove("documentId") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) => Some(id),
        Some(_) => return Err("`documentId` must be a string"),
    };
    let operation_name = match object.remove("operationName") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(name)) => Some(name),
        Some(_) => return Err("`operationName` must be a string"),
    };
    let variables = match object.remove("variables") {
        None | Some(serde_json::Value::Null) => Variables::default(),
        Some(value @ serde_json::Value::Object(_)) => Variables::from_json(value),
        Some(_) => return Err("`variables` must be an object"),
    };
    let extensions = match object.remove("extensions") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Object(map)) => Some(map),
        Some(_) => return Err("`extensions` must be an object"),
    };
    if query.is_none() && document_id.is_none() && !persisted::has_extension(extensions.as_ref()) {
        return Err("`query` is missing");
    }
    Ok(Params {
        query,
        document_id,
        operation_name,
        variables,
        extensions,
        uploads: Vec::new(),
    })
}

fn params_from_query_string(raw: Option<&str>) -> Result<Params, &'static str> {
    let mut query = None;
    let mut document_id = None;
    let mut operation_name = None;
    let mut variables = None;
    let mut extensions = None;
    for (key, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let value = value.into_owned();
        match key.as_ref() {
            "query" => query = Some(value),
            "documentId" => document_id = Some(value),
            "operationName" => operation_name = Some(value),
            "variables" => variables = Some(value),
            "extensions" => extensions = Some(value),
            _ => {}
        }
    }
    let mut object = serde_json::Map::new();
    if let Some(query) = query {
        object.insert("query".into(), serde_json::Value::String(query));
    }
    if let Some(id) = document_id.filter(|id| !id.is_empty()) {
        object.insert("documentId".into(), serde_json::Value::String(id));
    }
    if let Some(name) = operation_name.filter(|n| !n.is_empty()) {
        object.insert("operationName".into(), serde_json::Value::String(name));
    }
    for (key, raw) in [("variables", variables), ("extensions", extensions)] {
        if let Some(raw) = raw.filter(|r| !r.is_empty()) {
            let value = serde_json::from_str(&raw).map_err(|_| match key {
                "variables" => "`variables` is not valid JSON",
                _ => "`extensions` is not valid JSON",
            })?;
            object.insert(key.into(), value);
        }
    }
    params_from_json(serde_json::Value::Object(object))
}

/// `POST /graphql`: JSON, or a multipart request carrying files.
pub async fn post(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    request: axum::extract::Request,
) -> Response {
    let peer = peer.map(|Extension(ConnectInfo(addr))| addr);
    let headers = request.headers().clone();
    let Some(response_type) = negotiate(&headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            ResponseType::Json,
            "Accept must allow application/graphql-response+json or application/json",
        );
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(boundary) = multipart::boundary(content_type) {
        if !multipart::preflighted(&headers) {
            return request_error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                response_type,
                multipart::PREFLIGHT_REQUIRED,
            );
        }
        let response = match boundary {
            Ok(boundary) => {
                upload(
                    &state,
                    &headers,
                    peer,
                    request.into_body(),
                    boundary,
                    response_type,
                )
                .await
            }
            Err(err) => multipart_refusal(response_type, err),
        };
        return cache::private(response);
    }
    if let Err(message) = check_content_type(&headers) {
        return request_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, response_type, message);
    }
    let body = match Bytes::from_request(request, &state).await {
        Ok(body) => body,
        Err(rejection) => {
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "the request body is too large"
            } else {
                "the request body could not be read"
            };
            return request_error(status, response_type, message);
        }
    };
    let params = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(serde_json::Value::Array(operations)) => {
            let response = batch(&state, &headers, peer, operations, response_type).await;
            return cache::private(response);
        }
        Ok(value) => params_from_json(value),
        Err(_) => Err("the body is not valid JSON"),
    };
    let response = match params {
        Ok(params) => execute(&state, &headers, peer, params, response_type, Method::POST).await,
        Err(message) => request_error(StatusCode::BAD_REQUEST, response_type, message),
    };
    cache::private(response)
}

/// A multipart request (files for `Upload` variables): one operation,
/// never a batch, run like any other once its files are on disk.
async fn upload(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    body: axum::body::Body,
    boundary: String,
    response_type: ResponseType,
) -> Response {
    let limits = multipart::Limits {
        json: u64::try_from(state.config.body_limit).unwrap_or(u64::MAX),
        file: state.config.media_max_bytes,
    };
    let parts = match multipart::read(body, boundary, &limits).await {
        Ok(parts) => parts,
        Err(err) => return multipart_refusal(response_type, err),
    };
    let mut params = match params_from_json(parts.operations) {
        Ok(params) => params,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, response_type, message),
    };
    params.uploads = parts.files;
    execute(state, headers, peer, params, response_type, Method::POST).await
}

fn multipart_refusal(response_type: ResponseType, err: multipart::MultipartError) -> Response {
    match err {
        multipart::MultipartError::TooLarge(message) => {
            request_error(StatusCode::PAYLOAD_TOO_LARGE, response_type, &message)
        }
        multipart::MultipartError::Bad(message) => {
            request_error(StatusCode::BAD_REQUEST, response_type, &message)
        }
    }
}

/// A batch, as Apollo's `BatchHttpLink` sends it: a JSON array of
/// operations answered by a JSON array of results in the same order. Every
/// operation is checked before any runs; they then run one after the
/// other, each as its own request (credentials, rate limit, query limits).
async fn batch(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    operations: Vec<serde_json::Value>,
    response_type: ResponseType,
) -> Response {
    let max = state.config.max_batch_size;
    let refuse = |message: &str| request_error(StatusCode::BAD_REQUEST, response_type, message);
    if max <= 1 {
        return refuse(
            "batched requests are not supported: VELLUM_MAX_BATCH_SIZE is 0 or 1 on this server",
        );
    }
    if operations.is_empty() {
        return refuse("a batch must hold at least one operation");
    }
    if operations.len() > max {
        return refuse(&format!(
            "a batch may hold at most {max} operations (VELLUM_MAX_BATCH_SIZE)"
        ));
    }
    let mut all = Vec::with_capacity(operations.len());
    for (index, operation) in operations.into_iter().enumerate() {
        match params_from_json(operation) {
            Ok(params) => all.push(params),
            Err(message) => return refuse(&format!("operation {index}: {message}")),
        }
    }
    let mut body = Vec::from(*b"[");
    let mut cookies = Vec::new();
    for (index, params) in all.into_iter().enumerate() {
        let (parts, answer) = execute(state, headers, peer, params, response_type, Method::POST)
            .await
            .into_parts();
        cookies.extend(parts.headers.get_all(header::SET_COOKIE).iter().cloned());
        // Every answer `execute` gives is an in-memory JSON object.
        let Ok(answer) = axum::body::to_bytes(answer, usize::MAX).await else {
            tracing::error!("cannot read a batched answer");
            return error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                response_type.content_type(),
                code::INTERNAL,
                "internal error",
                &[],
            );
        };
        if index > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&answer);
    }
    body.push(b']');
    let mut http = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, response_type.content_type())],
        body,
    )
        .into_response();
    for cookie in cookies {
        http.headers_mut().append(header::SET_COOKIE, cookie);
    }
    http
}

fn check_content_type(headers: &HeaderMap) -> Result<(), &'static str> {
    const EXPECTED: &str = "Content-Type must be application/json";
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or(EXPECTED)?;
    let mime: mime::Mime = value.parse().map_err(|_| EXPECTED)?;
    if mime.essence_str() != "application/json" {
        return Err(EXPECTED);
    }
    match mime.get_param(mime::CHARSET) {
        Some(charset) if charset != mime::UTF_8 => Err("the only charset accepted is utf-8"),
        _ => Ok(()),
    }
}

/// `GET /graphql`: a WebSocket upgrade, or a query in the URL.
pub async fn get(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let is_upgrade = request
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"));
    let response = get_inner(state, request).await;
    if is_upgrade {
        response
    } else {
        cache::private(response)
    }
}

async fn get_inner(state: AppState, request: axum::extract::Request) -> Response {
    let (mut parts, _body) = request.into_parts();
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    if parts
        .headers
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
    {
        return match axum::extract::ws::WebSocketUpgrade::from_request_parts(&mut parts, &state)
            .await
        {
            Ok(upgrade) => ws::upgrade(state, &parts.headers, peer, upgrade),
            Err(rejection) => rejection.into_response(),
        };
    }
    let headers = parts.headers;
    let Some(response_type) = negotiate(&headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            ResponseType::Json,
            "Accept must allow application/graphql-response+json or application/json",
        );
    };
    let params = match params_from_query_string(parts.uri.query()) {
        Ok(params) => params,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, response_type, message),
    };
    if let Some(query) = &params.query
        && selects_non_query(
            query,
            params.operation_name.as_deref(),
            &state.config.limits,
        )
    {
        return get_non_query(response_type);
    }
    execute(&state, &headers, peer, params, response_type, Method::GET).await
}

/// The 405 for a mutation or subscription sent with GET.
fn get_non_query(response_type: ResponseType) -> Response {
    let mut response = request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        response_type,
        "only queries may be sent with GET; use POST for mutations",
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    response
}

/// Whether the operation a GET would run is a mutation or subscription.
/// A document that does not parse, or that the limits refuse before
/// parsing, is left to the executor to report.
fn selects_non_query(
    query: &str,
    operation_name: Option<&str>,
    limits: &crate::config::Limits,
) -> bool {
    let limits = crate::graphql::limits::DocumentLimits::new(limits);
    if limits.check_text(query).is_err() {
        return false;
    }
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    runs_non_query(&document, operation_name)
}

/// Whether the operation `operation_name` selects in `document` is a
/// mutation or subscription.
fn runs_non_query(
    document: &async_graphql::parser::types::ExecutableDocument,
    operation_name: Option<&str>,
) -> bool {
    crate::graphql::selected_operation(document, operation_name)
        .is_some_and(|op| op.node.ty != OperationType::Query)
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a async_graphql::Value>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, async_graphql::Value>,
}

/// A 401 for credentials that do not check out; clients refresh and retry.
fn unauthenticated(response_type: ResponseType, message: &str) -> Response {
    let mut response = error_body(
        StatusCode::UNAUTHORIZED,
        response_type.content_type(),
        code::UNAUTHENTICATED,
        message,
        &[],
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"invalid_token\""),
    );
    response
}

/// A 429 (`RATE_LIMITED`) or 503 (`UNAVAILABLE`) the client may retry
/// after `Retry-After` seconds.
fn retry_later(
    status: StatusCode,
    response_type: ResponseType,
    err: &AppError,
    retry_after_secs: u64,
    request_id: Option<&str>,
) -> Response {
    let mut extra = vec![("retryAfter", retry_after_secs.into())];
    if let Some(id) = request_id {
        extra.push(("requestId", id.into()));
    }
    let mut response = error_body(
        status,
        response_type.content_type(),
        err.code(),
        &err.to_string(),
        &extra,
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

/// The answer when checking the request's credential failed: the error's
/// own code and status, `Retry-After` when a retry may succeed, and the
/// request id on errors that are not the client's doing.
fn auth_failure(response_type: ResponseType, err: &AppError, request_id: &str) -> Response {
    match err {
        AppError::Unauthenticated(message) => unauthenticated(response_type, message),
        AppError::Unavailable {
            retry_after_secs, ..
        } => {
            tracing::warn!(error = ?err, request_id, "authentication is unavailable");
            retry_later(
                StatusCode::SERVICE_UNAVAILABLE,
                response_type,
                err,
                *retry_after_secs,
                Some(request_id),
            )
        }
        AppError::RateLimited { retry_after_secs } => retry_later(
            StatusCode::TOO_MANY_REQUESTS,
            response_type,
            err,
            *retry_after_secs,
            None,
        ),
        AppError::Internal(_) => {
            tracing::error!(error = ?err, request_id, "authentication failed");
            error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                response_type.content_type(),
                code::INTERNAL,
                &err.to_string(),
                &[("requestId", request_id.into())],
            )
        }
        other => {
            let status = match other {
                AppError::Forbidden(_) => StatusCode::FORBIDDEN,
                AppError::NotFound(_) => StatusCode::NOT_FOUND,
                AppError::Conflict(_) | AppError::Stale { .. } => StatusCode::CONFLICT,
                _ => StatusCode::BAD_REQUEST,
            };
            let extensions = match serde_json::to_value(other.extensions()) {
                Ok(serde_json::Value::Object(map)) => map,
                _ => serde_json::Map::new(),
            };
            let extra: Vec<(&str, serde_json::Value)> = extensions
                .iter()
                .filter(|(key, _)| key.as_str() != "code")
                .map(|(key, value)| (key.as_str(), value.clone()))
                .collect();
            error_body(
                status,
                response_type.content_type(),
                other.code(),
                &other.to_string(),
                &extra,
            )
        }
    }
}

/// `Some(seconds)` when the whole answer is "the database is out of reach,
/// try again": some error, every error `UNAVAILABLE`, and no root field
/// holding a value. A 503 then loses nothing the client asked for. In a
/// mutation every error must also be raised by a root field itself (its
/// transaction then never committed); a query changes nothing, so errors
/// from nested fields (a DataLoader's, say) count too. A partial answer
/// keeps its 200 and its `UNAVAILABLE` errors. (A document with several
/// mutations can still hide an earlier field's success behind GraphQL's
/// null propagation, exactly as under a 200.)
fn unavailable_retry_after(response: &async_graphql::Response, query: bool) -> Option<u64> {
    use async_graphql::Value;
    // async-graphql leaves a failed field out of its object rather than
    // nulling the parent, so "nothing answered" looks through objects.
    fn holds_value(value: &Value) -> bool {
        match value {
            Value::Null => false,
            Value::Object(fields) => fields.values().any(holds_value),
            _ => true,
        }
    }
    let nothing_answered = !holds_value(&response.data);
    if response.errors.is_empty() || !nothing_answered {
        return None;
    }
    let mut longest = 0;
    for error in &response.errors {
        let ext = error.extensions.as_ref()?;
        let unavailable = ext.get("code") == Some(&Value::from(code::UNAVAILABLE));
        if !unavailable || (!query && error.path.len() > 1) {
            return None;
        }
        if let Some(Value::Number(secs)) = ext.get("retryAfter") {
            longest = longest.max(secs.as_u64().unwrap_or_default());
        }
    }
    Some(longest.max(1))
}

async fn execute(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    params: Params,
    response_type: ResponseType,
    method: Method,
) -> Response {
    let cookie_header = if headers.contains_key(header::COOKIE) {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    let csrf_verified = cookies::csrf_matches(
        cookies::cookie(&cookie_header, cookies::CSRF_COOKIE),
        headers
            .get(cookies::CSRF_HEADER)
            .and_then(|v| v.to_str().ok()),
    );
    let access_cookie = cookies::cookie(&cookie_header, cookies::ACCESS_COOKIE);
    let refresh_cookie = cookies::cookie(&cookie_header, cookies::REFRESH_COOKIE);
    let (credential, from_cookie) = match super::client::bearer(headers) {
        Ok(Some(token)) => (Some(token), false),
        Ok(None) => match access_cookie {
            // Cookies ride along on cross-site requests; the header cannot.
            Some(_) if !csrf_verified => {
                return error_body(
                    StatusCode::FORBIDDEN,
                    response_type.content_type(),
                    code::FORBIDDEN,
                    &format!(
                        "cookie requests must send the {} cookie's value in the {} header",
                        cookies::CSRF_COOKIE,
                        cookies::CSRF_HEADER
                    ),
                    &[],
                );
            }
            token => (token, token.is_some()),
        },
        Err(()) => {
            return unauthenticated(
                response_type,
                "Authorization must be `Bearer <access token>`",
            );
        }
    };
    let request_id = headers
        .get(super::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let mut stale_access_cookie = false;
    let principal = match credential {
        None => Principal::Anonymous,
        Some(token) => match state.api_keys.authenticate_bearer(token).await {
            Ok(principal) => principal,
            // An access cookie whose session was revoked (or that outlived
            // its token) would otherwise ride on, and fail, the very sign-in
            // or refresh that replaces it: the request is anonymous and the
            // cookie is dropped. A bearer header is the client's choice and
            // still fails loudly.
            Err(AppError::Unauthenticated(_)) if from_cookie => {
                stale_access_cookie = true;
                Principal::Anonymous
            }
            Err(err) => return auth_failure(response_type, &err, &request_id),
        },
    };
    let cookie_context = cookies::CookieContext {
        secure: state.config.public_url.starts_with("https://"),
        max_age: (
            state.config.access_token_ttl.as_secs(),
            state.config.session_ttl.as_secs(),
        ),
        refresh_token: refresh_cookie.map(str::to_owned),
        csrf_verified,
        has_session_cookies: access_cookie.is_some() || refresh_cookie.is_some(),
    };
    // Only what every anonymous caller would get may be shared.
    let anonymous =
        matches!(principal, Principal::Anonymous) && !cookie_context.has_session_cookies;
    let meta_ip = super::client::client_ip(headers, peer, &state.config.trusted_proxies);
    let budget_key = match &principal {
        Principal::User(user) => format!("user:{}", user.user_id),
        Principal::Anonymous => format!(
            "ip:{}",
            meta_ip.map(|ip| ip.to_string()).unwrap_or_default()
        ),
    };
    if let Err(err @ AppError::RateLimited { retry_after_secs }) =
        state.auth.limits().request(&budget_key)
    {
        return retry_later(
            StatusCode::TOO_MANY_REQUESTS,
            response_type,
            &err,
            retry_after_secs,
            None,
        );
    }
    // After the rate limit: looking a hash up costs like a request.
    let sent_text = params.query.is_some();
    let limits = crate::graphql::limits::DocumentLimits::new(&state.config.limits);
    let resolved = match persisted::resolve(
        &state.persisted,
        state.config.persisted_queries,
        &limits,
        persisted::Requested {
            query: params.query,
            document_id: params.document_id.as_deref(),
            extensions: params.extensions.as_ref(),
        },
    )
    .await
    {
        Ok(resolved) => resolved,
        Err(err) => return persisted_failure(response_type, err, &request_id),
    };
    // A document known by hash is parsed and checked once; one that fails
    // a check is left to the executor, which says why.
    let checked = match &resolved.known {
        Some(hash) => state.persisted.checked(hash, &resolved.text, &limits).await,
        None => None,
    };
    let query = resolved.text;
    if method == Method::GET && !sent_text {
        let non_query = match &checked {
            Some(checked) => runs_non_query(checked.document(), params.operation_name.as_deref()),
            None => selects_non_query(
                &query,
                params.operation_name.as_deref(),
                &state.config.limits,
            ),
        };
        if non_query {
            return get_non_query(response_type);
        }
    }
    // An anonymous query answered before, with nothing changed since, is
    // answered with the same bytes: after the rate limit and the
    // persisted-document rules, which hold for every request alike.
    let shared = (anonymous && state.answers.enabled() && params.uploads.is_empty())
        .then(|| AnswerKey::new(&query, params.operation_name.as_deref(), &params.variables))
        .flatten();
    if let Some(key) = &shared
        && let Some(answer) = state.answers.get(key)
    {
        return kept_answer(state, headers, &answer, response_type, &method);
    }
    let shared = shared.and_then(|key| {
        Some(SharedRun {
            key,
            stamp: state.answers.stamp()?,
            operation_name: params.operation_name.clone(),
            document: match &checked {
                Some(checked) => RunDocument::Checked(checked.clone()),
                None => RunDocument::Text(query.clone()),
            },
        })
    });
    let marker = Arc::new(ExecutionMarker::default());
    let surrogate_keys = Arc::new(SurrogateKeys::default());
    let meta =
        super::client::request_meta(headers, peer, &state.config.trusted_proxies, &request_id);
    let mut request = async_graphql::Request::new(query)
        .variables(params.variables)
        .data(RequestId(request_id.clone()))
        .data(meta)
        .data(cookie_context)
        .data(marker.clone())
        .data(surrogate_keys.clone());
    crate::graphql::request_loaders(&mut request.data, &state.db, &principal);
    request = request.data(principal);
    if let Some(checked) = checked {
        request = request.data(checked);
    }
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    for (paths, upload) in params.uploads {
        for path in paths {
            match upload.try_clone() {
                Ok(copy) => request.set_upload(&path, copy),
                Err(err) => {
                    tracing::error!(error = %err, request_id, "cannot hand an upload over");
                    return internal_error(response_type, request_id);
                }
            }
        }
    }
    if let Some(extensions) = params.extensions {
        for (key, value) in extensions {
            if let Ok(value) = async_graphql::Value::from_json(value) {
                request.extensions.insert(key, value);
            }
        }
    }
    let response = state.schema.execute(request).await;
    let executed = marker.executed();
    let retry_after = unavailable_retry_after(&response, marker.was_query());
    let status = if retry_after.is_some() {
        // Under either media type: a 503 is what proxies, load balancers
        // and retrying clients understand. The spec allows a 5xx only
        // without `data`, which is all null here anyway.
        StatusCode::SERVICE_UNAVAILABLE
    } else if executed || response_type == ResponseType::Json {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let body = Body {
        data: (executed && retry_after.is_none()).then_some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    let json = match serde_json::to_vec(&body) {
        Ok(json) => json,
        Err(err) => {
            tracing::error!(error = %err, request_id, "cannot serialise a GraphQL response");
            return internal_error(response_type, request_id);
        }
    };
    let shareable = anonymous
        && status == StatusCode::OK
        && marker.was_query()
        && response.errors.is_empty()
        && !response.http_headers.contains_key(header::SET_COOKIE);
    let public = shareable && method == Method::GET;
    let json = Bytes::from(json);
    let shared = shared.filter(|_| shareable && json.len() <= answers::MAX_BODY);
    let tag = (public || shared.is_some()).then(|| cache::etag(&json));
    if let (Some(run), Some(tag)) = (shared, &tag) {
        run.keep(
            &state.answers,
            json.clone(),
            tag.clone(),
            cache::surrogate_key(&surrogate_keys.content_ids()),
        );
    }
    let tag = tag.filter(|_| public);
    let mut http = (
        status,
        [(header::CONTENT_TYPE, response_type.content_type())],
        json,
    )
        .into_response();
    for (name, value) in response.http_headers.iter() {
        http.headers_mut().append(name, value.clone());
    }
    if stale_access_cookie && !response.http_headers.contains_key(header::SET_COOKIE) {
        let secure = state.config.public_url.starts_with("https://");
        if let Ok(value) = HeaderValue::from_str(&cookies::cleared_access_cookie(secure)) {
            http.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    if let Some(secs) = retry_after {
        http.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    match tag {
        Some(tag) => {
            http.headers_mut().insert(
                "surrogate-key",
                cache::surrogate_key(&surrogate_keys.content_ids()),
            );
            cache::public(http, headers, tag, &state.config.http_cache_control)
        }
        None => cache::private(http),
    }
}

/// A 500 that names the request id for the log, and nothing else.
fn internal_error(response_type: ResponseType, request_id: String) -> Response {
    error_body(
        StatusCode::INTERNAL_SERVER_ERROR,
        response_type.content_type(),
        code::INTERNAL,
        "internal error",
        &[("requestId", request_id.into())],
    )
}

/// Headers a kept answer ends up with, about.
const ANSWER_HEADERS: usize = 24;

/// The answer kept by the public answer cache, with the headers of a fresh
/// one: public (and maybe a 304) for a GET, private for a POST.
fn kept_answer(
    state: &AppState,
    headers: &HeaderMap,
    answer: &Answer,
    response_type: ResponseType,
    method: &Method,
) -> Response {
    let mut http = Response::new(axum::body::Body::from(answer.body.clone()));
    // Room for every header the middleware adds too (security, CORS, the
    // request id): a map grown one header at a time rehashes as it goes.
    *http.headers_mut() = HeaderMap::with_capacity(ANSWER_HEADERS);
    http.headers_mut()
        .insert(header::CONTENT_TYPE, response_type.content_type());
    if *method != Method::GET {
        return cache::private(http);
    }
    http.headers_mut()
        .insert("surrogate-key", answer.surrogate_key.clone());
    cache::public(
        http,
        headers,
        answer.etag.clone(),
        &state.config.http_cache_control,
    )
}

/// The answer when a request's persisted document could not be had.
/// `PERSISTED_QUERY_NOT_FOUND` and `PERSISTED_QUERY_NOT_SUPPORTED` are 200
/// under both media types: Apollo's link reads them from the body and
/// retries with the text, and treats other statuses as network failures.
fn persisted_failure(
    response_type: ResponseType,
    err: PersistedError,
    request_id: &str,
) -> Response {
    let content_type = response_type.content_type();
    match err {
        PersistedError::NotFound => error_body(
            StatusCode::OK,
            content_type,
            code::PERSISTED_QUERY_NOT_FOUND,
            "PersistedQueryNotFound",
            &[],
        ),
        PersistedError::NotSupported => error_body(
            StatusCode::OK,
            content_type,
            code::PERSISTED_QUERY_NOT_SUPPORTED,
            "PersistedQueryNotSupported",
            &[],
        ),
        PersistedError::TrustedRequired(message) => error_body(
            StatusCode::FORBIDDEN,
            content_type,
            code::TRUSTED_DOCUMENT_REQUIRED,
            &message,
            &[],
        ),
        PersistedError::BadInput(message) => {
            request_error(StatusCode::BAD_REQUEST, response_type, message)
        }
        PersistedError::Store(err) => auth_failure(response_type, &err, request_id),
    }
}

/// Any other method on `/graphql`.
pub async fn method_not_allowed(method: Method) -> Response {
    let mut response = request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        ResponseType::Json,
        &format!("{method} is not supported on /graphql; use GET or POST"),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Option<ResponseType> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
        );
        negotiate(&headers)
    }

    fn answer(data: async_graphql::Value, errors: &[(&str, &[&str])]) -> async_graphql::Response {
        let mut response = async_graphql::Response::new(data);
        for (code, path) in errors {
            let mut error = ServerError::new("x", None);
            let mut ext = async_graphql::ErrorExtensionValues::default();
            ext.set("code", *code);
            if *code == code::UNAVAILABLE {
                ext.set("retryAfter", 2u64);
            }
            error.extensions = Some(ext);
            error.path = path
                .iter()
                .map(|f| async_graphql::PathSegment::Field((*f).into()))
                .collect();
            response.errors.push(error);
        }
        response
    }

    #[test]
    fn only_an_answer_that_is_all_unavailable_is_a_503() {
        use async_graphql::{Name, Value};
        let nothing = Value::Object([(Name::new("categories"), Value::Null)].into());
        let something = Value::Object(
            [
                (Name::new("categories"), Value::Null),
                (Name::new("health"), Value::from("ok")),
            ]
            .into(),
        );
        let unavailable = (code::UNAVAILABLE, &["categories"][..]);
        for query in [false, true] {
            assert_eq!(
                unavailable_retry_after(&answer(Value::Null, &[unavailable]), query),
                Some(2)
            );
            assert_eq!(
                unavailable_retry_after(
                    &answer(nothing.clone(), &[unavailable, unavailable]),
                    query
                ),
                Some(2)
            );
            // A field left out of its object answered nothing either.
            let hollow = Value::Object(
                [(Name::new("categories"), Value::Object(Default::default()))].into(),
            );
            assert_eq!(
                unavailable_retry_after(&answer(hollow, &[unavailable]), query),
                Some(2)
            );
            // Part of the answer would be lost.
            assert_eq!(
                unavailable_retry_after(&answer(something.clone(), &[unavailable]), query),
                None
            );
            // A retry would not fix the other error.
            assert_eq!(
                unavailable_retry_after(
                    &answer(
                        nothing.clone(),
                        &[unavailable, (code::FORBIDDEN, &["categories"][..])]
                    ),
                    query
                ),
                None
            );
            assert_eq!(
                unavailable_retry_after(&answer(nothing.clone(), &[]), query),
                None
            );
        }
        // Raised below a root field: the root resolver of a mutation ran
        // and may have committed; a query's changed nothing.
        let nested = answer(
            Value::Null,
            &[(code::UNAVAILABLE, &["createContent", "author"][..])],
        );
        assert_eq!(unavailable_retry_after(&nested, false), None);
        assert_eq!(unavailable_retry_after(&nested, true), Some(2));
    }

    async fn parts(response: Response) -> (StatusCode, Option<String>, serde_json::Value) {
        let status = response.status();
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap_or_default();
        let body = serde_json::from_slice(&bytes).unwrap_or_default();
        (status, retry_after, body)
    }

    #[tokio::test]
    async fn a_failed_credential_check_answers_with_its_own_code() {
        let json = ResponseType::GraphQLResponse;
        let (status, retry_after, body) = parts(auth_failure(
            json,
            &AppError::Internal(anyhow::anyhow!("relation \"sessions\" does not exist")),
            "req-1",
        ))
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(retry_after, None);
        assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
        assert_eq!(body["errors"][0]["extensions"]["requestId"], "req-1");
        assert_eq!(body["errors"][0]["message"], "internal error");

        let (status, retry_after, body) = parts(auth_failure(
            json,
            &AppError::unavailable(anyhow::anyhow!("pool")),
            "req-2",
        ))
        .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(retry_after.as_deref(), Some("2"));
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAVAILABLE");
        assert_eq!(body["errors"][0]["extensions"]["requestId"], "req-2");

        let (status, _, body) = parts(auth_failure(
            json,
            &AppError::Forbidden("no".into()),
            "req-3",
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
        assert_eq!(body["errors"][0]["extensions"].get("requestId"), None);

        let (status, _, body) = parts(auth_failure(
            json,
            &AppError::Unauthenticated("expired".into()),
            "req-4",
        ))
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }

    #[test]
    fn negotiation_follows_the_spec() {
        assert_eq!(negotiate(&HeaderMap::new()), Some(ResponseType::Json));
        assert_eq!(accept("application/json"), Some(ResponseType::Json));
        assert_eq!(
            accept(GRAPHQL_RESPONSE_JSON),
            Some(ResponseType::GraphQLResponse)
        );
        assert_eq!(
            accept("application/graphql-response+json, application/json;q=0.9"),
            Some(ResponseType::GraphQLResponse)
        );
        assert_eq!(
            accept("application/graphql-response+json;q=0.5, application/json"),
            Some(ResponseType::Json)
        );
        assert_eq!(accept("*/*"), Some(ResponseType::Json));
        assert_eq!(
            accept("*/*, application/graphql-response+json"),
            Some(ResponseType::GraphQLResponse)
        );
        assert_eq!(accept("text/html"), None);
        assert_eq!(accept("application/json;q=0"), None);
    }

    #[test]
    fn query_string_decoding() {
        let params = params_from_query_string(Some(
            "query=%7B%20health%20%7D&operationName=&variables=%7B%22a%22%3A1%7D",
        ));
        let Ok(params) = params else {
            panic!("must parse");
        };
        assert_eq!(params.query.as_deref(), Some("{ health }"));
        assert!(params.operation_name.is_none());
        assert!(params_from_query_string(Some("variables=%7B")).is_err());
        assert!(params_from_query_string(Some("query={x}&variables=[1]")).is_err());
        assert!(params_from_query_string(Some("query=%E2%82%AC%2")).is_ok());
    }

    #[test]
    fn body_shape_is_checked() {
        use serde_json::json;
        assert!(params_from_json(json!([{"query": "{ health }"}])).is_err());
        assert!(params_from_json(json!({"query": 1})).is_err());
        assert!(params_from_json(json!({})).is_err());
        assert!(params_from_json(json!({"query": "{a}", "variables": "x"})).is_err());
        assert!(params_from_json(json!({"query": "{a}", "operationName": 1})).is_err());
        assert!(params_from_json(json!({"query": "{a}", "variables": null})).is_ok());
        // `documentId` stands in for the text.
        let Ok(params) = params_from_json(json!({"documentId": "sha256:ab"})) else {
            panic!("documentId alone is a request");
        };
        assert_eq!(params.document_id.as_deref(), Some("sha256:ab"));
        assert!(params_from_json(json!({"documentId": 1})).is_err());
        assert!(params_from_json(json!({"documentId": null})).is_err());
        let Ok(params) = params_from_query_string(Some("documentId=sha256%3Aab")) else {
            panic!("documentId alone is a request");
        };
        assert_eq!(params.document_id.as_deref(), Some("sha256:ab"));
        assert!(params_from_query_string(Some("documentId=")).is_err());
    }
}
