//! SQL for the audit log.

use diesel::QueryResult;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::model::NewAuditEntry;
use crate::db::schema::audit_log;

/// Appends one entry.
pub async fn record(conn: &mut AsyncPgConnection, entry: &NewAuditEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .await
        .map(|_| ())
}
