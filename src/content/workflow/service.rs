//! The workflow engine: moves by action, scheduling, and the due-run the
//! scheduler calls.

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::{rules, store};
use crate::content::items::commit::{
    Append, acting_as, append_version, audit_entry, emit, type_of, working,
};
use crate::content::items::model::{ContentEntry, ContentItem, ItemChangeset};
use crate::content::service::{ContentService, is_public};
use crate::context::RequestMeta;
use crate::error::AppError;
use crate::events::model::kind;
use crate::rbac::perm;
use crate::rbac::principal::{Credential, Principal};

impl ContentService {
    /// Runs a workflow action (`submit`, `approve`, `publish`, ...) as
    /// defined by the item's workflow rows.
    pub async fn transition(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        action: &str,
        comment: Option<String>,
    ) -> Result<ContentEntry, AppError> {
        let mut conn = self.db.conn().await?;
        let entry = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                self.apply_transition(
                    conn,
                    principal,
                    meta,
                    item,
                    action,
                    comment.as_deref(),
                    Utc::now(),
                )
                .await
            })
            .await?;
        self.cache.changed().await;
        self.wake_mail();
        Ok(entry)
    }

    /// The transition engine, inside the caller's transaction with the
    /// item locked.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn apply_transition(
        &self,
        conn: &mut AsyncPgConnection,
        principal: &Principal,
        meta: &RequestMeta,
        item: ContentItem,
        action: &str,
        comment: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<ContentEntry, AppError> {
        let ty = type_of(conn, &item).await?;
        let rows = store::transitions_for(conn, &ty.workflow, action).await?;
        if rows.is_empty() {
            return Err(AppError::bad_input(
                "input.action",
                format!("the {} workflow has no action {action}", ty.workflow),
            ));
        }
        let user = principal.user()?;
        let transition = rules::choose(&rows, principal, &item, action)?;
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        if transition.comment_required && comment.is_none() {
            return Err(AppError::bad_input(
                "input.comment",
                format!("{action} needs a comment"),
            ));
        }
        if comment.is_some_and(|c| c.chars().count() > 5_000) {
            return Err(AppError::bad_input(
                "input.comment",
                "must be at most 5000 characters",
            ));
        }
        let snapshot = working(conn, &item).await?.content.clone();
        let mut changes = ItemChangeset::default();
        match transition.effect.as_str() {
            "go_live" => {
                changes.live_version = Some(Some(item.working_version + 1));
                changes.published_at = Some(Some(now));
                changes.first_published_at = Some(Some(item.first_published_at.unwrap_or(now)));
                changes.publish_at = Some(None);
            }
            "take_down" => {
                changes.live_version = Some(None);
                changes.unpublish_at = Some(None);
            }
            _ => {}
        }
        if changes.publish_at.is_some() && item.unpublish_at.is_none() {
            changes.scheduled_by = Some(None);
        }
        let was_public = is_public(&item);
        let (item, version) = append_version(
            conn,
            &item,
            &snapshot,
            Append {
                event: action,
                status: &transition.to_status,
                note: comment,
                actor: Some(user.user_id),
            },
            changes,
        )
        .await?;
        let mut audit = audit_entry(
            &format!("content.{action}"),
            meta,
            Some(user.user_id),
            item.id,
        )
        .details(serde_json::json!({
            "from": transition.from_status,
            "to": transition.to_status,
            "version": version.version,
            "comment": comment,
        }));
        if user.credential == Credential::System {
            audit.actor_kind = crate::audit::model::ActorKind::System.as_str();
        }
        crate::audit::store::record(conn, &audit).await?;
        let event = match transition.effect.as_str() {
            "go_live" => kind::CONTENT_PUBLISHED,
            "take_down" => kind::CONTENT_UNPUBLISHED,
            _ => kind::CONTENT_STATUS_CHANGED,
        };
        let event_id = emit(
            conn,
            event,
            &item,
            Some(user.user_id),
            was_public,
            Some(action),
        )
        .await?;
        crate::notifications::rules::on_content_event(
            conn,
            self.mail.as_ref(),
            &crate::notifications::rules::ContentFacts {
                content_id: item.id,
                event_id,
                author_id: item.author_id,
                title: &version.content.title,
                action,
                actor_id: user.user_id,
                comment,
                scheduled: user.credential == Credential::System,
            },
        )
        .await?;
        Ok(ContentEntry::full(item, version))
    }

    /// Sets or clears an item's scheduled publication and take-down.
    pub async fn schedule(
        &self,
        principal: &Principal,
        meta: &RequestMeta,
        id: Uuid,
        publish_at: Option<DateTime<Utc>>,
        unpublish_at: Option<DateTime<Utc>>,
    ) -> Result<ContentItem, AppError> {
        let user = principal.require(perm::CONTENT_PUBLISH)?;
        if let (Some(publish), Some(unpublish)) = (publish_at, unpublish_at)
            && unpublish <= publish
        {
            return Err(AppError::bad_input(
                "input.unpublishAt",
                "must be after publishAt",
            ));
        }
        let mut conn = self.db.conn().await?;
        let item = conn
            .transaction::<_, AppError, _>(async |conn| {
                let item = self.lock_visible(conn, principal, id).await?;
                self.check_editable(&item)?;
                let changes = ItemChangeset {
                    publish_at: Some(publish_at),
                    unpublish_at: Some(unpublish_at),
                    scheduled_by: Some(
                        (publish_at.is_some() || unpublish_at.is_some()).then_some(user.user_id),
                    ),
                    ..ItemChangeset::default()
                };
                let was_public = is_public(&item);
                let item =
                    crate::content::items::store::update_item(conn, item.id, &changes).await?;
                emit(
                    conn,
                    kind::CONTENT_SCHEDULED,
                    &item,
                    Some(user.user_id),
                    was_public,
                    None,
                )
                .await?;
                crate::audit::store::record(
                    conn,
                    &audit_entry("content.scheduled", meta, Some(user.user_id), item.id).details(
                        serde_json::json!({ "publishAt": publish_at, "unpublishAt": unpublish_at }),
                    ),
                )
                .await?;
                Ok(item)
            })
            .await?;
        self.cache.changed().await;
        Ok(item)
    }

    // ------------------------------------------------------------ scheduler

    /// Publishes and takes down what is due at `now`, acting as the user
    /// who scheduled each item. Returns how many items were handled.
    /// Safe to run in several processes at once: rows are claimed with
    /// `FOR UPDATE SKIP LOCKED`.
    pub async fn run_due(&self, now: DateTime<Utc>) -> Result<usize, AppError> {
        let mut handled = 0;
        loop {
            let mut conn = self.db.conn().await?;
            let batch = conn
                .transaction::<_, AppError, _>(async |conn| {
                    let due = store::claim_due(conn, now, 20).await?;
                    for item in &due {
                        self.run_one(conn, item.clone(), now).await?;
                    }
                    Ok(due.len())
                })
                .await?;
            handled += batch;
            if batch > 0 {
                self.cache.changed().await;
            }
            if batch < 20 {
                return Ok(handled);
            }
        }
    }

    pub(crate) async fn run_one(
        &self,
        conn: &mut AsyncPgConnection,
        item: ContentItem,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let meta = RequestMeta::default();
        let publish = item.publish_at.is_some_and(|at| at <= now);
        let action = if publish { "publish" } else { "unpublish" };
        let principal = match item.scheduled_by {
            Some(user) => acting_as(conn, user).await?,
            None => Principal::Anonymous,
        };
        // Each item runs in a savepoint, so one refused item does not undo
        // the others in the batch.
        let outcome = conn
            .transaction::<_, AppError, _>(async |conn| {
                self.apply_transition(
                    conn,
                    &principal,
                    &meta,
                    item.clone(),
                    action,
                    Some("scheduled"),
                    now,
                )
                .await
            })
            .await;
        if let Err(err) = outcome {
            tracing::warn!(item = %item.id, action, error = %err, "scheduled change refused");
            let changes = if publish {
                ItemChangeset {
                    publish_at: Some(None),
                    ..ItemChangeset::default()
                }
            } else {
                ItemChangeset {
                    unpublish_at: Some(None),
                    ..ItemChangeset::default()
                }
            };
            crate::content::items::store::update_item(conn, item.id, &changes).await?;
            let mut audit = audit_entry("content.schedule_failed", &meta, None, item.id)
                .details(serde_json::json!({ "action": action, "reason": err.to_string() }));
            audit.actor_id = item.scheduled_by;
            crate::audit::store::record(conn, &audit).await?;
        }
        Ok(())
    }
}
