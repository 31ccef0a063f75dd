//! Notifications: in-app messages made by rules from what happens to a
//! user's content and account, per-user preferences for them, and
//! `notificationReceived` to watch them arrive on any instance.
//!
//! Rules run in the transaction of their cause (see [`rules`]), so a change
//! and the notifications it causes commit or fail together; no consumer has
//! to catch up after a crash.

pub mod digest;
pub mod email;
pub mod graphql;
pub mod model;
pub mod rules;
pub mod service;
pub mod store;
