//! GraphQL for content types and their custom field definitions.

use async_graphql::{Context, Enum, InputObject, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::content::service::ContentService;
use crate::content::types::fields::FieldDef;
use crate::content::types::model::ContentType;
use crate::content::types::service::{NewType, TypeChange};
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, principal};
use crate::rbac::perm;

/// How many items hold a value for one field.
#[derive(SimpleObject)]
pub struct FieldUsage {
    /// The field's API id.
    api_id: String,
    /// Items whose current draft holds a value for it (trashed ones too).
    items: i64,
}

/// A content type.
pub struct ContentTypeNode(pub(crate) ContentType);

#[Object(name = "ContentType")]
impl ContentTypeNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// API id, e.g. `article`.
    async fn api_id(&self) -> &str {
        &self.0.api_id
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it is for.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Custom field definitions.
    async fn fields(&self) -> Result<Vec<FieldDefinition>> {
        Ok(self
            .0
            .field_defs()?
            .into_iter()
            .map(FieldDefinition::from)
            .collect())
    }
    /// How many items hold a value for each field, by their current
    /// draft: what removing or renaming the field would migrate
    /// (`content_types.manage`).
    #[graphql(guard = "Require(perm::CONTENT_TYPES_MANAGE)")]
    async fn field_usage(&self, ctx: &Context<'_>) -> Result<Vec<FieldUsage>> {
        let usage = ctx
            .data::<ContentService>()?
            .field_usage(&principal(ctx), &self.0)
            .await?;
        Ok(usage
            .into_iter()
            .map(|(api_id, items)| FieldUsage { api_id, items })
            .collect())
    }
    /// The workflow its items follow.
    async fn workflow(&self) -> &str {
        &self.0.workflow
    }
    /// Seeded by Vellum.
    async fn built_in(&self) -> bool {
        self.0.built_in
    }
    /// Created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// Kinds of custom field.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Plain text (`min`/`max` length, `pattern`).
    Text,
    /// Sanitized HTML.
    RichText,
    /// Markdown.
    Markdown,
    /// Whole number (`min`/`max`).
    Integer,
    /// Number (`min`/`max`).
    Float,
    /// True or false.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 date and time, stored in UTC.
    Datetime,
    /// One of `options`.
    Select,
    /// Several of `options` (`min`/`max` count).
    MultiSelect,
    /// Any JSON up to 64 KiB.
    Json,
    /// The id of an item of `referenceType`.
    Reference,
    /// A file of the media library (a list when `multiple`), of one of
    /// `mediaTypes` when set.
    Media,
}

macro_rules! kind_map {
    ($($v:ident),*) => {
        impl From<crate::content::types::fields::FieldKind> for FieldKind {
            fn from(k: crate::content::types::fields::FieldKind) -> Self {
                match k { $(crate::content::types::fields::FieldKind::$v => FieldKind::$v,)* }
            }
        }
        impl From<FieldKind> for crate::content::types::fields::FieldKind {
            fn from(k: FieldKind) -> Self {
                match k { $(FieldKind::$v => crate::content::types::fields::FieldKind::$v,)* }
            }
        }
    };
}
kind_map!(
    Text,
    RichText,
    Markdown,
    Integer,
    Float,
    Boolean,
    Date,
    Datetime,
    Select,
    MultiSelect,
    Json,
    Reference,
    Media
);

/// A custom field definition.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "FieldDefinitionInput")]
pub struct FieldDefinition {
    /// API id (camelCase), the key in `fields`.
    pub api_id: String,
    /// Label.
    pub name: String,
    /// Kind.
    pub kind: FieldKind,
    /// A value must be given.
    #[graphql(default)]
    pub required: bool,
    /// No two items may hold the same value.
    #[graphql(default)]
    pub unique: bool,
    /// Minimum length, value or count.
    pub min: Option<f64>,
    /// Maximum length, value or count.
    pub max: Option<f64>,
    /// A regular expression text must match in full.
    pub pattern: Option<String>,
    /// Value used when none is given.
    pub default: Option<Json<serde_json::Value>>,
    /// Choices for select kinds.
    #[graphql(default)]
    pub options: Vec<String>,
    /// API id of the type a reference points at.
    pub reference_type: Option<String>,
    /// Media fields: the file types allowed (`image/png`, `image/*`);
    /// empty allows any.
    #[graphql(default)]
    pub media_types: Vec<String>,
    /// Media fields: a list of files rather than one.
    #[graphql(default)]
    pub multiple: bool,
}

