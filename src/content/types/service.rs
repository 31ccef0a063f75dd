//! Rules for content types: anyone may read them (front ends need the
//! shape of content); holders of `content_types.manage` change them, and a
//! change never silently drops data.

use std::collections::HashMap;
use std::sync::LazyLock;

use diesel_async::{AsyncConnection, AsyncPgConnection};
use regex::Regex;
use uuid::Uuid;

use super::store;
use crate::audit::model::NewAuditEntry;
use crate::content::service::ContentService;
use crate::content::types::fields;
use crate::content::types::fields::FieldDef;
use crate::content::types::model::{ContentType, ContentTypeChangeset, NewContentType};
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::rbac::perm;
use crate::rbac::principal::Principal;

static API_ID: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern that is known to compile.
    Regex::new("^[a-z][a-zA-Z0-9_]{1,63}$").unwrap_or_else(|_| unreachable!())
});

/// A new content type.
#[derive(Debug, Clone)]
pub struct NewType {
    /// API id.
    pub api_id: String,
    pub name: String,
    pub description: String,
    /// Field definitions.
    pub fields: Vec<FieldDef>,
}

/// A change to a content type.
#[derive(Debug, Clone, Default)]
pub struct TypeChange {
    /// Which type.
    pub api_id: String,
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// The new, complete list of field definitions.
    pub fields: Option<Vec<FieldDef>>,
    /// Fields whose values may be dropped.
    pub drop: Vec<String>,
    /// Fields renamed (old api id → new api id); values move along.
    pub rename: Vec<(String, String)>,
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_input(
            "input.name",
            "must be 1 to 100 characters",
        ));
    }
    Ok(name.to_string())
}

fn to_json(defs: &[FieldDef]) -> serde_json::Value {
    // Field definitions are plain data; serializing them cannot fail.
    serde_json::to_value(defs).unwrap_or(serde_json::Value::Array(Vec::new()))
}

/// Checks that reference fields point at existing types (or at the type
/// being created, `self_api_id`).
async fn check_references(
    conn: &mut AsyncPgConnection,
    defs: &[FieldDef],
    self_api_id: &str,
) -> Result<(), AppError> {
    for (i, def) in defs.iter().enumerate() {
        if let Some(target) = &def.reference_type
            && target != self_api_id
            && store::type_by_api_id(conn, target).await?.is_none()
        {
            return Err(AppError::bad_input(
                format!("input.fields[{i}].referenceType"),
                format!("no content type {target}"),
            ));
        }
    }
    Ok(())
}

impl ContentService {
    /// Every content type.
    pub async fn types(&self) -> Result<Vec<ContentType>, AppError> {
        let mut conn = self.db().conn().await?;
        Ok(store::types(&mut conn).await?)
    }

    /// One content type by API id.
    pub async fn content_type(&self, api_id: &str) -> Result<Option<ContentType>, AppError> {
        let mut conn = self.db().conn().await?;
        Ok(store::type_by_api_id(&mut conn, api_id).await?)
    }

    /// Creates a content type.
    pub async fn create_type(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        new: NewType,
    ) -> Result<ContentType, AppError> {
        let user = principal.require(perm::CONTENT_TYPES_MANAGE)?;
        let api_id = new.api_id.trim().to_string();
        if !API_ID.is_match(&api_id) {
            return Err(AppError::bad_input(
                "input.apiId",
                "must start with a lower-case letter and be 2 to 64 letters, digits or _",
            ));
        }
        let name = check_name(&new.name)?;
        fields::check_definitions("input.fields", &new.fields)?;
        let mut conn = self.db().conn().await?;
        let ty = conn
            .transaction::<_, AppError, _>(async |conn| {
                if store::type_by_api_id(conn, &api_id).await?.is_some() {
                    return Err(AppError::Conflict(format!(
                        "a content type {api_id} exists"
                    )));
                }
                check_references(conn, &new.fields, &api_id).await?;
                let ty = store::insert_type(
                    conn,
                    &NewContentType {
                        api_id: &api_id,
                        name: &name,
                        description: new.description.trim(),
                        fields: to_json(&new.fields),
                    },
                )
                .await?;
                crate::audit::store::record(
                    conn,
                    &NewAuditEntry::new("content_type.created", meta)
                        .by_user(user.user_id)
                        .target("content_type", ty.id),
                )
                .await?;
                ContentService::catalog_changed(conn, user.user_id, "content_type.created").await?;
                Ok(ty)
            })
            .await?;
        // `contentTypes` answers kept for the public now miss one.
        self.catalog_committed().await;
        Ok(ty)
    }

    /// How many items hold a value for each of the type's fields (0 for
    /// none), in the order of its definitions.
    pub async fn field_usage(
        &self,
        principal: &Principal,
        ty: &ContentType,
    ) -> Result<Vec<(String, i64)>, AppError> {
        principal.require(perm::CONTENT_TYPES_MANAGE)?;
        let mut conn = self.db().conn().await?;
        let counts: HashMap<String, i64> = store::field_usage(&mut conn, ty.id)
            .await?
            .into_iter()
            .collect();
        Ok(ty
            .field_defs()?
            .into_iter()
            .map(|def| {
                let items = counts.get(&def.api_id).copied().unwrap_or(0);
                (def.api_id, items)
            })
            .collect())
    }

