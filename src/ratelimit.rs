//! Rate limits (GCRA via governor), keyed per account, client IP or
//! principal. Checked inside resolvers, so aliasing one mutation many times
//! in a document spends one unit per alias.
//!
//! Failed sign-ins are counted apart, per (account, client) with backoff
//! and per account with a higher ceiling: see [`sign_in`].
//!
//! Limits live in process memory: with several `vellum serve` processes
//! each enforces its own share.

use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::error::AppError;

mod sign_in;

pub(crate) use sign_in::SignInFailures;
pub use sign_in::SignInRates;

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

/// How often a limit allows an action.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// Actions allowed per period (also the burst).
    pub count: u32,
    /// The period.
    pub per: Duration,
}

impl Rate {
    /// `count` per minute.
    pub const fn per_minute(count: u32) -> Self {
        Self {
            count,
            per: Duration::from_secs(60),
        }
    }

    /// `count` per hour.
    pub const fn per_hour(count: u32) -> Self {
        Self {
            count,
            per: Duration::from_secs(3600),
        }
    }

    fn quota(self) -> Quota {
        let count = NonZeroU32::new(self.count.max(1)).unwrap_or(NonZeroU32::MIN);
        let interval = self.per / count.get();
        Quota::with_period(interval.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(count)
    }
}

/// The configured rates.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// Failed sign-ins per (account, client) and per account.
    pub sign_in_failures: SignInRates,
    /// Sign-in attempts per client IP.
    pub sign_in_per_ip: Rate,
    /// Sign-ups per client IP.
    pub sign_up_per_ip: Rate,
    /// First-run setup attempts (`completeSetup`) per client IP.
    pub setup_per_ip: Rate,
    /// Password reset requests per email.
    pub password_reset_per_email: Rate,
    /// Every request per principal (user, or IP when anonymous).
    pub requests_per_principal: Rate,
}

impl Default for Rates {
    fn default() -> Self {
        Self {
            sign_in_failures: SignInRates::default(),
            sign_in_per_ip: Rate::per_minute(20),
            sign_up_per_ip: Rate::per_hour(10),
            // The token has 256 bits: this only keeps guessing from
            // costing us work.
            setup_per_ip: Rate::per_minute(10),
            password_reset_per_email: Rate::per_hour(3),
            requests_per_principal: Rate::per_minute(600),
        }
    }
}

struct Inner {
    sign_in_failures: SignInFailures,
    sign_in_ip: Keyed<String>,
    sign_up_ip: Keyed<String>,
    setup_ip: Keyed<String>,
    password_reset_email: Keyed<String>,
    requests: Keyed<String>,
}

/// Every limiter of the process; cheap to clone.
#[derive(Clone)]
pub struct RateLimits(Arc<Inner>);

fn check<K: Hash + Eq + Clone>(limiter: &Keyed<K>, key: &K) -> Result<(), AppError> {
    limiter.check_key(key).map_err(|not_until| {
        // The limiter's own clock: a new `DefaultClock` calibrates itself
        // (CPUID, slow under a hypervisor), which made every refused
        // request cost more than an accepted one.
        let wait = not_until.wait_time_from(limiter.clock().now());
        AppError::RateLimited {
            // Round up: "retry in 0 s" would invite an immediate retry.
            retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
        }
    })
}

impl RateLimits {
    /// Limiters with these rates.
    pub fn new(rates: Rates) -> Self {
        Self(Arc::new(Inner {
            sign_in_failures: SignInFailures::new(rates.sign_in_failures),
            sign_in_ip: RateLimiter::keyed(rates.sign_in_per_ip.quota()),
            sign_up_ip: RateLimiter::keyed(rates.sign_up_per_ip.quota()),
            setup_ip: RateLimiter::keyed(rates.setup_per_ip.quota()),
            password_reset_email: RateLimiter::keyed(rates.password_reset_per_email.quota()),
            requests: RateLimiter::keyed(rates.requests_per_principal.quota()),
        }))
    }

    /// One sign-in attempt for this (normalised) email from this IP: the
    /// IP's budget across accounts, then whether this client must still
    /// wait after failing on this account.
    pub fn sign_in(&self, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        if let Some(ip) = ip {
            check(&self.0.sign_in_ip, &ip.to_string())?;
        }
        self.0.sign_in_failures.check_client(email, ip)
    }

