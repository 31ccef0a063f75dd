//! Rules for reading the audit log.

use super::model::{AuditEntry, AuditFilter};
use super::store;
use crate::db::Db;
use crate::error::AppError;
use crate::pagination::Page;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

/// A page of entries for holders of `audit.read`.
pub async fn page(
    db: &Db,
    principal: &Principal,
    filter: &AuditFilter,
    page: &Page,
) -> Result<(Vec<AuditEntry>, bool), AppError> {
    principal.require(perm::AUDIT_READ)?;
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from >= to
    {
        return Err(AppError::bad_input(
            "filter.to",
            "must be after filter.from",
        ));
    }
    let mut conn = db.conn().await?;
    Ok(store::page(&mut conn, filter, page).await?)
}
