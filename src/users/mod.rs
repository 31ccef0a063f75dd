//! User accounts.

pub mod model;
pub mod service;
pub mod store;
