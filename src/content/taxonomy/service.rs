//! Rules for categories (a tree) and tags: anyone reads them, holders of
//! `taxonomy.manage` change them. Versions keep the ids they were written
//! with, so deleting a tag never rewrites history; a category still in
//! use or with children cannot be deleted.

use diesel_async::AsyncConnection;
use uuid::Uuid;

use super::store;
use crate::audit::model::NewAuditEntry;
use crate::content::service::ContentService;
use crate::content::slug;
use crate::content::taxonomy::model::{Category, CategoryChangeset, NewCategory, NewTag, Tag};
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

/// A category to create or change (`None` keeps the current value).
#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub name: Option<String>,
    /// Slug (from the name when missing on creation).
    pub slug: Option<String>,
    pub description: Option<String>,
    /// Parent (`Some(None)`: a root).
    pub parent_id: Option<Option<Uuid>>,
}

/// Tags one merge may fold into another.
const MAX_MERGED_TAGS: usize = 100;

fn check_name(name: &str, max: usize) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > max {
        return Err(AppError::bad_input(
            "input.name",
            format!("must be 1 to {max} characters"),
        ));
    }
    Ok(name.to_string())
}

/// Maps "no row" to `NOT_FOUND`; a taken slug is a conflict
/// (`error::constraints`).
fn missing(err: diesel::result::Error, what: &str) -> AppError {
    match err {
        diesel::result::Error::NotFound => AppError::NotFound(format!("no such {what}")),
        other => AppError::from(other),
    }
}

impl ContentService {
    /// Every category.
    pub async fn categories(&self) -> Result<Vec<Category>, AppError> {
        let mut conn = self.db().conn().await?;
        Ok(store::categories(&mut conn).await?)
    }

    /// Every tag.
    pub async fn tags(&self) -> Result<Vec<Tag>, AppError> {
        let mut conn = self.db().conn().await?;
        Ok(store::tags(&mut conn).await?)
    }

    /// Creates (`id` = `None`) or changes a category.
    pub async fn save_category(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Option<Uuid>,
        input: CategoryInput,
    ) -> Result<Category, AppError> {
        let user = principal.require(perm::TAXONOMY_MANAGE)?;
        let name = input
            .name
            .as_deref()
            .map(|n| check_name(n, 100))
            .transpose()?;
        let slug = input
            .slug
            .as_deref()
            .map(|s| slug::check_slug("input.slug", s))
            .transpose()?;
        let mut conn = self.db().conn().await?;
        let category = conn
            .transaction::<_, AppError, _>(async |conn| {
                if let Some(Some(parent)) = input.parent_id {
                    if store::categories_by_ids(conn, &[parent]).await?.is_empty() {
                        return Err(AppError::bad_input("input.parentId", "no such category"));
                    }
                    if let Some(id) = id
                        && (parent == id
                            || store::category_ancestors(conn, parent).await?.contains(&id))
                    {
                        return Err(AppError::bad_input(
                            "input.parentId",
                            "a category cannot sit below itself",
                        ));
                    }
                }
                let (category, action) = match id {
                    None => {
                        let name =
                            name.ok_or_else(|| AppError::bad_input("input.name", "is required"))?;
                        let slug = slug.unwrap_or_else(|| slug::slugify(&name, "category"));
                        let category = store::insert_category(
                            conn,
                            &NewCategory {
                                name: &name,
                                slug: &slug,
                                description: input.description.as_deref().unwrap_or("").trim(),
                                parent_id: input.parent_id.flatten(),
                            },
                        )
                        .await?;
                        (category, "category.created")
                    }
                    Some(id) => {
                        let category = store::update_category(
                            conn,
                            id,
                            &CategoryChangeset {
                                name,
                                slug,
                                description: input.description.map(|d| d.trim().to_string()),
                                parent_id: input.parent_id,
                            },
                        )
                        .await
                        .map_err(|e| missing(e, "category"))?;
                        (category, "category.updated")
                    }
                };
                crate::audit::store::record(
                    conn,
                    &NewAuditEntry::new(action, meta)
                        .by_user(user.user_id)
                        .target("category", category.id),
                )
                .await?;
                ContentService::catalog_changed(conn, user.user_id, action).await?;
                Ok(category)
            })
            .await?;
        self.catalog_committed().await;
        Ok(category)
    }

