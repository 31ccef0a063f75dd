//! Vellum: a GraphQL-first headless CMS backend.
//!
//! [`App`] wires configuration, database, schema and router together;
//! `main.rs` is only the command line around it.

pub(crate) mod apikeys;
pub(crate) mod audit;
pub(crate) mod auth;
pub mod config;
pub mod content;
pub(crate) mod context;
pub mod db;
pub mod error;
pub(crate) mod events;
pub mod graphql;
pub mod http;
pub(crate) mod jobs;
pub mod mail;
pub mod media;
pub mod metrics;
pub mod notifications;
pub(crate) mod pagination;
pub(crate) mod ratelimit;
pub(crate) mod rbac;
pub mod search;
pub mod seed;
pub(crate) mod system;
pub mod telemetry;
pub mod users;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::db::Db;
use crate::metrics::Metrics;

/// Bytes of public answers kept (keys and bodies): a few thousand pages.
const PUBLIC_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

pub use crate::auth::setup::SetupService;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be reached or migrated.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// The embedded PostgreSQL could not start.
    #[error(transparent)]
    Embedded(#[from] db::embedded::EmbeddedError),
    /// No usable JWT signing secret.
    #[error(transparent)]
    Secret(#[from] auth::jwt::SecretError),
    /// The mailer could not be set up.
    #[error(transparent)]
    Mail(#[from] mail::MailError),
    /// A service could not be set up.
    #[error("cannot set up {0}")]
    Setup(&'static str),
    /// The listen address is unusable.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// A ready-to-serve Vellum: database connected and migrated, router built.
pub struct App {
    router: axum::Router,
    limits: ratelimit::RateLimits,
    db: Db,
    content: content::service::ContentService,
    search: search::service::SearchService,
    outbox: mail::outbox::Outbox,
    digest: notifications::digest::DigestService,
    bus: events::EventBus,
    access: auth::access::Access,
    setup: SetupService,
    database_url: String,
    config: Arc<Config>,
    shutdown: watch::Sender<bool>,
}

impl App {
    /// Migrates `database_url`, connects the pool and builds the router.
    pub async fn build(config: Config, database_url: &str) -> Result<Self, StartError> {
        // TLS for object storage (reqwest's rustls comes without one); an
        // error only says a provider is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let applied = db::migrate(database_url).await?;
        if !applied.is_empty() {
            tracing::info!(migrations = ?applied, "applied migrations");
        }
        let metrics = Metrics::new();
        let pool = db::connect_counted(
            database_url,
            config.db_pool_size,
            config.db_statement_timeout,
            config.db_pool_timeout,
            Some(metrics.db_statements()),
        )
        .await?;
        let db = Db::new(pool, metrics.clone());
        if config.persisted_queries != graphql::persisted::PersistedMode::Off {
            // The admin UI sends its documents by hash only: know them
            // before the first request can ask for one (in trusted mode
            // they are the only documents it may run).
            let report = graphql::persisted::trust_admin_documents(&db)
                .await
                .map_err(|err| {
                    tracing::error!(error = %err, "cannot register the admin's trusted documents");
                    StartError::Setup("the admin's trusted documents")
                })?;
            tracing::info!(
                added = report.added,
                existing = report.existing,
                "the admin's documents are registered"
            );
        }
        let secret = auth::jwt::load_secret(
            config.jwt_secret.as_deref(),
            config.environment == config::Environment::Production,
            &config.data_dir,
        )?;
        let jwt = auth::jwt::JwtKeys::new(&secret, config.access_token_ttl);
        let unsubscribe = notifications::email::UnsubscribeKey::new(&secret);
        let storage: Arc<dyn media::storage::Storage> = match &config.media_store {
            config::MediaStore::Local => Arc::new(media::storage::LocalStorage::new(
                config.data_dir.join("media"),
            )),
            config::MediaStore::S3(settings) => {
                Arc::new(media::storage::S3Storage::new(settings).map_err(|err| {
                    tracing::error!(error = %err, "cannot set up S3 media storage");
                    StartError::Setup("S3 media storage (VELLUM_MEDIA_STORE)")
                })?)
            }
        };
        let media = media::service::MediaService::new(
            db.clone(),
            Arc::clone(&storage),
            media::urls::MediaUrls::new(&secret, &config.public_url),
            media::variants::Variants::new(
                storage,
                config.media_sizes.clone(),
                config.media_max_pixels,
            ),
            config.media_max_bytes,
            config.media_limits.clone(),
            config.clamd_addr.clone(),
        );
        let mailer = mail::Mailer::new(&config.mail)?;
        let outbox = mail::outbox::Outbox::new(db.clone(), mailer.clone(), config.outbox);
        let notification_mail = notifications::email::NotificationMail::new(
            outbox.clone(),
            &config.public_url,
            unsubscribe.clone(),
        );
        let digest =
            notifications::digest::DigestService::new(db.clone(), notification_mail.clone());
        let auth = auth::service::AuthService::new(
            db.clone(),
            jwt,
            outbox.clone(),
            auth::service::AuthSettings {
                session_ttl: config.session_ttl,
                open_signup: config.open_signup,
                default_role: config.default_role.clone(),
                require_admin_two_factor: config.require_admin_two_factor,
                notification_mail: Some(notification_mail.clone()),
                public_url: config.public_url.clone(),
            },
            ratelimit::RateLimits::new(config.rates),
        );
        let account_email = auth::reset::AccountEmailService::new(
            db.clone(),
            auth.access().clone(),
            auth.limits().clone(),
            outbox.clone(),
            config.public_url.clone(),
        );
        let api_keys = apikeys::service::ApiKeyService::new(db.clone(), auth.access().clone());
        let setup = SetupService::new(db.clone(), auth.sessions().clone(), auth.limits().clone());
        // Subscribers may fall this many events behind before they are dropped.
        let bus = events::EventBus::new(4096);
        let content = content::service::ContentService::new(
            db.clone(),
            content::items::cache::ContentCache::new(
                if config.content_cache_ttl.is_zero() {
                    0
                } else {
                    10_000
                },
                config
                    .content_cache_ttl
                    .max(std::time::Duration::from_secs(1)),
                metrics.clone(),
            ),
            bus.clone(),
        )
        .with_notification_mail(notification_mail);
        let search = search::service::SearchService::new(content.clone());
        let schema = graphql::build_schema(
            &config.limits,
            Some(graphql::Services {
                db: db.clone(),
                auth: auth.clone(),
                setup: setup.clone(),
                access: auth.access().clone(),
                mailer,
                account_email,
                api_keys: api_keys.clone(),
                two_factor: auth::two_factor::TwoFactorService::new(
                    auth.access().clone(),
                    auth.sessions().clone(),
                ),
                content: content.clone(),
                bus: bus.clone(),
                notifications: notifications::service::NotificationService::new(db.clone()),
                media: media.clone(),
                search: search.clone(),
            }),
            metrics.clone(),
        );
        let config = Arc::new(config);
        let (shutdown, shutdown_rx) = watch::channel(false);
        let limits = auth.limits().clone();
        let access = auth.access().clone();
        let router = http::router(http::AppState::new(http::Handles {
            schema,
            auth,
            api_keys,
            persisted: graphql::persisted::PersistedStore::new(db.clone(), metrics.clone()),
            answers: http::answers::AnswerCache::new(
                (!config.content_cache_ttl.is_zero())
                    .then_some((PUBLIC_ANSWER_BYTES, config.content_cache_ttl)),
                content.cache().clone(),
                bus.clone(),
                metrics.clone(),
            ),
            db: db.clone(),
            metrics,
            config: config.clone(),
            unsubscribe,
            shutdown: shutdown_rx,
            media,
        }));
        Ok(Self {
            router,
            limits,
            db,
            content,
            search,
            outbox,
            digest,
            bus,
            access,
            setup,
            database_url: database_url.to_string(),
            config,
            shutdown,
        })
    }

    /// The database handle (for commands that run before serving).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// First-run setup (`serve` issues and logs its token while no
    /// SUPERADMIN exists).
    pub fn setup(&self) -> &SetupService {
        &self.setup
    }

    /// The content service (the scheduler and commands use it directly).
    pub fn content(&self) -> &content::service::ContentService {
        &self.content
    }

    /// The email outbox (tests drive its worker with an injected clock).
    pub fn outbox(&self) -> &mail::outbox::Outbox {
        &self.outbox
    }

    /// The notification digest job (tests drive it with an injected clock).
    pub fn digest(&self) -> &notifications::digest::DigestService {
        &self.digest
    }

    /// Binds the configured address.
    pub async fn bind(&self) -> Result<TcpListener, StartError> {
        let addr = self.config.addr;
        TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Listen { addr, source })
    }

    /// Serves until `signal` resolves, then stops accepting, closes
    /// WebSockets and drains in-flight requests for up to the grace period.
    pub async fn serve(
        self,
        listener: TcpListener,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let self_limits = self.limits.clone();
        let Self {
            router,
            config,
            shutdown,
            content,
            search,
            outbox,
            digest,
            bus,
            access,
            database_url,
            ..
        } = self;
        let listener_task = tokio::spawn(events::bus::listen(
            bus.clone(),
            database_url,
            config.event_retention,
            shutdown.subscribe(),
        ));
        let _stop_listener = AbortOnDrop(listener_task);
        let _stop_follower = AbortOnDrop(tokio::spawn(jobs::follow::run(
            "content cache",
            bus.subscribe(),
            shutdown.subscribe(),
            content.cache().clone(),
        )));
        let _stop_catalog_follower = AbortOnDrop(tokio::spawn(jobs::follow::run(
            "catalog",
            bus.subscribe(),
            shutdown.subscribe(),
            content.catalog().clone(),
        )));
        let _stop_auth_follower = AbortOnDrop(tokio::spawn(jobs::follow::run(
            "auth caches",
            bus.subscribe(),
            shutdown.subscribe(),
            access,
        )));
        let mut stopping = shutdown.subscribe();
        let _stop_scheduler = AbortOnDrop(tokio::spawn(jobs::periodic::run(
            config.scheduler_interval,
            shutdown.subscribe(),
            content,
        )));
        let _stop_digests = AbortOnDrop(tokio::spawn(jobs::periodic::run(
            notifications::digest::INTERVAL,
            shutdown.subscribe(),
            digest,
        )));
        let _stop_mail_worker = config.mail_worker_interval.map(|every| {
            AbortOnDrop(tokio::spawn(jobs::periodic::run(
                every,
                shutdown.subscribe(),
                outbox,
            )))
        });
        let analytics = search.analytics().clone();
        let _stop_search_analytics = AbortOnDrop(tokio::spawn(jobs::periodic::run(
            std::time::Duration::from_secs(10),
            shutdown.subscribe(),
            search.analytics().clone(),
        )));
        // Keyed limiters keep a cell per key; drop the recovered ones.
        let _stop_pruner = AbortOnDrop(tokio::spawn(jobs::periodic::run(
            std::time::Duration::from_secs(60),
            shutdown.subscribe(),
            self_limits,
        )));
        let notify = async move {
            signal.await;
            tracing::info!("shutting down: draining requests, closing WebSockets");
            let _ = shutdown.send(true);
        };
        let settings = http::serve::ConnSettings {
            timeouts: http::serve::Timeouts {
                header_read: config.header_read_timeout,
                idle: config.idle_timeout,
            },
            max_connections: config.max_connections,
        };
        let mut server = tokio::spawn(http::serve::run(listener, router, settings, notify));
        tokio::select! {
            done = &mut server => return done.map_err(std::io::Error::other)?,
            _ = stopping.wait_for(|s| *s) => {}
        }
        let drained = match tokio::time::timeout(config.shutdown_grace, &mut server).await {
            Ok(done) => done.map_err(std::io::Error::other)?,
            Err(_) => {
                tracing::warn!(grace = ?config.shutdown_grace, "drain took too long; closing remaining connections");
                server.abort();
                Ok(())
            }
        };
        // Counts gathered since the last flush would be lost with the process.
        if let Err(err) = analytics.flush().await {
            tracing::warn!(error = %err, "search analytics not flushed at shutdown");
        }
        drained
    }
}

/// Aborts a background task when the owner goes away.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
