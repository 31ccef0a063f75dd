//! Facts about the request a change came from, for sessions and the audit
//! log. Services take this instead of anything HTTP.

/// Where a request came from.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The request id (also in logs and responses).
    pub request_id: Option<String>,
    /// The client's IP (from `X-Forwarded-For` only behind a trusted proxy).
    pub ip: Option<String>,
    /// The client's `User-Agent`, truncated.
    pub user_agent: Option<String>,
}

/// Lets a resolver end the WebSocket connection it runs on (a subscriber
/// whose session was revoked is disconnected, not just muted).
#[derive(Debug, Clone)]
pub struct ConnectionControl(tokio::sync::watch::Sender<Option<&'static str>>);

impl ConnectionControl {
    /// A control and the receiver the socket loop watches.
    pub fn new() -> (Self, tokio::sync::watch::Receiver<Option<&'static str>>) {
        let (tx, rx) = tokio::sync::watch::channel(None);
        (Self(tx), rx)
    }

    /// Asks the socket to close, saying why.
    pub fn close(&self, reason: &'static str) {
        let _ = self.0.send(Some(reason));
    }
}
