//! Per-request bookkeeping around every GraphQL operation: metrics by
//! operation name, a code on every error, the request id on internal
//! errors, and whether execution began (HTTP status depends on it).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextRequest,
    NextSubscribe,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{Response, ServerError, ServerResult, Variables};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;

use crate::error::{AppError, code};
use crate::metrics::Metrics;

/// The id of the HTTP request (or WebSocket connection) being served.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// What the HTTP layer needs to know after executing: did the document get
/// as far as execution? If not, it was a request error (status 400 under
/// `application/graphql-response+json`, and no `data` key).
#[derive(Debug, Default)]
pub struct ExecutionMarker {
    executed: AtomicBool,
    /// The operation executed is a query: it changes nothing, so a failure
    /// anywhere in it loses nothing a retry would not bring back.
    query: AtomicBool,
}

impl ExecutionMarker {
    /// Whether execution began.
    pub fn executed(&self) -> bool {
        self.executed.load(Ordering::Acquire)
    }

    /// Whether the operation executed was a query (not a mutation).
    pub fn was_query(&self) -> bool {
        self.query.load(Ordering::Acquire)
    }
}

/// The content items whose id an answer shows, so the HTTP layer can name
/// them in `Surrogate-Key` and a CDN can purge them on publish.
#[derive(Debug, Default)]
pub struct SurrogateKeys(Mutex<std::collections::BTreeSet<uuid::Uuid>>);

impl SurrogateKeys {
    /// Notes that content item `id` is in the answer.
    pub fn content(&self, id: uuid::Uuid) {
        if let Ok(mut ids) = self.0.lock() {
            ids.insert(id);
        }
    }

    /// The content ids noted, in order.
    pub fn content_ids(&self) -> Vec<uuid::Uuid> {
        self.0
            .lock()
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }
}

/// Factory for the per-request [`ObserveExtension`].
pub struct Observe {
    metrics: Metrics,
}

impl Observe {
    /// Records into `metrics`.
    pub fn new(metrics: Metrics) -> Self {
        Self { metrics }
    }
}

impl ExtensionFactory for Observe {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ObserveExtension {
            metrics: self.metrics.clone(),
            state: Mutex::new(State::default()),
        })
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    #[default]
    Parse,
    Validate,
    Execute,
}

#[derive(Debug, Default)]
struct State {
    phase: Phase,
    operation: Option<String>,
    /// The document's operations: name and whether it is a query.
    queries: Vec<(Option<String>, bool)>,
    /// The request's id. The `request` hook's context predates the
    /// request's data, so it is read in `parse_query`, the first hook that
    /// sees it.
    request_id: Option<RequestId>,
}

/// One request's observer.
pub struct ObserveExtension {
    metrics: Metrics,
    state: Mutex<State>,
}

impl ObserveExtension {
    fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        // A poisoned lock only means another hook panicked; the state is
        // still plain data, so keep using it.
        let mut guard = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    /// Gives every error a code and internal errors the request id.
    fn finish_errors(&self, ctx: &ExtensionContext<'_>, errors: &mut [ServerError]) {
        let fallback = match self.with_state(|s| s.phase) {
            Phase::Parse => code::GRAPHQL_PARSE_FAILED,
            Phase::Validate => code::GRAPHQL_VALIDATION_FAILED,
            // Resolvers return AppErrors; an uncoded error while executing is
            // the engine rejecting input (an argument failing coercion, say).
            Phase::Execute => code::BAD_USER_INPUT,
        };
        let request_id = self
            .with_state(|s| s.request_id.clone())
            .or_else(|| ctx.data_opt::<RequestId>().cloned());
        for error in errors {
            let code = finish_error(error, fallback, request_id.as_ref());
            self.metrics.graphql_error(&code);
        }
    }
}

/// The `AppError` behind an error: raised with `?`, or shared by a
/// DataLoader (whose errors are `Arc`s, one per batch).
fn app_error_of(error: &ServerError) -> Option<&AppError> {
    error
        .source::<AppError>()
        .or_else(|| error.source::<Arc<AppError>>().map(Arc::as_ref))
}

/// Sets the error's extensions from its `AppError` source if it has one
/// (resolvers may use `?`, loaders share theirs), `INTERNAL` when the
/// source is any other error (a library's, through `?`: our bug), else the
/// fallback code; adds the request id to errors that are not the client's
/// doing (`INTERNAL`, `UNAVAILABLE`) and logs them. Returns the code.
fn finish_error(error: &mut ServerError, fallback: &str, request_id: Option<&RequestId>) -> String {
    let request_id_str = request_id.map(|r| r.0.as_str());
    if let Some(app_error) = app_error_of(error) {
        let ext = app_error.extensions();
        match app_error {
            AppError::Internal(cause) => tracing::error!(
                error = ?cause,
                request_id = request_id_str,
                path = ?error.path,
                "internal error"
            ),
            AppError::Unavailable { cause, .. } => tracing::warn!(
                error = ?cause,
                request_id = request_id_str,
                path = ?error.path,
                "database unavailable"
            ),
            _ => {}
        }
        error.message = app_error.to_string();
        error.extensions = Some(ext);
    } else if error.source.is_some() {
        // Uncoded errors with no source are the engine refusing input (an
        // argument that fails coercion); one with a foreign source is not.
        tracing::error!(
            error = %error.message,
            request_id = request_id_str,
            path = ?error.path,
            "internal error (uncoded)"
        );
        let internal = AppError::Internal(anyhow::anyhow!("uncoded"));
        error.message = internal.to_string();
        error.extensions = Some(internal.extensions());
    }
    let ext = error.extensions.get_or_insert_with(Default::default);
    let code = match ext.get("code") {
        Some(async_graphql::Value::String(code)) => code.clone(),
        _ => {
            ext.set("code", fallback);
            fallback.to_string()
        }
    };
    if (code == code::INTERNAL || code == code::UNAVAILABLE)
        && let Some(id) = request_id
    {
        ext.set("requestId", id.0.as_str());
    }
    code
}

