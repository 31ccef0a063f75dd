//! Persisted queries: Apollo's automatic persisted queries (APQ), where a
//! client sends the SHA-256 of a document instead of its text, and trusted
//! documents, where only documents imported ahead of time may run.
//!
//! [`resolve`] turns a request's `query`, `documentId` and
//! `extensions.persistedQuery` into the text to execute. Every query limit
//! applies to it as to any other document, so persisting is never a way
//! around them; a document known by hash is parsed and checked once and
//! kept parsed ([`PersistedStore::checked`]), and what depends on the
//! request (variables, operation name, complexity, GET's query-only rule)
//! is checked on every request.

mod admin;
mod manifest;
mod store;

use std::sync::Arc;

use sha2::{Digest, Sha256};

pub(crate) use admin::trust_admin_documents;
pub(crate) use store::PersistedStore;

use crate::db::Db;
use crate::error::AppError;
use crate::graphql::limits::DocumentLimits;

/// Which persisted-query protocol the server speaks
/// (`VELLUM_PERSISTED_QUERIES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PersistedMode {
    /// Automatic persisted queries: any document may run, and a client may
    /// register one by sending it with its hash.
    #[default]
    Apq,
    /// Only documents imported with `vellum persisted import` run.
    Trusted,
    /// No persisted queries: requests with the extension are refused.
    Off,
}

/// Why a request's document could not be determined.
#[derive(Debug)]
pub(crate) enum PersistedError {
    /// The hash is unknown; the client should resend with the text.
    NotFound,
    /// Persisted queries are off on this server.
    NotSupported,
    /// Trusted-documents mode and the document is not one.
    TrustedRequired(String),
    /// The request is malformed.
    BadInput(&'static str),
    /// Looking the hash up failed.
    Store(AppError),
}

impl PersistedError {
    /// The error code and message a client sees (a store failure says no
    /// more than its code: the details go to the log).
    pub(crate) fn code_and_message(&self) -> (&'static str, String) {
        use crate::error::code;
        match self {
            Self::NotFound => (
                code::PERSISTED_QUERY_NOT_FOUND,
                "PersistedQueryNotFound".into(),
            ),
            Self::NotSupported => (
                code::PERSISTED_QUERY_NOT_SUPPORTED,
                "PersistedQueryNotSupported".into(),
            ),
            Self::TrustedRequired(message) => (code::TRUSTED_DOCUMENT_REQUIRED, message.clone()),
            Self::BadInput(message) => (code::BAD_USER_INPUT, (*message).into()),
            Self::Store(err) => (
                err.code(),
                "the persisted document could not be read".into(),
            ),
        }
    }
}

/// The lowercase hex SHA-256 of a document's text.
pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The hash in `extensions.persistedQuery`, if the request has one.
fn requested_hash(
    extensions: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<Option<String>, PersistedError> {
    let Some(value) = extensions.and_then(|e| e.get("persistedQuery")) else {
        return Ok(None);
    };
    let serde_json::Value::Object(persisted) = value else {
        return Err(PersistedError::BadInput(
            "`extensions.persistedQuery` must be an object",
        ));
    };
    if persisted.get("version").and_then(serde_json::Value::as_u64) != Some(1) {
        return Err(PersistedError::BadInput(
            "unsupported persisted query version: only version 1 is known",
        ));
    }
    match persisted
        .get("sha256Hash")
        .and_then(serde_json::Value::as_str)
    {
        Some(hash) if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Ok(Some(hash.to_ascii_lowercase()))
        }
        _ => Err(PersistedError::BadInput(
            "`extensions.persistedQuery.sha256Hash` must be a hex SHA-256",
        )),
    }
}

/// Whether the request carries `extensions.persistedQuery`.
pub(crate) fn has_extension(
    extensions: Option<&serde_json::Map<String, serde_json::Value>>,
) -> bool {
    extensions.is_some_and(|e| e.get("persistedQuery").is_some_and(|v| !v.is_null()))
}

/// The hash a GraphQL-over-HTTP `documentId` names: `sha256:<hex>` (the
/// persisted documents appendix) or the bare hex GraphQL Code Generator's
/// client preset sends.
fn document_id_hash(document_id: &str) -> Result<String, PersistedError> {
    let hex = document_id.strip_prefix("sha256:").unwrap_or(document_id);
    if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hex.to_ascii_lowercase())
    } else {
        Err(PersistedError::BadInput(
            "`documentId` must be `sha256:<hex SHA-256>` or a hex SHA-256",
        ))
    }
}

/// What a request sent to name its document.
#[derive(Debug, Default)]
pub(crate) struct Requested<'a> {
    /// The document's text (`query`).
    pub query: Option<String>,
    /// `documentId` (GraphQL over HTTP).
    pub document_id: Option<&'a str>,
    /// `extensions`, where APQ's `persistedQuery` is.
    pub extensions: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

/// The document a request runs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Its text.
    pub text: String,
    /// Its SHA-256 when the server knows it by hash (looked up, registered
    /// by this request, or trusted): the key of the parsed-document cache.
    /// `None` for ad hoc text, which is parsed every time.
    pub known: Option<String>,
}

