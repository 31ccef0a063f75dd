//! The loop that keeps something in step with the event bus (the content
//! cache, the auth caches): each event is handed to a [`Follower`]; missed
//! events (the follower fell behind) are handed over as one "lagged" call.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

use crate::events::Event;

/// Something kept in step with the event bus.
pub(crate) trait Follower: Send + Sync + 'static {
    /// One event from the bus.
    fn event(&self, event: &Event) -> impl Future<Output = ()> + Send;

    /// Events were missed: act as if each of them had arrived (caches
    /// forget everything).
    fn lagged(&self) -> impl Future<Output = ()> + Send;
}

/// Feeds `follower` from `events` until `shutdown` turns true or the bus
/// closes.
pub(crate) async fn run(
    name: &'static str,
    mut events: broadcast::Receiver<Arc<Event>>,
    mut shutdown: watch::Receiver<bool>,
    follower: impl Follower,
) {
    loop {
        let received = tokio::select! {
            received = events.recv() => received,
            _ = shutdown.changed() => return,
        };
        if *shutdown.borrow() {
            return;
        }
        match received {
            Ok(event) => follower.event(&event).await,
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!(
                    follower = name,
                    missed,
                    "fell behind the event bus; resynchronising"
                );
                follower.lagged().await;
            }
            Err(RecvError::Closed) => return,
        }
    }
}
