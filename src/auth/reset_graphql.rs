//! GraphQL for password reset and email verification.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::reset::AccountEmailService;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{SignedIn, principal};

/// Ask for a password reset link.
#[derive(InputObject)]
pub struct RequestPasswordResetInput {
    /// The account's email address.
    pub email: String,
}

/// The same answer whether or not an account has the address.
#[derive(SimpleObject)]
pub struct RequestPasswordResetPayload {
    /// Always true: when an active account has the address, a link is on its way.
    pub ok: bool,
}

/// Choose a new password with the token from a reset link.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The `token` parameter of the link.
    pub token: String,
    /// The new password (at least 10 characters).
    pub new_password: String,
}

/// The password was reset.
#[derive(SimpleObject)]
pub struct ResetPasswordPayload {
    /// Sessions signed out by the reset (all of the account's).
    pub revoked_sessions: i32,
}

/// A verification link was sent.
#[derive(SimpleObject)]
pub struct RequestEmailVerificationPayload {
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Verify an email address with the token from a verification link.
#[derive(InputObject)]
pub struct VerifyEmailInput {
    /// The `token` parameter of the link.
    pub token: String,
}

/// The address is verified.
#[derive(SimpleObject)]
pub struct VerifyEmailPayload {
    /// Always true.
    pub ok: bool,
}

/// Mutations that prove control of an email address.
#[derive(Default)]
pub struct AccountEmailMutation;

#[Object]
impl AccountEmailMutation {
    /// Emails a password reset link (valid 1 hour, usable once) when an
    /// active account has this address. The answer never says whether one does.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        input: RequestPasswordResetInput,
    ) -> Result<RequestPasswordResetPayload> {
        ctx.data::<AccountEmailService>()?
            .request_password_reset(&input.email, &request_meta(ctx))
            .await?;
        Ok(RequestPasswordResetPayload { ok: true })
    }

    /// Sets a new password with a reset link's token. Every session of the
    /// account is signed out, and the account is told by email.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        input: ResetPasswordInput,
    ) -> Result<ResetPasswordPayload> {
        let revoked = ctx
            .data::<AccountEmailService>()?
            .reset_password(&input.token, input.new_password, &request_meta(ctx))
            .await?;
        Ok(ResetPasswordPayload {
            revoked_sessions: i32::try_from(revoked).unwrap_or(i32::MAX),
        })
    }

    /// Emails you a link (valid 24 hours, usable once) that verifies your
    /// address. `CONFLICT` when it is already verified.
    #[graphql(guard = "SignedIn")]
    async fn request_email_verification(
        &self,
        ctx: &Context<'_>,
    ) -> Result<RequestEmailVerificationPayload> {
        let expires_at = ctx
            .data::<AccountEmailService>()?
            .request_email_verification(&principal(ctx), &request_meta(ctx))
            .await?;
        Ok(RequestEmailVerificationPayload { expires_at })
    }

    /// Verifies an email address with a verification link's token.
    async fn verify_email(
        &self,
        ctx: &Context<'_>,
        input: VerifyEmailInput,
    ) -> Result<VerifyEmailPayload> {
        ctx.data::<AccountEmailService>()?
            .verify_email(&input.token, &request_meta(ctx))
            .await?;
        Ok(VerifyEmailPayload { ok: true })
    }
}
