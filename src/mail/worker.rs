//! The outbox worker: a background job that delivers queued mail. It runs
//! once at start (catching up on mail queued while no process was running),
//! then on every tick and whenever this process queues mail, until shutdown.

use chrono::Utc;

use super::outbox::Outbox;
use crate::error::AppError;
use crate::jobs::periodic::Job;

impl Job for Outbox {
    const NAME: &'static str = "outbox";
    const DONE: &'static str = "outbox run";

    /// Mails sent, queued again or given up on.
    async fn run(&self) -> Result<usize, AppError> {
        let report = self.run_due(Utc::now()).await?;
        Ok(report.sent + report.retried + report.dead)
    }

    async fn woken(&self) {
        Outbox::woken(self).await;
    }
}
