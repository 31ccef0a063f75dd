//! SQL for the email outbox (`email_outbox`); nothing else touches it.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::email_outbox;

/// Where a queued mail is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for its next attempt.
    Pending,
    /// Handed to the transport; the outcome is not recorded yet.
    Sending,
    /// Accepted by the transport.
    Sent,
    /// Given up on: out of attempts, or the outcome is unknown.
    Dead,
}

impl Status {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }
}

/// A queued mail, as the worker needs it.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = email_outbox, check_for_backend(diesel::pg::Pg))]
pub struct OutboxRow {
    /// Id (also the `Message-ID`'s local part).
    pub id: Uuid,
    /// Recipient address.
    pub to_address: String,
    /// Recipient name.
    pub to_name: String,
    /// Which template rendered it (for logs and metrics).
    pub template: String,
    /// Subject line.
    pub subject: String,
    /// HTML part.
    pub html: String,
    /// Plain-text part.
    pub text: String,
    /// Extra headers, a JSON object of name -> value.
    pub headers: serde_json::Value,
    /// Attempts made so far, this one included once claimed.
    pub attempts: i32,
}

/// A mail to queue.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = email_outbox)]
pub struct NewOutboxRow<'a> {
    pub id: Uuid,
    /// Recipient address.
    pub to_address: &'a str,
    /// Recipient name.
    pub to_name: &'a str,
    /// Template name.
    pub template: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// HTML part.
    pub html: &'a str,
    /// Plain-text part.
    pub text: &'a str,
    /// Extra headers.
    pub headers: serde_json::Value,
    /// Idempotency key: a second mail with the same key is dropped.
    pub dedupe_key: Option<&'a str>,
}

/// Queues a mail; `None` when one with the same dedupe key already exists.
pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewOutboxRow<'_>,
) -> QueryResult<Option<Uuid>> {
    diesel::insert_into(email_outbox::table)
        .values(new)
        .on_conflict(email_outbox::dedupe_key)
        .do_nothing()
        .returning(email_outbox::id)
        .get_result(conn)
        .await
        .optional()
}

/// Claims up to `limit` due mails: locks them (skipping rows another worker
/// holds), marks them `sending` and counts the attempt. The caller commits
/// before sending, so the claim survives a crash.
pub async fn claim_due(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let ids: Vec<Uuid> = email_outbox::table
        .filter(email_outbox::status.eq(Status::Pending.as_str()))
        .filter(email_outbox::next_attempt_at.le(now))
        .order(email_outbox::next_attempt_at)
        .limit(limit)
        .select(email_outbox::id)
        .for_update()
        .skip_locked()
        .load(conn)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<OutboxRow> =
        diesel::update(email_outbox::table.filter(email_outbox::id.eq_any(&ids)))
            .set((
                email_outbox::status.eq(Status::Sending.as_str()),
                email_outbox::attempts.eq(email_outbox::attempts + 1),
                email_outbox::sending_since.eq(now),
            ))
            .returning(OutboxRow::as_returning())
            .get_results(conn)
            .await?;
    // UPDATE .. RETURNING does not keep the claim's order.
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}

/// Records that the transport accepted a mail.
pub async fn mark_sent(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        email_outbox::status.eq(Status::Sent.as_str()),
        email_outbox::sent_at.eq(at),
        email_outbox::sending_since.eq(None::<DateTime<Utc>>),
        email_outbox::last_error.eq(None::<String>),
    ))
    .execute(conn)
    .await
    .map(drop)
}

/// Puts a mail back in the queue for another attempt at `next_attempt_at`.
pub async fn mark_retry(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    next_attempt_at: DateTime<Utc>,
    error: &str,
) -> QueryResult<()> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        email_outbox::status.eq(Status::Pending.as_str()),
        email_outbox::next_attempt_at.eq(next_attempt_at),
        email_outbox::sending_since.eq(None::<DateTime<Utc>>),
        email_outbox::last_error.eq(error),
    ))
    .execute(conn)
    .await
    .map(drop)
}

/// Gives up on a mail.
pub async fn mark_dead(conn: &mut AsyncPgConnection, id: Uuid, error: &str) -> QueryResult<()> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::id.eq(id))
            .filter(email_outbox::status.eq(Status::Sending.as_str())),
    )
    .set((
        email_outbox::status.eq(Status::Dead.as_str()),
        email_outbox::sending_since.eq(None::<DateTime<Utc>>),
        email_outbox::last_error.eq(error),
    ))
    .execute(conn)
    .await
    .map(drop)
}

/// Marks dead every mail that has been `sending` since before `cutoff`: the
/// process that sent it died without recording the outcome. Returns the
/// ids and recipients, for the log.
pub async fn bury_abandoned(
    conn: &mut AsyncPgConnection,
    cutoff: DateTime<Utc>,
    error: &str,
) -> QueryResult<Vec<(Uuid, String)>> {
    diesel::update(
        email_outbox::table
            .filter(email_outbox::status.eq(Status::Sending.as_str()))
            .filter(email_outbox::sending_since.lt(cutoff)),
    )
    .set((
        email_outbox::status.eq(Status::Dead.as_str()),
        email_outbox::last_error.eq(error),
    ))
    .returning((email_outbox::id, email_outbox::to_address))
    .get_results(conn)
    .await
}
