//! Access: turning a bearer token into a [`Principal`] on every request,
//! re-checking long-lived callers, and the caches of session, user and role
//! facts behind both, with their invalidation (here and, through the event
//! bus, on every instance). Users, API keys and subscriptions depend on this,
//! not on the sign-in rules in [`super::service`].

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use moka::future::Cache;
use uuid::Uuid;

use super::jwt::JwtKeys;
use super::model::{Session, UserAccess};
use super::store;
use crate::db::Db;
use crate::error::AppError;
use crate::events::payload::{Payload, UserAccessChanged};
use crate::rbac::principal::{Credential, Principal, RoleGrant, UserPrincipal};

/// How long cached session, user and role facts may be reused. Changes made
/// in this process invalidate them at once; the TTL bounds staleness from
/// other processes until the event bus carries invalidations.
const CACHE_TTL: Duration = Duration::from_secs(30);

/// Level of the built-in ADMIN role: this and above count as admins for
/// the two-factor requirement.
pub const ADMIN_LEVEL: i32 = 40;

struct Inner {
    db: Db,
    jwt: JwtKeys,
    /// Whether ADMIN and above must have 2FA before their role applies.
    require_admin_two_factor: bool,
    sessions: Cache<Uuid, Arc<Session>>,
    users: Cache<Uuid, UserAccess>,
    roles: Cache<Uuid, Arc<RoleGrant>>,
}

/// Who a caller is and what they may do now; cheap to clone.
#[derive(Clone)]
pub struct Access(Arc<Inner>);

fn cache<K, V>() -> Cache<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Cache::builder()
        .max_capacity(100_000)
        .time_to_live(CACHE_TTL)
        .build()
}

impl Access {
    /// Over the database, verifying tokens with `jwt`.
    pub fn new(db: Db, jwt: JwtKeys, require_admin_two_factor: bool) -> Self {
        Self(Arc::new(Inner {
            db,
            jwt,
            require_admin_two_factor,
            sessions: cache(),
            users: cache(),
            roles: cache(),
        }))
    }

    /// The caller behind an access token. Any failure is `UNAUTHENTICATED`.
    pub async fn authenticate(&self, access_token: &str) -> Result<Principal, AppError> {
        let invalid = || AppError::Unauthenticated("invalid or expired access token".into());
        let claims = self.0.jwt.verify(access_token)?;
        let session = self.session(claims.session_id).await?.ok_or_else(invalid)?;
        if session.user_id != claims.user_id || !session.is_live(Utc::now()) {
            return Err(invalid());
        }
        let access = self
            .user_access(claims.user_id)
            .await?
            .ok_or_else(invalid)?;
        if !access.active {
            return Err(invalid());
        }
        let (role, restriction) = self.grant(access).await?;
        Ok(Principal::User(Arc::new(UserPrincipal {
            user_id: claims.user_id,
            credential: Credential::Session(claims.session_id),
            role,
            restriction,
        })))
    }

    /// The caller as they are now, for long-lived connections that
    /// authenticated once: `None` when their session has ended or their
    /// account is inactive; otherwise their current role (an API key's
    /// scopes still narrow it).
    pub async fn recheck(&self, principal: &Principal) -> Result<Option<Principal>, AppError> {
        let Principal::User(user) = principal else {
            return Ok(Some(Principal::Anonymous));
        };
        if let Credential::Session(id) = user.credential {
            match self.session(id).await? {
                Some(session) if session.is_live(Utc::now()) => {}
                _ => return Ok(None),
            }
        }
        let Some(access) = self.user_access(user.user_id).await? else {
            return Ok(None);
        };
        if !access.active {
            return Ok(None);
        }
        let (role, restriction) = self.grant(access).await?;
        let role = match user.credential {
            Credential::ApiKey(_) => Arc::new(RoleGrant {
                permissions: role
                    .permissions
                    .intersection(&user.role.permissions)
                    .cloned()
                    .collect(),
                ..(*role).clone()
            }),
            _ => role,
        };
        Ok(Some(Principal::User(Arc::new(UserPrincipal {
            user_id: user.user_id,
            credential: user.credential,
            role,
            restriction,
        }))))
    }

