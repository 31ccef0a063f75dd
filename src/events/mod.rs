//! Domain events: written to the `events` table in the transaction of the
//! change they describe (a transactional outbox), announced by PostgreSQL
//! NOTIFY, and fanned out in every process over a broadcast channel to
//! caches, subscriptions and jobs.

pub mod bus;
pub mod model;
pub(crate) mod payload;
pub mod store;
pub(crate) mod subscriber;

pub use bus::EventBus;
pub use model::{Event, NewEvent};
