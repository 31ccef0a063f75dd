//! The scheduler: a background job that publishes and takes down what is
//! due. It runs once at start (catching up on anything due while no
//! process was running) and then on every tick until shutdown.

use chrono::Utc;

use crate::content::service::ContentService;
use crate::error::AppError;
use crate::jobs::periodic::Job;

impl Job for ContentService {
    const NAME: &'static str = "scheduler";
    const DONE: &'static str = "scheduled changes applied";

    async fn run(&self) -> Result<usize, AppError> {
        self.run_due(Utc::now()).await
    }
}
