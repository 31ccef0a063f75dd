//! History: immutable versions, diffs between them, restore.

pub mod diff;
pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
