//! GraphQL for users and roles.

use std::sync::Arc;

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{User, UserFilter};
use super::service::{self, UserUpdate};
use crate::auth::access::Access;
use crate::auth::graphql::SessionNode;
use crate::auth::reset::{AccountEmailService, Invite};
use crate::auth::service::AuthService;
use crate::db::Db;
use crate::graphql::relay;
use crate::graphql::request::request_meta;
use crate::pagination::{Cursor, Page};
use crate::rbac::guard::{Require, SignedIn, principal};
use crate::rbac::perm;
use crate::rbac::principal::RoleGrant;

/// A person with an account. Anyone who can reach a user (as the author of
/// published content, say) reads its public profile: `id` and
/// `displayName`. Every other field is the account's own business: it
/// answers the user themself and holders of `users.read`, and is
/// `FORBIDDEN` for everyone else.
pub struct UserNode {
    user: User,
    /// Built for the account's owner (e.g. in their own sign-in payload),
    /// before a principal for them exists on the request.
    owner_view: bool,
}

/// The user with `id` through the request's loader, as a node; `None`
/// when there is no id or no such user (a deleted account).
pub async fn user_node(
    ctx: &async_graphql::Context<'_>,
    id: Option<Uuid>,
) -> async_graphql::Result<Option<UserNode>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(ctx
        .data::<async_graphql::dataloader::DataLoader<crate::users::loaders::UserLoader>>()?
        .load_one(id)
        .await?
        .map(UserNode::new))
}

impl UserNode {
    /// A user as seen by whoever is asking.
    pub fn new(user: User) -> Self {
        Self {
            user,
            owner_view: false,
        }
    }

    /// A user as seen by themself.
    pub fn own(user: User) -> Self {
        Self {
            user,
            owner_view: true,
        }
    }

    /// Allows the account's private fields to the user themself and to
    /// holders of `users.read`; `FORBIDDEN` for anyone else.
    fn private(&self, ctx: &Context<'_>) -> Result<()> {
        let caller = principal(ctx);
        if !self.owner_view && caller.user().ok().map(|u| u.user_id) != Some(self.user.id) {
            caller.require(perm::USERS_READ)?;
        }
        Ok(())
    }
}

/// A person with an account. Its public profile is `id` and `displayName`;
/// every other field answers only the user themself and holders of
/// `users.read` (`UNAUTHENTICATED` anonymously, `FORBIDDEN` otherwise).
#[Object(name = "User")]
impl UserNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.user.id
    }

    /// Email address: the user themself and holders of `users.read` only.
    async fn email(&self, ctx: &Context<'_>) -> Result<&str> {
        self.private(ctx)?;
        Ok(&self.user.email)
    }

    /// Name shown to others (public).
    async fn display_name(&self) -> &str {
        &self.user.display_name
    }

    /// Current role: the user themself and holders of `users.read` only.
    async fn role(&self, ctx: &Context<'_>) -> Result<RoleNode> {
        self.private(ctx)?;
        Ok(RoleNode(
            ctx.data::<Access>()?.role(self.user.role_id).await?,
        ))
    }

    /// Whether the account may sign in: the user themself and holders of
    /// `users.read` only.
    async fn active(&self, ctx: &Context<'_>) -> Result<bool> {
        self.private(ctx)?;
        Ok(self.user.active)
    }

    /// Whether the email address was verified: the user themself and
    /// holders of `users.read` only.
    async fn email_verified(&self, ctx: &Context<'_>) -> Result<bool> {
        self.private(ctx)?;
        Ok(self.user.email_verified_at.is_some())
    }

    /// Live sessions, newest first: the user themself, and holders of
    /// `users.manage` who outrank them (FORBIDDEN for anyone else).
    async fn sessions(&self, ctx: &Context<'_>) -> Result<Vec<SessionNode>> {
        let caller = principal(ctx);
        let current = caller.user().ok().and_then(|user| user.session());
        let sessions = ctx
            .data::<AuthService>()?
            .sessions()
            .user_sessions(&caller, self.user.id)
            .await?;
        Ok(sessions
            .into_iter()
            .map(|session| SessionNode::new(session, current))
            .collect())
    }

    /// Whether signing in asks for a second factor: the user themself
    /// and holders of `users.read` only.
    async fn two_factor_enabled(&self, ctx: &Context<'_>) -> Result<bool> {
        self.private(ctx)?;
        Ok(self.user.two_factor_enabled_at.is_some())
    }

    /// Last successful sign-in: the user themself and holders of
    /// `users.read` only.
    async fn last_sign_in_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        self.private(ctx)?;
        Ok(self.user.last_sign_in_at)
    }

    /// Created: the user themself and holders of `users.read` only.
    async fn created_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>> {
        self.private(ctx)?;
        Ok(self.user.created_at)
    }

    /// Last changed: the user themself and holders of `users.read` only.
    async fn updated_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>> {
        self.private(ctx)?;
        Ok(self.user.updated_at)
    }
}

/// A role and what it may do.
pub struct RoleNode(pub Arc<RoleGrant>);

#[Object(name = "Role")]
impl RoleNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Name, e.g. `EDITOR`.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Rank: a higher level outranks a lower one.
    async fn level(&self) -> i32 {
        self.0.level
    }

    /// What the role is for.
    async fn description(&self) -> &str {
        &self.0.description
    }

    /// Granted permissions, sorted.
    async fn permissions(&self) -> Vec<String> {
        let mut permissions: Vec<String> = self.0.permissions.iter().cloned().collect();
        permissions.sort();
        permissions
    }
}

