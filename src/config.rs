//! One typed configuration, read from flags with environment fallbacks and
//! validated once at start so a bad value stops the process with a message
//! that says what to fix.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

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

/// Raw settings as given on the command line or in the environment.
///
/// Turned into a [`Config`] by [`ConfigArgs::validate`].
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
    /// Maximum request body in bytes.
    #[arg(
        long,
        env = "VELLUM_BODY_LIMIT",
        default_value_t = 1_048_576,
        global = true
    )]
    pub body_limit: usize,
    /// Seconds before a request is answered with 408.
    #[arg(
        long,
        env = "VELLUM_REQUEST_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
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
    /// GraphQL limits.
    pub limits: Limits,
    /// Maximum request body in bytes.
    pub body_limit: usize,
    /// Request timeout.
    pub request_timeout: Duration,
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

fn invalid(setting: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
    }
}

fn positive(setting: &'static str, value: usize) -> Result<usize, ConfigError> {
    if value == 0 {
        return Err(invalid(setting, "must be greater than 0"));
    }
    Ok(value)
}

impl ConfigArgs {
    /// Checks every setting and builds the [`Config`].
    pub fn validate(self) -> Result<Config, ConfigError> {
        let addr: SocketAddr = self.addr.parse().map_err(|_| {
            invalid(
                "VELLUM_ADDR",
                format!("`{}` is not host:port, e.g. 127.0.0.1:8080", self.addr),
            )
        })?;
        let production = self.environment == Environment::Production;

        let database_url = match self.database_url.filter(|u| !u.trim().is_empty()) {
            Some(url) if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) => {
                return Err(invalid(
                    "DATABASE_URL",
                    "must start with postgres:// or postgresql://",
                ));
            }
            other => other,
        };

