//! Notifications: in-app messages made by rules from what happens to a
//! user's content and account, per-user preferences for them, and
//! `notificationReceived` to watch them arrive on any instance.
//!
//! Rules run in the transaction of their cause (see [`rules`]), so a change
//! and the notifications it causes commit or fail together; no consumer has
//! to catch up after a crash.

pub mod digest;
pub(crate) mod email;
pub(crate) mod graphql;
pub(crate) mod model;
pub(crate) mod rules;
pub(crate) mod service;
pub(crate) mod store;
