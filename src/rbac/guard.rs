//! Schema guards. Fields reached through interfaces skip guards
//! (async-graphql #1826), so services check again.

use async_graphql::{Context, Guard};

use super::principal::Principal;

/// Allows callers holding one permission.
pub struct Require(pub &'static str);

impl Guard for Require {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let principal = ctx.data_opt::<Principal>().cloned().unwrap_or_default();
        principal.require(self.0)?;
        Ok(())
    }
}

/// Allows any signed-in caller.
pub struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let principal = ctx.data_opt::<Principal>().cloned().unwrap_or_default();
        principal.user()?;
        Ok(())
    }
}

/// The caller of this request.
pub fn principal(ctx: &Context<'_>) -> Principal {
    ctx.data_opt::<Principal>().cloned().unwrap_or_default()
}

/// Allows callers holding any of several permissions (an operation whose
/// rule depends on the item, like "own or any", checked again in the service).
pub struct RequireAny(pub &'static [&'static str]);

impl Guard for RequireAny {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let principal = ctx.data_opt::<Principal>().cloned().unwrap_or_default();
        let mut last = None;
        for permission in self.0 {
            match principal.require(permission) {
                Ok(_) => return Ok(()),
                Err(err) => last = Some(err),
            }
        }
        match last {
            Some(err) => Err(err.into()),
            None => Ok(()),
        }
    }
}
