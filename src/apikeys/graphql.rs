//! GraphQL for API keys (needs `api_keys.manage`).

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::ApiKey;
use super::service::ApiKeyService;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, principal};
use crate::rbac::perm;
use crate::users::graphql::UserNode;
use crate::users::loaders::UserLoader;

/// A key for a program. The secret is shown only when it is created.
pub struct ApiKeyNode(ApiKey);

#[Object(name = "ApiKey")]
impl ApiKeyNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Label.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The first characters of the secret, to tell keys apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }

    /// Permissions the key may use (never more than its creator holds).
    async fn scopes(&self) -> Vec<&String> {
        self.0.scope_names().collect()
    }

    /// The user the key acts as.
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        Ok(ctx
            .data::<DataLoader<UserLoader>>()?
            .load_one(self.0.user_id)
            .await?
            .map(UserNode::new))
    }

    /// Created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Stops working after this.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }

    /// Last used (to the minute).
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }

    /// Revoked at.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}

/// Create a key.
#[derive(InputObject)]
pub struct CreateApiKeyInput {
    /// Label, e.g. "marketing site".
    pub name: String,
    /// Permissions to give the key; each must be one you hold.
    pub scopes: Vec<String>,
    /// When the key stops working (optional).
    pub expires_at: Option<DateTime<Utc>>,
}

/// The new key and its secret.
#[derive(SimpleObject)]
pub struct CreateApiKeyPayload {
    /// The key.
    pub api_key: ApiKeyNode,
    /// Send as `Authorization: Bearer <secret>`. Shown once: store it now.
    pub secret: String,
}

/// Revoke a key.
#[derive(InputObject)]
pub struct RevokeApiKeyInput {
    /// The key's id.
    pub id: Uuid,
}

/// The revoked key.
#[derive(SimpleObject)]
pub struct RevokeApiKeyPayload {
    /// Its id.
    pub id: Uuid,
}

/// Queries about API keys.
#[derive(Default)]
pub struct ApiKeyQuery;

#[Object]
impl ApiKeyQuery {
    /// Every API key, newest first (needs `api_keys.manage`).
    #[graphql(guard = "Require(perm::API_KEYS_MANAGE)")]
    async fn api_keys(&self, ctx: &Context<'_>) -> Result<Vec<ApiKeyNode>> {
        let keys = ctx.data::<ApiKeyService>()?.list(&principal(ctx)).await?;
        Ok(keys.into_iter().map(ApiKeyNode).collect())
    }
}

/// Mutations on API keys.
#[derive(Default)]
pub struct ApiKeyMutation;

#[Object]
impl ApiKeyMutation {
    /// Creates a key acting as you within `scopes` (needs `api_keys.manage`).
    #[graphql(guard = "Require(perm::API_KEYS_MANAGE)")]
    async fn create_api_key(
        &self,
        ctx: &Context<'_>,
        input: CreateApiKeyInput,
    ) -> Result<CreateApiKeyPayload> {
        let created = ctx
            .data::<ApiKeyService>()?
            .create(
                &principal(ctx),
                &input.name,
                input.scopes,
                input.expires_at,
                &request_meta(ctx),
            )
            .await?;
        Ok(CreateApiKeyPayload {
            api_key: ApiKeyNode(created.key),
            secret: created.secret,
        })
    }

    /// Revokes a key; it stops working at once (needs `api_keys.manage`).
    #[graphql(guard = "Require(perm::API_KEYS_MANAGE)")]
    async fn revoke_api_key(
        &self,
        ctx: &Context<'_>,
        input: RevokeApiKeyInput,
    ) -> Result<RevokeApiKeyPayload> {
        ctx.data::<ApiKeyService>()?
            .revoke(&principal(ctx), input.id, &request_meta(ctx))
            .await?;
        Ok(RevokeApiKeyPayload { id: input.id })
    }
}
