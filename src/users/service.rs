//! Rules for user accounts.

use diesel_async::AsyncConnection;

use super::model::{NewUser, User};
use super::store;
use crate::audit;
use crate::audit::model::NewAuditEntry;
use crate::auth::password;
use crate::context::RequestMeta;
use crate::db::Db;
use crate::error::AppError;
use crate::events::payload::{Payload, UserUpdated};

/// The role name of the highest built-in role.
pub(crate) const SUPERADMIN: &str = "SUPERADMIN";

/// Normalises and checks an email address; `field` names the input.
pub(crate) fn normalize_email(field: &str, email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err(AppError::bad_input(field, "not a valid email address"))
    }
}

/// Trims and checks a display name; `field` names the input.
pub(crate) fn check_display_name(field: &str, name: &str) -> Result<String, AppError> {
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            field,
            "display name must be 1 to 100 characters, without control characters",
        ));
    }
    Ok(name)
}

/// Inserts a user inside the caller's transaction; a taken email is a
/// `BAD_USER_INPUT` on `email_field`.
pub(crate) async fn insert_user(
    conn: &mut diesel_async::AsyncPgConnection,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role_id: uuid::Uuid,
    email_field: &str,
) -> Result<User, AppError> {
    store::insert(
        conn,
        &NewUser {
            email,
            display_name,
            password_hash,
            role_id,
        },
    )
    .await
    // A taken email is a field error (see `error::constraints`), on the
    // caller's name for the field.
    .map_err(|err| AppError::from(err).at_field(email_field))
}

/// How a SUPERADMIN came to be, recorded as `via` in its audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreatedVia {
    /// `vellum create-admin`.
    Cli,
    /// `VELLUM_ADMIN_EMAIL` and `VELLUM_ADMIN_PASSWORD` at `serve` start.
    Environment,
    /// `completeSetup` with the first-run setup token.
    Setup,
}

impl CreatedVia {
    fn as_str(self) -> &'static str {
        match self {
            Self::Cli => "cli",
            Self::Environment => "environment",
            Self::Setup => "setup",
        }
    }
}

/// A checked new admin: normalised email and name, hashed password.
pub(crate) struct NewAdmin {
    email: String,
    display_name: String,
    password_hash: String,
}

/// Checks a new admin's fields under the same rules as every account
/// (field names are `<prefix>email`, `<prefix>displayName` and
/// `<prefix>password`) and hashes the password.
pub(crate) async fn check_new_admin(
    prefix: &str,
    email: &str,
    display_name: &str,
    password_plain: String,
) -> Result<NewAdmin, AppError> {
    let email = normalize_email(&format!("{prefix}email"), email)?;
    let display_name = check_display_name(&format!("{prefix}displayName"), display_name)?;
    password::validate(&format!("{prefix}password"), &password_plain).await?;
    let password_hash = password::hash(password_plain).await?;
    Ok(NewAdmin {
        email,
        display_name,
        password_hash,
    })
}

/// Inserts a checked SUPERADMIN inside the caller's transaction and records
/// it in the audit log; a taken email is a `BAD_USER_INPUT` on
/// `email_field`.
pub(crate) async fn insert_admin(
    conn: &mut diesel_async::AsyncPgConnection,
    admin: &NewAdmin,
    email_field: &str,
    via: CreatedVia,
    meta: &RequestMeta,
) -> Result<User, AppError> {
    let role_id = store::role_id_by_name(conn, SUPERADMIN).await?;
    let user = insert_user(
        conn,
        &admin.email,
        &admin.display_name,
        &admin.password_hash,
        role_id,
        email_field,
    )
    .await?;
    let mut entry = NewAuditEntry::new("user.created", meta)
        .target("user", user.id)
        .details(serde_json::json!({ "role": SUPERADMIN, "via": via.as_str() }));
    if via == CreatedVia::Setup {
        // Whoever held the setup token created themself.
        entry = entry.by_user(user.id);
    }
    audit::store::record(conn, &entry).await?;
    Ok(user)
}

