//! The caller of a subscription, whose access is checked again before each
//! delivery: a demoted editor stops receiving drafts at once, and a
//! subscriber whose session ended is disconnected.

use async_graphql::Context;

use super::access::Access;
use crate::context::ConnectionControl;
use crate::events::subscriber::Step;
use crate::rbac::guard::principal;
use crate::rbac::principal::Principal;

/// A subscription's caller.
pub(crate) struct Subscriber {
    principal: Principal,
    access: Access,
    control: Option<ConnectionControl>,
}

impl Subscriber {
    /// The caller of the subscription resolver `ctx` belongs to.
    pub(crate) fn of(ctx: &Context<'_>) -> async_graphql::Result<Self> {
        Ok(Self {
            principal: principal(ctx),
            access: ctx.data::<Access>()?.clone(),
            control: ctx.data_opt::<ConnectionControl>().cloned(),
        })
    }

    /// The caller as last checked.
    pub(crate) fn principal(&self) -> &Principal {
        &self.principal
    }

    /// The caller as they are now, before a delivery. Otherwise what the
    /// subscription does instead: skip this event when the check itself
    /// failed, or end (closing the connection) when the session ended.
    pub(crate) async fn recheck<T>(&mut self) -> Result<&Principal, Step<T>> {
        match self.access.recheck(&self.principal).await {
            Ok(Some(current)) => {
                self.principal = current;
                Ok(&self.principal)
            }
            Ok(None) => {
                if let Some(control) = &self.control {
                    control.close("session ended");
                }
                Err(Step::End)
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot recheck a subscriber; skipping an event");
                Err(Step::Skip)
            }
        }
    }
}
