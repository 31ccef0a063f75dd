//! Category and tag rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::schema::{categories, tags};

/// A category (categories nest).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    pub description: String,
    /// Parent category.
    pub parent_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new category.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub parent_id: Option<Uuid>,
}

/// Changes to a category.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChangeset {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    /// Parent (`Some(None)` makes it a root).
    pub parent_id: Option<Option<Uuid>>,
}

/// A tag.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = tags, check_for_backend(diesel::pg::Pg))]
pub struct Tag {
    pub id: Uuid,
    pub name: String,
    /// Slug (unique).
    pub slug: String,
    pub created_at: DateTime<Utc>,
}

/// A new tag.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = tags)]
pub struct NewTag<'a> {
    pub name: &'a str,
    pub slug: &'a str,
}