    /// What a user may do now: their role's grants, or none at all (with the
    /// reason) while an admin who must use 2FA has not set it up.
    pub async fn grant(
        &self,
        access: UserAccess,
    ) -> Result<(Arc<RoleGrant>, Option<&'static str>), AppError> {
        let role = self.role(access.role_id).await?;
        if self.0.require_admin_two_factor && role.level >= ADMIN_LEVEL && !access.two_factor {
            let powerless = RoleGrant {
                permissions: Default::default(),
                ..(*role).clone()
            };
            return Ok((
                Arc::new(powerless),
                Some("set up two-factor authentication first (setupTwoFactor, confirmTwoFactor)"),
            ));
        }
        Ok((role, None))
    }

    pub(crate) async fn session(&self, id: Uuid) -> Result<Option<Arc<Session>>, AppError> {
        if let Some(session) = self.0.sessions.get(&id).await {
            return Ok(Some(session));
        }
        let mut conn = self.0.db.conn().await?;
        let found = store::session(&mut conn, id).await?.map(Arc::new);
        if let Some(session) = &found {
            self.0.sessions.insert(id, session.clone()).await;
        }
        Ok(found)
    }

    /// A user's active flag, role id and 2FA flag (cached).
    pub async fn user_access(&self, id: Uuid) -> Result<Option<UserAccess>, AppError> {
        if let Some(access) = self.0.users.get(&id).await {
            return Ok(Some(access));
        }
        let mut conn = self.0.db.conn().await?;
        let found = store::user_access(&mut conn, id).await?;
        if let Some(access) = found {
            self.0.users.insert(id, access).await;
        }
        Ok(found)
    }

    /// A role with its permissions (cached).
    pub async fn role(&self, id: Uuid) -> Result<Arc<RoleGrant>, AppError> {
        if let Some(role) = self.0.roles.get(&id).await {
            return Ok(role);
        }
        let mut conn = self.0.db.conn().await?;
        let role = Arc::new(store::role_grant(&mut conn, id).await?);
        self.0.roles.insert(id, role.clone()).await;
        Ok(role)
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// The event is written after the change committed, not inside it: if
    /// this process dies in between, other instances hold the stale facts
    /// only until their cache entries expire (30 s).
    pub async fn invalidate(&self, user_id: Uuid, sessions: &[Uuid]) {
        self.forget(user_id, sessions).await;
        let announced = async {
            let mut conn = self.0.db.conn().await?;
            crate::events::store::append(
                &mut conn,
                &crate::events::NewEvent {
                    kind: crate::events::model::kind::USER_ACCESS_CHANGED,
                    content_id: None,
                    user_id: Some(user_id),
                    actor_id: None,
                    data: UserAccessChanged {
                        sessions: sessions.to_vec(),
                    }
                    .to_data(),
                },
            )
            .await?;
            Ok::<_, AppError>(())
        };
        if let Err(err) = announced.await {
            tracing::warn!(error = %err, "cannot announce a cache invalidation to other instances");
        }
    }

    /// Forgets cached facts in this process only.
    pub async fn forget(&self, user_id: Uuid, sessions: &[Uuid]) {
        self.0.users.invalidate(&user_id).await;
        for id in sessions {
            self.0.sessions.invalidate(id).await;
        }
    }
}

/// Keeps this process's caches in step with `user.access_changed` events
/// from any instance.
impl crate::jobs::follow::Follower for Access {
    async fn event(&self, event: &crate::events::Event) {
        if event.kind != crate::events::model::kind::USER_ACCESS_CHANGED {
            return;
        }
        let Some(user) = event.user_id else { return };
        self.forget(user, &UserAccessChanged::of(event).sessions)
            .await;
    }

    /// Missed events may have been invalidations: forget everything.
    async fn lagged(&self) {
        self.0.users.invalidate_all();
        self.0.sessions.invalidate_all();
        self.0.roles.invalidate_all();
    }
}
