//! The outbox worker: a background task that delivers queued mail. It runs
//! once at start (catching up on mail queued while no process was running),
//! then on every tick and whenever this process queues mail, until shutdown.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use super::outbox::Outbox;

/// Runs the worker until `shutdown` turns true.
pub async fn run(outbox: Outbox, every: Duration, mut shutdown: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = outbox.woken() => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
        match outbox.run_due(Utc::now()).await {
            Ok(report) if report == Default::default() => {}
            Ok(report) => tracing::debug!(?report, "outbox run"),
            Err(err) => tracing::warn!(error = %err, "outbox run failed; retrying next tick"),
        }
    }
}
