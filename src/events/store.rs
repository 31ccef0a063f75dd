//! SQL of the events table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::model::{Event, NewEvent, Position};
use crate::db::schema::events;

/// Events older than every running transaction only: a transaction still
/// running may yet commit an event with a smaller position.
const SETTLED: &str = "events.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

/// Writes an event inside the caller's transaction (its NOTIFY goes out at
/// commit, by trigger); returns its id.
pub async fn append(conn: &mut AsyncPgConnection, event: &NewEvent) -> QueryResult<i64> {
    diesel::insert_into(events::table)
        .values(event)
        .returning(events::id)
        .get_result(conn)
        .await
}

/// Records that `items` items were written in bulk (seeding, reindexing):
/// one event on which running servers drop every cache of content.
pub(crate) async fn bulk_changed(conn: &mut AsyncPgConnection, items: usize) -> QueryResult<i64> {
    use crate::events::payload::Payload;
    append(
        conn,
        &NewEvent {
            kind: crate::events::model::kind::CONTENT_BULK_CHANGED,
            content_id: None,
            user_id: None,
            actor_id: None,
            data: crate::events::payload::BulkChange { items }.to_data(),
        },
    )
    .await
}

/// Settled events after `after`, in order.
pub async fn after(
    conn: &mut AsyncPgConnection,
    after: Position,
    limit: i64,
) -> QueryResult<Vec<Event>> {
    events::table
        .filter(
            diesel::dsl::sql::<Bool>("(events.txid, events.id) > (")
                .bind::<BigInt, _>(after.txid)
                .sql(", ")
                .bind::<BigInt, _>(after.id)
                .sql(")"),
        )
        .filter(diesel::dsl::sql::<Bool>(SETTLED))
        .order((events::txid, events::id))
        .limit(limit)
        .select(Event::as_select())
        .load(conn)
        .await
}

/// The position of the last settled event (where a new reader starts).
pub async fn head(conn: &mut AsyncPgConnection) -> QueryResult<Position> {
    let last = events::table
        .filter(diesel::dsl::sql::<Bool>(SETTLED))
        .order((events::txid.desc(), events::id.desc()))
        .select((events::txid, events::id))
        .first::<(i64, i64)>(conn)
        .await
        .optional()?;
    Ok(last
        .map(|(txid, id)| Position { txid, id })
        .unwrap_or_default())
}

/// Deletes events older than `before`; returns how many.
pub async fn prune(conn: &mut AsyncPgConnection, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(events::table.filter(events::occurred_at.lt(before)))
        .execute(conn)
        .await
}
