//! Content type rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::types::fields::FieldDef;
use crate::db::schema::content_types;
use crate::error::AppError;

/// A content type: a name, an API id and custom field definitions.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = content_types, check_for_backend(diesel::pg::Pg))]
pub struct ContentType {
    pub id: Uuid,
    /// Stable identifier used in the API, e.g. `article`.
    pub api_id: String,
    /// Human name.
    pub name: String,
    /// What the type is for.
    pub description: String,
    /// Field definitions as stored (see [`ContentType::field_defs`]).
    pub fields: serde_json::Value,
    /// The workflow its items follow.
    pub workflow: String,
    /// Seeded by Vellum (cannot be deleted).
    pub built_in: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ContentType {
    /// The field definitions. They were checked when written, so a parse
    /// failure means the row was edited behind Vellum's back.
    pub fn field_defs(&self) -> Result<Vec<FieldDef>, AppError> {
        serde_json::from_value(self.fields.clone()).map_err(|e| {
            AppError::Internal(anyhow::Error::new(e).context(format!(
                "content type {} has unreadable field definitions",
                self.api_id
            )))
        })
    }
}

/// A new content type.
#[derive(Debug, diesel::Insertable)]
#[diesel(table_name = content_types)]
pub struct NewContentType<'a> {
    /// API id.
    pub api_id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    /// Field definitions.
    pub fields: serde_json::Value,
}

/// Changes to a content type.
#[derive(Debug, Default, diesel::AsChangeset)]
#[diesel(table_name = content_types)]
pub struct ContentTypeChangeset {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New field definitions.
    pub fields: Option<serde_json::Value>,
}
