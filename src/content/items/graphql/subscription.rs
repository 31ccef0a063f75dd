//! `contentEvents`: content changes as they happen, on every instance.
//!
//! Each subscriber gets only the events it may see, decided per event with
//! its permissions as they are at that moment: a demoted editor stops
//! receiving drafts at once, and a subscriber whose session was revoked is
//! disconnected.

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::{Context, Enum, InputObject, Object, Result, Subscription};
use chrono::{DateTime, Utc};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use crate::auth::access::Access;
use crate::auth::subscriber::Subscriber;
use crate::content::items::graphql::ContentNode;
use crate::content::items::model::Visibility;
use crate::content::service::{self, ContentService};
use crate::events::model::kind;
use crate::events::payload::{ContentChange, Payload};
use crate::events::subscriber::{self, Step};
use crate::events::{Event, EventBus};
use crate::rbac::guard::principal;
use crate::rbac::principal::Principal;

/// What happened to an item.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ContentEventKind {
    /// Created (as a draft).
    Created,
    /// The working version changed.
    Updated,
    /// An old version became the working version.
    VersionRestored,
    /// A workflow move that changed nothing live.
    StatusChanged,
    /// A version went live.
    Published,
    /// Nothing is live any more.
    Unpublished,
    /// Moved to the trash.
    Deleted,
    /// Back from the trash.
    Restored,
    /// Its schedule changed.
    Scheduled,
}

impl ContentEventKind {
    fn of(event: &str) -> Option<Self> {
        Some(match event {
            kind::CONTENT_CREATED => Self::Created,
            kind::CONTENT_UPDATED => Self::Updated,
            kind::CONTENT_VERSION_RESTORED => Self::VersionRestored,
            kind::CONTENT_STATUS_CHANGED => Self::StatusChanged,
            kind::CONTENT_PUBLISHED => Self::Published,
            kind::CONTENT_UNPUBLISHED => Self::Unpublished,
            kind::CONTENT_DELETED => Self::Deleted,
            kind::CONTENT_RESTORED => Self::Restored,
            kind::CONTENT_SCHEDULED => Self::Scheduled,
            _ => return None,
        })
    }

    /// Kinds the public is told about, for items it can see or just saw.
    fn public(self) -> bool {
        matches!(
            self,
            Self::Published | Self::Unpublished | Self::Deleted | Self::Restored
        )
    }
}

/// Which events to receive (all given parts must match).
#[derive(InputObject, Default)]
pub struct ContentEventFilter {
    /// Only these kinds.
    types: Option<Vec<ContentEventKind>>,
    /// Only items of these content types (API ids).
    content_types: Option<Vec<String>>,
    /// Only these items.
    ids: Option<Vec<Uuid>>,
}

/// A change to an item.
pub struct ContentEvent {
    event: Arc<Event>,
    change: ContentChange,
    kind: ContentEventKind,
    /// The subscriber as they were when the event was delivered.
    principal: Principal,
    editorial: bool,
}

#[Object]
impl ContentEvent {
    /// Event id (increasing within one transaction's events).
    async fn id(&self) -> String {
        self.event.id.to_string()
    }

    /// What happened.
    async fn kind(&self) -> ContentEventKind {
        self.kind
    }

    /// The item.
    async fn content_id(&self) -> Option<Uuid> {
        self.event.content_id
    }

    /// Whether the public can see the item now.
    async fn is_live(&self) -> bool {
        self.change.public
    }

    /// The item's workflow state after the change (the public sees
    /// `PUBLISHED` or `UNPUBLISHED`).
    async fn status(&self) -> String {
        if self.editorial {
            self.change.status.clone()
        } else if self.change.public {
            "PUBLISHED".into()
        } else {
            "UNPUBLISHED".into()
        }
    }

    /// Who acted (editorial subscribers only).
    async fn actor_id(&self) -> Option<Uuid> {
        self.event.actor_id.filter(|_| self.editorial)
    }

    /// When.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.event.occurred_at
    }

    /// The item as the subscriber may see it now (null when not visible).
    async fn content(&self, ctx: &Context<'_>) -> Result<Option<ContentNode>> {
        let Some(id) = self.event.content_id else {
            return Ok(None);
        };
        let entry = ctx
            .data::<ContentService>()?
            .get(&self.principal, id)
            .await?;
        let visibility = service::visibility(&self.principal);
        Ok(entry.map(|e| ContentNode::new(e, visibility)))
    }
}

/// Whether a subscriber who sees `visibility` may receive `event`.
fn may_receive(visibility: Visibility, change: &ContentChange, kind: ContentEventKind) -> bool {
    sees_drafts(visibility, change) || (kind.public() && (change.public || change.was_public))
}

/// Whether a subscriber who sees `visibility` sees drafts of the changed
/// item (an event that names no author: only those who see every draft).
fn sees_drafts(visibility: Visibility, change: &ContentChange) -> bool {
    match change.author_id {
        Some(author) => visibility.sees_drafts_of(author),
        None => visibility == Visibility::All,
    }
}

/// Subscriptions to content.
#[derive(Default)]
pub struct ContentSubscription;

struct Listening {
    subscriber: Subscriber,
    kinds: Option<HashSet<ContentEventKind>>,
    type_ids: Option<HashSet<Uuid>>,
    ids: Option<HashSet<Uuid>>,
}

impl Listening {
    fn wanted(&self, event: &Event, change: &ContentChange, kind: ContentEventKind) -> bool {
        let type_id = change.type_id;
        self.kinds.as_ref().is_none_or(|k| k.contains(&kind))
            && self
                .type_ids
                .as_ref()
                .is_none_or(|t| type_id.is_some_and(|id| t.contains(&id)))
            && self
                .ids
                .as_ref()
                .is_none_or(|ids| event.content_id.is_some_and(|id| ids.contains(&id)))
    }