impl Resolved {
    fn ad_hoc(text: String) -> Self {
        Self { text, known: None }
    }

    fn known(text: String, hash: String) -> Self {
        Self {
            text,
            known: Some(hash),
        }
    }
}

/// The document a request runs, as `mode` decides.
pub(crate) async fn resolve(
    store: &PersistedStore,
    mode: PersistedMode,
    limits: &DocumentLimits,
    requested: Requested<'_>,
) -> Result<Resolved, PersistedError> {
    const MISSING: &str = "`query` is missing";
    const MISMATCH: &str = "provided sha does not match query";
    let Requested {
        query,
        document_id,
        extensions,
    } = requested;
    if query.is_some() && document_id.is_some() {
        return Err(PersistedError::BadInput(
            "send either `query` or `documentId`, not both",
        ));
    }
    if mode == PersistedMode::Off {
        if has_extension(extensions) || document_id.is_some() {
            return Err(PersistedError::NotSupported);
        }
        return query
            .map(Resolved::ad_hoc)
            .ok_or(PersistedError::BadInput(MISSING));
    }
    let hash = match (requested_hash(extensions)?, document_id) {
        (hash, None) => hash,
        (None, Some(id)) => Some(document_id_hash(id)?),
        (Some(hash), Some(id)) => {
            if document_id_hash(id)? != hash {
                return Err(PersistedError::BadInput(
                    "`documentId` and `extensions.persistedQuery.sha256Hash` name different documents",
                ));
            }
            Some(hash)
        }
    };
    let lookup = async |hash: &str| store.get(hash).await.map_err(PersistedError::Store);
    match (mode, query, hash) {
        (_, None, None) => Err(PersistedError::BadInput(MISSING)),
        (_, Some(query), Some(hash)) if sha256_hex(&query) != hash => {
            Err(PersistedError::BadInput(MISMATCH))
        }
        (PersistedMode::Trusted, Some(query), _) => {
            // A trusted document may also be sent as text.
            let hash = sha256_hex(&query);
            match lookup(&hash).await? {
                Some(_) => Ok(Resolved::known(query, hash)),
                None => Err(PersistedError::TrustedRequired(
                    "this server runs only trusted documents, and this is not one".into(),
                )),
            }
        }
        (PersistedMode::Trusted, None, Some(hash)) => match lookup(&hash).await? {
            Some(document) => Ok(Resolved::known(document.to_string(), hash)),
            None => Err(PersistedError::TrustedRequired(format!(
                "this server runs only trusted documents, and {hash} is not one"
            ))),
        },
        (_, None, Some(hash)) => match lookup(&hash).await? {
            Some(document) => Ok(Resolved::known(document.to_string(), hash)),
            None => Err(PersistedError::NotFound),
        },
        (_, Some(query), Some(hash)) => {
            // A document over the limits is not kept: the executor refuses
            // it, and the cache holds only what could run.
            if limits.check_text(&query).is_ok() {
                store
                    .register(hash.clone(), Arc::from(query.as_str()))
                    .await;
                Ok(Resolved::known(query, hash))
            } else {
                Ok(Resolved::ad_hoc(query))
            }
        }
        (_, Some(query), None) => Ok(Resolved::ad_hoc(query)),
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy)]
pub struct ImportReport {
    /// Documents added.
    pub added: usize,
    /// Documents that were already there.
    pub existing: usize,
}

/// Imports a manifest's documents into `persisted_documents`, all or none.
/// Every hash is checked against its document first.
pub async fn import(db: &Db, manifest_text: &str) -> anyhow::Result<ImportReport> {
    let entries = manifest::parse(manifest_text).map_err(|e| anyhow::anyhow!(e))?;
    let mut conn = db.conn().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    use diesel_async::AsyncConnection;
    let added = conn
        .transaction::<_, diesel::result::Error, _>(async |conn| {
            let mut added = 0;
            for entry in &entries {
                if store::insert(conn, &entry.hash, &entry.document, entry.name.as_deref()).await? {
                    added += 1;
                }
            }
            Ok(added)
        })
        .await?;
    Ok(ImportReport {
        added,
        existing: entries.len() - added,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_name_a_sha256() {
        let hex = sha256_hex("{ health }");
        assert_eq!(
            document_id_hash(&format!("sha256:{hex}")).ok(),
            Some(hex.clone())
        );
        assert_eq!(document_id_hash(&hex).ok(), Some(hex.clone()));
        assert_eq!(
            document_id_hash(&hex.to_uppercase()).ok(),
            Some(hex.clone())
        );
        for bad in [
            "",
            "sha256:",
            "sha256:abc",
            &format!("SHA256:{hex}"),
            &format!("md5:{hex}"),
            &format!("sha256:{hex}0"),
            &format!("sha256: {}", &hex[1..]),
            &"g".repeat(64),
        ] {
            assert!(
                matches!(document_id_hash(bad), Err(PersistedError::BadInput(_))),
                "{bad}"
            );
        }
    }
}
