//! User accounts.

pub(crate) mod graphql;
pub(crate) mod loaders;
pub(crate) mod model;
pub mod service;
pub(crate) mod store;
