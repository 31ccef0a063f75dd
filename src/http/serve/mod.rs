//! The accept loop: hyper-util's HTTP/1 + HTTP/2 connection builder with
//! upgrades (WebSockets), a cap on open connections, idle and header-read
//! timeouts, and graceful shutdown.
//!
//! `axum::serve` exposes none of these, and with the usual open-file limit
//! of 1024 a few hundred half-open connections made the server unreachable.

mod activity;
mod nofile;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

pub(crate) use activity::Timeouts;
use activity::{Expiry, TrackedBody, TrackedIo, Tracker};
pub use nofile::raise_nofile_limit;

/// What a connection over the cap is told before it is closed.
const REFUSAL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\n\
content-length: 0\r\nconnection: close\r\n\r\n";
/// At most one warning about refused connections per this period.
const REFUSAL_LOG_EVERY: Duration = Duration::from_secs(10);

/// How connections are limited.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnSettings {
    pub(crate) timeouts: Timeouts,
    /// Most open connections; `None`: derived from the open-file limit.
    pub(crate) max_connections: Option<usize>,
}

/// Serves `router` on `listener` until `signal` resolves, then stops
/// accepting and waits for the open connections to finish their requests
/// (the caller bounds that wait).
pub(crate) async fn run(
    listener: TcpListener,
    router: Router,
    settings: ConnSettings,
    signal: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let nofile = nofile::nofile_limit();
    let cap = settings
        .max_connections
        .unwrap_or_else(|| nofile::default_max_connections(nofile));
    if let Some(limit) = nofile
        && u64::try_from(cap).is_ok_and(|cap| cap > limit)
    {
        tracing::warn!(
            cap,
            nofile = limit,
            "VELLUM_MAX_CONNECTIONS is above the open-file limit: the server may run out of descriptors"
        );
    }
    tracing::info!(
        max_connections = cap,
        nofile,
        header_read_timeout = ?settings.timeouts.header_read,
        idle_timeout = ?settings.timeouts.idle,
        "accepting connections"
    );
    let permits = Arc::new(Semaphore::new(cap));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    // The CONNECT protocol carries WebSockets over HTTP/2.
    builder.http2().enable_connect_protocol();
    let builder = Arc::new(builder);
    let mut refused = Refusals::default();
    tokio::pin!(signal);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut signal => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) if is_connection_error(&err) => continue,
                Err(err) => {
                    // Out of descriptors (EMFILE) or memory: accepting again
                    // at once would spin.
                    tracing::error!(error = %err, "accept failed; retrying in 100 ms");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            refuse(&stream);
            refused.note(cap);
            continue;
        };
        // Small responses go out at once instead of waiting on Nagle.
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(
            stream,
            peer,
            permit,
            router.clone(),
            builder.clone(),
            graceful.watcher(),
            settings.timeouts,
        ));
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Refused and reset connections are the client's business.
fn is_connection_error(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        err.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// Answers 503 if the socket takes it without waiting, then closes it: a
/// connection over the cap is never queued.
fn refuse(stream: &TcpStream) {
    let _ = stream.try_write(REFUSAL);
}

/// Counts refused connections between warnings.
#[derive(Default)]
struct Refusals {
    since_warning: u64,
    warned_at: Option<Instant>,
}

impl Refusals {
    fn note(&mut self, cap: usize) {
        self.since_warning += 1;
        if self
            .warned_at
            .is_none_or(|at| at.elapsed() >= REFUSAL_LOG_EVERY)
        {
            tracing::warn!(
                max_connections = cap,
                refused = self.since_warning,
                "connection cap reached: closing new connections (VELLUM_MAX_CONNECTIONS)"
            );
            self.since_warning = 0;
            self.warned_at = Some(Instant::now());
        }
    }
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    permit: OwnedSemaphorePermit,
    router: Router,
    builder: Arc<Builder<TokioExecutor>>,
    watcher: Watcher,
    timeouts: Timeouts,
) {
    let tracker = Tracker::new();
    let io = TokioIo::new(TrackedIo {
        stream,
        tracker: tracker.clone(),
        _permit: permit,
    });
    let requests = tracker.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let in_flight = requests.begin_request();
        let router = router.clone();
        async move {
            let Ok(response) = router.oneshot(request).await;
            Ok::<_, Infallible>(response.map(|body| TrackedBody {
                body,
                _in_flight: in_flight,
            }))
        }
    });
    let connection = watcher.watch(builder.serve_connection_with_upgrades(io, service));
    tokio::select! {
        served = connection => {
            if let Err(err) = served {
                tracing::trace!(%peer, error = %err, "connection ended with an error");
            }
        }
        expiry = tracker.expired(timeouts) => match expiry {
            Expiry::Idle => tracing::trace!(%peer, "closing an idle connection"),
            Expiry::HeaderRead => tracing::debug!(%peer, "closing a connection that sent its headers too slowly"),
        },
    }
}
