//! GraphQL for two-factor authentication.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use uuid::Uuid;

use super::graphql::AuthPayload;
use super::two_factor::TwoFactorService;
use crate::graphql::request::request_meta;
use crate::rbac::guard::{Require, SignedIn, principal};
use crate::rbac::perm;

/// What to put into an authenticator app.
#[derive(SimpleObject)]
pub struct SetupTwoFactorPayload {
    /// The secret (base32), for typing in by hand.
    pub secret: String,
    /// The `otpauth://` URL.
    pub otpauth_url: String,
    /// The URL as a QR code (a PNG data URL).
    pub qr_code: String,
}

/// A current code from the authenticator (or, where allowed, a backup code).
#[derive(InputObject)]
pub struct TwoFactorCodeInput {
    /// Six digits from the authenticator, or a backup code.
    pub code: String,
}

/// Backup codes, shown once.
#[derive(SimpleObject)]
pub struct BackupCodesPayload {
    /// Ten single-use codes for when the authenticator is lost.
    pub backup_codes: Vec<String>,
}

/// Answer a sign-in challenge.
#[derive(InputObject)]
pub struct VerifyTwoFactorInput {
    /// The challenge from `signIn`.
    pub challenge: String,
    /// A code from the authenticator, or an unused backup code.
    pub code: String,
    /// Also set HttpOnly session cookies (for browser front ends).
    #[graphql(default)]
    pub cookies: bool,
}

/// Turn off someone's two-factor authentication.
#[derive(InputObject)]
pub struct ResetUserTwoFactorInput {
    /// The user.
    pub user_id: Uuid,
}

/// Done.
#[derive(SimpleObject)]
pub struct TwoFactorChangedPayload {
    /// Always true.
    pub ok: bool,
}

/// Mutations for two-factor authentication.
#[derive(Default)]
pub struct TwoFactorMutation;

#[Object]
impl TwoFactorMutation {
    /// Starts setting up an authenticator; confirm with `confirmTwoFactor`.
    #[graphql(guard = "SignedIn")]
    async fn setup_two_factor(&self, ctx: &Context<'_>) -> Result<SetupTwoFactorPayload> {
        let setup = ctx
            .data::<TwoFactorService>()?
            .setup(&principal(ctx))
            .await?;
        Ok(SetupTwoFactorPayload {
            secret: setup.secret,
            otpauth_url: setup.otpauth_url,
            qr_code: setup.qr_code,
        })
    }

    /// Turns two-factor authentication on with a current code; returns
    /// ten backup codes, once.
    #[graphql(guard = "SignedIn")]
    async fn confirm_two_factor(
        &self,
        ctx: &Context<'_>,
        input: TwoFactorCodeInput,
    ) -> Result<BackupCodesPayload> {
        let backup_codes = ctx
            .data::<TwoFactorService>()?
            .confirm(&principal(ctx), &input.code, &request_meta(ctx))
            .await?;
        Ok(BackupCodesPayload { backup_codes })
    }

    /// Turns two-factor authentication off (needs a current or backup code).
    #[graphql(guard = "SignedIn")]
    async fn disable_two_factor(
        &self,
        ctx: &Context<'_>,
        input: TwoFactorCodeInput,
    ) -> Result<TwoFactorChangedPayload> {
        ctx.data::<TwoFactorService>()?
            .disable(&principal(ctx), &input.code, &request_meta(ctx))
            .await?;
        Ok(TwoFactorChangedPayload { ok: true })
    }

    /// Replaces the backup codes (needs a current or backup code).
    #[graphql(guard = "SignedIn")]
    async fn regenerate_backup_codes(
        &self,
        ctx: &Context<'_>,
        input: TwoFactorCodeInput,
    ) -> Result<BackupCodesPayload> {
        let backup_codes = ctx
            .data::<TwoFactorService>()?
            .regenerate_backup_codes(&principal(ctx), &input.code, &request_meta(ctx))
            .await?;
        Ok(BackupCodesPayload { backup_codes })
    }

    /// Turns off a user's two-factor authentication and signs them out
    /// everywhere (needs `users.manage`, and a user below your rank).
    #[graphql(guard = "Require(perm::USERS_MANAGE)")]
    async fn reset_user_two_factor(
        &self,
        ctx: &Context<'_>,
        input: ResetUserTwoFactorInput,
    ) -> Result<TwoFactorChangedPayload> {
        ctx.data::<TwoFactorService>()?
            .reset_for_user(&principal(ctx), input.user_id, &request_meta(ctx))
            .await?;
        Ok(TwoFactorChangedPayload { ok: true })
    }

    /// Finishes a sign-in that asked for a second factor.
    async fn verify_two_factor(
        &self,
        ctx: &Context<'_>,
        input: VerifyTwoFactorInput,
    ) -> Result<AuthPayload> {
        let tokens = ctx
            .data::<TwoFactorService>()?
            .verify(&input.challenge, &input.code, &request_meta(ctx))
            .await?;
        if input.cookies {
            super::cookies::set_session(ctx, &tokens);
        }
        Ok(AuthPayload(tokens))
    }
}