    /// The failed sign-in counts.
    pub(crate) fn sign_in_failures(&self) -> &SignInFailures {
        &self.0.sign_in_failures
    }

    /// One sign-up from this IP.
    pub fn sign_up(&self, ip: Option<&str>) -> Result<(), AppError> {
        match ip {
            Some(ip) => check(&self.0.sign_up_ip, &ip.to_string()),
            None => Ok(()),
        }
    }

    /// One first-run setup attempt from this IP. Without a client IP the
    /// attempts share one budget, so they are never unlimited.
    pub fn setup(&self, ip: Option<&str>) -> Result<(), AppError> {
        check(&self.0.setup_ip, &ip.unwrap_or_default().to_string())
    }

    /// One password reset request for this (normalised) email.
    pub fn password_reset(&self, email: &str) -> Result<(), AppError> {
        check(&self.0.password_reset_email, &email.to_string())
    }

    /// One request by this principal key (`user:<id>` or `ip:<addr>`).
    pub fn request(&self, principal_key: &str) -> Result<(), AppError> {
        check(&self.0.requests, &principal_key.to_string())
    }

    /// Forgets keys whose limits have fully recovered, so memory follows
    /// recent traffic rather than every key ever seen.
    pub fn prune(&self) {
        self.0.sign_in_failures.prune();
        self.0.sign_in_ip.retain_recent();
        self.0.sign_up_ip.retain_recent();
        self.0.setup_ip.retain_recent();
        self.0.password_reset_email.retain_recent();
        self.0.requests.retain_recent();
    }
}

/// Pruning as a background job (keyed limiters keep a cell per key).
impl crate::jobs::periodic::Job for RateLimits {
    const NAME: &'static str = "rate-limit pruner";
    const DONE: &'static str = "rate limits pruned";

    async fn run(&self) -> Result<usize, AppError> {
        self.prune();
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failed_sign_ins_per_client_then_retry_after() {
        let limits = RateLimits::new(Rates::default());
        for _ in 0..5 {
            assert!(limits.sign_in("a@example.com", None).is_ok());
            limits
                .sign_in_failures()
                .record_failure("a@example.com", None);
        }
        match limits.sign_in("a@example.com", None) {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert_eq!(retry_after_secs, 1)
            }
            other => panic!("expected RATE_LIMITED, got {other:?}"),
        }
        assert!(
            limits.sign_in("b@example.com", None).is_ok(),
            "keys are separate"
        );
        assert!(
            limits.sign_in("a@example.com", Some("203.0.113.1")).is_ok(),
            "clients are separate"
        );
    }

    #[test]
    fn twenty_sign_ins_per_ip_across_accounts() {
        let limits = RateLimits::new(Rates::default());
        for i in 0..20 {
            assert!(
                limits
                    .sign_in(&format!("u{i}@example.com"), Some("203.0.113.1"))
                    .is_ok()
            );
        }
        assert!(
            limits
                .sign_in("fresh@example.com", Some("203.0.113.1"))
                .is_err()
        );
        assert!(
            limits
                .sign_in("fresh@example.com", Some("203.0.113.2"))
                .is_ok()
        );
    }

    #[test]
    fn ten_setup_attempts_per_ip_a_minute() {
        let limits = RateLimits::new(Rates::default());
        for _ in 0..10 {
            assert!(limits.setup(Some("203.0.113.1")).is_ok());
        }
        assert!(matches!(
            limits.setup(Some("203.0.113.1")),
            Err(AppError::RateLimited { .. })
        ));
        assert!(
            limits.setup(Some("203.0.113.2")).is_ok(),
            "IPs are separate"
        );
    }

    #[test]
    fn hourly_rates_hold_for_the_hour() {
        let limits = RateLimits::new(Rates::default());
        for _ in 0..3 {
            assert!(limits.password_reset("a@example.com").is_ok());
        }
        match limits.password_reset("a@example.com") {
            Err(AppError::RateLimited { retry_after_secs }) => assert!(retry_after_secs > 60),
            other => panic!("expected RATE_LIMITED, got {other:?}"),
        }
    }
}
