//! Reading and managing one's own notifications and preferences. Every
//! call is scoped to the caller: another user's notification does not exist
//! for them (`NOT_FOUND`).

use uuid::Uuid;

use super::model::{Notification, NotificationKind, Preferences, PreferencesChange};
use super::store;
use crate::db::Db;
use crate::error::AppError;
use crate::pagination::Page;
use crate::rbac::principal::Principal;

/// A switch a user asked to change.
#[derive(Debug, Clone, Copy)]
pub struct KindSwitch {
    pub kind: NotificationKind,
    /// Show it in the app.
    pub in_app: Option<bool>,
    /// Email it.
    pub email: Option<bool>,
}

/// Notifications; cheap to clone.
#[derive(Clone)]
pub struct NotificationService {
    db: Db,
}

impl NotificationService {
    /// A service over `db`.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// A page of the caller's notifications, newest first.
    pub async fn list(
        &self,
        principal: &Principal,
        unread_only: bool,
        page: &Page,
    ) -> Result<(Vec<Notification>, bool), AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        Ok(store::page(&mut conn, user, unread_only, page).await?)
    }

    /// One of the caller's notifications, if it is theirs.
    pub async fn get(
        &self,
        principal: &Principal,
        id: Uuid,
    ) -> Result<Option<Notification>, AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        Ok(store::get(&mut conn, user, id).await?)
    }

    /// How many of the caller's notifications are unread.
    pub async fn unread_count(&self, principal: &Principal) -> Result<i64, AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        Ok(store::unread_count(&mut conn, user).await?)
    }

    /// Marks one of the caller's notifications read.
    pub async fn mark_read(
        &self,
        principal: &Principal,
        id: Uuid,
    ) -> Result<Notification, AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        store::mark_read(&mut conn, user, id)
            .await?
            .ok_or_else(|| AppError::NotFound("no such notification".into()))
    }

    /// Marks all the caller's notifications read; returns how many were unread.
    pub async fn mark_all_read(&self, principal: &Principal) -> Result<usize, AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        Ok(store::mark_all_read(&mut conn, user).await?)
    }

    /// The caller's preferences (the defaults until they change one).
    pub async fn preferences(&self, principal: &Principal) -> Result<Preferences, AppError> {
        let user = principal.user()?.user_id;
        let mut conn = self.db.conn().await?;
        Ok(store::preferences_of(&mut conn, &[user])
            .await?
            .into_iter()
            .next()
            .unwrap_or_else(|| Preferences::defaults(user)))
    }

    /// Changes the given switches of the caller's preferences. Turning a
    /// security notice off is refused rather than ignored, so a client
    /// never believes it succeeded.
    pub async fn update_preferences(
        &self,
        principal: &Principal,
        switches: &[KindSwitch],
        digest: Option<super::model::DigestFrequency>,
    ) -> Result<Preferences, AppError> {
        let user = principal.user()?.user_id;
        let mut change = PreferencesChange {
            digest,
            ..PreferencesChange::default()
        };
        for (i, switch) in switches.iter().enumerate() {
            let key = switch.kind.as_str().to_string();
            if switch.kind.is_security() {
                for (field, value) in [("inApp", switch.in_app), ("email", switch.email)] {
                    if value == Some(false) {
                        return Err(AppError::bad_input(
                            format!("input.kinds[{i}].{field}"),
                            "security notices cannot be turned off",
                        ));
                    }
                }
                continue;
            }
            if let Some(on) = switch.in_app {
                change.in_app.insert(key.clone(), on.into());
            }
            if let Some(on) = switch.email {
                change.email.insert(key, on.into());
            }
        }
        let mut conn = self.db.conn().await?;
        Ok(store::update_preferences(&mut conn, user, &change).await?)
    }
}
