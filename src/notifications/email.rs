//! Notification email: one mail per notification for users who want them
//! immediately, signed one-click unsubscribe links (RFC 8058) and what
//! applying one does. Digests live in [`super::digest`].
//!
//! **Unsubscribe tokens** are base64url of `v1|<user id>|<kind or "all">|<mac>`,
//! the MAC being HMAC-SHA256 under the JWT signing secret over the purpose
//! (`unsubscribe`), version, user and kind. They do not expire: an
//! unsubscribe link in an old mail must keep working. The version prefix
//! lets a later format replace this one.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use diesel_async::AsyncPgConnection;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use super::model::{NotificationKind, Preferences, PreferencesChange};
use crate::error::AppError;
use crate::mail::outbox::{Outbox, OutboxMail};
use crate::mail::{Recipient, Template};

/// The current token version.
const VERSION: &str = "v1";
/// What the MAC is for, so no other HMAC under the secret verifies.
const PURPOSE: &str = "unsubscribe";
/// The token's scope word for "every kind that can be turned off".
const ALL: &str = "all";

/// What an unsubscribe token turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsubscribeScope {
    /// Email for one kind.
    Kind(NotificationKind),
    /// Email for every non-security kind.
    All,
}

impl UnsubscribeScope {
    fn as_str(self) -> &'static str {
        match self {
            Self::Kind(kind) => kind.as_str(),
            Self::All => ALL,
        }
    }
}

/// Signs and checks unsubscribe tokens; cheap to clone.
#[derive(Clone)]
pub struct UnsubscribeKey(Arc<Vec<u8>>);

impl std::fmt::Debug for UnsubscribeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeKey(..)")
    }
}

impl UnsubscribeKey {
    /// A key over `secret` (the JWT signing secret).
    pub fn new(secret: &[u8]) -> Self {
        Self(Arc::new(secret.to_vec()))
    }

    fn mac(&self, user: Uuid, scope: &str) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for part in [PURPOSE, VERSION, &user.to_string(), scope] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac
    }

    /// A token that turns off `scope` for `user`.
    pub fn sign(&self, user: Uuid, scope: UnsubscribeScope) -> String {
        let scope = scope.as_str();
        let mut token = format!("{VERSION}|{}|{scope}|", user.simple()).into_bytes();
        token.extend_from_slice(&self.mac(user, scope).finalize().into_bytes());
        URL_SAFE_NO_PAD.encode(token)
    }

    /// The user and scope of a genuine token.
    pub fn verify(&self, token: &str) -> Option<(Uuid, UnsubscribeScope)> {
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        let mut parts = bytes.splitn(4, |b| *b == b'|');
        let (version, user, scope, tag) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if version != VERSION.as_bytes() {
            return None;
        }
        let user = Uuid::try_parse_ascii(user).ok()?;
        let scope = std::str::from_utf8(scope).ok()?;
        // Constant-time comparison.
        self.mac(user, scope).verify_slice(tag).ok()?;
        let scope = match scope {
            ALL => UnsubscribeScope::All,
            kind => UnsubscribeScope::Kind(NotificationKind::parse(kind)?),
        };
        Some((user, scope))
    }
}

/// What notification email needs: the outbox, links and the signing key.
#[derive(Clone)]
pub struct NotificationMail {
    outbox: Outbox,
    public_url: String,
    key: UnsubscribeKey,
}