/// Creates a SUPERADMIN account (the `create-admin` command and the
/// environment's first admin), recording it in the audit log in the same
/// transaction.
pub async fn create_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    password_plain: String,
    via: CreatedVia,
) -> Result<User, AppError> {
    let admin = check_new_admin("", email, display_name, password_plain).await?;
    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        insert_admin(conn, &admin, "email", via, &RequestMeta::default()).await
    })
    .await
}

/// Whether any active SUPERADMIN exists.
pub async fn superadmin_exists(db: &Db) -> Result<bool, AppError> {
    let mut conn = db.conn().await?;
    Ok(store::count_active_with_role(&mut conn, SUPERADMIN).await? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalize_email("e", "  Ada@Example.COM ").ok().as_deref(),
            Some("ada@example.com")
        );
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "a b@example.com",
            "a@b@c.com",
            "ada@.com",
        ] {
            assert!(normalize_email("e", bad).is_err(), "{bad}");
        }
    }
}

/// A requested change to a user; `None` leaves a field alone.
#[derive(Debug, Clone)]
pub(crate) struct UserUpdate {
    /// The user to change.
    pub id: uuid::Uuid,
    /// New role name.
    pub role: Option<String>,
    /// Activate or deactivate.
    pub active: Option<bool>,
    /// New display name.
    pub display_name: Option<String>,
}

/// A user by id: the caller themself, or anyone with `users.read`.
pub(crate) async fn user(
    db: &Db,
    principal: &crate::rbac::principal::Principal,
    id: uuid::Uuid,
) -> Result<Option<User>, AppError> {
    let caller = principal.user()?;
    if caller.user_id != id {
        principal.require(crate::rbac::perm::USERS_READ)?;
    }
    let mut conn = db.conn().await?;
    Ok(store::by_id(&mut conn, id).await?)
}

