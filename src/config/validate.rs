//! Turning [`ConfigArgs`] into a [`Config`]: every setting is checked here,
//! and a bad one is reported by the name of its environment variable.

use std::net::SocketAddr;
use std::time::Duration;

use super::{Config, ConfigArgs, ConfigError, Environment, Limits, LogFormat};

/// `VELLUM_MEDIA_LIMITS`: `ROLE=bytes` or `type/sub=bytes` (`type/*` for a
/// family), comma-separated, each at most the global limit.
fn media_limits(raw: &str, max: u64) -> Result<super::MediaLimits, ConfigError> {
    const VAR: &str = "VELLUM_MEDIA_LIMITS";
    let mut limits = super::MediaLimits::default();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || {
            invalid(
                VAR,
                format!("`{part}` is not ROLE=bytes or type/subtype=bytes (at most {max} bytes)"),
            )
        };
        let (selector, bytes) = part.split_once('=').ok_or_else(bad)?;
        let selector = selector.trim();
        let bytes = bytes
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|b| (1..=max).contains(b))
            .ok_or_else(bad)?;
        let token = |t: &str| {
            !t.is_empty()
                && t.len() <= 100
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-._".contains(c))
        };
        match selector.split_once('/') {
            Some((family, sub)) if token(family) && (sub == "*" || token(sub)) => {
                limits.by_type.push((selector.to_ascii_lowercase(), bytes));
            }
            None if token(selector) => limits.by_role.push((selector.to_string(), bytes)),
            _ => return Err(bad()),
        }
    }
    Ok(limits)
}

/// `VELLUM_MEDIA_SIZES`: `name=WxH` or `name=W`, comma-separated.
fn media_sizes(raw: &str) -> Result<Vec<super::MediaSize>, ConfigError> {
    const VAR: &str = "VELLUM_MEDIA_SIZES";
    let side = |text: &str| {
        text.parse::<u32>()
            .ok()
            .filter(|v| (1..=crate::media::transform::MAX_SIDE).contains(v))
    };
    let mut sizes: Vec<super::MediaSize> = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || {
            invalid(
                VAR,
                format!("`{part}` is not name=WIDTH or name=WIDTHxHEIGHT (sides 1 to 4096)"),
            )
        };
        let (name, dims) = part.split_once('=').ok_or_else(bad)?;
        let name = name.trim();
        let name_ok = !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !name_ok {
            return Err(bad());
        }
        let (width, height) = match dims.trim().split_once('x') {
            Some((w, h)) => (side(w).ok_or_else(bad)?, Some(side(h).ok_or_else(bad)?)),
            None => (side(dims.trim()).ok_or_else(bad)?, None),
        };
        if sizes.iter().any(|s| s.name == name) {
            return Err(invalid(VAR, format!("`{name}` is named twice")));
        }
        sizes.push(super::MediaSize {
            name: name.to_string(),
            width,
            height,
        });
    }
    if sizes.len() > 20 {
        return Err(invalid(VAR, "at most 20 sizes"));
    }
    Ok(sizes)
}

/// `VELLUM_MEDIA_STORE` and the S3 settings that go with it.
fn media_store(
    store: &str,
    endpoint: Option<String>,
    region: String,
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
) -> Result<super::MediaStore, ConfigError> {
    const SETTING: &str = "VELLUM_MEDIA_STORE";
    if store == "local" {
        return Ok(super::MediaStore::Local);
    }
    let Some(rest) = store.strip_prefix("s3://") else {
        return Err(invalid(
            SETTING,
            "must be `local` or `s3://bucket[/prefix]`",
        ));
    };
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !bucket_ok {
        return Err(invalid(
            SETTING,
            "the bucket name must be 3-63 lowercase letters, digits, dots and hyphens",
        ));
    }
    let prefix = prefix.trim_matches('/').to_string();
    if prefix.split('/').any(|part| part == "." || part == "..") {
        return Err(invalid(
            SETTING,
            "the prefix must not hold `.` or `..` segments",
        ));
    }
    if let Some(endpoint) = &endpoint
        && !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
    {
        return Err(invalid(
            "VELLUM_S3_ENDPOINT",
            "must be an http:// or https:// URL",
        ));
    }
    if access_key_id.is_some() != secret_access_key.is_some() {
        return Err(invalid(
            "VELLUM_S3_ACCESS_KEY_ID",
            "set it together with VELLUM_S3_SECRET_ACCESS_KEY, or neither",
        ));
    }
    Ok(super::MediaStore::S3(super::S3Settings {
        bucket: bucket.to_string(),
        prefix,
        region,
        endpoint,
        access_key_id,
        secret_access_key,
    }))
}

