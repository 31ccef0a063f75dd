//! Authentication: passwords, access tokens, sessions with rotating refresh
//! tokens, and turning a request's credentials into a principal.

pub mod graphql;
pub mod jwt;
pub mod model;
pub mod password;
pub mod service;
pub mod store;
pub mod tokens;
