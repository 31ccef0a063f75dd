//! Notification digests: for users whose digest is daily or weekly, one
//! email collecting their unread, email-enabled notifications since the
//! last digest, grouped by kind. A background job (its [`Job`]) calls
//! [`DigestService::run_due`] at an interval; tests call it with any clock.
//!
//! Each user's digest time lives in `notification_digests`. Due rows are
//! claimed with `FOR UPDATE SKIP LOCKED` and the mail is queued in the same
//! transaction that records the new digest time, so several processes
//! never queue one digest twice (the dedupe key
//! `digest:<user>:<period start>` backs this up).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};

use super::email::{NotificationMail, UnsubscribeScope, list_unsubscribe, recipient};
use super::model::{Notification, NotificationKind, Preferences};
use super::store::{self, DueDigest};
use crate::db::Db;
use crate::error::AppError;
use crate::jobs::periodic::{FirstRun, Job};
use crate::mail::outbox::OutboxMail;
use crate::mail::templates::DigestGroup;
use crate::mail::{Recipient, Template};

/// How often the background job looks for due digests.
pub(crate) const INTERVAL: Duration = Duration::from_secs(600);

/// Users claimed per transaction.
const BATCH: i64 = 20;

/// Makes and queues digests; cheap to clone.
#[derive(Clone)]
pub struct DigestService {
    db: Db,
    mail: NotificationMail,
}

impl DigestService {
    /// Digests from `db`, queued through `mail`.
    pub fn new(db: Db, mail: NotificationMail) -> Self {
        Self { db, mail }
    }

    /// Queues every digest due at `now`; returns how many were queued.
    /// Safe to run in several processes at once.
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<usize, AppError> {
        let mut conn = self.db.conn().await?;
        // Users never considered get a row, so they can be claimed.
        store::ensure_digest_rows(&mut conn).await?;
        let mut queued = 0;
        loop {
            let (claimed, sent) = conn
                .transaction::<_, AppError, _>(async |conn| {
                    let due = store::claim_due_digests(conn, now, BATCH).await?;
                    let mut sent = 0;
                    for row in &due {
                        if self.digest_one(conn, row, now).await? {
                            sent += 1;
                        }
                        store::mark_digest_sent(conn, row.user_id, now).await?;
                    }
                    Ok((due.len(), sent))
                })
                .await?;
            queued += sent;
            if claimed < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                break;
            }
        }
        if queued > 0 {
            self.mail.outbox().wake();
        }
        Ok(queued)
    }

    /// Queues one user's digest when they still want one and have
    /// something to read; returns whether a mail was queued.
    async fn digest_one(
        &self,
        conn: &mut AsyncPgConnection,
        due: &DueDigest,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let Some(prefs) = store::preferences_of(conn, &[due.user_id])
            .await?
            .into_iter()
            .next()
        else {
            return Ok(false);
        };
        if !matches!(
            prefs.digest(),
            super::model::DigestFrequency::Daily | super::model::DigestFrequency::Weekly
        ) {
            return Ok(false);
        }
        let unread = store::unread_between(conn, due.user_id, due.last_sent_at, now).await?;
        let groups = group(&prefs, unread);
        if groups.is_empty() {
            return Ok(false);
        }
        let Some((email, display_name)) = recipient(conn, due.user_id).await? else {
            return Ok(false);
        };
        let unsubscribe = self
            .mail
            .unsubscribe_link(due.user_id, UnsubscribeScope::All);
        let period = due
            .last_sent_at
            .map_or_else(|| "start".to_string(), |at| at.to_rfc3339());
        let list = format!("<{unsubscribe}>");
        let queued = self
            .mail
            .outbox()
            .enqueue_with_headers(
                conn,
                OutboxMail {
                    to: Recipient {
                        email: &email,
                        display_name: &display_name,
                    },
                    template: Template::Digest {
                        groups: &groups,
                        link: self.mail.public_url(),
                        unsubscribe: &unsubscribe,
                    },
                    dedupe_key: Some(format!("digest:{}:{period}", due.user_id)),
                },
                &list_unsubscribe(&list),
            )
            .await?;
        Ok(queued.is_some())
    }
}

/// The email-enabled notifications grouped by kind, kinds in their
/// preference order, titles oldest first.
fn group(prefs: &Preferences, unread: Vec<Notification>) -> Vec<DigestGroup> {
    let mut by_kind: BTreeMap<usize, (NotificationKind, Vec<String>)> = BTreeMap::new();
    for notification in unread {
        let Some(kind) = NotificationKind::parse(&notification.kind) else {
            continue;
        };
        // Security notices were already emailed as they happened.
        if kind.is_security() || !prefs.email(kind) {
            continue;
        }
        let order = NotificationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(usize::MAX);
        by_kind
            .entry(order)
            .or_insert_with(|| (kind, Vec::new()))
            .1
            .push(notification.title);
    }
    by_kind
        .into_values()
        .map(|(kind, titles)| DigestGroup {
            label: label(kind).to_string(),
            count: titles.len(),
            titles,
        })
        .collect()
}

/// What a kind is called in a digest.
fn label(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::ReviewRequested => "Review requested",
        NotificationKind::ChangesRequested => "Changes requested",
        NotificationKind::ContentApproved => "Approved",
        NotificationKind::ContentPublished => "Published",
        NotificationKind::ScheduledPublishDone => "Scheduled publications",
        NotificationKind::PasswordChanged => "Password changed",
        NotificationKind::TwoFactorEnabled => "Two-factor authentication turned on",
        NotificationKind::TwoFactorDisabled => "Two-factor authentication turned off",
        NotificationKind::NewSignIn => "New sign-ins",
    }
}

/// The first run is one interval after start: digests are not urgent, and
/// a restart loop must not turn into a burst of digest queries.
impl Job for DigestService {
    const NAME: &'static str = "digest";
    const DONE: &'static str = "notification digests queued";
    const FIRST: FirstRun = FirstRun::AfterInterval;

    async fn run(&self) -> Result<usize, AppError> {
        self.run_due(Utc::now()).await
    }
}
