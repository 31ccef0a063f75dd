//! Failed sign-ins, counted two ways so that an attacker cannot lock the
//! owner out:
//!
//! - **per (account, client)**: a client (its IP as the server sees it, see
//!   `http::client`) gets a few free failures on one account, then must wait
//!   before each further try, the wait doubling with each failure (capped).
//!   Other clients are not affected, so the owner signs in from their own
//!   device while an attacker is being slowed down elsewhere. A success
//!   clears the client's count.
//! - **per account**: a higher ceiling of failures per hour across all
//!   clients, against guessing spread over many addresses. Past it, a
//!   password alone no longer signs in; the owner still can with the right
//!   password *and* a fresh second factor (the caller decides that; see
//!   `auth::service::AuthService::sign_in`).
//!
//! Accounts are keyed by the normalised email whether or not an account has
//! it, so the counts say nothing about which addresses exist. Counts live
//! in process memory (like the other limits) and are forgotten an hour after
//! the last failure.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::AppError;

/// How long failures are remembered.
const WINDOW: Duration = Duration::from_secs(3600);
/// The longest wait between two tries of one client on one account.
const MAX_BACKOFF: Duration = Duration::from_secs(900);

/// How failed sign-ins are limited.
#[derive(Debug, Clone, Copy)]
pub struct SignInRates {
    /// Failures one client may make on one account before it must wait.
    pub free_failures_per_client: u32,
    /// The first wait; it doubles with each further failure (up to 15 min).
    pub backoff: Duration,
    /// Failures per hour on one account, across all clients, before a
    /// password alone no longer signs in.
    pub failures_per_account_hour: u32,
}

impl Default for SignInRates {
    fn default() -> Self {
        Self {
            free_failures_per_client: 5,
            backoff: Duration::from_secs(1),
            failures_per_account_hour: 50,
        }
    }
}

struct ClientFailures {
    count: u32,
    last: Instant,
    locked_until: Option<Instant>,
}

/// The failure counts; shared by the process.
pub(crate) struct SignInFailures {
    rates: SignInRates,
    /// Keyed by (email, client).
    clients: Mutex<HashMap<(String, String), ClientFailures>>,
    /// Times of the failures of the last hour, per email (at most the
    /// ceiling's worth are kept).
    accounts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// Whole seconds, rounded up: "retry in 0 s" would invite an immediate retry.
fn secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

fn retry_after(wait: Duration) -> AppError {
    AppError::RateLimited {
        retry_after_secs: secs(wait),
    }
}

fn key(email: &str, client: Option<&str>) -> (String, String) {
    (email.to_string(), client.unwrap_or_default().to_string())
}

impl SignInFailures {
    pub(crate) fn new(rates: SignInRates) -> Self {
        Self {
            rates,
            clients: Mutex::new(HashMap::new()),
            accounts: Mutex::new(HashMap::new()),
        }
    }

    /// `RATE_LIMITED` while this client must wait before trying this account again.
    pub(crate) fn check_client(&self, email: &str, client: Option<&str>) -> Result<(), AppError> {
        let now = Instant::now();
        let clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        match clients
            .get(&key(email, client))
            .and_then(|entry| entry.locked_until)
        {
            Some(until) if until > now => Err(retry_after(until - now)),
            _ => Ok(()),
        }
    }

    /// When the account had its ceiling of failures in the last hour, the
    /// seconds until the oldest of them is an hour old.
    pub(crate) fn account_limited(&self, email: &str) -> Option<u64> {
        let now = Instant::now();
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let times = accounts.get_mut(email)?;
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        let ceiling = usize::try_from(self.rates.failures_per_account_hour).unwrap_or(usize::MAX);
        if times.len() < ceiling {
            return None;
        }
        let oldest = *times.front()?;
        Some(secs(WINDOW.saturating_sub(now.duration_since(oldest))))
    }

