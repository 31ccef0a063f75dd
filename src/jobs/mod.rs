//! Background workers: one loop for periodic jobs ([`periodic`]) and one
//! for following the event bus ([`follow`]). The work itself stays in the
//! services; these loops only decide when it runs and when it stops.

pub(crate) mod follow;
pub(crate) mod periodic;
