//! What a connection is doing: idle between requests, receiving a request's
//! headers, or running requests, so it can be closed when it idles too long
//! or sends its headers too slowly (slowloris).
//!
//! hyper's own `header_read_timeout` starts as soon as a kept-alive
//! connection goes idle, which would make it the idle timeout too; a header
//! timeout shorter than the idle timeout needs the phases told apart here.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{Notify, OwnedSemaphorePermit};
use tokio::time::Instant;

/// How long a connection may idle, and take over a request's headers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    /// From the first byte of a request to the end of its headers.
    pub(crate) header_read: Duration,
    /// From the end of the last response (or the accept) to the next byte.
    pub(crate) idle: Duration,
}

/// Why a connection was closed by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expiry {
    /// No request within the idle timeout.
    Idle,
    /// A request's headers did not arrive within the header timeout.
    HeaderRead,
}

#[derive(Debug)]
struct State {
    in_flight: usize,
    /// When the connection last became idle: accepted, or its last response ended.
    idle_since: Instant,
    /// When the first byte of the next request arrived, while idle.
    head_started: Option<Instant>,
}

/// One connection's phase, shared by its socket, its requests' bodies and
/// the task that closes it.
#[derive(Debug)]
pub(crate) struct Tracker {
    state: Mutex<State>,
    changed: Notify,
}

impl Tracker {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Self {
            state: Mutex::new(State {
                in_flight: 0,
                idle_since: Instant::now(),
                head_started: None,
            }),
            changed: Notify::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Bytes arrived: while idle, they start the next request's header clock.
    fn on_read(&self) {
        let mut state = self.lock();
        if state.in_flight == 0 && state.head_started.is_none() {
            state.head_started = Some(Instant::now());
            drop(state);
            self.changed.notify_one();
        }
    }

    /// A request's headers arrived; the connection is busy until the
    /// returned guard (kept by the response body) is dropped.
    pub(crate) fn begin_request(self: &Arc<Self>) -> InFlight {
        let mut state = self.lock();
        state.in_flight += 1;
        state.head_started = None;
        InFlight(self.clone())
    }

    fn end_request(&self) {
        let mut state = self.lock();
        state.in_flight = state.in_flight.saturating_sub(1);
        if state.in_flight == 0 {
            state.idle_since = Instant::now();
            state.head_started = None;
            drop(state);
            self.changed.notify_one();
        }
    }

    /// When the connection is to be closed if nothing happens meanwhile;
    /// `None` while a request runs (the request timeout governs it then).
    fn deadline(&self, timeouts: Timeouts) -> Option<(Instant, Expiry)> {
        let state = self.lock();
        if state.in_flight > 0 {
            return None;
        }
        Some(match state.head_started {
            Some(started) => (started + timeouts.header_read, Expiry::HeaderRead),
            None => (state.idle_since + timeouts.idle, Expiry::Idle),
        })
    }

    /// Resolves when the connection has idled, or taken over a request's
    /// headers, longer than allowed.
    pub(crate) async fn expired(&self, timeouts: Timeouts) -> Expiry {
        loop {
            match self.deadline(timeouts) {
                None => self.changed.notified().await,
                Some((at, _)) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {
                            // The phase may have moved on while we slept.
                            if let Some((at, why)) = self.deadline(timeouts)
                                && at <= Instant::now()
                            {
                                return why;
                            }
                        }
                        () = self.changed.notified() => {}
                    }
                }
            }
        }
    }
}

/// Marks one request as running on its connection.
#[derive(Debug)]
pub(crate) struct InFlight(Arc<Tracker>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.end_request();
    }
}

/// A response body that keeps its request counted as running until it has
/// been sent (or abandoned).
pub(crate) struct TrackedBody {
    pub(crate) body: Body,
    pub(crate) _in_flight: InFlight,
}

impl http_body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// An accepted socket that reports reads to its tracker and holds one of the
/// connection cap's permits for as long as it is open, WebSocket included.
pub(crate) struct TrackedIo {
    pub(crate) stream: TcpStream,
    pub(crate) tracker: Arc<Tracker>,
    pub(crate) _permit: OwnedSemaphorePermit,
}

impl AsyncRead for TrackedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.tracker.on_read();
        }
        polled
    }
}

impl AsyncWrite for TrackedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const TIMEOUTS: Timeouts = Timeouts {
        header_read: Duration::from_millis(50),
        idle: Duration::from_millis(400),
    };

    #[tokio::test]
    async fn phases_pick_their_own_timeout() {
        let tracker = Tracker::new();
        // Idle from the accept.
        assert!(matches!(
            tracker.deadline(TIMEOUTS),
            Some((_, Expiry::Idle))
        ));
        // A first byte starts the header clock, which is shorter.
        tracker.on_read();
        let first_byte = Instant::now();
        assert_eq!(tracker.expired(TIMEOUTS).await, Expiry::HeaderRead);
        assert!(first_byte.elapsed() >= TIMEOUTS.header_read);

        // A running request has no deadline...
        let tracker = Tracker::new();
        tracker.on_read();
        let request = tracker.begin_request();
        assert_eq!(tracker.deadline(TIMEOUTS), None);
        // ...and more bytes while it runs (a body) start no header clock...
        tracker.on_read();
        assert_eq!(tracker.deadline(TIMEOUTS), None);
        // ...and its end starts the idle clock.
        drop(request);
        let ended = Instant::now();
        assert_eq!(tracker.expired(TIMEOUTS).await, Expiry::Idle);
        assert!(ended.elapsed() >= TIMEOUTS.idle);
    }
}