impl std::fmt::Debug for NotificationMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotificationMail")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl NotificationMail {
    /// Notification mail through `outbox`, linking to `public_url`.
    pub fn new(outbox: Outbox, public_url: &str, key: UnsubscribeKey) -> Self {
        Self {
            outbox,
            public_url: public_url.trim_end_matches('/').to_string(),
            key,
        }
    }

    /// The outbox (wake it after the queuing transaction commits).
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The site's public address, without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The one-click unsubscribe link for `user` and `scope`.
    pub fn unsubscribe_link(&self, user: Uuid, scope: UnsubscribeScope) -> String {
        format!(
            "{}/unsubscribe?token={}",
            self.public_url,
            self.key.sign(user, scope)
        )
    }

    /// Queues the mail for one new notification, inside the transaction
    /// that made it, when `prefs` ask for immediate email of `kind`.
    /// Security notices always go out and carry no unsubscribe link.
    pub async fn on_created(
        &self,
        conn: &mut AsyncPgConnection,
        prefs: &Preferences,
        notification_id: Uuid,
        kind: NotificationKind,
        title: &str,
        body: &str,
    ) -> Result<(), AppError> {
        let user = prefs.user_id;
        let wanted = kind.is_security()
            || (prefs.email(kind) && prefs.digest() == super::model::DigestFrequency::Immediate);
        if !wanted {
            return Ok(());
        }
        let Some((email, display_name)) = recipient(conn, user).await? else {
            return Ok(());
        };
        let unsubscribe = (!kind.is_security())
            .then(|| self.unsubscribe_link(user, UnsubscribeScope::Kind(kind)));
        let mail = OutboxMail {
            to: Recipient {
                email: &email,
                display_name: &display_name,
            },
            template: Template::Notification {
                title,
                body,
                link: &self.public_url,
                unsubscribe: unsubscribe.as_deref(),
            },
            dedupe_key: Some(format!("notification:{notification_id}")),
        };
        match &unsubscribe {
            Some(link) => {
                let list = format!("<{link}>");
                self.outbox
                    .enqueue_with_headers(conn, mail, &list_unsubscribe(&list))
                    .await?;
            }
            None => {
                self.outbox.enqueue(conn, mail).await?;
            }
        }
        Ok(())
    }
}

/// The RFC 8058 headers for the bracketed link `list`.
pub fn list_unsubscribe(list: &str) -> [(&'static str, &str); 2] {
    [
        ("List-Unsubscribe", list),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ]
}

/// An active user's address and name.
pub async fn recipient(
    conn: &mut AsyncPgConnection,
    user: Uuid,
) -> QueryResult<Option<(String, String)>> {
    Ok(crate::users::store::by_id(conn, user)
        .await?
        .filter(|u| u.active)
        .map(|u| (u.email, u.display_name)))
}

/// Turns email off as `scope` says for `user`; `false` when the user no
/// longer exists.
pub async fn apply_unsubscribe(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    scope: UnsubscribeScope,
) -> Result<bool, AppError> {
    if crate::users::store::by_id(conn, user).await?.is_none() {
        return Ok(false);
    }
    let kinds: Vec<NotificationKind> = match scope {
        UnsubscribeScope::Kind(kind) => vec![kind],
        UnsubscribeScope::All => NotificationKind::ALL.to_vec(),
    };
    let change = PreferencesChange {
        email: kinds
            .into_iter()
            .filter(|kind| !kind.is_security())
            .map(|kind| (kind.as_str().to_string(), serde_json::Value::Bool(false)))
            .collect(),
        ..PreferencesChange::default()
    };
    super::store::update_preferences(conn, user, &change).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_unaltered() {
        let key = UnsubscribeKey::new(b"secret");
        let user = Uuid::new_v4();
        let token = key.sign(
            user,
            UnsubscribeScope::Kind(NotificationKind::ContentApproved),
        );
        assert_eq!(
            key.verify(&token),
            Some((
                user,
                UnsubscribeScope::Kind(NotificationKind::ContentApproved)
            ))
        );
        let all = key.sign(user, UnsubscribeScope::All);
        assert_eq!(key.verify(&all), Some((user, UnsubscribeScope::All)));
        let mut forged = URL_SAFE_NO_PAD.decode(&token).unwrap_or_default();
        forged[1] = b'2';
        assert_eq!(key.verify(&URL_SAFE_NO_PAD.encode(forged)), None);
        assert_eq!(UnsubscribeKey::new(b"other").verify(&token), None);
        assert_eq!(key.verify("djF8eHx5fHo"), None);
        assert_eq!(key.verify("not a token!"), None);
        assert_eq!(key.verify(""), None);
    }
}
