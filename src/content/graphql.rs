//! GraphQL inputs and payloads shared by the content sub-slices.

use async_graphql::{InputObject, SimpleObject};
use uuid::Uuid;

/// Something to delete by id.
#[derive(InputObject)]
pub struct DeleteByIdInput {
    /// The id.
    pub id: Uuid,
}

/// Result of a deletion.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The deleted id.
    pub id: Uuid,
}
