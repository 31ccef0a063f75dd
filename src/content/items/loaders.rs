//! Per-request batch loading for content relations: one query each for
//! every category, tag, content type, referenced item and workflow a
//! response mentions, however many items it lists.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, Result};
use diesel_async::AsyncPgConnection;
use uuid::Uuid;

use super::store;
use crate::content::items::model::{ContentEntry, Visibility};
use crate::content::taxonomy::model::{Category, Tag};
use crate::content::types::model::ContentType;
use crate::content::workflow::model::Transition;
use crate::db::Db;
use crate::error::AppError;

/// Loads content relations by id for one request. Holds the caller's
/// visibility, so items reached through references follow the same rule
/// as items asked for directly.
pub struct ContentLoader {
    db: Db,
    visibility: Visibility,
}

impl ContentLoader {
    /// A loader for one request by a caller who sees `visibility`.
    pub fn new(db: Db, visibility: Visibility) -> Self {
        Self { db, visibility }
    }

    async fn with_conn<T, F>(&self, load: F) -> Result<T, Arc<AppError>>
    where
        F: AsyncFnOnce(&mut AsyncPgConnection) -> diesel::QueryResult<T>,
    {
        let mut conn = self.db.conn().await.map_err(Arc::new)?;
        load(&mut conn)
            .await
            .map_err(|e| Arc::new(AppError::from(e)))
    }
}

/// Key of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CategoryId(pub Uuid);
/// Key of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagId(pub Uuid);
/// Key of a content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeId(pub Uuid);
/// Key of a referenced item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemId(pub Uuid);

/// Key of a tag's usage count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagUsage(pub Uuid);
/// Key of a category's item count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CategoryUsage(pub Uuid);

/// Key of a file of the media library an item uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MediaId(pub Uuid);

/// Key of a workflow (its name): its moves.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WorkflowName(pub String);

fn raw<K: Copy>(keys: &[K], id: impl Fn(K) -> Uuid) -> Vec<Uuid> {
    keys.iter().map(|k| id(*k)).collect()
}

impl Loader<CategoryId> for ContentLoader {
    type Value = Category;
    type Error = Arc<AppError>;

    async fn load(
        &self,
        keys: &[CategoryId],
    ) -> Result<HashMap<CategoryId, Category>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let rows = self
            .with_conn(async |conn| {
                crate::content::taxonomy::store::categories_by_ids(conn, &ids).await
            })
            .await?;
        Ok(rows.into_iter().map(|c| (CategoryId(c.id), c)).collect())
    }
}

impl Loader<TagId> for ContentLoader {
    type Value = Tag;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[TagId]) -> Result<HashMap<TagId, Tag>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let rows = self
            .with_conn(async |conn| crate::content::taxonomy::store::tags_by_ids(conn, &ids).await)
            .await?;
        Ok(rows.into_iter().map(|t| (TagId(t.id), t)).collect())
    }
}

impl Loader<TagUsage> for ContentLoader {
    type Value = i64;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[TagUsage]) -> Result<HashMap<TagUsage, i64>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let counts = self
            .with_conn(async |conn| {
                store::taxonomy_usage(conn, self.visibility, store::Taxon::Tag, &ids).await
            })
            .await?;
        Ok(counts
            .into_iter()
            .map(|(id, n)| (TagUsage(id), n))
            .collect())
    }
}

impl Loader<CategoryUsage> for ContentLoader {
    type Value = i64;
    type Error = Arc<AppError>;

    async fn load(
        &self,
        keys: &[CategoryUsage],
    ) -> Result<HashMap<CategoryUsage, i64>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let counts = self
            .with_conn(async |conn| {
                store::taxonomy_usage(conn, self.visibility, store::Taxon::Category, &ids).await
            })
            .await?;
        Ok(counts
            .into_iter()
            .map(|(id, n)| (CategoryUsage(id), n))
            .collect())
    }
}

impl Loader<TypeId> for ContentLoader {
    type Value = ContentType;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[TypeId]) -> Result<HashMap<TypeId, ContentType>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let rows = self
            .with_conn(async |conn| crate::content::types::store::types_by_ids(conn, &ids).await)
            .await?;
        Ok(rows.into_iter().map(|t| (TypeId(t.id), t)).collect())
    }
}

impl Loader<ItemId> for ContentLoader {
    type Value = ContentEntry;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[ItemId]) -> Result<HashMap<ItemId, ContentEntry>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let visibility = self.visibility;
        let rows = self
            .with_conn(async |conn| store::entries_by_ids(conn, &ids, visibility).await)
            .await?;
        Ok(rows
            .into_iter()
            .filter(|e| e.item.deleted_at.is_none())
            .map(|e| (ItemId(e.item.id), e))
            .collect())
    }
}

/// Files items use, unless they are in the trash. Whoever may see an item
/// may see the files it uses.
impl Loader<MediaId> for ContentLoader {
    type Value = crate::media::model::MediaItem;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[MediaId]) -> Result<HashMap<MediaId, Self::Value>, Self::Error> {
        let ids = raw(keys, |k| k.0);
        let rows = self
            .with_conn(async |conn| crate::media::store::in_library(conn, &ids).await)
            .await?;
        Ok(rows.into_iter().map(|m| (MediaId(m.id), m)).collect())
    }
}

impl Loader<WorkflowName> for ContentLoader {
    type Value = Arc<[Transition]>;
    type Error = Arc<AppError>;

    async fn load(
        &self,
        keys: &[WorkflowName],
    ) -> Result<HashMap<WorkflowName, Arc<[Transition]>>, Self::Error> {
        let names: Vec<String> = keys.iter().map(|k| k.0.clone()).collect();
        let rows = self
            .with_conn(async |conn| {
                crate::content::workflow::store::transitions_of(conn, &names).await
            })
            .await?;
        let mut by_workflow: HashMap<WorkflowName, Vec<Transition>> = HashMap::new();
        for (workflow, row) in rows {
            by_workflow
                .entry(WorkflowName(workflow))
                .or_default()
                .push(row);
        }
        Ok(by_workflow
            .into_iter()
            .map(|(name, rows)| (name, Arc::from(rows)))
            .collect())
    }
}

pub(crate) fn content_loader<'a>(ctx: &'a Context<'_>) -> Result<&'a DataLoader<ContentLoader>> {
    ctx.data::<DataLoader<ContentLoader>>()
}
