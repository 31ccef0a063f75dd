//! Taxonomy: a category tree and tags.

pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
