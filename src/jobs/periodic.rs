//! The periodic-job loop shared by every background job (the content
//! scheduler, the mail outbox, digests, rate-limit pruning). A job says
//! what one run does ([`Job`]); [`run`] decides when it runs and stops it.

use std::future::Future;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::{Instant, MissedTickBehavior};

use crate::error::AppError;

/// One kind of background work; the work itself stays in its service.
pub(crate) trait Job: Send + Sync + 'static {
    /// The job's name in logs ("scheduler" logs "scheduler run failed").
    const NAME: &'static str;
    /// What a run that did something logs (with how much it did).
    const DONE: &'static str;
    /// When the first run is.
    const FIRST: FirstRun = FirstRun::AtOnce;

    /// One run at the current time: how many things it did. Must be safe
    /// to run in several processes at once.
    fn run(&self) -> impl Future<Output = Result<usize, AppError>> + Send;

    /// Resolves when the job should run before its next tick (e.g. when
    /// this process queued mail). Never, unless the job says otherwise.
    fn woken(&self) -> impl Future<Output = ()> + Send {
        std::future::pending()
    }
}

/// When a job first runs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FirstRun {
    /// At start, catching up on what fell due while no process ran.
    AtOnce,
    /// One interval after start (a restart loop must not become a burst).
    AfterInterval,
}

/// Runs `job` every `every` (a slow run delays the next; runs never pile
/// up) until `shutdown` turns true. A failed run is logged and retried on
/// the next tick.
pub(crate) async fn run<J: Job>(every: Duration, mut shutdown: watch::Receiver<bool>, job: J) {
    let name = J::NAME;
    let start = match J::FIRST {
        FirstRun::AtOnce => Instant::now(),
        FirstRun::AfterInterval => Instant::now() + every,
    };
    let mut ticks = tokio::time::interval_at(start, every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = job.woken() => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
        match job.run().await {
            Ok(0) => {}
            Ok(count) => tracing::info!(job = name, count, "{}", J::DONE),
            Err(err) => {
                tracing::warn!(job = name, error = %err, "{name} run failed; retrying next tick");
            }
        }
    }
}
