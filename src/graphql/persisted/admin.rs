//! The admin UI's own trusted documents: the persisted-documents manifest
//! GraphQL Code Generator writes for web/src/admin, built into the binary
//! and registered at start-up whenever persisted queries are on: the admin
//! sends hashes only, and runs in trusted mode with no
//! `vellum persisted import`.

use super::{ImportReport, import};
use crate::db::Db;

/// web/src/admin/gql/persisted-documents.json (`npm run codegen` in web/).
const MANIFEST: &str = include_str!("../../../web/src/admin/gql/persisted-documents.json");

/// Registers the admin's documents, as `vellum persisted import` would.
/// Idempotent (known hashes are left alone) and safe when several processes
/// start at once (each insert is `ON CONFLICT DO NOTHING`, in one order).
pub(crate) async fn trust_admin_documents(db: &Db) -> anyhow::Result<ImportReport> {
    import(db, MANIFEST).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_admin_manifest_is_valid() {
        let entries = super::super::manifest::parse(super::MANIFEST);
        assert!(entries.is_ok_and(|e| !e.is_empty()));
    }
}
