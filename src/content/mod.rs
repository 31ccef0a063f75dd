//! Content: types with custom fields, items with immutable versions, the
//! editorial workflow, scheduling, taxonomy, and the published-read cache.
//!
//! Each sub-slice has the same rooms (model, store, service, graphql):
//! `types` (content types and their custom fields), `items` (items, their
//! reading and the one commit path), `history` (versions, diffs, restore),
//! `workflow` (moves by action, scheduling), `taxonomy` (categories, tags).
//! `shape` is the one definition of an item's editable fields; `service`
//! is the handle the sub-slices share.

pub(crate) mod catalog;
pub(crate) mod graphql;
pub(crate) mod history;
pub(crate) mod items;
pub(crate) mod render;
pub mod service;
pub(crate) mod shape;
pub(crate) mod slug;
pub(crate) mod taxonomy;
pub(crate) mod types;
pub(crate) mod workflow;