/// Which users to list.
#[derive(InputObject, Default)]
pub struct UserFilterInput {
    /// Only users with this role name.
    pub role: Option<String>,
    /// Only active (true) or deactivated (false) users.
    pub active: Option<bool>,
    /// Email or display name contains this (case-insensitive).
    pub search: Option<String>,
}

/// Totals of a user list, computed only when asked for.
pub struct UserConnectionFields {
    filter: UserFilter,
}

#[Object]
impl UserConnectionFields {
    /// How many users match the filter (one extra query; ask only when needed).
    async fn total_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(service::users_count(ctx.data::<Db>()?, &principal(ctx), &self.filter).await?)
    }
}

/// Change a user.
#[derive(InputObject)]
pub struct UpdateUserInput {
    /// The user.
    pub id: Uuid,
    /// New role name (needs `users.manage`, and a role below your own).
    pub role: Option<String>,
    /// Activate or deactivate (needs `users.manage`).
    pub active: Option<bool>,
    /// New display name (your own, or anyone's with `users.manage`).
    pub display_name: Option<String>,
}

/// The changed user.
#[derive(SimpleObject)]
pub struct UpdateUserPayload {
    /// The user after the change.
    pub user: UserNode,
}

/// Someone to invite.
#[derive(InputObject)]
pub struct InviteUserInput {
    /// The address they sign in with (the link goes there).
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role name, below your own.
    pub role: String,
}

/// Result of an invitation.
#[derive(SimpleObject)]
pub struct InviteUserPayload {
    /// The new account (no password until they open the link).
    pub user: UserNode,
}

/// Queries about users and roles.
#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// The signed-in user.
    #[graphql(guard = "SignedIn")]
    async fn me(&self, ctx: &Context<'_>) -> Result<UserNode> {
        let caller = principal(ctx);
        let id = caller.user()?.user_id;
        service::user(ctx.data::<Db>()?, &caller, id)
            .await?
            .map(UserNode::new)
            .ok_or_else(|| crate::error::AppError::NotFound("no such user".into()).into())
    }

    /// A user by id: yourself, or anyone with `users.read`.
    #[graphql(guard = "SignedIn")]
    async fn user(&self, ctx: &Context<'_>, id: Uuid) -> Result<Option<UserNode>> {
        Ok(service::user(ctx.data::<Db>()?, &principal(ctx), id)
            .await?
            .map(UserNode::new))
    }

    /// Users, oldest first (needs `users.read`).
    #[graphql(
        guard = "Require(perm::USERS_READ)",
        complexity = "relay::complexity(first, last, child_complexity)"
    )]
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilterInput>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, UserNode, UserConnectionFields>> {
        let page = Page::new(first, after, last, before)?;
        let filter = filter.unwrap_or_default();
        let filter = UserFilter {
            role: filter.role,
            active: filter.active,
            search: filter.search,
        };
        let (rows, more) =
            service::users_page(ctx.data::<Db>()?, &principal(ctx), &filter, &page).await?;
        let (has_previous, has_next) = page.page_info(more);
        let mut connection = Connection::with_additional_fields(
            has_previous,
            has_next,
            UserConnectionFields { filter },
        );
        connection.edges.extend(rows.into_iter().map(|user| {
            let cursor = Cursor {
                at: user.created_at,
                id: user.id,
            };
            Edge::new(cursor.encode(), UserNode::new(user))
        }));
        Ok(connection)
    }

    /// Every role with its permissions (needs `users.read`).
    #[graphql(guard = "Require(perm::USERS_READ)")]
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleNode>> {
        let roles =
            service::roles(ctx.data::<Db>()?, ctx.data::<Access>()?, &principal(ctx)).await?;
        Ok(roles.into_iter().map(RoleNode).collect())
    }
}

/// Mutations on users.
#[derive(Default)]
pub struct UserMutation;

#[Object]
impl UserMutation {
    /// Changes a user's role, active flag or display name.
    #[graphql(guard = "SignedIn")]
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        input: UpdateUserInput,
    ) -> Result<UpdateUserPayload> {
        let user = service::update_user(
            ctx.data::<Db>()?,
            ctx.data::<Access>()?,
            &principal(ctx),
            UserUpdate {
                id: input.id,
                role: input.role,
                active: input.active,
                display_name: input.display_name,
            },
            &request_meta(ctx),
        )
        .await?;
        Ok(UpdateUserPayload {
            user: UserNode::new(user),
        })
    }

    /// Creates an account for someone and emails them a link to choose
    /// its password (valid a week). Needs `users.manage`; the role must
    /// be below your own.
    #[graphql(guard = "Require(perm::USERS_MANAGE)")]
    async fn invite_user(
        &self,
        ctx: &Context<'_>,
        input: InviteUserInput,
    ) -> Result<InviteUserPayload> {
        let user = ctx
            .data::<AccountEmailService>()?
            .invite(
                &principal(ctx),
                &request_meta(ctx),
                Invite {
                    email: input.email,
                    display_name: input.display_name,
                    role: input.role,
                },
            )
            .await?;
        Ok(InviteUserPayload {
            user: UserNode::new(user),
        })
    }
}
