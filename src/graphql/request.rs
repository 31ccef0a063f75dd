//! Request helpers for resolvers. A leaf: it imports no slice, so every
//! slice's resolvers can use it without importing the schema assembly in
//! `graphql/mod.rs`, which imports every slice.

use async_graphql::Context;

use crate::context::RequestMeta;

/// Facts about the current request (empty when none were given).
pub fn request_meta(ctx: &Context<'_>) -> RequestMeta {
    ctx.data_opt::<RequestMeta>().cloned().unwrap_or_default()
}
