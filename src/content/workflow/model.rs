//! The workflow as data: one row per allowed move.

use crate::db::schema::workflow_transitions;

/// One allowed workflow move (a row of `workflow_transitions`).
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = workflow_transitions, check_for_backend(diesel::pg::Pg))]
pub struct Transition {
    /// The action that makes the move (`submit`, `publish`, ...).
    pub action: String,
    /// State it leaves.
    pub from_status: String,
    /// State it enters.
    pub to_status: String,
    /// Permission the actor needs.
    pub permission: String,
    /// Permission enough for the item's author.
    pub own_permission: Option<String>,
    /// A comment must be given.
    pub comment_required: bool,
    /// Only while something is live.
    pub requires_live: bool,
    /// `none`, `go_live` or `take_down`.
    pub effect: String,
}

impl Transition {
    /// The working version goes live.
    pub fn goes_live(&self) -> bool {
        self.effect == "go_live"
    }

    /// Nothing stays live.
    pub fn takes_down(&self) -> bool {
        self.effect == "take_down"
    }
}
