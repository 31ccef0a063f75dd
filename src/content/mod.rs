//! Content: types with custom fields, items with immutable versions, the
//! editorial workflow, scheduling, taxonomy, and the published-read cache.
//!
//! Each sub-slice has the same rooms (model, store, service, graphql):
//! `types` (content types and their custom fields), `items` (items, their
//! reading and the one commit path), `history` (versions, diffs, restore),
//! `workflow` (moves by action, scheduling), `taxonomy` (categories, tags).
//! `shape` is the one definition of an item's editable fields; `service`
//! is the handle the sub-slices share.

pub mod graphql;
pub mod history;
pub mod items;
pub mod render;
pub mod service;
pub mod shape;
pub mod slug;
pub mod taxonomy;
pub mod types;
pub mod workflow;
