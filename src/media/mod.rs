//! The media library: files uploaded through GraphQL (multipart), kept in
//! storage under their checksum, described by rows in `media`, and served
//! by `GET /media/{id}/{filename}` to whoever may see them.

pub(crate) mod delivery;
pub(crate) mod direct;
pub(crate) mod duration;
pub(crate) mod folders;
pub mod graphql;
pub(crate) mod heif;
pub(crate) mod model;
pub(crate) mod render;
pub mod scan;
pub mod service;
pub(crate) mod sniff;
pub(crate) mod storage;
pub(crate) mod store;
pub(crate) mod strip;
pub mod transform;
pub(crate) mod urls;
pub(crate) mod variants;
