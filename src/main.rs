//! The `vellum` command line.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vellum::config::{Config, ConfigArgs, Environment};
use vellum::db::embedded::EmbeddedPostgres;
use vellum::seed::SeedOptions;
use vellum::{App, StartError};

/// jemalloc with background threads that return freed pages to the OS: under
/// the system allocator a burst of large responses left the process at
/// several times its idle size for good.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Vellum, a GraphQL-first headless CMS backend.
#[derive(Parser)]
#[command(name = "vellum", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate and serve the API (the default).
    Serve,
    /// Run pending database migrations and exit.
    Migrate,
    /// Create a SUPERADMIN account.
    CreateAdmin {
        /// Email address of the new admin.
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the email before the @).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Persisted queries (trusted documents).
    Persisted {
        #[command(subcommand)]
        command: PersistedCommand,
    },
    /// Print the GraphQL schema (SDL) and exit.
    PrintSchema,
    /// Rebuild every search document and the search vocabulary (after
    /// changing which custom fields of a type hold text, say). Searches
    /// find fewer items while it runs.
    SearchReindex,
    /// Print the SQL an anonymous first page of a search runs (the hits,
    /// then the count), one statement per line, for benchmarking it
    /// under pgbench, and exit.
    SearchSql {
        /// The query (or, with --suggest, the prefix).
        query: String,
        /// The titles `searchSuggest` reads instead.
        #[arg(long)]
        suggest: bool,
        /// Rows read (a page and one more).
        #[arg(long, default_value_t = 21)]
        limit: i64,
        /// The query finds nothing as typed and this correction is
        /// searched instead (a typo).
        #[arg(long)]
        corrected: Option<String>,
    },
    /// Add demo authors, editors, tags, categories and articles (for first
    /// runs and benchmarks; refused with VELLUM_ENV=production). Demo
    /// people and taxonomy are reused when they exist, so running it again
    /// adds more articles.
    SeedDemo {
        /// Articles to add.
        #[arg(long, default_value_t = 1000)]
        items: usize,
        /// Demo authors (author-001@demo.vellum.test, ...).
        #[arg(long, default_value_t = 100)]
        authors: usize,
        /// Demo tags.
        #[arg(long, default_value_t = 50)]
        tags: usize,
        /// Seed of the generated text.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum PersistedCommand {
    /// Import a manifest of trusted documents: GraphQL Code Generator's
    /// `persisted-documents.json` or Apollo's persisted query manifest.
    /// Every hash is checked; nothing is imported if one is wrong.
    Import {
        /// The manifest (JSON).
        file: std::path::PathBuf,
    },
}

/// The database a command runs against, stopped when the command ends.
struct Database {
    url: String,
    embedded: Option<EmbeddedPostgres>,
}

impl Database {
    async fn open(config: &Config) -> Result<Self, StartError> {
        match &config.database_url {
            Some(url) => Ok(Self {
                url: url.clone(),
                embedded: None,
            }),
            None => {
                let embedded = EmbeddedPostgres::start(&config.pg_dir, "vellum").await?;
                Ok(Self {
                    url: embedded.url(),
                    embedded: Some(embedded),
                })
            }
        }
    }

