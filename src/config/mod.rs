//! One typed configuration, read from flags with environment fallbacks and
//! validated once at start so a bad value stops the process with a message
//! that says what to fix.

mod args;
#[cfg(test)]
mod tests;
mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use args::ConfigArgs;

/// Where Vellum runs: development is forgiving, production is strict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Environment {
    /// Local work: introspection on, human-readable logs.
    Development,
    /// Deployed: introspection off by default, JSON logs, strict secrets.
    Production,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Validated configuration.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// External PostgreSQL, or `None` for the embedded cluster.
    pub database_url: Option<String>,
    /// Data directory.
    pub data_dir: PathBuf,
    /// Embedded cluster directory.
    pub pg_dir: PathBuf,
    /// Development or production.
    pub environment: Environment,
    /// Public base URL without a trailing slash.
    pub public_url: String,
    /// How email is delivered, and from whom.
    pub mail: crate::mail::MailSettings,
    /// How the email outbox retries.
    pub outbox: crate::mail::outbox::OutboxSettings,
    /// How often the outbox worker runs; `None`: no worker in this process.
    pub mail_worker_interval: Option<Duration>,
    /// Log format.
    pub log_format: LogFormat,
    /// Allowed CORS origins.
    pub cors_origins: Vec<http::HeaderValue>,
    /// HSTS max-age, if HSTS is on.
    pub hsts_max_age: Option<u64>,
    /// `Cache-Control` of public GET answers (validated at start).
    pub http_cache_control: http::HeaderValue,
    /// Most operations in one batched POST; 0 or 1: batching off.
    pub max_batch_size: usize,
    /// GraphQL limits.
    pub limits: Limits,
    /// Maximum request body in bytes.
    pub body_limit: usize,
    /// Largest file an upload may carry, in bytes.
    pub media_max_bytes: u64,
    /// Where uploaded files are kept.
    pub media_store: MediaStore,
    /// Named image sizes (the allow-list of unsigned transforms).
    pub media_sizes: Vec<MediaSize>,
    /// Most pixels an image may have.
    pub media_max_pixels: u64,
    /// Upload limits by role and type.
    pub media_limits: MediaLimits,
    /// ClamAV daemon scanning uploads, if any.
    pub clamd_addr: Option<crate::media::scan::ClamdAddr>,
    /// Request timeout.
    pub request_timeout: Duration,
    /// Longest time from a request's first byte to the end of its headers.
    pub header_read_timeout: Duration,
    /// Longest time a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// Connection cap; `None`: derived from the open-file limit at start.
    pub max_connections: Option<usize>,
    /// Shutdown grace period.
    pub shutdown_grace: Duration,
    /// Pool size.
    pub db_pool_size: u32,
    /// Per-statement timeout.
    pub db_statement_timeout: Duration,
    /// Longest wait for a free pool connection.
    pub db_pool_timeout: Duration,
    /// Largest WebSocket message.
    pub ws_max_message: usize,
    /// Most subscriptions per WebSocket connection.
    pub ws_max_subscriptions: usize,
    /// Longest wait for a WebSocket's `connection_init`.
    pub ws_init_timeout: Duration,
    /// Interval of the server's WebSocket `ping`s (`None`: none).
    pub ws_keepalive: Option<Duration>,
    /// Configured JWT secret (checked when the keys load).
    pub jwt_secret: Option<String>,
    /// Access token lifetime.
    pub access_token_ttl: Duration,
    /// Session lifetime.
    pub session_ttl: Duration,
    /// How often the scheduler runs.
    pub scheduler_interval: Duration,
    /// How long published reads stay cached (zero: no cache).
    pub content_cache_ttl: Duration,
    /// How long domain events are kept.
    pub event_retention: Duration,
    /// Whether anyone may sign up.
    pub open_signup: bool,
    /// Role given on sign-up.
    pub default_role: String,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// SUPERADMIN to create at start when none exists: (email, password).
    pub bootstrap_admin: Option<(String, String)>,
    /// Rate limits.
    pub rates: crate::ratelimit::Rates,
    /// Whether admins must use two-factor authentication.
    pub require_admin_two_factor: bool,
    /// Which persisted-query protocol `/graphql` speaks.
    pub persisted_queries: crate::graphql::persisted::PersistedMode,
}

