//! GraphQL fields about the service itself.

use std::time::Duration;

use async_graphql::{Context, Object, Subscription};
use chrono::{DateTime, Utc};
use futures_util::Stream;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::IntervalStream;

/// The version of this build.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Queries about the service.
#[derive(Default)]
pub struct SystemQuery;

#[Object]
impl SystemQuery {
    /// `"ok"` while the process serves requests (use `/ready` to include the database).
    async fn health(&self) -> &'static str {
        "ok"
    }

    /// The Vellum version serving this request.
    async fn version(&self, _ctx: &Context<'_>) -> &'static str {
        VERSION
    }
}

/// Subscriptions about the service.
#[derive(Default)]
pub struct SystemSubscription;

#[Subscription]
impl SystemSubscription {
    /// The server's clock, once a second: proves the WebSocket path end to end.
    async fn server_time(&self) -> impl Stream<Item = DateTime<Utc>> {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        // A slow client gets the current time, not a burst of stale ticks.
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        IntervalStream::new(interval).map(|_| Utc::now())
    }
}
