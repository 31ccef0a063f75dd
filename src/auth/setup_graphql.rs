//! GraphQL for first-run setup (see [`super::setup`]).

use async_graphql::{Context, InputObject, Object, Result};

use super::graphql::AuthPayload;
use super::setup::{SetupRequest, SetupService};
use crate::graphql::request::request_meta;

/// Create the first SUPERADMIN with the setup token `vellum serve` logged.
#[derive(InputObject)]
pub struct CompleteSetupInput {
    /// The `token` parameter of the setup link in the server's log.
    pub token: String,
    /// The admin's email address.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    /// Also set HttpOnly session cookies (for browser front ends).
    #[graphql(default)]
    pub cookies: bool,
}

/// Whether the server still needs its first admin.
#[derive(Default)]
pub struct SetupQuery;

#[Object]
impl SetupQuery {
    /// True while no active SUPERADMIN exists: the admin UI then offers the
    /// one-time setup screen (`completeSetup`).
    async fn setup_required(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(ctx.data::<SetupService>()?.setup_required().await?)
    }
}

/// Creating the first admin.
#[derive(Default)]
pub struct SetupMutation;

#[Object]
impl SetupMutation {
    /// Creates the first SUPERADMIN and signs it in. Needs the one-time
    /// token of the link `vellum serve` logs while no SUPERADMIN exists;
    /// `FORBIDDEN` with a wrong token or once an admin exists.
    async fn complete_setup(
        &self,
        ctx: &Context<'_>,
        input: CompleteSetupInput,
    ) -> Result<AuthPayload> {
        let tokens = ctx
            .data::<SetupService>()?
            .complete_setup(
                SetupRequest {
                    token: input.token,
                    email: input.email,
                    display_name: input.display_name,
                    password: input.password,
                },
                &request_meta(ctx),
            )
            .await?;
        if input.cookies {
            super::cookies::set_session(ctx, &tokens);
        }
        Ok(AuthPayload(tokens))
    }
}
