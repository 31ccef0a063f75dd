//! Content: types with custom fields, items with immutable versions, the
//! editorial workflow, scheduling, taxonomy, and the published-read cache.

pub mod cache;
pub mod cursor;
pub mod diff;
pub mod fields;
pub mod graphql;
pub mod loaders;
pub mod model;
pub mod render;
pub mod scheduler;
pub mod seed;
pub mod service;
pub mod store;
pub mod subscriptions;
pub mod taxonomy;
pub mod taxonomy_graphql;
pub mod types;
pub mod types_graphql;
pub mod validate;
