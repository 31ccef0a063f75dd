//! GraphQL for notifications: the caller's own only, signed in.

use std::sync::Arc;

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, InputObject, Json, Object, Result, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use futures_util::Stream;
use uuid::Uuid;

use super::model::{DigestFrequency, Notification, NotificationKind, Preferences};
use super::service::{KindSwitch, NotificationService};
use crate::auth::subscriber::Subscriber;
use crate::error::AppError;
use crate::events::model::kind;
use crate::events::payload::{NotificationCreated, Payload};
use crate::events::subscriber::{self, Step};
use crate::events::{Event, EventBus};
use crate::graphql::relay;
use crate::pagination::{Cursor, Page};
use crate::rbac::guard::{SignedIn, principal};

/// Something that happened that concerns the caller.
pub struct NotificationNode(Notification);

#[Object(name = "Notification")]
impl NotificationNode {
    /// Id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// What it is about (null for a kind this server no longer knows).
    async fn kind(&self) -> Option<NotificationKind> {
        NotificationKind::parse(&self.0.kind)
    }

    /// One line for a list.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// More detail, e.g. the reviewer's comment (may be empty).
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The item it is about.
    async fn content_id(&self) -> Option<Uuid> {
        self.0.content_id
    }

    /// Kind-specific facts (`action`, `actorId`, `comment`).
    async fn data(&self) -> Json<serde_json::Value> {
        Json(self.0.data.clone())
    }

    /// Whether the caller has read it.
    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }

    /// When it was read.
    async fn read_at(&self) -> Option<DateTime<Utc>> {
        self.0.read_at
    }

    /// When it was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// The switches for one kind.
#[derive(SimpleObject)]
pub struct NotificationKindPreference {
    /// The kind.
    pub kind: NotificationKind,
    /// Shown in the app.
    pub in_app: bool,
    /// Emailed.
    pub email: bool,
    /// Security notices: always on, cannot be turned off.
    pub locked: bool,
}

/// The caller's notification settings.
pub struct NotificationPreferencesNode(Preferences);

#[Object(name = "NotificationPreferences")]
impl NotificationPreferencesNode {
    /// Every kind with its switches.
    async fn kinds(&self) -> Vec<NotificationKindPreference> {
        NotificationKind::ALL
            .into_iter()
            .map(|kind| NotificationKindPreference {
                kind,
                in_app: self.0.in_app(kind),
                email: self.0.email(kind),
                locked: kind.is_security(),
            })
            .collect()
    }

    /// How often emails are batched.
    async fn digest(&self) -> DigestFrequency {
        self.0.digest()
    }

    /// Last change (null while the defaults apply).
    async fn updated_at(&self) -> Option<DateTime<Utc>> {
        (self.0.updated_at != DateTime::<Utc>::UNIX_EPOCH).then_some(self.0.updated_at)
    }
}

/// Mark one notification read.
#[derive(InputObject)]
pub struct MarkNotificationReadInput {
    /// The notification.
    pub id: Uuid,
}

/// The notification, now read.
#[derive(SimpleObject)]
pub struct MarkNotificationReadPayload {
    /// The notification.
    pub notification: NotificationNode,
}

/// How many notifications were marked read.
#[derive(SimpleObject)]
pub struct MarkAllNotificationsReadPayload {
    /// Notifications that were unread.
    pub count: i32,
}

/// New switches for one kind (a missing switch stays as it is).
#[derive(InputObject)]
pub struct NotificationKindPreferenceInput {
    /// The kind.
    pub kind: NotificationKind,
    /// Show it in the app.
    pub in_app: Option<bool>,
    /// Email it.
    pub email: Option<bool>,
}

/// Change notification settings (only what is given changes).
#[derive(InputObject)]
pub struct UpdateNotificationPreferencesInput {
    /// Per-kind switches. Security notices cannot be turned off.
    pub kinds: Option<Vec<NotificationKindPreferenceInput>>,
    /// How often emails are batched.
    pub digest: Option<DigestFrequency>,
}

/// The settings after the change.
#[derive(SimpleObject)]
pub struct UpdateNotificationPreferencesPayload {
    /// The settings.
    pub preferences: NotificationPreferencesNode,
}

