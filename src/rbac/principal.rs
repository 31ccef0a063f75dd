//! Who is calling: nobody, or a user acting through one session.

use std::collections::HashSet;
use std::sync::Arc;

use uuid::Uuid;

use crate::error::AppError;

/// A role with the permissions granted to it.
#[derive(Debug, Clone)]
pub struct RoleGrant {
    /// Role id.
    pub id: Uuid,
    /// Role name, e.g. `EDITOR`.
    pub name: String,
    /// Rank: higher outranks lower.
    pub level: i32,
    /// What the role is for.
    pub description: String,
    /// Granted permission names.
    pub permissions: HashSet<String>,
}

/// How a user proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// An access token of this session.
    Session(Uuid),
    /// This API key.
    ApiKey(Uuid),
    /// Vellum itself acting for the user (the scheduler publishing what
    /// they scheduled).
    System,
}

/// A signed-in user (or a program acting as one through an API key).
#[derive(Debug, Clone)]
pub struct UserPrincipal {
    pub user_id: Uuid,
    /// The session or API key the request came through.
    pub credential: Credential,
    /// What the caller may do: the user's current role (read per request,
    /// so a role change applies at once), narrowed to the key's scopes for
    /// API keys.
    pub role: Arc<RoleGrant>,
    /// Why the caller may do nothing yet, when so (an admin who must set up
    /// two-factor authentication first).
    pub restriction: Option<&'static str>,
}

impl UserPrincipal {
    /// The session, when the caller used one (not an API key).
    pub fn session(&self) -> Option<Uuid> {
        match self.credential {
            Credential::Session(id) => Some(id),
            Credential::ApiKey(_) | Credential::System => None,
        }
    }

    /// The session, or `FORBIDDEN` for API keys (which have none).
    pub fn require_session(&self) -> Result<Uuid, AppError> {
        self.session().ok_or_else(|| {
            AppError::Forbidden("API keys have no session; revoke the key instead".into())
        })
    }
}

/// The caller of one request.
#[derive(Debug, Clone, Default)]
pub enum Principal {
    /// No credentials.
    #[default]
    Anonymous,
    /// A signed-in user.
    User(Arc<UserPrincipal>),
}

impl Principal {
    /// The signed-in user, or `UNAUTHENTICATED`.
    pub fn user(&self) -> Result<&UserPrincipal, AppError> {
        match self {
            Self::User(user) => Ok(user),
            Self::Anonymous => Err(AppError::Unauthenticated("sign in to do this".into())),
        }
    }

    /// Whether the caller holds `permission`.
    pub fn can(&self, permission: &str) -> bool {
        matches!(self, Self::User(user) if user.role.permissions.contains(permission))
    }

    /// The signed-in user if they hold `permission`; `UNAUTHENTICATED` for
    /// anonymous callers, `FORBIDDEN` otherwise.
    pub fn require(&self, permission: &str) -> Result<&UserPrincipal, AppError> {
        let user = self.user()?;
        if let Some(reason) = user.restriction {
            return Err(AppError::Forbidden(reason.into()));
        }
        if user.role.permissions.contains(permission) {
            Ok(user)
        } else {
            Err(AppError::Forbidden(format!(
                "this needs the {permission} permission"
            )))
        }
    }
}
