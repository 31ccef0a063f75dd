//! The audit log: who did what to what, written in the same transaction as
//! the change it records.

pub mod graphql;
pub mod model;
pub mod service;
pub mod store;