        let public_url = match self.public_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let trimmed = url.trim_end_matches('/').to_string();
                let scheme_ok = trimmed.starts_with("https://")
                    || (!production && trimmed.starts_with("http://"));
                if !scheme_ok || trimmed.split("://").nth(1).is_none_or(str::is_empty) {
                    return Err(invalid(
                        "VELLUM_PUBLIC_URL",
                        if production {
                            "must be an https:// URL in production, e.g. https://cms.example.com"
                        } else {
                            "must be an http:// or https:// URL, e.g. http://localhost:8080"
                        },
                    ));
                }
                trimmed
            }
            None if production => {
                return Err(invalid(
                    "VELLUM_PUBLIC_URL",
                    "is required in production (links in emails are built from it, never from the request's Host)",
                ));
            }
            None => format!("http://{addr}"),
        };

        let cors_origins = self
            .cors_origins
            .iter()
            .map(|o| o.trim())
            .filter(|o| !o.is_empty())
            .map(|origin| {
                let well_formed = (origin.starts_with("http://") || origin.starts_with("https://"))
                    && !origin
                        .trim_end_matches('/')
                        .contains(|c: char| c.is_whitespace())
                    && origin.split("://").nth(1).is_some_and(|h| !h.contains('/'));
                if !well_formed || origin == "*" {
                    return Err(invalid(
                        "VELLUM_CORS_ORIGINS",
                        format!("`{origin}` is not an origin like https://app.example.com"),
                    ));
                }
                http::HeaderValue::from_str(origin)
                    .map_err(|_| invalid("VELLUM_CORS_ORIGINS", format!("`{origin}` is not ASCII")))
            })
            .collect::<Result<Vec<_>, _>>()?;

        if self.body_limit < 1024 {
            return Err(invalid("VELLUM_BODY_LIMIT", "must be at least 1024 bytes"));
        }
        if self.request_timeout_secs == 0 {
            return Err(invalid(
                "VELLUM_REQUEST_TIMEOUT",
                "must be at least 1 second",
            ));
        }
        if self.db_pool_size == 0 {
            return Err(invalid("VELLUM_DB_POOL_SIZE", "must be at least 1"));
        }
        if self.db_pool_timeout_ms == 0 {
            return Err(invalid(
                "VELLUM_DB_POOL_TIMEOUT_MS",
                "must be at least 1 millisecond",
            ));
        }
        if !(1..=1000).contains(&self.ws_max_subscriptions) {
            return Err(invalid(
                "VELLUM_WS_MAX_SUBSCRIPTIONS",
                "must be between 1 and 1000",
            ));
        }
        if self.ws_max_message < 1024 {
            return Err(invalid(
                "VELLUM_WS_MAX_MESSAGE",
                "must be at least 1024 bytes",
            ));
        }

        let limits = Limits {
            depth: positive("VELLUM_MAX_DEPTH", self.max_depth)?,
            complexity: positive("VELLUM_MAX_COMPLEXITY", self.max_complexity)?,
            recursion: positive("VELLUM_MAX_RECURSION", self.max_recursion)?,
            aliases: self.max_aliases,
            directives: positive("VELLUM_MAX_DIRECTIVES", self.max_directives)?,
            query_length: positive("VELLUM_MAX_QUERY_LENGTH", self.max_query_length)?,
            introspection: self.introspection.unwrap_or(!production),
        };

        let pg_dir = self
            .pg_dir
            .unwrap_or_else(|| self.data_dir.join("postgres"));
        if !(1..=100).contains(&self.mail_max_attempts) {
            return Err(invalid(
                "VELLUM_MAIL_MAX_ATTEMPTS",
                "must be between 1 and 100",
            ));
        }
        if self.mail_worker_interval_ms != 0
            && !(50..=3_600_000).contains(&self.mail_worker_interval_ms)
        {
            return Err(invalid(
                "VELLUM_MAIL_WORKER_INTERVAL_MS",
                "must be 0 (no worker) or between 50 and 3600000 milliseconds",
            ));
        }
        let mail = crate::mail::MailSettings::from_args(
            self.mail_transport,
            self.smtp_url.as_deref(),
            &self.mail_from,
            production,
            &self.data_dir,
        )?;

        if !(60..=86_400).contains(&self.access_token_ttl_secs) {
            return Err(invalid(
                "VELLUM_ACCESS_TOKEN_TTL",
                "must be between 60 and 86400 seconds",
            ));
        }
        if !(1..=365).contains(&self.session_ttl_days) {
            return Err(invalid(
                "VELLUM_SESSION_TTL_DAYS",
                "must be between 1 and 365",
            ));
        }
        if !(50..=3_600_000).contains(&self.scheduler_interval_ms) {
            return Err(invalid(
                "VELLUM_SCHEDULER_INTERVAL_MS",
                "must be between 50 and 3600000 milliseconds",
            ));
        }
        if self.content_cache_ttl_secs > 86_400 {
            return Err(invalid(
                "VELLUM_CONTENT_CACHE_TTL",
                "must be at most 86400 seconds",
            ));
        }
        if !(1..=365).contains(&self.event_retention_days) {
            return Err(invalid(
                "VELLUM_EVENT_RETENTION_DAYS",
                "must be between 1 and 365",
            ));
        }
        if self.requests_per_minute == 0 {
            return Err(invalid("VELLUM_REQUESTS_PER_MINUTE", "must be at least 1"));
        }
        if self.signups_per_hour == 0 {
            return Err(invalid(
                "VELLUM_SIGNUPS_PER_HOUR",
                "must be at least 1 (turn sign-up off with VELLUM_OPEN_SIGNUP=false)",
            ));
        }
        let default_role = self.default_role.trim().to_ascii_uppercase();
        if default_role.is_empty() {
            return Err(invalid(
                "VELLUM_DEFAULT_ROLE",
                "must name a role, e.g. VIEWER",
            ));
        }
        let trusted_proxies = self
            .trusted_proxies
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse().map_err(|_| {
                    invalid(
                        "VELLUM_TRUSTED_PROXIES",
                        format!("`{p}` is not an IP address"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let bootstrap_admin = match (
            self.admin_email.filter(|e| !e.trim().is_empty()),
            self.admin_password.filter(|p| !p.is_empty()),
        ) {
            (Some(email), Some(password)) => Some((email, password)),
            (None, None) => None,
            _ => {
                return Err(invalid(
                    "VELLUM_ADMIN_EMAIL",
                    "set both VELLUM_ADMIN_EMAIL and VELLUM_ADMIN_PASSWORD, or neither",
                ));
            }
        };

        Ok(Config {
            addr,
            database_url,
            data_dir: self.data_dir,
            pg_dir,
            environment: self.environment,
            public_url,
            mail,
            outbox: crate::mail::outbox::OutboxSettings {
                max_attempts: self.mail_max_attempts,
                ..Default::default()
            },
            mail_worker_interval: (self.mail_worker_interval_ms != 0)
                .then(|| Duration::from_millis(self.mail_worker_interval_ms)),
            log_format: self.log_format.unwrap_or(if production {
                LogFormat::Json
            } else {
                LogFormat::Text
            }),
            cors_origins,
            hsts_max_age: self.hsts_max_age,
            limits,
            body_limit: self.body_limit,
            request_timeout: Duration::from_secs(self.request_timeout_secs),
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            db_pool_size: self.db_pool_size,
            db_statement_timeout: Duration::from_millis(self.db_statement_timeout_ms),
            db_pool_timeout: Duration::from_millis(self.db_pool_timeout_ms),
            ws_max_message: self.ws_max_message,
            ws_max_subscriptions: self.ws_max_subscriptions,
            jwt_secret: self.jwt_secret.filter(|s| !s.is_empty()),
            access_token_ttl: Duration::from_secs(self.access_token_ttl_secs),
            session_ttl: Duration::from_secs(self.session_ttl_days * 86_400),
            open_signup: self.open_signup,
            event_retention: Duration::from_secs(self.event_retention_days * 86_400),
            scheduler_interval: Duration::from_millis(self.scheduler_interval_ms),
            content_cache_ttl: Duration::from_secs(self.content_cache_ttl_secs),
            default_role,
            trusted_proxies,
            bootstrap_admin,
            require_admin_two_factor: self.require_admin_2fa,
            rates: crate::ratelimit::Rates {
                sign_up_per_ip: crate::ratelimit::Rate::per_hour(self.signups_per_hour),
                requests_per_principal: crate::ratelimit::Rate::per_minute(
                    self.requests_per_minute,
                ),
                ..Default::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: ConfigArgs,
    }

    fn parse(flags: &[&str]) -> Result<Config, ConfigError> {
        let mut argv = vec!["vellum"];
        argv.extend_from_slice(flags);
        Wrapper::try_parse_from(argv)
            .map_err(|e| invalid("argv", e.to_string()))?
            .args
            .validate()
    }

    #[test]
    fn production_needs_a_public_https_url() {
        let err = parse(&["--env", "production"]).err().map(|e| e.setting);
        assert_eq!(err, Some("VELLUM_PUBLIC_URL"));
        let err = parse(&["--env", "production", "--public-url", "http://x.example"])
            .err()
            .map(|e| e.setting);
        assert_eq!(err, Some("VELLUM_PUBLIC_URL"));
        let ok = parse(&[
            "--env",
            "production",
            "--public-url",
            "https://cms.example.com/",
            "--mail-transport",
            "log",
        ]);
        assert!(ok.is_ok_and(|c| c.public_url == "https://cms.example.com"
            && !c.limits.introspection
            && c.log_format == LogFormat::Json));
    }

    #[test]
    fn bad_values_name_the_setting() {
        let cases: [(&[&str], &str); 5] = [
            (&["--addr", "nope"], "VELLUM_ADDR"),
            (&["--database-url", "mysql://x"], "DATABASE_URL"),
            (
                &["--cors-origins", "https://a.example/path"],
                "VELLUM_CORS_ORIGINS",
            ),
            (&["--max-depth", "0"], "VELLUM_MAX_DEPTH"),
            (&["--body-limit", "10"], "VELLUM_BODY_LIMIT"),
        ];
        for (flags, setting) in cases {
            assert_eq!(
                parse(flags).err().map(|e| e.setting),
                Some(setting),
                "{flags:?}"
            );
        }
    }

    #[test]
    fn development_defaults() {
        let config = parse(&[]).map_err(|e| e.to_string());
        let Ok(config) = config else {
            panic!("defaults must validate: {config:?}", config = config.err());
        };
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.pg_dir, PathBuf::from("./data/postgres"));
        assert!(config.limits.introspection);
        assert_eq!(config.limits.depth, 12);
        assert_eq!(config.limits.complexity, 2000);
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn mail_outbox_settings() {
        let config = parse(&["--mail-max-attempts", "3", "--mail-worker-interval-ms", "0"]);
        assert!(
            config.is_ok_and(|c| c.outbox.max_attempts == 3 && c.mail_worker_interval.is_none())
        );
        let config = parse(&[]);
        assert!(config.is_ok_and(|c| c.outbox.max_attempts == 8
            && c.mail_worker_interval == Some(Duration::from_secs(1))));
        for (flags, setting) in [
            (["--mail-max-attempts", "0"], "VELLUM_MAIL_MAX_ATTEMPTS"),
            (
                ["--mail-worker-interval-ms", "10"],
                "VELLUM_MAIL_WORKER_INTERVAL_MS",
            ),
        ] {
            assert_eq!(parse(&flags).err().map(|e| e.setting), Some(setting));
        }
    }
}
