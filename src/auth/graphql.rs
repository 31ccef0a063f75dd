//! GraphQL for signing up, in and out, sessions and passwords.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::Session;
use super::service::{AuthService, SignIn};
use super::sessions::AuthTokens;
use crate::error::AppError;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{SignedIn, principal};
use crate::users::graphql::UserNode;
use crate::users::loaders::UserLoader;
use async_graphql::dataloader::DataLoader;

/// Ask for an account.
#[derive(InputObject)]
pub struct SignUpInput {
    /// Email address.
    pub email: String,
    /// At least 10 characters.
    pub password: String,
    /// Name shown to others.
    pub display_name: String,
}

/// The same answer whether or not the address already has an account.
#[derive(SimpleObject)]
pub struct SignUpPayload {
    /// Always true: a mail is on its way to the address. A new address gets
    /// the link that creates the account (`completeSignUp`); an address that
    /// already has an account gets a notice to its owner instead.
    pub ok: bool,
}

/// Finish a sign-up with the token from the welcome mail's link.
#[derive(InputObject)]
pub struct CompleteSignUpInput {
    /// The `token` parameter of the link.
    pub token: String,
    /// Also set HttpOnly session cookies (for browser front ends).
    #[graphql(default)]
    pub cookies: bool,
}

/// Sign in with email and password.
#[derive(InputObject)]
pub struct SignInInput {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: String,
    /// Also set HttpOnly session cookies (for browser front ends).
    #[graphql(default)]
    pub cookies: bool,
}

/// Trade a refresh token for new tokens.
#[derive(InputObject)]
pub struct RefreshSessionInput {
    /// The refresh token from the last sign-in or refresh (usable once).
    /// Leave it out to use the refresh cookie (with the CSRF header).
    pub refresh_token: Option<String>,
}

/// Revoke a session.
#[derive(InputObject)]
pub struct RevokeSessionInput {
    /// The session id (from `mySessions` or `User.sessions`).
    pub id: Uuid,
}

/// Change your password.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// Your current password.
    pub current_password: String,
    /// The new password (at least 10 characters).
    pub new_password: String,
}

/// Tokens for a new or refreshed session.
pub struct AuthPayload(pub(crate) AuthTokens);

