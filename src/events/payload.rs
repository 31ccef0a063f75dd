//! The `data` of each event kind, defined once for the writer and every
//! reader. The JSON keys are part of the stored events (and of what other
//! instances read), so a field is renamed only with its `serde` name kept.
//!
//! Readers are lenient: a key missing from an older event reads as its
//! default, as do the facts of an event that does not parse at all.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Event;

/// An event payload.
pub(crate) trait Payload: Serialize + DeserializeOwned + Default {
    /// The payload as the `data` of a new event.
    fn to_data(&self) -> serde_json::Value {
        // Invariant: payloads are plain structs with string keys, which
        // always serialise.
        #[allow(clippy::expect_used)]
        serde_json::to_value(self).expect("event payloads serialise")
    }

    /// The payload of `event` (defaults for what is missing or unreadable).
    fn of(event: &Event) -> Self {
        Self::deserialize(&event.data).unwrap_or_default()
    }
}

/// Every `content.*` event but `content.bulk_changed`: the item's state
/// after the change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct ContentChange {
    /// The item's content type.
    pub type_id: Option<Uuid>,
    /// The item's author.
    pub author_id: Option<Uuid>,
    /// Workflow state.
    pub status: String,
    /// Working version.
    pub version: i32,
    /// Live version, if any.
    pub live_version: Option<i32>,
    /// Whether the public can see the item now.
    pub public: bool,
    /// Whether the public could see it before the change.
    pub was_public: bool,
    /// The audit action, where the change has one of its own.
    pub action: Option<String>,
}

impl Payload for ContentChange {}

/// `content.bulk_changed`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct BulkChange {
    /// How many items were written.
    pub items: usize,
}

impl Payload for BulkChange {}

/// `notification.created`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct NotificationCreated {
    /// The notification.
    pub notification_id: Option<Uuid>,
    /// Its kind.
    pub kind: String,
}

impl Payload for NotificationCreated {}

/// `user.signed_up`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct UserSignedUp {
    /// The role the account got.
    pub role: String,
}

impl Payload for UserSignedUp {}

/// `user.updated`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct UserUpdated {
    /// The audit action (`user.role_changed`, `user.deactivated`, ...).
    pub action: String,
}

impl Payload for UserUpdated {}

/// `user.access_changed`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct UserAccessChanged {
    /// Sessions to forget (empty: only the user's own facts).
    pub sessions: Vec<Uuid>,
}

impl Payload for UserAccessChanged {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_change_keeps_its_keys() {
        let id = Uuid::nil();
        let data = ContentChange {
            type_id: Some(id),
            author_id: Some(id),
            status: "DRAFT".into(),
            version: 2,
            live_version: None,
            public: false,
            was_public: true,
            action: None,
        }
        .to_data();
        assert_eq!(
            data,
            serde_json::json!({
                "typeId": id,
                "authorId": id,
                "status": "DRAFT",
                "version": 2,
                "liveVersion": null,
                "public": false,
                "wasPublic": true,
                "action": null,
            })
        );
    }

    #[test]
    fn other_payloads_keep_their_keys() {
        let id = Uuid::nil();
        assert_eq!(
            NotificationCreated {
                notification_id: Some(id),
                kind: "NEW_SIGN_IN".into(),
            }
            .to_data(),
            serde_json::json!({ "notificationId": id, "kind": "NEW_SIGN_IN" })
        );
        assert_eq!(
            UserAccessChanged { sessions: vec![id] }.to_data(),
            serde_json::json!({ "sessions": [id] })
        );
        assert_eq!(
            UserUpdated {
                action: "user.deactivated".into()
            }
            .to_data(),
            serde_json::json!({ "action": "user.deactivated" })
        );
        assert_eq!(
            UserSignedUp {
                role: "author".into()
            }
            .to_data(),
            serde_json::json!({ "role": "author" })
        );
        assert_eq!(
            BulkChange { items: 3 }.to_data(),
            serde_json::json!({ "items": 3 })
        );
    }

    #[test]
    fn missing_keys_read_as_defaults() {
        let data = serde_json::json!({ "status": "PUBLISHED", "public": true });
        let change = ContentChange::deserialize(&data).unwrap_or_default();
        assert_eq!(change.status, "PUBLISHED");
        assert!(change.public && !change.was_public);
        assert_eq!(change.author_id, None);
    }
}