#[async_trait::async_trait]
impl Extension for ObserveExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = Instant::now();
        let mut response = next.run(ctx).await;
        self.finish_errors(ctx, &mut response.errors);
        let operation = self.with_state(|s| s.operation.take());
        self.metrics
            .graphql_request(operation.as_deref(), started.elapsed());
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        let request_id = ctx.data_opt::<RequestId>().cloned();
        let metrics = self.metrics.clone();
        next.run(ctx, stream)
            .map(move |mut response| {
                for error in &mut response.errors {
                    let code =
                        finish_error(error, code::GRAPHQL_VALIDATION_FAILED, request_id.as_ref());
                    metrics.graphql_error(&code);
                }
                response
            })
            .boxed()
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if let Some(id) = ctx.data_opt::<RequestId>() {
            let id = id.clone();
            self.with_state(|s| s.request_id = Some(id));
        }
        let document = next.run(ctx, query, variables).await?;
        let queries = document
            .operations
            .iter()
            .map(|(name, op)| {
                (
                    name.map(|n| n.to_string()),
                    op.node.ty == OperationType::Query,
                )
            })
            .collect();
        self.with_state(|s| {
            s.phase = Phase::Validate;
            s.queries = queries;
        });
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let query = self.with_state(|s| {
            s.phase = Phase::Execute;
            s.operation = operation_name.map(str::to_owned);
            // Execution only begins once the operation was selected, so
            // the name (or the document's only operation) finds it.
            match operation_name {
                Some(name) => s
                    .queries
                    .iter()
                    .any(|(n, q)| *q && n.as_deref() == Some(name)),
                None => s.queries.len() == 1 && s.queries.iter().all(|(_, q)| *q),
            }
        });
        if let Some(marker) = ctx.data_opt::<Arc<ExecutionMarker>>() {
            marker.query.store(query, Ordering::Release);
            marker.executed.store(true, Ordering::Release);
        }
        next.run(ctx, operation_name).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(error: &ServerError) -> Option<async_graphql::Value> {
        error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .cloned()
    }

    #[test]
    fn app_error_sources_get_their_code_and_internal_gets_the_request_id() {
        let mut error = ServerError::new("internal error", None);
        error.source = Some(Arc::new(AppError::Internal(anyhow::anyhow!("db down"))));
        let id = RequestId("req-42".into());
        let code = finish_error(&mut error, code::BAD_USER_INPUT, Some(&id));
        assert_eq!(code, code::INTERNAL);
        let ext = error.extensions.clone().unwrap_or_default();
        assert_eq!(
            ext.get("requestId"),
            Some(&async_graphql::Value::from("req-42"))
        );

        let mut error = ServerError::new("bad", None);
        error.source = Some(Arc::new(AppError::bad_input("input.slug", "taken")));
        finish_error(&mut error, code::INTERNAL, Some(&id));
        let ext = error.extensions.clone().unwrap_or_default();
        assert_eq!(
            code_of(&error),
            Some(async_graphql::Value::from("BAD_USER_INPUT"))
        );
        assert_eq!(
            ext.get("field"),
            Some(&async_graphql::Value::from("input.slug"))
        );
        assert_eq!(ext.get("requestId"), None);
    }

    #[test]
    fn loader_errors_keep_their_code_and_foreign_sources_are_internal() {
        let id = RequestId("req-7".into());
        // What `?` makes of a DataLoader's `Arc<AppError>`.
        let shared = Arc::new(AppError::unavailable(anyhow::anyhow!("pool")));
        let mut error: ServerError =
            async_graphql::Error::from(shared).into_server_error(async_graphql::Pos::default());
        assert_eq!(
            finish_error(&mut error, code::BAD_USER_INPUT, Some(&id)),
            code::UNAVAILABLE
        );
        let ext = error.extensions.clone().unwrap_or_default();
        assert_eq!(
            ext.get("requestId"),
            Some(&async_graphql::Value::from("req-7"))
        );
        assert_eq!(
            ext.get("retryAfter"),
            Some(&async_graphql::Value::from(2u64))
        );

        let shared = Arc::new(AppError::NotFound("gone".into()));
        let mut error =
            async_graphql::Error::from(shared).into_server_error(async_graphql::Pos::default());
        assert_eq!(
            finish_error(&mut error, code::BAD_USER_INPUT, Some(&id)),
            code::NOT_FOUND
        );

        let foreign = serde_json::from_str::<u8>("x").err();
        let mut error =
            async_graphql::Error::from(foreign.map_or("none".to_string(), |e| e.to_string()))
                .into_server_error(async_graphql::Pos::default());
        // A String error has a source too (async-graphql's blanket From).
        assert_eq!(
            finish_error(&mut error, code::BAD_USER_INPUT, Some(&id)),
            code::INTERNAL
        );
        assert_eq!(error.message, "internal error");
        let ext = error.extensions.clone().unwrap_or_default();
        assert_eq!(
            ext.get("requestId"),
            Some(&async_graphql::Value::from("req-7"))
        );
    }

    #[test]
    fn uncoded_errors_get_the_phase_fallback() {
        let mut error = ServerError::new("Unknown field", None);
        let code = finish_error(&mut error, code::GRAPHQL_VALIDATION_FAILED, None);
        assert_eq!(code, code::GRAPHQL_VALIDATION_FAILED);
        assert_eq!(
            code_of(&error),
            Some(async_graphql::Value::from("GRAPHQL_VALIDATION_FAILED"))
        );
    }
}