/// Changes a user under the rank rules: only `users.manage` changes others
/// or roles; nobody outside SUPERADMIN touches a user at or above their own
/// level or grants such a role; the last active SUPERADMIN stays one.
/// Deactivating signs the user out everywhere in the same transaction.
pub(crate) async fn update_user(
    db: &Db,
    access: &crate::auth::access::Access,
    principal: &crate::rbac::principal::Principal,
    update: UserUpdate,
    meta: &RequestMeta,
) -> Result<User, AppError> {
    use crate::rbac::perm::USERS_MANAGE;
    let actor = principal.user()?;
    let is_self = actor.user_id == update.id;
    if update.role.is_some() || update.active.is_some() {
        principal.require(USERS_MANAGE)?;
        // Only a SUPERADMIN may step down (and not the last one).
        if is_self && actor.role.name != SUPERADMIN {
            return Err(AppError::Forbidden(
                "you cannot change your own role or deactivate yourself".into(),
            ));
        }
    }
    if !is_self {
        principal.require(USERS_MANAGE)?;
    }
    let display_name = update
        .display_name
        .as_deref()
        .map(|name| check_display_name("input.displayName", name))
        .transpose()?;

    let mut conn = db.conn().await?;
    let actor_id = actor.user_id;
    let (user, revoked) = conn
        .transaction::<_, AppError, _>(async |conn| {
            // The actor's rank as of now, not as of their token: two admins
            // demoting each other at once must not both succeed.
            let locked = store::lock_many(conn, &[actor_id, update.id]).await?;
            let acting = locked
                .iter()
                .find(|u| u.id == actor_id && u.active)
                .ok_or_else(|| AppError::Unauthenticated("sign in again".into()))?;
            let acting_role = access.role(acting.role_id).await?;
            if (update.role.is_some() || update.active.is_some() || !is_self)
                && !acting_role.permissions.contains(USERS_MANAGE)
            {
                return Err(AppError::Forbidden(format!(
                    "this needs the {USERS_MANAGE} permission"
                )));
            }
            let actor_level = acting_role.level;
            let is_superadmin = acting_role.name == SUPERADMIN;
            let target = locked
                .iter()
                .find(|u| u.id == update.id)
                .cloned()
                .ok_or_else(|| AppError::NotFound("no such user".into()))?;
            let current_role = access.role(target.role_id).await?;
            if !is_self && !is_superadmin && current_role.level >= actor_level {
                return Err(AppError::Forbidden(
                    "you cannot change a user whose role is at or above your own".into(),
                ));
            }
            let new_role = match &update.role {
                Some(name) => {
                    let role = store::role_by_name(conn, name)
                        .await?
                        .ok_or_else(|| AppError::bad_input("input.role", "no such role"))?;
                    if !is_superadmin && role.level >= actor_level {
                        return Err(AppError::Forbidden(
                            "you cannot grant a role at or above your own".into(),
                        ));
                    }
                    Some(role)
                }
                None => None,
            };
            let loses_superadmin = current_role.name == SUPERADMIN
                && target.active
                && (new_role.as_ref().is_some_and(|r| r.name != SUPERADMIN)
                    || update.active == Some(false));
            if loses_superadmin && store::lock_active_with_role(conn, SUPERADMIN).await? <= 1 {
                return Err(AppError::Conflict(
                    "the last active SUPERADMIN cannot be demoted or deactivated".into(),
                ));
            }
            let changes = super::model::UserChangeset {
                display_name,
                role_id: new_role.as_ref().map(|r| r.id),
                active: update.active,
            };
            let user = store::update(conn, target.id, &changes).await?;
            let mut details = serde_json::Map::new();
            if let Some(role) = &new_role {
                details.insert(
                    "role".into(),
                    serde_json::json!({ "from": current_role.name, "to": role.name }),
                );
            }
            if let Some(active) = update.active {
                details.insert(
                    "active".into(),
                    serde_json::json!({ "from": target.active, "to": active }),
                );
            }
            if changes.display_name.is_some() {
                details.insert("displayName".into(), serde_json::json!(true));
            }
            let action = match (&new_role, update.active) {
                (Some(_), _) => "user.role_changed",
                (None, Some(false)) => "user.deactivated",
                (None, Some(true)) => "user.reactivated",
                (None, None) => "user.updated",
            };
            audit::store::record(
                conn,
                &NewAuditEntry::new(action, meta)
                    .by_user(actor_id)
                    .target("user", target.id)
                    .details(serde_json::Value::Object(details)),
            )
            .await?;
            crate::events::store::append(
                conn,
                &crate::events::NewEvent {
                    kind: crate::events::model::kind::USER_UPDATED,
                    content_id: None,
                    user_id: Some(target.id),
                    actor_id: Some(actor_id),
                    data: UserUpdated {
                        action: action.to_string(),
                    }
                    .to_data(),
                },
            )
            .await?;
            let revoked = if update.active == Some(false) {
                crate::auth::store::revoke_user_sessions(conn, target.id, None, "deactivated")
                    .await?
            } else {
                Vec::new()
            };
            Ok((user, revoked))
        })
        .await?;
    access.invalidate(user.id, &revoked).await;
    Ok(user)
}

/// A page of users, for holders of `users.read`.
pub(crate) async fn users_page(
    db: &Db,
    principal: &crate::rbac::principal::Principal,
    filter: &super::model::UserFilter,
    page: &crate::pagination::Page,
) -> Result<(Vec<User>, bool), AppError> {
    principal.require(crate::rbac::perm::USERS_READ)?;
    let mut conn = db.conn().await?;
    Ok(store::page(&mut conn, filter, page).await?)
}

/// How many users match, for holders of `users.read`.
pub(crate) async fn users_count(
    db: &Db,
    principal: &crate::rbac::principal::Principal,
    filter: &super::model::UserFilter,
) -> Result<i64, AppError> {
    principal.require(crate::rbac::perm::USERS_READ)?;
    let mut conn = db.conn().await?;
    Ok(store::count(&mut conn, filter).await?)
}

/// Every role with its grants, lowest level first (for holders of `users.read`).
pub(crate) async fn roles(
    db: &Db,
    access: &crate::auth::access::Access,
    principal: &crate::rbac::principal::Principal,
) -> Result<Vec<std::sync::Arc<crate::rbac::principal::RoleGrant>>, AppError> {
    principal.require(crate::rbac::perm::USERS_READ)?;
    let rows = {
        let mut conn = db.conn().await?;
        store::roles(&mut conn).await?
    };
    let mut roles = Vec::with_capacity(rows.len());
    for row in rows {
        roles.push(access.role(row.id).await?);
    }
    Ok(roles)
}
