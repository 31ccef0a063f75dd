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
