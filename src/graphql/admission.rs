//! Admission of expensive operations: at most a few queries or mutations
//! whose complexity is high run at once; the rest wait their turn.
//!
//! Two hundred concurrent lists of 100 full articles each hold both cores
//! and half a gigabyte while they are built, and `{ health }` waits behind
//! them. Queued behind a semaphore instead, they cost only their place in
//! line, and cheap operations never queue at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextValidation,
};
use async_graphql::{Response, ServerError, ValidationResult};
use tokio::sync::Semaphore;

/// Complexity from which an operation is heavy: half the default limit,
/// about a full page of articles.
pub(crate) const HEAVY_COMPLEXITY: usize = 1_000;

/// The factory: one semaphore shared by every request.
pub(crate) struct HeavyGate {
    permits: Arc<Semaphore>,
}

impl HeavyGate {
    /// At most `concurrent` heavy operations execute at once.
    pub(crate) fn new(concurrent: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
        }
    }
}

impl ExtensionFactory for HeavyGate {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Gate {
            permits: self.permits.clone(),
            complexity: AtomicUsize::new(0),
        })
    }
}

/// One request's view of the gate.
struct Gate {
    permits: Arc<Semaphore>,
    complexity: AtomicUsize,
}

#[async_trait::async_trait]
impl Extension for Gate {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        self.complexity.store(result.complexity, Ordering::Relaxed);
        Ok(result)
    }

    /// Queries and mutations only: a subscription would hold its permit
    /// for as long as it lives.
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if self.complexity.load(Ordering::Relaxed) < HEAVY_COMPLEXITY {
            return next.run(ctx, operation_name).await;
        }
        // The semaphore is never closed, so acquiring cannot fail; if it
        // somehow did, running unqueued beats refusing.
        let _permit = self.permits.acquire().await.ok();
        next.run(ctx, operation_name).await
    }
}
