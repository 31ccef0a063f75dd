//! Content types: names, API ids and custom field definitions.

pub mod fields;
pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
