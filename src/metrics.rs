//! Prometheus metrics: GraphQL requests and latency per operation name,
//! errors per code, and the database pool's size, idle and waiting counts.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Operation names are chosen by clients; past this many distinct names the
/// rest are counted as `other`, so a client cannot grow our memory without bound.
const MAX_OPERATION_NAMES: usize = 200;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    operation: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabels {
    code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CacheLabels {
    cache: &'static str,
    result: &'static str,
}

struct Inner {
    registry: Registry,
    requests: Family<OperationLabels, Counter>,
    duration: Family<OperationLabels, Histogram>,
    errors: Family<CodeLabels, Counter>,
    pool_size: Gauge,
    pool_idle: Gauge,
    pool_waiting: Gauge,
    cache: Family<CacheLabels, Counter>,
    db_statements: Counter,
    known_operations: Mutex<HashSet<String>>,
}

/// The process's metrics; cheap to clone.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A fresh registry with every metric registered.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("vellum");
        let requests = Family::<OperationLabels, Counter>::default();
        let duration = Family::<OperationLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ])
        });
        let errors = Family::<CodeLabels, Counter>::default();
        let pool_size = Gauge::default();
        let pool_idle = Gauge::default();
        let pool_waiting = Gauge::default();
        let cache = Family::<CacheLabels, Counter>::default();
        let db_statements = Counter::default();
        registry.register(
            "cache_lookups",
            "Cache lookups, by cache and result (hit or miss)",
            cache.clone(),
        );
        registry.register(
            "db_statements",
            "SQL statements sent to PostgreSQL",
            db_statements.clone(),
        );
        registry.register(
            "graphql_requests",
            "GraphQL operations served, by operation name",
            requests.clone(),
        );
        registry.register(
            "graphql_request_duration_seconds",
            "GraphQL operation latency, by operation name",
            duration.clone(),
        );
        registry.register(
            "graphql_errors",
            "GraphQL errors sent, by extensions.code",
            errors.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Open database connections",
            pool_size.clone(),
        );
        registry.register(
            "db_pool_idle_connections",
            "Idle database connections",
            pool_idle.clone(),
        );
        registry.register(
            "db_pool_waiting",
            "Tasks waiting for a database connection",
            pool_waiting.clone(),
        );
        Self(Arc::new(Inner {
            registry,
            requests,
            duration,
            errors,
            pool_size,
            pool_idle,
            pool_waiting,
            cache,
            db_statements,
            known_operations: Mutex::new(HashSet::new()),
        }))
    }

    /// Counts one lookup in the cache named `cache`.
    pub fn cache_lookup(&self, cache: &'static str, hit: bool) {
        self.0
            .cache
            .get_or_create(&CacheLabels {
                cache,
                result: if hit { "hit" } else { "miss" },
            })
            .inc();
    }

    /// The counter of SQL statements, for the connection instrumentation.
    pub fn db_statements(&self) -> Counter {
        self.0.db_statements.clone()
    }

    fn operation_label(&self, name: Option<&str>) -> String {
        let Some(name) = name else {
            return "anonymous".into();
        };
        let valid = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return "other".into();
        }
        let mut known = self
            .0
            .known_operations
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.contains(name) || known.len() < MAX_OPERATION_NAMES {
            known.insert(name.to_string());
            name.to_string()
        } else {
            "other".into()
        }
    }

    /// Records one GraphQL operation.
    pub fn graphql_request(&self, operation: Option<&str>, elapsed: Duration) {
        let labels = OperationLabels {
            operation: self.operation_label(operation),
        };
        self.0.requests.get_or_create(&labels).inc();
        self.0
            .duration
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
    }

    /// Records one error sent to a client.
    pub fn graphql_error(&self, code: &str) {
        self.0
            .errors
            .get_or_create(&CodeLabels {
                code: code.to_string(),
            })
            .inc();
    }

    /// The gauge of tasks waiting for a pooled connection.
    pub fn pool_waiting(&self) -> &Gauge {
        &self.0.pool_waiting
    }

    /// Sets the pool gauges from the pool's current state.
    pub fn set_pool_state(&self, connections: u32, idle: u32) {
        self.0.pool_size.set(i64::from(connections));
        self.0.pool_idle.set(i64::from(idle));
    }

    /// The Prometheus text exposition of every metric.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.0.registry)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_bounded_and_sanitised() {
        let metrics = Metrics::new();
        assert_eq!(metrics.operation_label(None), "anonymous");
        assert_eq!(metrics.operation_label(Some("Bad Name!")), "other");
        for i in 0..MAX_OPERATION_NAMES {
            assert_eq!(
                metrics.operation_label(Some(&format!("Op{i}"))),
                format!("Op{i}")
            );
        }
        assert_eq!(metrics.operation_label(Some("OneTooMany")), "other");
        assert_eq!(metrics.operation_label(Some("Op0")), "Op0");
    }

    #[test]
    fn encodes_prometheus_text() {
        let metrics = Metrics::new();
        metrics.graphql_request(Some("Health"), Duration::from_millis(3));
        metrics.graphql_error("BAD_USER_INPUT");
        let text = metrics.encode().unwrap_or_default();
        assert!(
            text.contains("vellum_graphql_requests_total{operation=\"Health\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("vellum_graphql_errors_total{code=\"BAD_USER_INPUT\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("vellum_graphql_request_duration_seconds_bucket"),
            "{text}"
        );
    }
}