pub(super) fn invalid(setting: &'static str, problem: impl Into<String>) -> ConfigError {
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
        if !(1024..=i32::MAX as u64).contains(&self.media_max_bytes) {
            return Err(invalid(
                "VELLUM_MEDIA_MAX_BYTES",
                "must be between 1024 and 2147483647 bytes",
            ));
        }
        if !(1_000_000..=200_000_000).contains(&self.media_max_pixels) {
            return Err(invalid(
                "VELLUM_MEDIA_MAX_PIXELS",
                "must be between 1000000 and 200000000",
            ));
        }
        if self.request_timeout_secs == 0 {
            return Err(invalid(
                "VELLUM_REQUEST_TIMEOUT",
                "must be at least 1 second",
            ));
        }
        if !(1..=3600).contains(&self.header_read_timeout_secs) {
            return Err(invalid(
                "VELLUM_HEADER_READ_TIMEOUT",
                "must be between 1 and 3600 seconds",
            ));
        }
        if !(1..=86_400).contains(&self.idle_timeout_secs) {
            return Err(invalid(
                "VELLUM_IDLE_TIMEOUT",
                "must be between 1 and 86400 seconds",
            ));
        }
        if self.max_connections == Some(0) {
            return Err(invalid(
                "VELLUM_MAX_CONNECTIONS",
                "must be at least 1 (leave it unset for a cap derived from the open-file limit)",
            ));
        }
        if self.ws_keepalive_secs > 3600 {
            return Err(invalid(
                "VELLUM_WS_KEEPALIVE",
                "must be between 0 (off) and 3600 seconds",
            ));
        }
        if !(1..=3600).contains(&self.ws_init_timeout_secs) {
            return Err(invalid(
                "VELLUM_WS_INIT_TIMEOUT",
                "must be between 1 and 3600 seconds",
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

        // Deeper nesting than this brings back the stack overflows the
        // limit exists to prevent.
        if !(1..=128).contains(&self.max_nesting) {
            return Err(invalid("VELLUM_MAX_NESTING", "must be between 1 and 128"));
        }
        if self.max_selections == 0 {
            return Err(invalid("VELLUM_MAX_SELECTIONS", "must be greater than 0"));
        }

        let limits = Limits {
            depth: positive("VELLUM_MAX_DEPTH", self.max_depth)?,
            complexity: positive("VELLUM_MAX_COMPLEXITY", self.max_complexity)?,
            recursion: positive("VELLUM_MAX_RECURSION", self.max_recursion)?,
            aliases: self.max_aliases,
            directives: positive("VELLUM_MAX_DIRECTIVES", self.max_directives)?,
            query_length: positive("VELLUM_MAX_QUERY_LENGTH", self.max_query_length)?,
            tokens: positive("VELLUM_MAX_TOKENS", self.max_tokens)?,
            nesting: self.max_nesting,
            selections: self.max_selections,
            heavy_queries: match self.max_heavy_queries {
                Some(0) => {
                    return Err(invalid(
                        "VELLUM_MAX_HEAVY_QUERIES",
                        "must be greater than 0",
                    ));
                }
                Some(n) => n,
                // Leaves a core for everything else.
                None => std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            },
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
        if self.sign_in_failures_per_client == 0 {
            return Err(invalid(
                "VELLUM_SIGN_IN_FAILURES_PER_CLIENT",
                "must be at least 1",
            ));
        }
        if !(1..=900).contains(&self.sign_in_backoff_secs) {
            return Err(invalid(
                "VELLUM_SIGN_IN_BACKOFF_SECS",
                "must be between 1 and 900",
            ));
        }
        if self.sign_in_failures_per_account_hour < self.sign_in_failures_per_client {
            return Err(invalid(
                "VELLUM_SIGN_IN_FAILURES_PER_ACCOUNT_HOUR",
                "must be at least VELLUM_SIGN_IN_FAILURES_PER_CLIENT",
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
            http_cache_control: crate::http::cache::parse_cache_control(&self.http_cache_control)
                .map_err(|problem| invalid("VELLUM_HTTP_CACHE_CONTROL", problem))?,
            max_batch_size: self.max_batch_size,
            limits,
            body_limit: self.body_limit,
            media_max_bytes: self.media_max_bytes,
            media_store: media_store(
                &self.media_store,
                self.s3_endpoint,
                self.s3_region,
                self.s3_access_key_id,
                self.s3_secret_access_key,
            )?,
            media_sizes: media_sizes(&self.media_sizes)?,
            media_max_pixels: self.media_max_pixels,
            media_limits: media_limits(&self.media_limits, self.media_max_bytes)?,
            clamd_addr: self
                .clamd_addr
                .as_deref()
                .filter(|a| !a.trim().is_empty())
                .map(|a| {
                    crate::media::scan::ClamdAddr::parse(a.trim()).ok_or_else(|| {
                        invalid(
                            "VELLUM_CLAMD_ADDR",
                            "must be host:port or unix:/path/to/clamd.sock",
                        )
                    })
                })
                .transpose()?,
            request_timeout: Duration::from_secs(self.request_timeout_secs),
            header_read_timeout: Duration::from_secs(self.header_read_timeout_secs),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs),
            max_connections: self.max_connections,
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            db_pool_size: self.db_pool_size,
            db_statement_timeout: Duration::from_millis(self.db_statement_timeout_ms),
            db_pool_timeout: Duration::from_millis(self.db_pool_timeout_ms),
            ws_max_message: self.ws_max_message,
            ws_max_subscriptions: self.ws_max_subscriptions,
            ws_init_timeout: Duration::from_secs(self.ws_init_timeout_secs),
            ws_keepalive: (self.ws_keepalive_secs > 0)
                .then(|| Duration::from_secs(self.ws_keepalive_secs)),
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
            persisted_queries: self.persisted_queries,
            rates: crate::ratelimit::Rates {
                sign_up_per_ip: crate::ratelimit::Rate::per_hour(self.signups_per_hour),
                sign_in_failures: crate::ratelimit::SignInRates {
                    free_failures_per_client: self.sign_in_failures_per_client,
                    backoff: Duration::from_secs(self.sign_in_backoff_secs),
                    failures_per_account_hour: self.sign_in_failures_per_account_hour,
                },
                requests_per_principal: crate::ratelimit::Rate::per_minute(
                    self.requests_per_minute,
                ),
                ..Default::default()
            },
        })
    }
}
