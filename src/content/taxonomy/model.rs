//! Category and tag rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::{categories, tags};

/// A category (categories nest).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    /// Description.
    pub description: String,
    /// Parent category.
    pub parent_id: Option<Uuid>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new category.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    /// Name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Description.
    pub description: &'a str,
    /// Parent.
    pub parent_id: Option<Uuid>,
}

/// Changes to a category.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChangeset {
    /// Name.
    pub name: Option<String>,
    /// Slug.
    pub slug: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Parent (`Some(None)` makes it a root).
    pub parent_id: Option<Option<Uuid>>,
}

/// A tag.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A new tag.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = tags)]
pub struct NewTag<'a> {
    /// Name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
}
