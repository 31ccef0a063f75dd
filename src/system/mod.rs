//! Liveness of the service itself: `health`, `version`, `serverTime`.

pub mod graphql;
