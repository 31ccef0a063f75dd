//! The email outbox: mail caused by a change is queued in the change's own
//! transaction and delivered afterwards by the [`super::worker`].
//!
//! **Rendered at enqueue time.** The row holds the finished subject, HTML and
//! text, so what was queued is what is sent: a template changed by a deploy,
//! or a restart between the cause and the send, cannot alter a queued mail,
//! and a template error fails the cause's transaction instead of losing the
//! mail later. The price is a few kilobytes per row.
//!
//! **Never twice.** The worker claims due rows (`FOR UPDATE SKIP LOCKED`),
//! marks them `sending` and commits *before* talking to the transport, then
//! records `sent` in a second commit. If the process dies in between, the
//! row stays `sending`; once its lease runs out it is marked `dead`
//! ("outcome unknown") and logged loudly, not sent again, because the first
//! copy may have gone out. So delivery is at-most-once across crashes, and
//! a failure is retried (exponential backoff, up to
//! `VELLUM_MAIL_MAX_ATTEMPTS` attempts) only when it proves the transport
//! accepted nothing: an SMTP 4xx/5xx reply or a refused connection, never a
//! connection dropped mid-conversation ([`super::MailError::after_failure`]).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use tokio::sync::Notify;
use uuid::Uuid;

use super::outbox_store::{self as store, NewOutboxRow, OutboxRow};
use super::{AfterFailure, Mailer, Recipient, Rendered, Template};
use crate::db::Db;
use crate::error::AppError;

/// The `last_error` of a mail whose send was interrupted.
pub const OUTCOME_UNKNOWN: &str = "outcome unknown";

/// How the outbox retries.
#[derive(Debug, Clone, Copy)]
pub struct OutboxSettings {
    /// Attempts before a mail is marked dead (at least 1).
    pub max_attempts: u32,
    /// Wait after the first failure; doubles after each further one.
    pub base_backoff: Duration,
    /// The longest wait between attempts.
    pub max_backoff: Duration,
    /// How long a send may be in flight before its outcome is deemed unknown.
    pub lease: Duration,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            base_backoff: Duration::from_secs(30),
            max_backoff: Duration::from_secs(3600),
            lease: Duration::from_secs(600),
        }
    }
}

impl OutboxSettings {
    /// The wait after the `attempts`-th failed attempt: base, 2×base, 4×base…
    /// capped at `max_backoff`.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(31);
        self.base_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff)
    }
}

/// A mail to queue.
#[derive(Debug, Clone)]
pub struct OutboxMail<'a> {
    /// Who it is for.
    pub to: Recipient<'a>,
    /// What it says.
    pub template: Template<'a>,
    /// Idempotency: a second mail with the same key is silently dropped.
    pub dedupe_key: Option<String>,
}

/// What one [`Outbox::run_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Accepted by the transport.
    pub sent: usize,
    /// Failed and queued again.
    pub retried: usize,
    /// Given up on (out of attempts, undeliverable, or outcome unknown).
    pub dead: usize,
}

struct Inner {
    db: Db,
    mailer: Mailer,
    settings: OutboxSettings,
    wake: Notify,
}

/// Queues and delivers mail; cheap to clone.
#[derive(Clone)]
pub struct Outbox(Arc<Inner>);

/// Rows claimed per transaction.
const BATCH: i64 = 20;

impl Outbox {
    /// The outbox over `db`, delivering through `mailer`.
    pub fn new(db: Db, mailer: Mailer, settings: OutboxSettings) -> Self {
        Self(Arc::new(Inner {
            db,
            mailer,
            settings,
            wake: Notify::new(),
        }))
    }

    /// The retry settings.
    pub fn settings(&self) -> &OutboxSettings {
        &self.0.settings
    }

    /// Renders and queues a mail inside the caller's transaction; returns its
    /// id, or `None` when its dedupe key was already used. Call [`Self::wake`]
    /// after the transaction commits so it goes out without waiting a tick.
    pub async fn enqueue(
        &self,
        conn: &mut AsyncPgConnection,
        mail: OutboxMail<'_>,
    ) -> Result<Option<Uuid>, AppError> {
        self.enqueue_with_headers(conn, mail, &[]).await
    }

    /// [`Self::enqueue`] with extra `(name, value)` headers applied when the
    /// mail is sent (`List-Unsubscribe`, say).
    pub async fn enqueue_with_headers(
        &self,
        conn: &mut AsyncPgConnection,
        mail: OutboxMail<'_>,
        headers: &[(&str, &str)],
    ) -> Result<Option<Uuid>, AppError> {
        let headers: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .map(|(name, value)| ((*name).to_string(), serde_json::Value::from(*value)))
            .collect();
        let rendered = self.0.mailer.render(mail.to, &mail.template)?;
        let id = store::insert(
            conn,
            &NewOutboxRow {
                id: Uuid::new_v4(),
                to_address: mail.to.email,
                to_name: mail.to.display_name,
                template: mail.template.name(),
                subject: &rendered.subject,
                html: &rendered.html,
                text: &rendered.text,
                headers: serde_json::Value::Object(headers),
                dedupe_key: mail.dedupe_key.as_deref(),
            },
        )
        .await?;
        if id.is_none() {
            tracing::debug!(key = ?mail.dedupe_key, "mail already queued");
        }
        Ok(id)
    }

