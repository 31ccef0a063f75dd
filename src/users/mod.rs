//! User accounts.

pub mod graphql;
pub mod loaders;
pub mod model;
pub mod service;
pub mod store;
