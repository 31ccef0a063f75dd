//! Rules for API keys: who may make them, what they may do, and turning a
//! presented key into a principal.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use moka::future::Cache;
use uuid::Uuid;

use super::model::{ApiKey, NewApiKey};
use super::store;
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::auth::access::Access;
use crate::auth::tokens;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::rbac::perm;
use crate::rbac::principal::{Credential, Principal, RoleGrant, UserPrincipal};

/// Every API key secret starts with this, so a bearer token's kind is
/// known without a lookup (and secret scanners can spot leaked keys).
pub const PREFIX: &str = "vk_";

/// How long a looked-up key is reused; revocation here invalidates at once.
const CACHE_TTL: Duration = Duration::from_secs(30);

/// A new key and its secret (shown once).
#[derive(Debug, Clone)]
pub struct CreatedKey {
    /// The stored key.
    pub key: ApiKey,
    /// The secret to send as `Authorization: Bearer`.
    pub secret: String,
}

/// API key rules; cheap to clone.
#[derive(Clone)]
pub struct ApiKeyService {
    db: Db,
    access: Access,
    by_hash: Cache<Vec<u8>, Arc<ApiKey>>,
    recently_noted: Cache<Uuid, ()>,
}

impl ApiKeyService {
    /// Keys over `db`, resolving owners through `access`.
    pub fn new(db: Db, access: Access) -> Self {
        Self {
            db,
            access,
            by_hash: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(CACHE_TTL)
                .build(),
            recently_noted: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(Duration::from_secs(60))
                .build(),
        }
    }

    /// The caller behind a bearer token: an API key when it has the key
    /// prefix, an access token otherwise.
    pub async fn authenticate_bearer(&self, token: &str) -> Result<Principal, AppError> {
        if token.starts_with(PREFIX) {
            self.authenticate(token).await
        } else {
            self.access.authenticate(token).await
        }
    }

    async fn authenticate(&self, secret: &str) -> Result<Principal, AppError> {
        let invalid = || AppError::Unauthenticated("invalid, expired or revoked API key".into());
        let hash = tokens::hash(secret);
        let key = match self.by_hash.get(&hash).await {
            Some(key) => key,
            None => {
                let mut conn = self.db.conn().await?;
                let key = Arc::new(
                    store::by_hash(&mut conn, &hash)
                        .await?
                        .ok_or_else(invalid)?,
                );
                self.by_hash.insert(hash, key.clone()).await;
                key
            }
        };
        if !key.is_live(Utc::now()) {
            return Err(invalid());
        }
        let access = self
            .access
            .user_access(key.user_id)
            .await?
            .filter(|a| a.active)
            .ok_or_else(invalid)?;
        let (role, restriction) = self.access.grant(access).await?;
        // The key can do what its scopes name AND its owner may still do.
        let permissions: HashSet<String> = key
            .scope_names()
            .filter(|scope| role.permissions.contains(*scope))
            .cloned()
            .collect();
        self.note_use(key.id).await;
        Ok(Principal::User(Arc::new(UserPrincipal {
            user_id: key.user_id,
            credential: Credential::ApiKey(key.id),
            restriction,
            role: Arc::new(RoleGrant {
                permissions,
                ..(*role).clone()
            }),
        })))
    }

    /// Records `lastUsedAt` in the background, at most once a minute per
    /// key and process: the hot path pays one cache lookup, not a task and
    /// a connection per request.
    async fn note_use(&self, id: Uuid) {
        if self.recently_noted.contains_key(&id) {
            return;
        }
        self.recently_noted.insert(id, ()).await;
        let db = self.db.clone();
        tokio::spawn(async move {
            if let Ok(mut conn) = db.conn().await
                && let Err(err) = store::touch(&mut conn, id).await
            {
                tracing::warn!(error = %err, "cannot note API key use");
            }
        });
    }

    /// Creates a key acting as the caller, limited to `scopes`, each of
    /// which the caller must hold.
    pub async fn create(
        &self,
        principal: &Principal,
        name: &str,
        scopes: Vec<String>,
        expires_at: Option<DateTime<Utc>>,
        meta: &RequestMeta,
    ) -> Result<CreatedKey, AppError> {
        let user = principal.require(perm::API_KEYS_MANAGE)?;
        // A key minting keys would outlive every revocation of its parent.
        user.require_session()?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::bad_input(
                "input.name",
                "name must be 1 to 100 characters",
            ));
        }
        let mut scopes: Vec<String> = scopes.into_iter().map(|s| s.trim().to_string()).collect();
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(AppError::bad_input(
                "input.scopes",
                "name at least one permission",
            ));
        }
        if let Some(scope) = scopes.iter().find(|s| !user.role.permissions.contains(*s)) {
            return Err(AppError::bad_input(
                "input.scopes",
                format!("you cannot give a key `{scope}`: you do not hold it"),
            ));
        }
        if expires_at.is_some_and(|at| at <= Utc::now()) {
            return Err(AppError::bad_input(
                "input.expiresAt",
                "must be in the future",
            ));
        }
        let (token, _) = tokens::generate();
        let secret = format!("{PREFIX}{token}");
        let hash = tokens::hash(&secret);
        let prefix: String = secret.chars().take(PREFIX.len() + 8).collect();
        let user_id = user.user_id;
        let mut conn = self.db.conn().await?;
        let key = conn
            .transaction::<_, AppError, _>(async |conn| {
                let known = store::known_permissions(conn, &scopes).await?;
                if known.len() != scopes.len() {
                    return Err(AppError::bad_input("input.scopes", "unknown permission"));
                }
                let key = store::insert(
                    conn,
                    &NewApiKey {
                        user_id,
                        name,
                        prefix: &prefix,
                        secret_hash: &hash,
                        scopes: scopes.iter().cloned().map(Some).collect(),
                        expires_at,
                    },
                )
                .await?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("api_key.created", meta)
                        .by_user(user_id)
                        .target("api_key", key.id)
                        .details(serde_json::json!({ "name": name, "scopes": scopes })),
                )
                .await?;
                Ok(key)
            })
            .await?;
        Ok(CreatedKey { key, secret })
    }

    /// Every key (for holders of `api_keys.manage`).
    pub async fn list(&self, principal: &Principal) -> Result<Vec<ApiKey>, AppError> {
        principal.require(perm::API_KEYS_MANAGE)?;
        let mut conn = self.db.conn().await?;
        Ok(store::all(&mut conn).await?)
    }

    /// Revokes a key; it stops working at once.
    pub async fn revoke(
        &self,
        principal: &Principal,
        id: Uuid,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = principal.require(perm::API_KEYS_MANAGE)?;
        let actor = user.user_id;
        let mut conn = self.db.conn().await?;
        let key = conn
            .transaction::<_, AppError, _>(async |conn| {
                let key = store::revoke(conn, id)
                    .await?
                    .ok_or_else(|| AppError::NotFound("no such live API key".into()))?;
                audit::store::record(
                    conn,
                    &NewAuditEntry::new("api_key.revoked", meta)
                        .by_user(actor)
                        .target("api_key", key.id),
                )
                .await?;
                Ok(key)
            })
            .await?;
        self.by_hash.invalidate(&key.secret_hash).await;
        Ok(())
    }
}
