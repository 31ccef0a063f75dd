//! Per-request batch loading of users (one query for every author, actor or
//! owner a response mentions).

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use super::model::User;
use super::store;
use crate::db::Db;
use crate::error::AppError;

/// Loads users by id.
pub struct UserLoader {
    db: Db,
}

impl UserLoader {
    /// A loader over `db`; create one per request (a shared one would leak
    /// across callers, async-graphql #1567).
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

impl Loader<Uuid> for UserLoader {
    type Value = User;
    type Error = std::sync::Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, User>, Self::Error> {
        let mut conn = self.db.conn().await.map_err(std::sync::Arc::new)?;
        let users = store::by_ids(&mut conn, keys)
            .await
            .map_err(|e| std::sync::Arc::new(AppError::from(e)))?;
        Ok(users.into_iter().map(|u| (u.id, u)).collect())
    }
}