#[Object]
impl AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`; expires at `expiresAt`.
    async fn access_token(&self) -> &str {
        &self.0.access_token
    }

    /// Trade once for new tokens with `refreshSession`; keep it secret.
    async fn refresh_token(&self) -> &str {
        &self.0.refresh_token
    }

    /// When the access token expires.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }

    /// The signed-in user.
    async fn user(&self, ctx: &Context<'_>) -> Result<UserNode> {
        signed_in_user(ctx, self.0.user_id).await
    }
}

pub(crate) async fn signed_in_user(ctx: &Context<'_>, id: Uuid) -> Result<UserNode> {
    ctx.data::<DataLoader<UserLoader>>()?
        .load_one(id)
        .await?
        .map(UserNode::own)
        .ok_or_else(|| AppError::NotFound("no such user".into()).into())
}

/// The outcome of `signIn`: tokens, or a two-factor challenge to answer first.
pub struct SignInPayload(SignIn);

impl SignInPayload {
    fn tokens(&self) -> Option<&AuthTokens> {
        match &self.0 {
            SignIn::Tokens(tokens) => Some(tokens),
            SignIn::TwoFactorRequired { .. } => None,
        }
    }
}

#[Object]
impl SignInPayload {
    /// True when a second factor must be verified (with `verifyTwoFactor`)
    /// before tokens are issued; the token fields are then null.
    async fn two_factor_required(&self) -> bool {
        matches!(self.0, SignIn::TwoFactorRequired { .. })
    }

    /// The challenge to pass to `verifyTwoFactor` (valid 5 minutes, 5 tries).
    async fn challenge(&self) -> Option<&str> {
        match &self.0 {
            SignIn::TwoFactorRequired { challenge } => Some(challenge),
            SignIn::Tokens(_) => None,
        }
    }

    /// Send as `Authorization: Bearer <accessToken>`.
    async fn access_token(&self) -> Option<&str> {
        self.tokens().map(|t| t.access_token.as_str())
    }

    /// Trade once for new tokens with `refreshSession`.
    async fn refresh_token(&self) -> Option<&str> {
        self.tokens().map(|t| t.refresh_token.as_str())
    }

    /// When the access token expires.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.tokens().map(|t| t.expires_at)
    }

    /// The signed-in user.
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        match self.tokens() {
            Some(tokens) => Ok(Some(signed_in_user(ctx, tokens.user_id).await?)),
            None => Ok(None),
        }
    }
}

/// How many sessions were signed out.
#[derive(SimpleObject)]
pub struct SignOutPayload {
    /// Sessions revoked by this call.
    pub revoked_sessions: i32,
}

/// The revoked session.
#[derive(SimpleObject)]
pub struct RevokeSessionPayload {
    /// Its id.
    pub id: Uuid,
}

/// The password was changed.
#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    /// Other sessions signed out by the change.
    pub revoked_sessions: i32,
}

/// One signed-in device.
pub struct SessionNode {
    session: Session,
    current: bool,
}

impl SessionNode {
    /// `session`, marked `current` when this request came through it.
    pub(crate) fn new(session: Session, current: Option<Uuid>) -> Self {
        Self {
            current: Some(session.id) == current,
            session,
        }
    }
}

#[Object(name = "Session")]
impl SessionNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.session.id
    }

    /// The client's user agent at sign-in.
    async fn user_agent(&self) -> Option<&str> {
        self.session.user_agent.as_deref()
    }

    /// The client's IP at sign-in.
    async fn ip(&self) -> Option<&str> {
        self.session.ip.as_deref()
    }

    /// Signed in at.
    async fn created_at(&self) -> DateTime<Utc> {
        self.session.created_at
    }

    /// Last refreshed at.
    async fn last_seen_at(&self) -> DateTime<Utc> {
        self.session.last_seen_at
    }

    /// Ends at the latest.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.session.expires_at
    }

    /// Whether this request came through this session.
    async fn current(&self) -> bool {
        self.current
    }
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Queries about the caller's sessions.
#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// Whether anyone may sign up (`signUp`) on this server: the sign-in
    /// page offers sign-up only then.
    async fn sign_up_open(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(ctx.data::<AuthService>()?.sign_up_open())
    }

    /// Your live sessions, newest first.
    #[graphql(guard = "SignedIn")]
    async fn my_sessions(&self, ctx: &Context<'_>) -> Result<Vec<SessionNode>> {
        let caller = principal(ctx);
        let current = caller.user()?.session();
        let sessions = ctx
            .data::<AuthService>()?
            .sessions()
            .my_sessions(&caller)
            .await?;
        Ok(sessions
            .into_iter()
            .map(|session| SessionNode::new(session, current))
            .collect())
    }
}

/// Mutations for signing up, in and out.
#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Asks for an account with the default role: mails the address a link
    /// (valid 24 hours, usable once) that creates it with `completeSignUp`.
    /// The answer never says whether the address already has an account.
    async fn sign_up(&self, ctx: &Context<'_>, input: SignUpInput) -> Result<SignUpPayload> {
        ctx.data::<AuthService>()?
            .sign_up(
                &input.email,
                &input.display_name,
                input.password,
                &request_meta(ctx),
            )
            .await?;
        Ok(SignUpPayload { ok: true })
    }

    /// Creates the account from a sign-up link's token (which verifies the
    /// address) and signs it in.
    async fn complete_sign_up(
        &self,
        ctx: &Context<'_>,
        input: CompleteSignUpInput,
    ) -> Result<AuthPayload> {
        let tokens = ctx
            .data::<AuthService>()?
            .complete_sign_up(&input.token, &request_meta(ctx))
            .await?;
        if input.cookies {
            super::cookies::set_session(ctx, &tokens);
        }
        Ok(AuthPayload(tokens))
    }

    /// Signs in with email and password.
    async fn sign_in(&self, ctx: &Context<'_>, input: SignInInput) -> Result<SignInPayload> {
        let outcome = ctx
            .data::<AuthService>()?
            .sign_in(&input.email, input.password, &request_meta(ctx))
            .await?;
        if let (true, SignIn::Tokens(tokens)) = (input.cookies, &outcome) {
            super::cookies::set_session(ctx, tokens);
        }
        Ok(SignInPayload(outcome))
    }

    /// Trades a refresh token for new tokens. Each refresh token works once;
    /// presenting a used one signs the whole session out.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        input: RefreshSessionInput,
    ) -> Result<AuthPayload> {
        let (refresh_token, from_cookie) = match input.refresh_token {
            Some(token) => (token, false),
            None => (super::cookies::refresh_from_cookie(ctx)?, true),
        };
        let tokens = ctx
            .data::<AuthService>()?
            .sessions()
            .refresh(&refresh_token, &request_meta(ctx))
            .await?;
        if from_cookie {
            super::cookies::set_session(ctx, &tokens);
        }
        Ok(AuthPayload(tokens))
    }

    /// Signs out this session.
    #[graphql(guard = "SignedIn")]
    async fn sign_out(&self, ctx: &Context<'_>) -> Result<SignOutPayload> {
        ctx.data::<AuthService>()?
            .sessions()
            .sign_out(&principal(ctx), &request_meta(ctx))
            .await?;
        super::cookies::clear_session(ctx);
        Ok(SignOutPayload {
            revoked_sessions: 1,
        })
    }

    /// Signs out every session of yours, this one included.
    #[graphql(guard = "SignedIn")]
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<SignOutPayload> {
        let n = ctx
            .data::<AuthService>()?
            .sessions()
            .sign_out_everywhere(&principal(ctx), &request_meta(ctx))
            .await?;
        super::cookies::clear_session(ctx);
        Ok(SignOutPayload {
            revoked_sessions: count(n),
        })
    }

    /// Signs out one of your sessions or, holding `users.manage`, one of a
    /// user you outrank (that browser is signed out at once).
    #[graphql(guard = "SignedIn")]
    async fn revoke_session(
        &self,
        ctx: &Context<'_>,
        input: RevokeSessionInput,
    ) -> Result<RevokeSessionPayload> {
        ctx.data::<AuthService>()?
            .sessions()
            .revoke_session(&principal(ctx), input.id, &request_meta(ctx))
            .await?;
        Ok(RevokeSessionPayload { id: input.id })
    }

    /// Changes your password; your other sessions are signed out.
    #[graphql(guard = "SignedIn")]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> Result<ChangePasswordPayload> {
        let n = ctx
            .data::<AuthService>()?
            .change_password(
                &principal(ctx),
                input.current_password,
                input.new_password,
                &request_meta(ctx),
            )
            .await?;
        Ok(ChangePasswordPayload {
            revoked_sessions: count(n),
        })
    }
}