    /// Deletes a category that has no children and no items.
    pub async fn delete_category(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
    ) -> Result<(), AppError> {
        let user = principal.require(perm::TAXONOMY_MANAGE)?;
        let mut conn = self.db().conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            if store::category_has_children(conn, id).await? {
                return Err(AppError::Conflict(
                    "the category has children; move or delete them first".into(),
                ));
            }
            if store::category_in_use(conn, id).await? {
                return Err(AppError::Conflict(
                    "items are in this category; move them first".into(),
                ));
            }
            if !store::delete_category(conn, id).await? {
                return Err(AppError::NotFound("no such category".into()));
            }
            crate::audit::store::record(
                conn,
                &NewAuditEntry::new("category.deleted", meta)
                    .by_user(user.user_id)
                    .target("category", id),
            )
            .await?;
            ContentService::catalog_changed(conn, user.user_id, "category.deleted").await?;
            Ok(())
        })
        .await?;
        self.catalog_committed().await;
        Ok(())
    }

    /// Creates (`id` = `None`) or renames a tag.
    pub async fn save_tag(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Option<Uuid>,
        name: &str,
        slug: Option<&str>,
    ) -> Result<Tag, AppError> {
        let user = principal.require(perm::TAXONOMY_MANAGE)?;
        let name = check_name(name, 60)?;
        let slug = match slug {
            Some(slug) => slug::check_slug("input.slug", slug)?,
            None => slug::slugify(&name, "tag"),
        };
        let mut conn = self.db().conn().await?;
        let tag = conn
            .transaction::<_, AppError, _>(async |conn| {
                let (tag, action) = match id {
                    None => (
                        store::insert_tag(
                            conn,
                            &NewTag {
                                name: &name,
                                slug: &slug,
                            },
                        )
                        .await?,
                        "tag.created",
                    ),
                    Some(id) => (
                        store::update_tag(conn, id, &name, &slug)
                            .await
                            .map_err(|e| missing(e, "tag"))?,
                        "tag.updated",
                    ),
                };
                crate::audit::store::record(
                    conn,
                    &NewAuditEntry::new(action, meta)
                        .by_user(user.user_id)
                        .target("tag", tag.id),
                )
                .await?;
                ContentService::catalog_changed(conn, user.user_id, action).await?;
                Ok(tag)
            })
            .await?;
        self.catalog_committed().await;
        Ok(tag)
    }

    /// Deletes a tag (items keep the id in their versions; it no longer
    /// resolves).
    pub async fn delete_tag(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
    ) -> Result<(), AppError> {
        let user = principal.require(perm::TAXONOMY_MANAGE)?;
        let mut conn = self.db().conn().await?;
        conn.transaction::<_, AppError, _>(async |conn| {
            if !store::delete_tag(conn, id).await? {
                return Err(AppError::NotFound("no such tag".into()));
            }
            crate::audit::store::record(
                conn,
                &NewAuditEntry::new("tag.deleted", meta)
                    .by_user(user.user_id)
                    .target("tag", id),
            )
            .await?;
            ContentService::catalog_changed(conn, user.user_id, "tag.deleted").await?;
            Ok(())
        })
        .await?;
        self.catalog_committed().await;
        Ok(())
    }

    /// Merges the tags `sources` into `target`: items and files tagged
    /// with a source are tagged with the target instead (their current
    /// and live versions, in place, as a rename would show), and the
    /// sources are deleted. Returns the target and how many items changed.
    pub async fn merge_tags(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        sources: &[Uuid],
        target: Uuid,
    ) -> Result<(Tag, usize), AppError> {
        let user = principal.require(perm::TAXONOMY_MANAGE)?;
        let mut sources = sources.to_vec();
        sources.sort_unstable();
        sources.dedup();
        if sources.is_empty() || sources.len() > MAX_MERGED_TAGS {
            return Err(AppError::bad_input(
                "input.sourceIds",
                format!("name 1 to {MAX_MERGED_TAGS} tags to merge"),
            ));
        }
        if sources.contains(&target) {
            return Err(AppError::bad_input(
                "input.sourceIds",
                "a tag cannot be merged into itself",
            ));
        }
        let mut conn = self.db().conn().await?;
        let (tag, items) = conn
            .transaction::<_, AppError, _>(async |conn| {
                let mut all = sources.clone();
                all.push(target);
                let found = store::lock_tags(conn, &all).await?;
                if !found.contains(&target) {
                    return Err(AppError::NotFound("no such tag".into()));
                }
                if let Some(missing) = sources.iter().find(|id| !found.contains(id)) {
                    return Err(AppError::bad_input(
                        "input.sourceIds",
                        format!("no tag {missing}"),
                    ));
                }
                let items = store::replace_tags(conn, &sources, target).await?;
                for id in &sources {
                    store::delete_tag(conn, *id).await?;
                }
                // Documents name their tags: rebuild those of the items moved.
                crate::search::postgres::refresh(conn, &items).await?;
                let tag = store::tags_by_ids(conn, &[target])
                    .await?
                    .into_iter()
                    .next()
                    .ok_or_else(|| AppError::NotFound("no such tag".into()))?;
                crate::audit::store::record(
                    conn,
                    &NewAuditEntry::new("tag.merged", meta)
                        .by_user(user.user_id)
                        .target("tag", target)
                        .details(serde_json::json!({
                            "merged": sources,
                            "itemsChanged": items.len(),
                        })),
                )
                .await?;
                ContentService::catalog_changed(conn, user.user_id, "tag.merged").await?;
                Ok((tag, items.len()))
            })
            .await?;
        self.catalog_committed().await;
        Ok((tag, items))
    }
}