    /// What this subscriber gets of `event`.
    async fn step(&mut self, event: Arc<Event>) -> Step<ContentEvent> {
        let Some(kind) = ContentEventKind::of(&event.kind) else {
            return Step::Skip;
        };
        let change = ContentChange::of(&event);
        if !self.wanted(&event, &change, kind) {
            return Step::Skip;
        }
        let principal = match self.subscriber.recheck().await {
            Ok(current) => current.clone(),
            Err(step) => return step,
        };
        let visibility = service::visibility(&principal);
        if !may_receive(visibility, &change, kind) {
            return Step::Skip;
        }
        let editorial = sees_drafts(visibility, &change);
        Step::Send(ContentEvent {
            event,
            change,
            kind,
            principal,
            editorial,
        })
    }
}

/// Workflow-state counts of the editorial dashboard.
#[derive(async_graphql::SimpleObject)]
pub struct StatusCount {
    /// Workflow state.
    status: String,
    /// Items in it (trash excluded).
    count: i64,
}

/// What the editorial dashboard shows.
#[derive(async_graphql::SimpleObject)]
pub struct DashboardStats {
    /// Items per workflow state.
    by_status: Vec<StatusCount>,
    /// Items waiting for review.
    in_review: i64,
    /// Items live now.
    live: i64,
    /// The next scheduled publication.
    next_publish_at: Option<DateTime<Utc>>,
    /// Items that went live since midnight UTC.
    published_today: i64,
}

impl From<&crate::content::items::store::Dashboard> for DashboardStats {
    fn from(d: &crate::content::items::store::Dashboard) -> Self {
        Self {
            in_review: d
                .by_status
                .iter()
                .find(|(s, _)| s == "IN_REVIEW")
                .map_or(0, |(_, n)| *n),
            by_status: d
                .by_status
                .iter()
                .map(|(status, count)| StatusCount {
                    status: status.clone(),
                    count: *count,
                })
                .collect(),
            live: d.live,
            next_publish_at: d.next_publish_at,
            published_today: d.published_today,
        }
    }
}

/// One dashboard subscriber.
struct Watching {
    first: Option<Arc<crate::content::items::store::Dashboard>>,
    rx: tokio::sync::broadcast::Receiver<Arc<Event>>,
    principal: Principal,
    service: ContentService,
    access: Access,
}

impl Watching {
    /// The next figures, or `None` when the subscriber is gone.
    async fn next(&mut self) -> Option<Result<DashboardStats>> {
        if let Some(first) = self.first.take() {
            return Some(Ok(DashboardStats::from(first.as_ref())));
        }
        // Wait for a content change, then let a burst settle.
        loop {
            match self.rx.recv().await {
                Ok(event) if event.is_content() => break,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => break,
                Err(RecvError::Closed) => return None,
            }
        }
        tokio::time::sleep(DASHBOARD_EVERY).await;
        while self.rx.try_recv().is_ok() {}
        self.principal = self.access.recheck(&self.principal).await.ok()??;
        Some(
            self.service
                .dashboard(&self.principal)
                .await
                .map(|d| DashboardStats::from(d.as_ref()))
                .map_err(async_graphql::Error::from),
        )
    }
}

/// Pushes to one dashboard subscriber at most this often.
const DASHBOARD_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

#[Subscription]
impl ContentSubscription {
    /// The editorial dashboard: the figures at once, then again after
    /// content changes (several changes close together make one push).
    /// Needs `content.read_draft`; permissions are re-checked per push.
    #[graphql(guard = "crate::rbac::guard::Require(crate::rbac::perm::CONTENT_READ_DRAFT)")]
    async fn dashboard_stats(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<DashboardStats>> + use<>> {
        let service = ctx.data::<ContentService>()?.clone();
        let auth = ctx.data::<Access>()?.clone();
        let principal = principal(ctx);
        let rx = ctx.data::<EventBus>()?.subscribe();
        let first = service.dashboard(&principal).await?;
        let watching = Watching {
            first: Some(first),
            rx,
            principal,
            service,
            access: auth,
        };
        Ok(futures_util::stream::unfold(
            Some(watching),
            |watching| async move {
                let mut watching = watching?;
                let item = watching.next().await?;
                // After an error (the permission was taken away) the stream ends.
                let next = item.is_ok().then_some(watching);
                Some((item, next))
            },
        ))
    }

    /// Content changes the caller may see, as they happen on any instance.
    /// Anonymous callers and viewers get items going live or leaving the
    /// public view; authors also get everything about their own items;
    /// editors get everything.
    async fn content_events(
        &self,
        ctx: &Context<'_>,
        filter: Option<ContentEventFilter>,
    ) -> Result<impl Stream<Item = Result<ContentEvent>> + use<>> {
        let filter = filter.unwrap_or_default();
        let type_ids = match &filter.content_types {
            Some(types) => Some(
                ctx.data::<ContentService>()?
                    .type_ids("filter.contentTypes", types)
                    .await?
                    .into_iter()
                    .collect(),
            ),
            None => None,
        };
        let mut listening = Listening {
            subscriber: Subscriber::of(ctx)?,
            kinds: filter.types.map(|k| k.into_iter().collect()),
            type_ids,
            ids: filter.ids.map(|i| i.into_iter().collect()),
        };
        // Subscribe before returning, so nothing published after the
        // subscription starts is missed.
        let rx = ctx.data::<EventBus>()?.subscribe();
        Ok(subscriber::stream(
            "contentEvents",
            rx,
            async move |event| listening.step(event).await,
        ))
    }
}
