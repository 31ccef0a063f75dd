//! Logging: human-readable in development, JSON lines in production,
//! filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::LogFormat;

/// What is logged when `RUST_LOG` is unset (or does not parse).
const DEFAULT_DIRECTIVES: &str = "info,tower_http=info,diesel_async=warn";

/// Libraries that warn once per odd token of input a client chose: the
/// HTML parser behind the sanitiser warns for every misplaced tag, so one
/// request body could write tens of thousands of lines. Only their errors
/// are logged. They come first, so `RUST_LOG` may still turn them back on
/// (`RUST_LOG=info,html5ever=warn`): a later directive for the same target
/// replaces an earlier one.
const CLIENT_TRIGGERED: &str = "html5ever=error,markup5ever=error";

/// The filter: [`CLIENT_TRIGGERED`], then `RUST_LOG` or the defaults.
fn filter(rust_log: Option<&str>) -> EnvFilter {
    let quiet_default = || EnvFilter::new(format!("{CLIENT_TRIGGERED},{DEFAULT_DIRECTIVES}"));
    match rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        Some(directives) => EnvFilter::builder()
            .parse(format!("{CLIENT_TRIGGERED},{directives}"))
            .unwrap_or_else(|_| quiet_default()),
        None => quiet_default(),
    }
}

/// Installs the global subscriber; a second call is a no-op (tests).
pub fn init(format: LogFormat) {
    let rust_log = std::env::var(EnvFilter::DEFAULT_ENV).ok();
    let registry = tracing_subscriber::registry().with(filter(rust_log.as_deref()));
    let _ = match format {
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init(),
        LogFormat::Text => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_target(false)
                    // Colour codes only help a terminal; in files they are noise.
                    .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout())),
            )
            .try_init(),
    };
}

#[cfg(test)]
mod tests {
    use tracing::Level;
    use tracing_subscriber::layer::SubscriberExt;

    use super::filter;

    fn enabled(rust_log: Option<&str>, target_warns: bool) -> bool {
        let subscriber = tracing_subscriber::registry().with(filter(rust_log));
        tracing::subscriber::with_default(subscriber, || {
            if target_warns {
                tracing::enabled!(target: "html5ever::tree_builder", Level::WARN)
            } else {
                tracing::enabled!(target: "vellum::http", Level::INFO)
            }
        })
    }

    #[test]
    fn sanitiser_warnings_are_off_unless_rust_log_asks() {
        for rust_log in [None, Some(""), Some("debug"), Some("not a directive ==")] {
            assert!(!enabled(rust_log, true), "{rust_log:?}");
            assert!(enabled(rust_log, false), "{rust_log:?}");
        }
        assert!(enabled(Some("info,html5ever=warn"), true));
        assert!(!enabled(Some("warn"), false));
    }
}
