//! Who is told what. Rules run inside the transaction of the change that
//! causes them: the change and its notifications commit together, so a
//! crash can lose neither without the other, and nothing has to replay
//! events afterwards. Each notification also writes a
//! `notification.created` event, which carries it to `notificationReceived`
//! subscribers on every instance.

use std::collections::HashMap;

use diesel_async::AsyncPgConnection;
use uuid::Uuid;

use super::email::NotificationMail;
use super::model::{NewNotification, NotificationKind, Preferences};
use super::store;
use crate::error::AppError;
use crate::events::model::{NewEvent, kind};
use crate::events::payload::{NotificationCreated, Payload};
use crate::rbac::perm;

/// A workflow move just made to an item, as the rules need it.
#[derive(Debug, Clone)]
pub struct ContentFacts<'a> {
    pub content_id: Uuid,
    /// The move's content event, the notifications' cause.
    pub event_id: i64,
    /// Its author.
    pub author_id: Uuid,
    /// Its title after the move.
    pub title: &'a str,
    /// The workflow action (`submit`, `approve`, ...).
    pub action: &'a str,
    /// Who moved it (for a scheduled move: who scheduled it).
    pub actor_id: Uuid,
    /// The actor's comment.
    pub comment: Option<&'a str>,
    /// Whether the scheduler made the move, not a person just now.
    pub scheduled: bool,
}

/// Notifies whoever a workflow move concerns. The move's content event is
/// the notifications' cause, so running this twice for one event notifies
/// nobody twice.
pub async fn on_content_event(
    conn: &mut AsyncPgConnection,
    mail: Option<&NotificationMail>,
    facts: &ContentFacts<'_>,
) -> Result<(), AppError> {
    let (kind, title) = match facts.action {
        "submit" => (
            NotificationKind::ReviewRequested,
            format!("\"{}\" was submitted for review", facts.title),
        ),
        "request_changes" => (
            NotificationKind::ChangesRequested,
            format!("Changes were requested on \"{}\"", facts.title),
        ),
        "approve" => (
            NotificationKind::ContentApproved,
            format!("\"{}\" was approved", facts.title),
        ),
        "publish" if facts.scheduled => (
            NotificationKind::ScheduledPublishDone,
            format!("\"{}\" went live as scheduled", facts.title),
        ),
        "publish" => (
            NotificationKind::ContentPublished,
            format!("\"{}\" was published", facts.title),
        ),
        _ => return Ok(()),
    };
    let recipients: Vec<Uuid> = match kind {
        NotificationKind::ReviewRequested => {
            crate::users::store::active_ids_with_permission(conn, perm::CONTENT_REVIEW)
                .await?
                .into_iter()
                .filter(|user| *user != facts.actor_id)
                .collect()
        }
        // A scheduled publication happens without anyone acting at that
        // moment, so the author hears of it even when they scheduled it.
        NotificationKind::ScheduledPublishDone => vec![facts.author_id],
        _ if facts.author_id == facts.actor_id => Vec::new(),
        _ => vec![facts.author_id],
    };
    if recipients.is_empty() {
        return Ok(());
    }
    let notice = Notice {
        kind,
        title,
        body: facts.comment.unwrap_or_default().to_string(),
        content_id: Some(facts.content_id),
        event_id: Some(facts.event_id),
        actor_id: Some(facts.actor_id),
        data: serde_json::json!({
            "action": facts.action,
            "actorId": facts.actor_id,
            "comment": facts.comment,
        }),
    };
    notify(conn, mail, &recipients, &notice).await
}

/// Tells `user` about a change to their account. Security notices ignore
/// preferences: they cannot be turned off, and with `mail` they are always
/// emailed too.
pub async fn on_security(
    conn: &mut AsyncPgConnection,
    mail: Option<&NotificationMail>,
    user: Uuid,
    kind: NotificationKind,
    actor_id: Option<Uuid>,
) -> Result<(), AppError> {
    let title = match kind {
        NotificationKind::PasswordChanged => "Your password was changed",
        NotificationKind::TwoFactorEnabled => "Two-factor authentication was turned on",
        NotificationKind::TwoFactorDisabled => "Two-factor authentication was turned off",
        NotificationKind::NewSignIn => "New sign-in to your account from a new device",
        _ => {
            return Err(AppError::Internal(anyhow::anyhow!(
                "{kind:?} is not a security notice"
            )));
        }
    };
    let notice = Notice {
        kind,
        title: title.into(),
        body: "If this was not you, reset your password and review your sessions.".into(),
        content_id: None,
        event_id: None,
        actor_id,
        data: serde_json::json!({ "actorId": actor_id }),
    };
    notify(conn, mail, &[user], &notice).await
}

/// One notification for several recipients.
struct Notice {
    kind: NotificationKind,
    title: String,
    body: String,
    content_id: Option<Uuid>,
    event_id: Option<i64>,
    actor_id: Option<Uuid>,
    data: serde_json::Value,
}

/// Writes the notice for each recipient who wants it in the app and, with
/// `mail`, queues an email for those who want one now.
async fn notify(
    conn: &mut AsyncPgConnection,
    mail: Option<&NotificationMail>,
    recipients: &[Uuid],
    notice: &Notice,
) -> Result<(), AppError> {
    let stored: HashMap<Uuid, Preferences> = if notice.kind.is_security() {
        HashMap::new()
    } else {
        store::preferences_of(conn, recipients)
            .await?
            .into_iter()
            .map(|p| (p.user_id, p))
            .collect()
    };
    for &user in recipients {
        let wanted = stored
            .get(&user)
            .is_none_or(|prefs| prefs.in_app(notice.kind));
        if !wanted {
            continue;
        }
        let new = NewNotification {
            id: Uuid::new_v4(),
            user_id: user,
            kind: notice.kind.as_str(),
            title: notice.title.clone(),
            body: notice.body.clone(),
            content_id: notice.content_id,
            event_id: notice.event_id,
            data: notice.data.clone(),
        };
        let Some(written) = store::insert(conn, &new).await? else {
            continue;
        };
        if let Some(mail) = mail {
            let prefs = stored
                .get(&user)
                .cloned()
                .unwrap_or_else(|| Preferences::defaults(user));
            mail.on_created(
                conn,
                &prefs,
                written.id,
                notice.kind,
                &written.title,
                &written.body,
            )
            .await?;
        }
        crate::events::store::append(
            conn,
            &NewEvent {
                kind: kind::NOTIFICATION_CREATED,
                content_id: written.content_id,
                user_id: Some(user),
                actor_id: notice.actor_id,
                data: NotificationCreated {
                    notification_id: Some(written.id),
                    kind: written.kind.clone(),
                }
                .to_data(),
            },
        )
        .await?;
    }
    Ok(())
}
