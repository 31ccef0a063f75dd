//! GraphQL for categories and tags.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use uuid::Uuid;

use crate::content::graphql::{DeleteByIdInput, DeletePayload};
use crate::content::items::loaders::{CategoryId, CategoryUsage, TagUsage, content_loader};
use crate::content::service::ContentService;
use crate::content::taxonomy::model::{Category, Tag};
use crate::content::taxonomy::service::CategoryInput;
use crate::error::AppError;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, principal};
use crate::rbac::perm;

/// A category.
pub struct CategoryNode(pub(crate) Category);

#[Object(name = "Category")]
impl CategoryNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Slug.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Description.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Parent id (null for a root).
    async fn parent_id(&self) -> Option<Uuid> {
        self.0.parent_id
    }
    /// Parent category.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<CategoryNode>> {
        let Some(id) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(content_loader(ctx)?
            .load_one(CategoryId(id))
            .await?
            .map(CategoryNode))
    }
    /// How many items the caller can see are in the category itself (not
    /// counting its children), each as the caller sees it.
    async fn item_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(content_loader(ctx)?
            .load_one(CategoryUsage(self.0.id))
            .await?
            .unwrap_or(0))
    }
}

/// A tag.
pub struct TagNode(pub(crate) Tag);

#[Object(name = "Tag")]
impl TagNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Slug.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// How many items the caller can see carry the tag, each as the
    /// caller sees it (the public: published items; editors: drafts).
    async fn usage_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(content_loader(ctx)?
            .load_one(TagUsage(self.0.id))
            .await?
            .unwrap_or(0))
    }
}

/// A category to create.
#[derive(InputObject)]
pub struct CreateCategoryInput {
    /// Name.
    name: String,
    /// Slug (from the name when missing).
    slug: Option<String>,
    /// Description.
    description: Option<String>,
    /// Parent.
    parent_id: Option<Uuid>,
}

/// A category change.
#[derive(InputObject)]
pub struct UpdateCategoryInput {
    /// Which category.
    id: Uuid,
    /// Name.
    name: Option<String>,
    /// Slug.
    slug: Option<String>,
    /// Description.
    description: Option<String>,
    /// Parent (null: a root).
    parent_id: MaybeUndefined<Uuid>,
}

/// A tag to create or rename.
#[derive(InputObject)]
pub struct TagInput {
    /// Which tag (omit to create).
    id: Option<Uuid>,
    /// Name.
    name: String,
    /// Slug (from the name when missing).
    slug: Option<String>,
}

/// Result of a category change.
#[derive(SimpleObject)]
pub struct CategoryPayload {
    /// The category.
    category: CategoryNode,
}

/// Result of a tag change.
#[derive(SimpleObject)]
pub struct TagPayload {
    /// The tag.
    tag: TagNode,
}

/// Tags to fold into another.
#[derive(InputObject)]
pub struct MergeTagsInput {
    /// The tags that go away (1 to 100).
    source_ids: Vec<Uuid>,
    /// The tag they become.
    target_id: Uuid,
}

/// Result of a merge.
#[derive(SimpleObject)]
pub struct MergeTagsPayload {
    /// The tag that remains.
    tag: TagNode,
    /// Items whose current or live version was retagged.
    items_changed: i64,
}

/// Taxonomy queries.
#[derive(Default)]
pub struct TaxonomyQuery;

#[Object]
impl TaxonomyQuery {
    /// Every category (build the tree from `parentId`).
    async fn categories(&self, ctx: &Context<'_>) -> Result<Vec<CategoryNode>> {
        Ok(ctx
            .data::<ContentService>()?
            .categories()
            .await?
            .into_iter()
            .map(CategoryNode)
            .collect())
    }

    /// Every tag.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        Ok(ctx
            .data::<ContentService>()?
            .tags()
            .await?
            .into_iter()
            .map(TagNode)
            .collect())
    }
}

/// Taxonomy mutations.
#[derive(Default)]
pub struct TaxonomyMutation;

#[Object]
impl TaxonomyMutation {
    /// Creates a category.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: CreateCategoryInput,
    ) -> Result<CategoryPayload> {
        let category = ctx
            .data::<ContentService>()?
            .save_category(
                &principal(ctx),
                &request_meta(ctx),
                None,
                CategoryInput {
                    name: Some(input.name),
                    slug: input.slug,
                    description: input.description,
                    parent_id: Some(input.parent_id),
                },
            )
            .await?;
        Ok(CategoryPayload {
            category: CategoryNode(category),
        })
    }
    /// Changes a category.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn update_category(
        &self,
        ctx: &Context<'_>,
        input: UpdateCategoryInput,
    ) -> Result<CategoryPayload> {
        let category = ctx
            .data::<ContentService>()?
            .save_category(
                &principal(ctx),
                &request_meta(ctx),
                Some(input.id),
                CategoryInput {
                    name: input.name,
                    slug: input.slug,
                    description: input.description,
                    parent_id: match input.parent_id {
                        MaybeUndefined::Undefined => None,
                        MaybeUndefined::Null => Some(None),
                        MaybeUndefined::Value(id) => Some(Some(id)),
                    },
                },
            )
            .await?;
        Ok(CategoryPayload {
            category: CategoryNode(category),
        })
    }
    /// Deletes a category with no children and no items.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn delete_category(
        &self,
        ctx: &Context<'_>,
        input: DeleteByIdInput,
    ) -> Result<DeletePayload> {
        ctx.data::<ContentService>()?
            .delete_category(&principal(ctx), &request_meta(ctx), input.id)
            .await?;
        Ok(DeletePayload { id: input.id })
    }
    /// Creates a tag.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn create_tag(&self, ctx: &Context<'_>, input: TagInput) -> Result<TagPayload> {
        let tag = ctx
            .data::<ContentService>()?
            .save_tag(
                &principal(ctx),
                &request_meta(ctx),
                None,
                &input.name,
                input.slug.as_deref(),
            )
            .await?;
        Ok(TagPayload { tag: TagNode(tag) })
    }
    /// Renames a tag.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn update_tag(&self, ctx: &Context<'_>, input: TagInput) -> Result<TagPayload> {
        let id = input
            .id
            .ok_or_else(|| AppError::bad_input("input.id", "is required"))?;
        let tag = ctx
            .data::<ContentService>()?
            .save_tag(
                &principal(ctx),
                &request_meta(ctx),
                Some(id),
                &input.name,
                input.slug.as_deref(),
            )
            .await?;
        Ok(TagPayload { tag: TagNode(tag) })
    }
    /// Merges tags into one: items and files tagged with a source carry
    /// the target instead, and the sources are deleted.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn merge_tags(
        &self,
        ctx: &Context<'_>,
        input: MergeTagsInput,
    ) -> Result<MergeTagsPayload> {
        let (tag, items) = ctx
            .data::<ContentService>()?
            .merge_tags(
                &principal(ctx),
                &request_meta(ctx),
                &input.source_ids,
                input.target_id,
            )
            .await?;
        Ok(MergeTagsPayload {
            tag: TagNode(tag),
            items_changed: i64::try_from(items).unwrap_or(i64::MAX),
        })
    }
    /// Deletes a tag.
    #[graphql(guard = "Require(perm::TAXONOMY_MANAGE)")]
    async fn delete_tag(&self, ctx: &Context<'_>, input: DeleteByIdInput) -> Result<DeletePayload> {
        ctx.data::<ContentService>()?
            .delete_tag(&principal(ctx), &request_meta(ctx), input.id)
            .await?;
        Ok(DeletePayload { id: input.id })
    }
}
