//! API keys: long-lived credentials for programs, acting as their creator
//! within chosen scopes.

pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
