//! The editorial workflow: moves defined as data, scheduling.

pub mod graphql;
pub mod model;
pub(crate) mod rules;
pub mod scheduler;
pub mod service;
pub mod store;
