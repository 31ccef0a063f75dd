//! GraphQL of items: thin objects over the content service. Relations
//! (author, type, category, tags, references) load through per-request
//! DataLoaders, so a list costs the same few queries at any length.

mod inputs;
mod mutation;
mod objects;
mod query;
pub mod subscription;

pub use inputs::*;
pub use mutation::ContentMutation;
pub use objects::*;
pub use query::*;