impl From<FieldDef> for FieldDefinition {
    fn from(d: FieldDef) -> Self {
        Self {
            api_id: d.api_id,
            name: d.name,
            kind: d.kind.into(),
            required: d.required,
            unique: d.unique,
            min: d.min,
            max: d.max,
            pattern: d.pattern,
            default: d.default.map(Json),
            options: d.options,
            reference_type: d.reference_type,
            media_types: d.media_types,
            multiple: d.multiple,
        }
    }
}

impl From<FieldDefinition> for FieldDef {
    fn from(d: FieldDefinition) -> Self {
        Self {
            api_id: d.api_id,
            name: d.name,
            kind: d.kind.into(),
            required: d.required,
            unique: d.unique,
            min: d.min,
            max: d.max,
            pattern: d.pattern,
            default: d.default.map(|j| j.0),
            options: d.options,
            reference_type: d.reference_type,
            media_types: d.media_types,
            multiple: d.multiple,
        }
    }
}

/// A new content type.
#[derive(InputObject)]
pub struct CreateContentTypeInput {
    /// API id.
    api_id: String,
    /// Name.
    name: String,
    /// Description.
    #[graphql(default)]
    description: String,
    /// Field definitions.
    #[graphql(default)]
    fields: Vec<FieldDefinition>,
}

/// A renamed field.
#[derive(InputObject)]
pub struct FieldRename {
    /// Old API id.
    from: String,
    /// New API id.
    to: String,
}

/// What to do with values of removed fields.
#[derive(InputObject, Default)]
pub struct FieldMigrationInput {
    /// Fields whose values are dropped.
    #[graphql(default)]
    drop: Vec<String>,
    /// Fields whose values move to a new field.
    #[graphql(default)]
    rename: Vec<FieldRename>,
}

/// A change to a content type.
#[derive(InputObject)]
pub struct UpdateContentTypeInput {
    /// Which type.
    api_id: String,
    /// Name.
    name: Option<String>,
    /// Description.
    description: Option<String>,
    /// The complete new list of fields.
    fields: Option<Vec<FieldDefinition>>,
    /// Needed when removed or renamed fields hold values.
    migration: Option<FieldMigrationInput>,
}

/// Result of a content type change.
#[derive(SimpleObject)]
pub struct ContentTypePayload {
    /// The type.
    content_type: ContentTypeNode,
}

/// Content type queries.
#[derive(Default)]
pub struct ContentTypeQuery;

#[Object]
impl ContentTypeQuery {
    /// Every content type.
    async fn content_types(&self, ctx: &Context<'_>) -> Result<Vec<ContentTypeNode>> {
        Ok(ctx
            .data::<ContentService>()?
            .types()
            .await?
            .into_iter()
            .map(ContentTypeNode)
            .collect())
    }
    /// A content type by API id.
    async fn content_type(
        &self,
        ctx: &Context<'_>,
        api_id: String,
    ) -> Result<Option<ContentTypeNode>> {
        Ok(ctx
            .data::<ContentService>()?
            .content_type(&api_id)
            .await?
            .map(ContentTypeNode))
    }
}

/// Content type mutations.
#[derive(Default)]
pub struct ContentTypeMutation;

#[Object]
impl ContentTypeMutation {
    /// Creates a content type.
    #[graphql(guard = "Require(perm::CONTENT_TYPES_MANAGE)")]
    async fn create_content_type(
        &self,
        ctx: &Context<'_>,
        input: CreateContentTypeInput,
    ) -> Result<ContentTypePayload> {
        let ty = ctx
            .data::<ContentService>()?
            .create_type(
                &principal(ctx),
                &request_meta(ctx),
                NewType {
                    api_id: input.api_id,
                    name: input.name,
                    description: input.description,
                    fields: input.fields.into_iter().map(Into::into).collect(),
                },
            )
            .await?;
        Ok(ContentTypePayload {
            content_type: ContentTypeNode(ty),
        })
    }
    /// Changes a content type.
    #[graphql(guard = "Require(perm::CONTENT_TYPES_MANAGE)")]
    async fn update_content_type(
        &self,
        ctx: &Context<'_>,
        input: UpdateContentTypeInput,
    ) -> Result<ContentTypePayload> {
        let migration = input.migration.unwrap_or_default();
        let ty = ctx
            .data::<ContentService>()?
            .update_type(
                &principal(ctx),
                &request_meta(ctx),
                TypeChange {
                    api_id: input.api_id,
                    name: input.name,
                    description: input.description,
                    fields: input
                        .fields
                        .map(|f| f.into_iter().map(Into::into).collect()),
                    drop: migration.drop,
                    rename: migration
                        .rename
                        .into_iter()
                        .map(|r| (r.from, r.to))
                        .collect(),
                },
            )
            .await?;
        Ok(ContentTypePayload {
            content_type: ContentTypeNode(ty),
        })
    }
}
