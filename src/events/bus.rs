//! The event bus: one LISTEN connection per process reads new events in
//! order and broadcasts them in-process. After losing its connection it
//! reconnects and catches up from the last event it saw, so a dropped
//! connection loses nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
use futures_util::StreamExt;
use tokio::sync::{broadcast, watch};

use super::model::{Event, Position};
use super::store;

/// The NOTIFY channel events are announced on.
pub const CHANNEL: &str = "vellum_events";
/// The `application_name` of the listening connection (operators and tests
/// find it in `pg_stat_activity` by this).
pub const APPLICATION_NAME: &str = "vellum-events";
/// Events read per query while catching up.
const BATCH: i64 = 500;
/// How often the listener reads even without a notification: an event
/// announced while an older transaction was still running settles later,
/// and a silent dead connection is noticed.
const SETTLE_EVERY: Duration = Duration::from_millis(500);
/// How often old events are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The in-process side of the bus; cheap to clone.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<Arc<Event>>,
    /// The number of the listener's connection once it is connected and
    /// caught up, 0 while it is not: meanwhile changes made by other
    /// instances go unseen, and nothing kept on the strength of "no event
    /// arrived" may be served.
    connection: Arc<AtomicU64>,
}

impl EventBus {
    /// A bus whose subscribers may fall `capacity` events behind before
    /// they are told they lagged.
    pub fn new(capacity: usize) -> Self {
        let (tx, _) = broadcast::channel(capacity);
        Self {
            tx,
            connection: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The listener's connection while it is connected and has caught up
    /// once, so every event committed since reaches this process. A
    /// different number means a connection was lost in between, and
    /// events with it until the replay is through.
    pub fn connection(&self) -> Option<u64> {
        Some(self.connection.load(Ordering::Acquire)).filter(|&n| n != 0)
    }

    /// Every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.tx.subscribe()
    }

    fn send(&self, event: Event) {
        // No subscribers is fine: nobody is listening right now.
        let _ = self.tx.send(Arc::new(event));
    }
}

/// Why a listening session ended.
#[derive(Debug, thiserror::Error)]
enum ListenError {
    #[error("cannot connect: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("the connection closed")]
    Closed,
}

/// Listens until `shutdown` turns true, reconnecting with backoff.
pub async fn listen(
    bus: EventBus,
    url: String,
    retention: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut position = None;
    let mut backoff = Duration::from_millis(100);
    let mut connections = 0;
    loop {
        if *shutdown.borrow() {
            return;
        }
        connections += 1;
        let ended = session(
            &bus,
            &url,
            retention,
            &mut position,
            connections,
            &mut shutdown,
        )
        .await;
        bus.connection.store(0, Ordering::Release);
        match ended {
            Ok(()) => return,
            Err(err) => {
                tracing::warn!(error = %err, retry_in = ?backoff, "event listener lost its connection");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = shutdown.changed() => return,
        }
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

/// One connection's worth of listening. Returns `Ok` on shutdown.
async fn session(
    bus: &EventBus,
    url: &str,
    retention: Duration,
    position: &mut Option<Position>,
    number: u64,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<(), ListenError> {
    let mut conn = AsyncPgConnection::establish(url).await?;
    conn.batch_execute(&format!(
        "SET application_name = '{APPLICATION_NAME}'; LISTEN {CHANNEL}"
    ))
    .await?;
    let mut at = match position {
        Some(at) => *at,
        None => store::head(&mut conn).await?,
    };
    *position = Some(at);
    tracing::info!(?at, "event listener connected");
    drain(bus, &mut conn, &mut at, position).await?;
    bus.connection.store(number, Ordering::Release);
    let mut settle = tokio::time::interval(SETTLE_EVERY);
    let mut prune = tokio::time::interval(PRUNE_EVERY);
    loop {
        let prune_now = {
            let mut notifications = std::pin::pin!(conn.notifications_stream());
            tokio::select! {
                note = notifications.next() => match note {
                    Some(Ok(_)) => false,
                    Some(Err(err)) => return Err(err.into()),
                    None => return Err(ListenError::Closed),
                },
                _ = settle.tick() => false,
                _ = prune.tick() => true,
                _ = shutdown.changed() => return Ok(()),
            }
        };
        if prune_now {
            let cutoff = Utc::now() - retention;
            let pruned = store::prune(&mut conn, cutoff).await?;
            if pruned > 0 {
                tracing::info!(pruned, "pruned old events");
            }
        }
        drain(bus, &mut conn, &mut at, position).await?;
    }
}

/// Reads and broadcasts every settled event after `at`.
async fn drain(
    bus: &EventBus,
    conn: &mut AsyncPgConnection,
    at: &mut Position,
    position: &mut Option<Position>,
) -> Result<(), ListenError> {
    loop {
        let batch = store::after(conn, *at, BATCH).await?;
        let full = batch.len() as i64 == BATCH;
        for event in batch {
            *at = event.position();
            *position = Some(*at);
            bus.send(event);
        }
        if !full {
            return Ok(());
        }
    }
}
