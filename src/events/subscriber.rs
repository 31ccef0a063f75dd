//! The subscriber loop shared by every GraphQL subscription fed by the
//! bus: receive, let the subscription pick what it wants, and end the
//! stream when the bus closes or the subscriber fell behind.

use std::sync::Arc;

use futures_util::Stream;
use tokio::sync::broadcast::{self, error::RecvError};

use super::Event;

/// What a subscription makes of one event.
pub(crate) enum Step<T> {
    /// Nothing for this subscriber.
    Skip,
    /// Send this to the subscriber.
    Send(T),
    /// End the stream (the session ended).
    End,
}

/// The items `step` makes of the events from `rx`, as a subscription
/// stream. A subscriber that falls behind gets one last error telling it
/// to subscribe again (dropping a slow subscriber keeps the bus from
/// waiting on it; the client resubscribes and reloads). `name` is the
/// subscription's name in logs.
pub(crate) fn stream<T, F>(
    name: &'static str,
    rx: broadcast::Receiver<Arc<Event>>,
    step: F,
) -> impl Stream<Item = async_graphql::Result<T>>
where
    F: AsyncFnMut(Arc<Event>) -> Step<T>,
{
    futures_util::stream::unfold(Some((rx, step)), move |state| async move {
        let (mut rx, mut step) = state?;
        loop {
            match rx.recv().await {
                Ok(event) => match step(event).await {
                    Step::Skip => {}
                    Step::Send(item) => return Some((Ok(item), Some((rx, step)))),
                    Step::End => return None,
                },
                Err(RecvError::Lagged(missed)) => {
                    tracing::info!(
                        subscription = name,
                        missed,
                        "dropping a subscriber that fell behind"
                    );
                    let err = async_graphql::Error::new(
                        "you fell behind the event stream; subscribe again",
                    );
                    return Some((Err(err), None));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
