//! User accounts.

pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