    /// Tells this process's worker that mail is waiting.
    pub fn wake(&self) {
        self.0.wake.notify_one();
    }

    /// Resolves when [`Self::wake`] was called.
    pub(super) async fn woken(&self) {
        self.0.wake.notified().await;
    }

    /// Sends every mail due at `now`, then buries sends abandoned before
    /// `now - lease`. Safe to run in several processes at once.
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<RunReport, AppError> {
        let mut report = RunReport::default();
        report.dead += self.bury_abandoned(now).await?;
        loop {
            let claimed = {
                let mut conn = self.0.db.conn().await?;
                // Committed before any send: the claim must outlive a crash.
                conn.transaction::<_, AppError, _>(async |conn| {
                    Ok(store::claim_due(conn, now, BATCH).await?)
                })
                .await?
            };
            let count = claimed.len();
            for row in claimed {
                let id = row.id;
                // One unrecordable outcome must not strand the rest of the
                // batch in `sending`.
                if let Err(err) = self.deliver(row, now, &mut report).await {
                    tracing::error!(mail = %id, error = %err, "cannot record a mail's outcome");
                }
            }
            if count < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                return Ok(report);
            }
        }
    }

    async fn bury_abandoned(&self, now: DateTime<Utc>) -> Result<usize, AppError> {
        let cutoff = chrono::Duration::from_std(self.0.settings.lease)
            .ok()
            .and_then(|lease| now.checked_sub_signed(lease))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut conn = self.0.db.conn().await?;
        let buried = store::bury_abandoned(&mut conn, cutoff, OUTCOME_UNKNOWN).await?;
        for (id, to) in &buried {
            tracing::error!(
                mail = %id,
                %to,
                "mail delivery was interrupted (the sending process stopped?): \
                 it may or may not have been sent, so it is marked dead, not resent"
            );
        }
        Ok(buried.len())
    }

    async fn deliver(
        &self,
        row: OutboxRow,
        now: DateTime<Utc>,
        report: &mut RunReport,
    ) -> Result<(), AppError> {
        let outcome = match self.message(&row) {
            Ok(message) => self.0.mailer.send(message).await,
            Err(err) => Err(err),
        };
        let mut conn = self.0.db.conn().await?;
        let Err(err) = outcome else {
            store::mark_sent(&mut conn, row.id, Utc::now()).await?;
            tracing::info!(mail = %row.id, template = %row.template, "mail sent");
            report.sent += 1;
            return Ok(());
        };
        let error = err.to_string();
        let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
        match err.after_failure() {
            AfterFailure::Retry if attempts < self.0.settings.max_attempts => {
                let wait = self.0.settings.backoff(attempts);
                let next = chrono::Duration::from_std(wait)
                    .ok()
                    .and_then(|wait| now.checked_add_signed(wait))
                    .unwrap_or(DateTime::<Utc>::MAX_UTC);
                store::mark_retry(&mut conn, row.id, next, &error).await?;
                tracing::warn!(mail = %row.id, attempts, retry_in = ?wait, %error, "mail delivery failed; will retry");
                report.retried += 1;
            }
            AfterFailure::Retry | AfterFailure::GiveUp => {
                store::mark_dead(&mut conn, row.id, &error).await?;
                tracing::error!(mail = %row.id, to = %row.to_address, attempts, %error, "mail delivery failed for good");
                report.dead += 1;
            }
            AfterFailure::Unknown => {
                let error = format!("{OUTCOME_UNKNOWN}: {error}");
                store::mark_dead(&mut conn, row.id, &error).await?;
                tracing::error!(
                    mail = %row.id,
                    to = %row.to_address,
                    %error,
                    "mail delivery failed after the server may have accepted it: marked dead, not resent"
                );
                report.dead += 1;
            }
        }
        Ok(())
    }

    fn message(&self, row: &OutboxRow) -> Result<lettre::Message, super::MailError> {
        let headers: Vec<(String, String)> = row
            .headers
            .as_object()
            .map(|object| {
                object
                    .iter()
                    .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        self.0.mailer.assemble(
            Recipient {
                email: &row.to_address,
                display_name: &row.to_name,
            },
            Rendered {
                subject: row.subject.clone(),
                text: row.text.clone(),
                html: row.html.clone(),
            },
            Some(row.id),
            &headers,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_is_capped() {
        let settings = OutboxSettings::default();
        let waits: Vec<u64> = (1..=9).map(|n| settings.backoff(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(settings.backoff(1000).as_secs(), 3600);
    }
}