    /// Changes a content type. Removing or renaming a field that items
    /// hold values for needs `drop` or `rename`; the values are then
    /// dropped or moved in a new version of each item.
    pub async fn update_type(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        change: TypeChange,
    ) -> Result<ContentType, AppError> {
        let user = principal.require(perm::CONTENT_TYPES_MANAGE)?;
        let name = change.name.as_deref().map(check_name).transpose()?;
        if let Some(defs) = &change.fields {
            fields::check_definitions("input.fields", defs)?;
        }
        let mut conn = self.db().conn().await?;
        let ty = conn
            .transaction::<_, AppError, _>(async |conn| {
                let ty = store::lock_type(conn, &change.api_id)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("no content type {}", change.api_id)))?;
                let mut migrated = 0;
                if let Some(new_defs) = &change.fields {
                    check_references(conn, new_defs, &ty.api_id).await?;
                    let old_defs = ty.field_defs()?;
                    let renames = check_renames(&old_defs, new_defs, &change.rename)?;
                    for dropped in &change.drop {
                        if new_defs.iter().any(|d| &d.api_id == dropped) {
                            return Err(AppError::bad_input(
                                "input.migration.drop",
                                format!("{dropped} is still a field"),
                            ));
                        }
                    }
                    let unhandled: Vec<String> = fields::removed_fields(&old_defs, new_defs)
                        .into_iter()
                        .filter(|f| !change.drop.contains(f) && !renames.contains_key(f))
                        .collect();
                    if !unhandled.is_empty() {
                        let holders = store::items_with_field_data(conn, ty.id, &unhandled).await?;
                        if !holders.is_empty() {
                            return Err(AppError::bad_input(
                                "input.fields",
                                format!(
                                    "{} hold{} values for {}; name them in migration.drop or migration.rename to change them",
                                    match holders.len() {
                                        1 => "1 item".to_string(),
                                        n => format!("{n} items"),
                                    },
                                    if holders.len() == 1 { "s" } else { "" },
                                    unhandled.join(", ")
                                ),
                            ));
                        }
                    }
                    let touched: Vec<String> =
                        change.drop.iter().cloned().chain(renames.keys().cloned()).collect();
                    if !touched.is_empty() {
                        migrated = self
                            .migrate_field_values(conn, &ty, &touched, &renames, user.user_id)
                            .await?;
                    }
                }
                let updated = store::update_type(
                    conn,
                    ty.id,
                    &ContentTypeChangeset {
                        name,
                        description: change.description.as_deref().map(|d| d.trim().to_string()),
                        fields: change.fields.as_deref().map(to_json),
                    },
                )
                .await?;
                crate::audit::store::record(
                    conn,
                    &NewAuditEntry::new("content_type.updated", meta)
                        .by_user(user.user_id)
                        .target("content_type", ty.id)
                        .details(serde_json::json!({
                            "dropped": change.drop,
                            "renamed": change.rename,
                            "itemsMigrated": migrated,
                        })),
                )
                .await?;
                ContentService::catalog_changed(conn, user.user_id, "content_type.updated").await?;
                Ok(updated)
            })
            .await?;
        self.catalog_committed().await;
        Ok(ty)
    }

    /// Rewrites the working (and, where it is the same, live) version of
    /// every item of `ty` holding any of `keys`.
    async fn migrate_field_values(
        &self,
        conn: &mut AsyncPgConnection,
        ty: &ContentType,
        keys: &[String],
        renames: &HashMap<String, String>,
        actor: Uuid,
    ) -> Result<usize, AppError> {
        let ids = store::items_with_field_data(conn, ty.id, keys).await?;
        for id in &ids {
            let Some(item) = crate::content::items::store::lock_item(conn, *id).await? else {
                continue;
            };
            let current =
                crate::content::history::store::version(conn, item.id, item.working_version)
                    .await?
                    .ok_or_else(|| {
                        AppError::Internal(anyhow::anyhow!("item {id} lost its working version"))
                    })?;
            let mut snapshot = current.content;
            if let Some(values) = snapshot.fields.as_object_mut() {
                for key in keys {
                    if let Some(value) = values.remove(key)
                        && let Some(new_key) = renames.get(key)
                    {
                        values.insert(new_key.clone(), value);
                    }
                }
            }
            crate::content::items::commit::append_field_migration(conn, &item, &snapshot, actor)
                .await?;
        }
        Ok(ids.len())
    }
}

/// Checks `rename` pairs: each old id was a field and is gone, each new id
/// is a new field of the same kind.
fn check_renames(
    old: &[FieldDef],
    new: &[FieldDef],
    rename: &[(String, String)],
) -> Result<HashMap<String, String>, AppError> {
    let mut map = HashMap::new();
    for (i, (from, to)) in rename.iter().enumerate() {
        let field = format!("input.migration.rename[{i}]");
        let old_def = old
            .iter()
            .find(|d| &d.api_id == from)
            .ok_or_else(|| AppError::bad_input(&field, format!("{from} is not a field")))?;
        if new.iter().any(|d| &d.api_id == from) {
            return Err(AppError::bad_input(
                &field,
                format!("{from} is still a field"),
            ));
        }
        let new_def = new.iter().find(|d| &d.api_id == to).ok_or_else(|| {
            AppError::bad_input(&field, format!("{to} is not among the new fields"))
        })?;
        if old.iter().any(|d| &d.api_id == to) {
            return Err(AppError::bad_input(&field, format!("{to} already exists")));
        }
        if old_def.kind != new_def.kind {
            return Err(AppError::bad_input(
                &field,
                format!("{from} and {to} must be of the same kind"),
            ));
        }
        if map.insert(from.clone(), to.clone()).is_some() {
            return Err(AppError::bad_input(
                &field,
                format!("{from} is renamed twice"),
            ));
        }
    }
    Ok(map)
}