    async fn close(self) {
        if let Some(embedded) = self.embedded
            && let Err(err) = embedded.stop().await
        {
            tracing::error!(error = %err, "embedded PostgreSQL did not stop cleanly");
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::PrintSchema) = cli.command {
        print!("{}", vellum::graphql::export_sdl());
        return ExitCode::SUCCESS;
    }
    if let Some(Command::SearchSql {
        query,
        suggest,
        limit,
        corrected,
    }) = &cli.command
    {
        for statement in
            vellum::search::public_statements(query, *suggest, *limit, corrected.as_deref())
        {
            println!("{statement};");
        }
        return ExitCode::SUCCESS;
    }
    let config = match cli.config.validate() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("vellum: {err}");
            return ExitCode::from(2);
        }
    };
    vellum::telemetry::init(config.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::CreateAdmin {
            email,
            display_name,
            password_stdin,
        } => create_admin(config, email, display_name, password_stdin).await,
        Command::SeedDemo {
            items,
            authors,
            tags,
            seed,
        } => {
            seed_demo(
                config,
                SeedOptions {
                    items,
                    authors,
                    tags,
                    seed,
                },
            )
            .await
        }
        Command::Persisted {
            command: PersistedCommand::Import { file },
        } => import_persisted(config, file).await,
        Command::SearchReindex => search_reindex(config).await,
        Command::PrintSchema | Command::SearchSql { .. } => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("vellum: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn search_reindex(config: Config) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = async {
        let app = App::build(config, &database.url).await?;
        let items = vellum::search::reindex(app.db())
            .await
            .map_err(|e| match e {
                vellum::error::AppError::Internal(cause) => cause,
                other => anyhow::anyhow!("{other}"),
            })?;
        println!("reindexed {items} items");
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // Every connection holds a descriptor; the usual soft limit of 1024
    // would run out long before the hard one.
    if let Some(nofile) = vellum::http::raise_nofile_limit() {
        tracing::info!(nofile, "open-file limit");
    }
    let database = Database::open(&config).await?;
    let result = serve_on(config, &database.url).await;
    database.close().await;
    result
}

async fn serve_on(config: Config, url: &str) -> anyhow::Result<()> {
    let app = App::build(config.clone(), url).await?;
    match vellum::users::service::superadmin_exists(app.db()).await {
        Ok(true) => {}
        Ok(false) => match &config.bootstrap_admin {
            Some((email, password)) => {
                let name = email.split('@').next().unwrap_or_default().to_string();
                let user = vellum::users::service::create_admin(
                    app.db(),
                    email,
                    &name,
                    password.clone(),
                    vellum::users::service::CreatedVia::Environment,
                )
                .await
                .map_err(|e| anyhow::anyhow!("VELLUM_ADMIN_EMAIL/VELLUM_ADMIN_PASSWORD: {e}"))?;
                tracing::info!(email = %user.email, "created the first SUPERADMIN");
            }
            None => {
                // The token is only in this log line and this process's
                // memory (each `vellum serve` has its own; a restart makes
                // a new one): whoever reads the log may create the admin.
                let token = app.setup().issue_token();
                tracing::warn!(
                    "no admin account yet: open {}/admin/setup?token={token} \
                     (or run `script/vellum create-admin --email you@example.com`, \
                     or set VELLUM_ADMIN_EMAIL and VELLUM_ADMIN_PASSWORD)",
                    config.public_url.trim_end_matches('/'),
                );
            }
        },
        Err(err) => tracing::warn!(error = %err, "cannot check for a SUPERADMIN"),
    }
    let listener = app.bind().await?;
    tracing::info!(
        addr = %config.addr,
        graphiql = %format!("{}/graphiql", config.public_url),
        "Vellum is serving"
    );
    app.serve(listener, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = vellum::db::migrate(&database.url).await;
    database.close().await;
    let applied = result?;
    if applied.is_empty() {
        println!("database is up to date");
    } else {
        for version in applied {
            println!("applied {version}");
        }
    }
    Ok(())
}

async fn create_admin(
    config: Config,
    email: String,
    display_name: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let password = if password_stdin {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input)?;
        input.trim_end_matches(['\r', '\n']).to_string()
    } else {
        rpassword_prompt()?
    };
    let display_name =
        display_name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
    let database = Database::open(&config).await?;
    let result = async {
        let app = App::build(config, &database.url).await?;
        let user = vellum::users::service::create_admin(
            app.db(),
            &email,
            &display_name,
            password,
            vellum::users::service::CreatedVia::Cli,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!("created SUPERADMIN {} ({})", user.email, user.id);
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

async fn import_persisted(config: Config, file: std::path::PathBuf) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let database = Database::open(&config).await?;
    let result = async {
        let app = App::build(config, &database.url).await?;
        let report = vellum::graphql::persisted::import(app.db(), &text).await?;
        println!(
            "imported {} trusted documents ({} already known)",
            report.added, report.existing
        );
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

async fn seed_demo(config: Config, options: SeedOptions) -> anyhow::Result<()> {
    // Every demo account shares a password printed below.
    if config.environment == Environment::Production {
        anyhow::bail!(
            "seed-demo refuses to run with VELLUM_ENV=production: \
             its accounts share a published password"
        );
    }
    let database = Database::open(&config).await?;
    let result = async {
        let app = App::build(config, &database.url).await?;
        let report = vellum::seed::seed_demo(app.db(), options)
            .await
            .map_err(|e| match e {
                // Keep the cause: AppError shows internal errors to clients
                // as "internal error" only.
                vellum::error::AppError::Internal(cause) => cause,
                other => anyhow::anyhow!("{other}"),
            })?;
        let secs = report.elapsed.as_secs_f64();
        println!(
            "added {} articles in {secs:.1} s ({:.0}/s): {} published, {} in review, {} drafts; {} versions",
            report.items,
            report.items as f64 / secs.max(1e-9),
            report.published,
            report.in_review,
            report.drafts,
            report.versions,
        );
        println!(
            "slugs end in -{} to -{}",
            report.first_number,
            report.first_number + report.items.saturating_sub(1)
        );
        println!(
            "{} authors ({} new), {} editors ({} new), {} tags, {} categories",
            report.authors,
            report.authors_created,
            report.editors,
            report.editors_created,
            report.tags,
            report.categories,
        );
        println!(
            "sign in as {} (AUTHOR) or {} (EDITOR) with the password {}",
            vellum::seed::author_email(0),
            vellum::seed::editor_email(0),
            vellum::seed::DEMO_PASSWORD,
        );
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

/// Reads a password from the terminal without echo when there is one.
fn rpassword_prompt() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("no terminal to prompt on: pass --password-stdin and pipe the password");
    }
    eprint!("Password for the new admin: ");
    let password = rpassword::read_password()?;
    Ok(password)
}