/// Upload limits narrower than `VELLUM_MEDIA_MAX_BYTES`, by role and by
/// type (`VELLUM_MEDIA_LIMITS`); a file gets the smallest that applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaLimits {
    /// Role name (`AUTHOR`) → bytes.
    pub by_role: Vec<(String, u64)>,
    /// Type (`video/mp4`) or family (`image/*`) → bytes.
    pub by_type: Vec<(String, u64)>,
}

impl MediaLimits {
    /// The limit for a file of type `mime` uploaded by a holder of `role`,
    /// if one is set, and what it is set for (for messages).
    pub fn for_upload(&self, role: &str, mime: &str) -> Option<(u64, String)> {
        let family = mime.split('/').next().unwrap_or_default();
        let by_role = self
            .by_role
            .iter()
            .filter(|(r, _)| r == role)
            .map(|(r, bytes)| (*bytes, format!("the {r} role")));
        let by_type = self
            .by_type
            .iter()
            .filter(|(t, _)| t == mime || t.strip_suffix("/*").is_some_and(|f| f == family))
            .map(|(t, bytes)| (*bytes, format!("{t} files")));
        by_role.chain(by_type).min_by_key(|(bytes, _)| *bytes)
    }
}

/// A named image size (`VELLUM_MEDIA_SIZES`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSize {
    /// Name, as `?size=` and `Media.variants` give it.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels: the image is cropped to fill `width × height`;
    /// without one it is scaled to `width`.
    pub height: Option<u32>,
}

/// Where uploaded files are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaStore {
    /// Under `$VELLUM_DATA_DIR/media`.
    Local,
    /// In an S3-compatible bucket.
    S3(S3Settings),
}

/// An S3-compatible bucket.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// Bucket name.
    pub bucket: String,
    /// Key prefix inside the bucket, without slashes at either end.
    pub prefix: String,
    /// Region.
    pub region: String,
    /// Endpoint URL, for S3-compatible servers.
    pub endpoint: Option<String>,
    /// Access key id, when not from the `AWS_*` variables.
    pub access_key_id: Option<String>,
    /// Secret access key, when not from the `AWS_*` variables.
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Settings {
    // The secret never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Config {
    // Hand-written so the database URL, which may carry a password, never
    // reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field(
                "database",
                &self.database_url.as_ref().map(|_| "<external>"),
            )
            .field("data_dir", &self.data_dir)
            .field("environment", &self.environment)
            .field("public_url", &self.public_url)
            .field("mail", &self.mail)
            .field("limits", &self.limits)
            .field("media_store", &self.media_store)
            .finish_non_exhaustive()
    }
}

/// Limits applied to every GraphQL document.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum depth.
    pub depth: usize,
    /// Maximum complexity.
    pub complexity: usize,
    /// Maximum recursion while parsing/validating.
    pub recursion: usize,
    /// Maximum aliases per document.
    pub aliases: usize,
    /// Maximum directives per field.
    pub directives: usize,
    /// Maximum query length in characters.
    pub query_length: usize,
    /// Maximum tokens in the query text.
    pub tokens: usize,
    /// Maximum nesting of brackets in the query text and of variables.
    pub nesting: usize,
    /// Maximum selections once fragments are expanded.
    pub selections: u64,
    /// Heavy operations executing at once; more wait their turn.
    pub heavy_queries: usize,
    /// Whether introspection is allowed.
    pub introspection: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            depth: 12,
            complexity: 2000,
            recursion: 32,
            aliases: 30,
            directives: 5,
            query_length: 20_000,
            tokens: 5_000,
            nesting: 64,
            selections: 5_000,
            heavy_queries: 1,
            introspection: true,
        }
    }
}

/// A setting that cannot be used, with what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("invalid {setting}: {problem}")]
pub struct ConfigError {
    /// The variable or flag at fault.
    pub setting: &'static str,
    /// What is wrong and how to fix it.
    pub problem: String,
}
