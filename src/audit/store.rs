//! SQL for the audit log.

use diesel::QueryResult;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::model::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::db::schema::audit_log;
use crate::pagination::{Direction, Page};

/// Appends one entry.
pub async fn record(conn: &mut AsyncPgConnection, entry: &NewAuditEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .await
        .map(|_| ())
}

/// One page of entries, newest first ("forward" reads back in time), plus
/// whether more follow in the reading direction.
pub async fn page(
    conn: &mut AsyncPgConnection,
    filter: &AuditFilter,
    page: &Page,
) -> QueryResult<(Vec<AuditEntry>, bool)> {
    use diesel::{BoolExpressionMethods, ExpressionMethods, QueryDsl, SelectableHelper};
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .into_boxed();
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::actor_id.eq(actor));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::action.eq(action.clone()));
    }
    if let Some(kind) = &filter.target_type {
        query = query.filter(audit_log::target_type.eq(kind.clone()));
    }
    if let Some(id) = &filter.target_id {
        query = query.filter(audit_log::target_id.eq(id.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::occurred_at.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_log::occurred_at.lt(to));
    }
    if let Some(cursor) = page.cursor {
        query = match page.direction {
            Direction::Forward => query.filter(
                audit_log::occurred_at
                    .lt(cursor.at)
                    .or(audit_log::occurred_at
                        .eq(cursor.at)
                        .and(audit_log::id.lt(cursor.id))),
            ),
            Direction::Backward => query.filter(
                audit_log::occurred_at
                    .gt(cursor.at)
                    .or(audit_log::occurred_at
                        .eq(cursor.at)
                        .and(audit_log::id.gt(cursor.id))),
            ),
        };
    }
    query = match page.direction {
        Direction::Forward => query.order((audit_log::occurred_at.desc(), audit_log::id.desc())),
        Direction::Backward => query.order((audit_log::occurred_at.asc(), audit_log::id.asc())),
    };
    let rows = query.limit(page.fetch_limit()).load(conn).await?;
    Ok(page.finish(rows))
}
