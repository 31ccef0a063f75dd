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
use async_graphql::parser::types::ExecutableDocument;
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
}

impl ExecutionMarker {
    /// Whether execution began.
    pub fn executed(&self) -> bool {
        self.executed.load(Ordering::Acquire)
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
        let request_id = ctx.data_opt::<RequestId>();
        for error in errors {
            let code = finish_error(error, fallback, request_id);
            self.metrics.graphql_error(&code);
        }
    }
}

/// Sets the error's extensions from its `AppError` source if it has one
/// (resolvers may use `?`), else the fallback code; adds the request id to
/// internal errors and logs them. Returns the code.
fn finish_error(error: &mut ServerError, fallback: &str, request_id: Option<&RequestId>) -> String {
    if let Some(app_error) = error.source::<AppError>() {
        let ext = app_error.extensions();
        match app_error {
            AppError::Internal(cause) => tracing::error!(
                error = ?cause,
                request_id = request_id.map(|r| r.0.as_str()),
                path = ?error.path,
                "internal error"
            ),
            AppError::Unavailable { cause, .. } => tracing::warn!(
                error = ?cause,
                request_id = request_id.map(|r| r.0.as_str()),
                path = ?error.path,
                "database unavailable"
            ),
            _ => {}
        }
        error.extensions = Some(ext);
    }
    let ext = error.extensions.get_or_insert_with(Default::default);
    let code = match ext.get("code") {
        Some(async_graphql::Value::String(code)) => code.clone(),
        _ => {
            ext.set("code", fallback);
            fallback.to_string()
        }
    };
    if code == code::INTERNAL
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
        let document = next.run(ctx, query, variables).await?;
        self.with_state(|s| s.phase = Phase::Validate);
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        self.with_state(|s| {
            s.phase = Phase::Execute;
            s.operation = operation_name.map(str::to_owned);
        });
        if let Some(marker) = ctx.data_opt::<Arc<ExecutionMarker>>() {
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
