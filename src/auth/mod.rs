//! Authentication: passwords, access tokens, sessions with rotating refresh
//! tokens, password reset and email verification, and turning a request's
//! credentials into a principal.

pub mod access;
pub mod cookies;
pub mod graphql;
pub(crate) mod hashing;
pub mod jwt;
pub mod mail;
pub mod model;
pub mod password;
pub mod reset;
pub mod reset_graphql;
pub mod reset_store;
pub mod service;
pub mod sessions;
pub mod setup;
pub mod setup_graphql;
pub(crate) mod signup_store;
pub mod store;
pub(crate) mod subscriber;
pub mod tokens;
pub mod two_factor;
pub mod two_factor_graphql;
pub mod two_factor_store;