/// Queries on the caller's notifications.
#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    /// The caller's notifications, newest first.
    #[graphql(
        guard = "SignedIn",
        complexity = "relay::complexity(first, None, child_complexity)"
    )]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        unread_only: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, NotificationNode>> {
        let page = Page::new(first, after, None, None)?;
        let (rows, more) = ctx
            .data::<NotificationService>()?
            .list(&principal(ctx), unread_only.unwrap_or(false), &page)
            .await?;
        let (has_previous, has_next) = page.page_info(more);
        let mut connection = Connection::new(has_previous, has_next);
        connection.edges.extend(rows.into_iter().map(|n| {
            let cursor = Cursor {
                at: n.created_at,
                id: n.id,
            };
            Edge::new(cursor.encode(), NotificationNode(n))
        }));
        Ok(connection)
    }

    /// How many of the caller's notifications are unread.
    #[graphql(guard = "SignedIn")]
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let count = ctx
            .data::<NotificationService>()?
            .unread_count(&principal(ctx))
            .await?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    /// The caller's notification settings.
    #[graphql(guard = "SignedIn")]
    async fn notification_preferences(
        &self,
        ctx: &Context<'_>,
    ) -> Result<NotificationPreferencesNode> {
        let prefs = ctx
            .data::<NotificationService>()?
            .preferences(&principal(ctx))
            .await?;
        Ok(NotificationPreferencesNode(prefs))
    }
}

/// Mutations on the caller's notifications.
#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks one of the caller's notifications read.
    #[graphql(guard = "SignedIn")]
    async fn mark_notification_read(
        &self,
        ctx: &Context<'_>,
        input: MarkNotificationReadInput,
    ) -> Result<MarkNotificationReadPayload> {
        let notification = ctx
            .data::<NotificationService>()?
            .mark_read(&principal(ctx), input.id)
            .await?;
        Ok(MarkNotificationReadPayload {
            notification: NotificationNode(notification),
        })
    }

    /// Marks all the caller's notifications read.
    #[graphql(guard = "SignedIn")]
    async fn mark_all_notifications_read(
        &self,
        ctx: &Context<'_>,
    ) -> Result<MarkAllNotificationsReadPayload> {
        let count = ctx
            .data::<NotificationService>()?
            .mark_all_read(&principal(ctx))
            .await?;
        Ok(MarkAllNotificationsReadPayload {
            count: i32::try_from(count).unwrap_or(i32::MAX),
        })
    }

    /// Changes the caller's notification settings.
    #[graphql(guard = "SignedIn")]
    async fn update_notification_preferences(
        &self,
        ctx: &Context<'_>,
        input: UpdateNotificationPreferencesInput,
    ) -> Result<UpdateNotificationPreferencesPayload> {
        let switches: Vec<KindSwitch> = input
            .kinds
            .unwrap_or_default()
            .into_iter()
            .map(|k| KindSwitch {
                kind: k.kind,
                in_app: k.in_app,
                email: k.email,
            })
            .collect();
        let prefs = ctx
            .data::<NotificationService>()?
            .update_preferences(&principal(ctx), &switches, input.digest)
            .await?;
        Ok(UpdateNotificationPreferencesPayload {
            preferences: NotificationPreferencesNode(prefs),
        })
    }
}

/// Subscriptions to the caller's notifications.
#[derive(Default)]
pub struct NotificationSubscription;

struct Listening {
    user: Uuid,
    subscriber: Subscriber,
    service: NotificationService,
}

impl Listening {
    /// What the caller gets of `event`: their notification, if it is one.
    async fn step(&mut self, event: Arc<Event>) -> Step<NotificationNode> {
        if event.kind != kind::NOTIFICATION_CREATED || event.user_id != Some(self.user) {
            return Step::Skip;
        }
        let Some(id) = NotificationCreated::of(&event).notification_id else {
            return Step::Skip;
        };
        let principal = match self.subscriber.recheck().await {
            Ok(current) => current,
            Err(step) => return step,
        };
        match self.service.get(principal, id).await {
            Ok(Some(notification)) => Step::Send(NotificationNode(notification)),
            // Deleted with its user, or the session now belongs to nobody.
            Ok(None) | Err(AppError::Unauthenticated(_)) => Step::Skip,
            Err(err) => {
                tracing::warn!(error = %err, "cannot load a notification; skipping it");
                Step::Skip
            }
        }
    }
}

#[Subscription]
impl NotificationSubscription {
    /// The caller's notifications as they are made, on any instance.
    #[graphql(guard = "SignedIn")]
    async fn notification_received(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<NotificationNode>> + use<>> {
        let subscriber = Subscriber::of(ctx)?;
        let mut listening = Listening {
            user: subscriber.principal().user()?.user_id,
            subscriber,
            service: ctx.data::<NotificationService>()?.clone(),
        };
        // Subscribe before returning so nothing made after the
        // subscription starts is missed.
        let rx = ctx.data::<EventBus>()?.subscribe();
        Ok(subscriber::stream(
            "notificationReceived",
            rx,
            async move |event| listening.step(event).await,
        ))
    }
}
