//! The scheduler: a background task that publishes and takes down what is
//! due. It runs once at start (catching up on anything due while no
//! process was running) and then on every tick until shutdown.

use crate::content::service::ContentService;
use chrono::Utc;
use std::time::Duration;
use tokio::sync::watch;

/// Runs the scheduler until `shutdown` turns true.
pub async fn run(service: ContentService, every: Duration, mut shutdown: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
        match service.run_due(Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(items = n, "scheduled changes applied"),
            Err(err) => tracing::warn!(error = %err, "scheduler run failed; retrying next tick"),
        }
    }
}
