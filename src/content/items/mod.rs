//! Content items: reading with visibility rules, the published-read cache,
//! creation, edits and trash, and the one commit path every change takes.

pub mod cache;
pub mod commit;
pub mod cursor;
pub mod graphql;
pub mod loaders;
pub mod model;
pub mod service;
pub mod store;
pub mod validate;