    /// Counts a failure of this client on this account.
    pub(crate) fn record_failure(&self, email: &str, client: Option<&str>) {
        let now = Instant::now();
        {
            let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
            let entry = clients.entry(key(email, client)).or_insert(ClientFailures {
                count: 0,
                last: now,
                locked_until: None,
            });
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
            if let Some(over) = entry
                .count
                .checked_sub(self.rates.free_failures_per_client.max(1))
            {
                let wait = self
                    .rates
                    .backoff
                    .saturating_mul(1u32 << over.min(20))
                    .min(MAX_BACKOFF);
                entry.locked_until = Some(now + wait);
            }
        }
        let ceiling = usize::try_from(self.rates.failures_per_account_hour).unwrap_or(usize::MAX);
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let times = accounts.entry(email.to_string()).or_default();
        times.push_back(now);
        // Only the newest `ceiling` matter for the ceiling.
        while times.len() > ceiling.max(1) {
            times.pop_front();
        }
    }

    /// A success clears this client's failures on this account (not the
    /// account's hourly count: that one is about everyone else).
    pub(crate) fn record_success(&self, email: &str, client: Option<&str>) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.remove(&key(email, client));
    }

    /// Forgets the account's hourly count (after its password was reset);
    /// clients keep their own waits.
    pub(crate) fn clear_account(&self, email: &str) {
        self.accounts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(email);
    }

    /// Forgets failures older than the window.
    pub(crate) fn prune(&self) {
        let now = Instant::now();
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, entry| {
                now.duration_since(entry.last) < WINDOW
                    || entry.locked_until.is_some_and(|until| until > now)
            });
        self.accounts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, times| {
                times
                    .back()
                    .is_some_and(|last| now.duration_since(*last) < WINDOW)
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> SignInRates {
        SignInRates {
            free_failures_per_client: 3,
            backoff: Duration::from_secs(10),
            failures_per_account_hour: 7,
        }
    }

    fn wait_of(result: Result<(), AppError>) -> u64 {
        match result {
            Err(AppError::RateLimited { retry_after_secs }) => retry_after_secs,
            other => panic!("expected RATE_LIMITED, got {other:?}"),
        }
    }

    #[test]
    fn a_client_waits_longer_after_each_failure_past_the_free_ones() {
        let failures = SignInFailures::new(rates());
        let (ada, attacker) = ("ada@example.com", Some("203.0.113.1"));
        for _ in 0..2 {
            failures.record_failure(ada, attacker);
            assert!(failures.check_client(ada, attacker).is_ok());
        }
        failures.record_failure(ada, attacker);
        let first = wait_of(failures.check_client(ada, attacker));
        failures.record_failure(ada, attacker);
        let second = wait_of(failures.check_client(ada, attacker));
        failures.record_failure(ada, attacker);
        let third = wait_of(failures.check_client(ada, attacker));
        assert_eq!((first, second, third), (10, 20, 40));
        // The owner's own client, and other accounts, are untouched.
        assert!(failures.check_client(ada, Some("198.51.100.7")).is_ok());
        assert!(failures.check_client("bob@example.com", attacker).is_ok());
    }

    #[test]
    fn the_wait_is_capped() {
        let failures = SignInFailures::new(rates());
        for _ in 0..40 {
            failures.record_failure("ada@example.com", None);
        }
        let wait = wait_of(failures.check_client("ada@example.com", None));
        assert_eq!(wait, MAX_BACKOFF.as_secs());
    }

    #[test]
    fn a_success_clears_the_client_but_not_the_account_ceiling() {
        let failures = SignInFailures::new(rates());
        let ada = "ada@example.com";
        for i in 0..7 {
            let client = format!("203.0.113.{}", i % 3);
            assert!(failures.account_limited(ada).is_none());
            failures.record_failure(ada, Some(&client));
        }
        let limited = failures.account_limited(ada);
        assert!(
            limited.is_some_and(|secs| (3590..=3600).contains(&secs)),
            "{limited:?}"
        );
        failures.record_success(ada, Some("203.0.113.0"));
        assert!(failures.check_client(ada, Some("203.0.113.0")).is_ok());
        assert!(failures.account_limited(ada).is_some());
        assert!(failures.account_limited("bob@example.com").is_none());
        failures.prune();
        assert!(
            failures.account_limited(ada).is_some(),
            "recent failures stay"
        );
        failures.clear_account(ada);
        assert!(failures.account_limited(ada).is_none());
    }
}
