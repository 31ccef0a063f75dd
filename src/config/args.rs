//! The raw settings: one clap flag per setting, each with its environment
//! variable and default, as `--help` shows them.

use std::path::PathBuf;

use super::{Environment, LogFormat};

/// Raw settings as given on the command line or in the environment.
///
/// Turned into a [`Config`](super::Config) by [`ConfigArgs::validate`].
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "VELLUM_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: String,
    /// PostgreSQL URL; when unset, Vellum runs its own cluster under the data dir.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, global = true)]
    pub database_url: Option<String>,
    /// Directory for the embedded database, development mail and generated keys.
    #[arg(long, env = "VELLUM_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Directory of the embedded PostgreSQL cluster (default: `<data dir>/postgres`).
    #[arg(long, env = "VELLUM_PG_DIR", global = true)]
    pub pg_dir: Option<PathBuf>,
    /// `development` or `production`.
    #[arg(
        long = "env",
        env = "VELLUM_ENV",
        value_enum,
        default_value = "development",
        global = true
    )]
    pub environment: Environment,
    /// Public base URL, used for links in emails (required in production).
    #[arg(long, env = "VELLUM_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// How email is delivered: `file` (`.eml` files in `<data dir>/mail`), `smtp` or `log`
    /// (default: `smtp` when `VELLUM_SMTP_URL` is set, else `file`; production must choose).
    #[arg(long, env = "VELLUM_MAIL_TRANSPORT", value_enum, global = true)]
    pub mail_transport: Option<crate::mail::TransportKind>,
    /// SMTP server, e.g. `smtps://user:pass@smtp.example.com:465` or `smtp://host:587?tls=required`.
    #[arg(long, env = "VELLUM_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,
    /// Sender of Vellum's email.
    #[arg(
        long,
        env = "VELLUM_MAIL_FROM",
        default_value = "Vellum <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Attempts to deliver one email before it is marked dead in the outbox.
    #[arg(
        long,
        env = "VELLUM_MAIL_MAX_ATTEMPTS",
        default_value_t = 8,
        global = true
    )]
    pub mail_max_attempts: u32,
    /// How often the outbox worker looks for due email, in milliseconds (it
    /// also wakes when this process queues mail); 0 runs no worker here.
    #[arg(
        long,
        env = "VELLUM_MAIL_WORKER_INTERVAL_MS",
        default_value_t = 1_000,
        global = true
    )]
    pub mail_worker_interval_ms: u64,
    /// `text` or `json` (default: json in production, text otherwise).
    #[arg(long, env = "VELLUM_LOG_FORMAT", value_enum, global = true)]
    pub log_format: Option<LogFormat>,
    /// Comma-separated origins allowed by CORS (e.g. `https://app.example.com`); empty allows none.
    #[arg(
        long,
        env = "VELLUM_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,
    /// Send `Strict-Transport-Security` with this max-age in seconds (only behind HTTPS).
    #[arg(long, env = "VELLUM_HSTS_MAX_AGE", global = true)]
    pub hsts_max_age: Option<u64>,
    /// `Cache-Control` of anonymous GET queries answered without errors;
    /// everything else is `private, no-store`.
    #[arg(
        long,
        env = "VELLUM_HTTP_CACHE_CONTROL",
        default_value = "public, max-age=0, s-maxage=60, stale-while-revalidate=30",
        global = true
    )]
    pub http_cache_control: String,
    /// Allow schema introspection (default: on in development, off in production).
    #[arg(long, env = "VELLUM_INTROSPECTION", global = true)]
    pub introspection: Option<bool>,
    /// Maximum query depth.
    #[arg(long, env = "VELLUM_MAX_DEPTH", default_value_t = 12, global = true)]
    pub max_depth: usize,
    /// Maximum query complexity (lists count as their page size times their children).
    #[arg(
        long,
        env = "VELLUM_MAX_COMPLEXITY",
        default_value_t = 2000,
        global = true
    )]
    pub max_complexity: usize,
    /// Maximum recursion depth while parsing and validating a document.
    #[arg(
        long,
        env = "VELLUM_MAX_RECURSION",
        default_value_t = 32,
        global = true
    )]
    pub max_recursion: usize,
    /// Maximum aliases in one document.
    #[arg(long, env = "VELLUM_MAX_ALIASES", default_value_t = 30, global = true)]
    pub max_aliases: usize,
    /// Most operations in one batched POST (a JSON array); 0 or 1 turns batching off.
    #[arg(
        long,
        env = "VELLUM_MAX_BATCH_SIZE",
        default_value_t = 10,
        global = true
    )]
    pub max_batch_size: usize,
    /// Maximum directives on one field.
    #[arg(
        long,
        env = "VELLUM_MAX_DIRECTIVES",
        default_value_t = 5,
        global = true
    )]
    pub max_directives: usize,
    /// Maximum length of the query text, in characters.
    #[arg(
        long,
        env = "VELLUM_MAX_QUERY_LENGTH",
        default_value_t = 20_000,
        global = true
    )]
    pub max_query_length: usize,
    /// Maximum tokens in the query text (names, punctuators, values).
    #[arg(
        long,
        env = "VELLUM_MAX_TOKENS",
        default_value_t = 5_000,
        global = true
    )]
    pub max_tokens: usize,
    /// Maximum nesting of `{`, `(` and `[` in the query text, and of lists
    /// and objects in variables (at most 128).
    #[arg(long, env = "VELLUM_MAX_NESTING", default_value_t = 64, global = true)]
    pub max_nesting: usize,
    /// Maximum selections in a document once its fragments are expanded.
    #[arg(
        long,
        env = "VELLUM_MAX_SELECTIONS",
        default_value_t = 5_000,
        global = true
    )]
    pub max_selections: u64,
    /// Queries or mutations of complexity 1,000 or more that may execute at
    /// once; more wait their turn (default: half the CPU cores, at least 1).
    #[arg(long, env = "VELLUM_MAX_HEAVY_QUERIES", global = true)]
    pub max_heavy_queries: Option<usize>,
    /// Persisted queries: `apq` (Apollo's automatic persisted queries),
    /// `trusted` (only documents imported with `vellum persisted import`
    /// run) or `off`.
    #[arg(
        long,
        env = "VELLUM_PERSISTED_QUERIES",
        value_enum,
        default_value = "apq",
        global = true
    )]
    pub persisted_queries: crate::graphql::persisted::PersistedMode,
    /// Maximum request body in bytes.
    #[arg(
        long,
        env = "VELLUM_BODY_LIMIT",
        default_value_t = 1_048_576,
        global = true
    )]
    pub body_limit: usize,
    /// Largest file an upload may carry, in bytes.
    #[arg(
        long,
        env = "VELLUM_MEDIA_MAX_BYTES",
        default_value_t = 104_857_600,
        global = true
    )]
    pub media_max_bytes: u64,
    /// Image sizes made after upload and servable without a signature:
    /// `name=WIDTHxHEIGHT` (cropped to fill) or `name=WIDTH` (scaled),
    /// comma-separated.
    #[arg(
        long,
        env = "VELLUM_MEDIA_SIZES",
        default_value = "thumbnail=200x200,small=480,medium=960,large=1920",
        global = true
    )]
    pub media_sizes: String,
    /// Most pixels an image may have to be accepted and transformed.
    #[arg(
        long,
        env = "VELLUM_MEDIA_MAX_PIXELS",
        default_value_t = 40_000_000,
        global = true
    )]
    pub media_max_pixels: u64,
    /// Upload limits below VELLUM_MEDIA_MAX_BYTES, comma-separated
    /// `selector=bytes`: a role (`AUTHOR=52428800`) or a file type
    /// (`image/*=20971520`, `video/mp4=...`); the smallest that applies wins.
    #[arg(long, env = "VELLUM_MEDIA_LIMITS", default_value = "", global = true)]
    pub media_limits: String,
    /// ClamAV daemon that scans every upload before it is stored:
    /// `host:port` or `unix:/path/to/clamd.sock` (unset: no scanning).
    #[arg(long, env = "VELLUM_CLAMD_ADDR", global = true)]
    pub clamd_addr: Option<String>,
    /// Where uploaded files are kept: `local` ($VELLUM_DATA_DIR/media) or
    /// `s3://bucket[/prefix]`.
    #[arg(
        long,
        env = "VELLUM_MEDIA_STORE",
        default_value = "local",
        global = true
    )]
    pub media_store: String,
    /// S3 endpoint URL, for S3-compatible servers (MinIO, Ceph, R2...).
    #[arg(long, env = "VELLUM_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,
    /// S3 region.
    #[arg(
        long,
        env = "VELLUM_S3_REGION",
        default_value = "us-east-1",
        global = true
    )]
    pub s3_region: String,
    /// S3 access key id (else `AWS_ACCESS_KEY_ID` and the usual sources).
    #[arg(long, env = "VELLUM_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,
    /// S3 secret access key (else `AWS_SECRET_ACCESS_KEY`).
    #[arg(
        long,
        env = "VELLUM_S3_SECRET_ACCESS_KEY",
        global = true,
        hide_env_values = true
    )]
    pub s3_secret_access_key: Option<String>,
    /// Seconds before a request is answered with 408.
    #[arg(
        long,
        env = "VELLUM_REQUEST_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// Seconds a client may take to send a request's headers, from its first
    /// byte, before its connection is closed (slowloris protection).
    #[arg(
        long = "header-read-timeout",
        env = "VELLUM_HEADER_READ_TIMEOUT",
        default_value_t = 10,
        global = true
    )]
    pub header_read_timeout_secs: u64,
    /// Seconds a kept-alive connection may sit without a request before it is closed.
    #[arg(
        long = "idle-timeout",
        env = "VELLUM_IDLE_TIMEOUT",
        default_value_t = 60,
        global = true
    )]
    pub idle_timeout_secs: u64,
    /// Most open client connections (HTTP and WebSocket); more are closed at
    /// once (default: 80% of the open-file limit, at most 10000).
    #[arg(long, env = "VELLUM_MAX_CONNECTIONS", global = true)]
    pub max_connections: Option<usize>,
    /// Seconds to wait for in-flight requests on shutdown.
    #[arg(
        long,
        env = "VELLUM_SHUTDOWN_GRACE",
        default_value_t = 10,
        global = true
    )]
    pub shutdown_grace_secs: u64,
    /// Database connections in the pool.
    #[arg(long, env = "VELLUM_DB_POOL_SIZE", default_value_t = 10, global = true)]
    pub db_pool_size: u32,
    /// Per-statement timeout in milliseconds.
    #[arg(
        long,
        env = "VELLUM_DB_STATEMENT_TIMEOUT_MS",
        default_value_t = 15_000,
        global = true
    )]
    pub db_statement_timeout_ms: u64,
    /// Milliseconds a request waits for a free database connection before it
    /// is answered 503 `UNAVAILABLE`.
    #[arg(
        long,
        env = "VELLUM_DB_POOL_TIMEOUT_MS",
        default_value_t = 5_000,
        global = true
    )]
    pub db_pool_timeout_ms: u64,
    /// Largest WebSocket message accepted, in bytes.
    #[arg(
        long,
        env = "VELLUM_WS_MAX_MESSAGE",
        default_value_t = 65_536,
        global = true
    )]
    pub ws_max_message: usize,
    /// Most subscriptions one WebSocket connection may run at once.
    #[arg(
        long,
        env = "VELLUM_WS_MAX_SUBSCRIPTIONS",
        default_value_t = 20,
        global = true
    )]
    pub ws_max_subscriptions: usize,
    /// Seconds a WebSocket may take to send `connection_init` before it is
    /// closed with 4408.
    #[arg(
        long = "ws-init-timeout",
        env = "VELLUM_WS_INIT_TIMEOUT",
        default_value_t = 10,
        global = true
    )]
    pub ws_init_timeout_secs: u64,
    /// Seconds between the graphql-transport-ws `ping`s the server sends on
    /// each WebSocket (0 sends none).
    #[arg(
        long = "ws-keepalive",
        env = "VELLUM_WS_KEEPALIVE",
        default_value_t = 15,
        global = true
    )]
    pub ws_keepalive_secs: u64,
    /// Secret that signs access tokens (at least 32 random bytes; required in production).
    #[arg(long, env = "VELLUM_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<String>,
    /// Access token lifetime in seconds.
    #[arg(
        long = "access-token-ttl",
        env = "VELLUM_ACCESS_TOKEN_TTL",
        default_value_t = 900,
        global = true
    )]
    pub access_token_ttl_secs: u64,
    /// Session (refresh token) lifetime in days.
    #[arg(
        long,
        env = "VELLUM_SESSION_TTL_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub session_ttl_days: u64,
    /// How often the scheduler looks for due publications, in milliseconds.
    #[arg(
        long,
        env = "VELLUM_SCHEDULER_INTERVAL_MS",
        default_value_t = 5_000,
        global = true
    )]
    pub scheduler_interval_ms: u64,
    /// How long published reads stay cached, in seconds (0 turns the cache off).
    #[arg(
        long,
        env = "VELLUM_CONTENT_CACHE_TTL",
        default_value_t = 60,
        global = true
    )]
    pub content_cache_ttl_secs: u64,
    /// How many days domain events are kept (subscribers that reconnect
    /// catch up from them).
    #[arg(
        long,
        env = "VELLUM_EVENT_RETENTION_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub event_retention_days: u64,
    /// Whether anyone may sign up (`true` or `false`).
    #[arg(long, env = "VELLUM_OPEN_SIGNUP", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub open_signup: bool,
    /// Role given to new sign-ups.
    #[arg(
        long,
        env = "VELLUM_DEFAULT_ROLE",
        default_value = "VIEWER",
        global = true
    )]
    pub default_role: String,
    /// Comma-separated proxy IPs whose `X-Forwarded-For` is believed.
    #[arg(
        long,
        env = "VELLUM_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<String>,
    /// Email of the SUPERADMIN to create at start when none exists.
    #[arg(long, env = "VELLUM_ADMIN_EMAIL", global = true)]
    pub admin_email: Option<String>,
    /// Requests per minute allowed to one user (or one IP when anonymous).
    #[arg(
        long,
        env = "VELLUM_REQUESTS_PER_MINUTE",
        default_value_t = 600,
        global = true
    )]
    pub requests_per_minute: u32,
    /// Sign-ups per hour allowed from one IP.
    #[arg(
        long,
        env = "VELLUM_SIGNUPS_PER_HOUR",
        default_value_t = 10,
        global = true
    )]
    pub signups_per_hour: u32,
    /// Failed sign-ins one client (IP) may make on one account before each
    /// further try must wait (the wait doubles with each failure).
    #[arg(
        long,
        env = "VELLUM_SIGN_IN_FAILURES_PER_CLIENT",
        default_value_t = 5,
        global = true
    )]
    pub sign_in_failures_per_client: u32,
    /// The first such wait, in seconds (doubling up to 15 minutes).
    #[arg(
        long,
        env = "VELLUM_SIGN_IN_BACKOFF_SECS",
        default_value_t = 1,
        global = true
    )]
    pub sign_in_backoff_secs: u64,
    /// Failed sign-ins per hour on one account, from all clients together,
    /// before a password alone no longer signs in (a second factor still does).
    #[arg(
        long,
        env = "VELLUM_SIGN_IN_FAILURES_PER_ACCOUNT_HOUR",
        default_value_t = 50,
        global = true
    )]
    pub sign_in_failures_per_account_hour: u32,
    /// Require ADMIN and SUPERADMIN to set up two-factor authentication
    /// before their role's permissions apply.
    #[arg(long, env = "VELLUM_REQUIRE_ADMIN_2FA", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub require_admin_2fa: bool,
    /// Password of that SUPERADMIN.
    #[arg(
        long,
        env = "VELLUM_ADMIN_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub admin_password: Option<String>,
}
