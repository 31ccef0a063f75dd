//! Rules for user accounts.

use diesel_async::AsyncConnection;

use super::model::{NewUser, User};
use super::store;
use crate::audit;
use crate::auth::password;
use crate::db::Db;
use crate::error::AppError;

/// The role name of the highest built-in role.
pub const SUPERADMIN: &str = "SUPERADMIN";

/// Normalises and checks an email address; `field` names the input.
pub fn normalize_email(field: &str, email: &str) -> Result<String, AppError> {
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

/// Maps a unique violation on the email to a field error.
fn map_insert_error(err: diesel::result::Error) -> AppError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &err {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("users_email_key") =>
        {
            AppError::bad_input("email", "a user with this email already exists")
        }
        _ => err.into(),
    }
}

/// Creates a SUPERADMIN account (the `create-admin` command), recording it
/// in the audit log in the same transaction.
pub async fn create_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    password_plain: String,
) -> Result<User, AppError> {
    let email = normalize_email("email", email)?;
    let display_name = display_name.trim().to_string();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(AppError::bad_input(
            "displayName",
            "display name must be 1 to 100 characters",
        ));
    }
    password::validate("password", &password_plain)?;
    let password_hash = password::hash(password_plain).await?;

    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        let role_id = store::role_id_by_name(conn, SUPERADMIN).await?;
        let user = store::insert(
            conn,
            &NewUser {
                email: &email,
                display_name: &display_name,
                password_hash: &password_hash,
                role_id,
            },
        )
        .await
        .map_err(map_insert_error)?;
        audit::store::record(
            conn,
            &audit::model::NewAuditEntry {
                actor_id: None,
                actor_kind: audit::model::ActorKind::System.as_str(),
                action: "user.created".into(),
                target_type: Some("user".into()),
                target_id: Some(user.id.to_string()),
                ip: None,
                request_id: None,
                details: serde_json::json!({ "role": SUPERADMIN, "via": "cli" }),
            },
        )
        .await?;
        Ok(user)
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
