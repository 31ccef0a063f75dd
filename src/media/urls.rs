//! Links to files: signed, expiring URLs that let an `<img>` or a download
//! fetch a private file without credentials.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use super::model::MediaItem;
use super::transform::Transform;

/// What the key signs, so a tag made for another purpose never fits.
const PURPOSE: &str = "vellum.media_url.v1";
/// The same for direct uploads' ids.
const TICKET_PURPOSE: &str = "vellum.media_upload.v1";

/// What a direct upload's id carries, signed: who may complete it, the
/// most bytes it may hold, and until when its bytes may be sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Ticket {
    pub(crate) id: Uuid,
    pub(crate) user: Uuid,
    pub(crate) size: u64,
    pub(crate) expires: i64,
    pub(crate) filename: String,
}
/// A link is good for at least this long after it is made...
const VALID_SECS: i64 = 3600;
/// ...and ends on a multiple of this, so links made within one window are
/// the same URL and a browser's cached copy keeps serving.
const WINDOW_SECS: i64 = 3600;

/// Signs and checks media links; cheap to clone.
#[derive(Clone)]
pub(crate) struct MediaUrls {
    key: Arc<Vec<u8>>,
    /// The public URL, without a trailing slash.
    base: Arc<str>,
}

impl std::fmt::Debug for MediaUrls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MediaUrls(..)")
    }
}

impl MediaUrls {
    /// Links under `public_url`, signed with a key over `secret` (the JWT
    /// signing secret).
    pub(crate) fn new(secret: &[u8], public_url: &str) -> Self {
        Self {
            key: Arc::new(secret.to_vec()),
            base: public_url.trim_end_matches('/').into(),
        }
    }

    /// The tag over a file, an expiry and the transform's canonical query
    /// (empty for the original), so a link for one size cannot be edited
    /// into a link for another.
    fn mac(&self, id: Uuid, expires: i64, transform: &str) -> Hmac<Sha256> {
        self.keyed(&[PURPOSE, &id.to_string(), &expires.to_string(), transform])
    }

    /// A MAC over `parts`, each ended by a NUL so no two lists read alike.
    fn keyed(&self, parts: &[&str]) -> Hmac<Sha256> {
        // HMAC takes keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac
    }

    /// A signed link to `item` (transformed, when `transform` says how),
    /// made at `now`.
    pub(crate) fn signed(
        &self,
        item: &MediaItem,
        transform: Option<&Transform>,
        now: DateTime<Utc>,
    ) -> String {
        let earliest = now.timestamp() + VALID_SECS;
        let expires = earliest + (WINDOW_SECS - earliest.rem_euclid(WINDOW_SECS)) % WINDOW_SECS;
        let query = transform.map(Transform::query).unwrap_or_default();
        let sig =
            URL_SAFE_NO_PAD.encode(self.mac(item.id, expires, &query).finalize().into_bytes());
        let separator = if query.is_empty() { "" } else { "&" };
        format!(
            "{}?{query}{separator}expires={expires}&sig={sig}",
            self.path(item)
        )
    }

    /// A direct upload's id: the ticket, signed.
    pub(crate) fn ticket(&self, ticket: &Ticket) -> String {
        // A struct of plain fields always serialises.
        let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(ticket).unwrap_or_default());
        let sig =
            URL_SAFE_NO_PAD.encode(self.keyed(&[TICKET_PURPOSE, &body]).finalize().into_bytes());
        format!("{body}.{sig}")
    }

    /// The ticket an upload id carries, if this server signed it (whether
    /// it has expired is the caller's to check).
    pub(crate) fn read_ticket(&self, token: &str) -> Option<Ticket> {
        let (body, sig) = token.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(sig).ok()?;
        self.keyed(&[TICKET_PURPOSE, body])
            .verify_slice(&tag)
            .ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
    }

    /// This server's endpoint for a direct upload's bytes.
    pub(crate) fn upload_endpoint(&self, token: &str) -> String {
        format!("{}/media/uploads/{token}", self.base)
    }

    /// The unsigned link to `item` (for callers who send credentials).
    pub(crate) fn path(&self, item: &MediaItem) -> String {
        let name: String = url::form_urlencoded::byte_serialize(item.filename.as_bytes()).collect();
        // form encoding writes spaces as `+`; a path segment wants `%20`.
        format!(
            "{}/media/{}/{}",
            self.base,
            item.id,
            name.replace('+', "%20")
        )
    }

    /// Whether `sig` signs `id` with `transform` until `expires`, and that
    /// is after `now`.
    pub(crate) fn verify(
        &self,
        id: Uuid,
        transform: Option<&Transform>,
        expires: &str,
        sig: &str,
        now: DateTime<Utc>,
    ) -> bool {
        let Ok(expires) = expires.parse::<i64>() else {
            return false;
        };
        if expires < now.timestamp() {
            return false;
        }
        let Ok(tag) = URL_SAFE_NO_PAD.decode(sig) else {
            return false;
        };
        let query = transform.map(Transform::query).unwrap_or_default();
        // Constant-time comparison.
        self.mac(id, expires, &query).verify_slice(&tag).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str) -> MediaItem {
        let now = Utc::now();
        MediaItem {
            id: Uuid::new_v4(),
            filename: name.into(),
            title: String::new(),
            alt: String::new(),
            caption: String::new(),
            mime_type: "image/png".into(),
            size_bytes: 1,
            checksum: "0".repeat(64),
            storage_key: String::new(),
            width: None,
            height: None,
            focal_x: None,
            focal_y: None,
            duration_ms: None,
            placeholder: None,
            uploader_id: None,
            folder_id: None,
            tag_ids: crate::content::shape::TagIds::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    fn query(url: &str) -> (String, String) {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let pairs: std::collections::HashMap<_, _> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        (
            pairs.get("expires").cloned().unwrap_or_default(),
            pairs.get("sig").cloned().unwrap_or_default(),
        )
    }

    #[test]
    fn upload_tickets_read_back_only_as_signed() {
        let urls = MediaUrls::new(b"a secret of some length", "https://cms.example/");
        let ticket = Ticket {
            id: Uuid::new_v4(),
            user: Uuid::new_v4(),
            size: 10,
            expires: 1,
            filename: "a.png".into(),
        };
        let token = urls.ticket(&ticket);
        assert_eq!(urls.read_ticket(&token), Some(ticket.clone()));
        let (body, sig) = token.split_once('.').unwrap_or_default();
        let mut bigger = ticket.clone();
        bigger.size = 10_000;
        let forged_body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&bigger).unwrap_or_default());
        assert_eq!(urls.read_ticket(&format!("{forged_body}.{sig}")), None);
        assert_eq!(urls.read_ticket(body), None);
        assert_eq!(
            MediaUrls::new(b"other", "https://x").read_ticket(&token),
            None
        );
    }

    #[test]
    fn links_verify_for_their_file_until_they_expire() {
        let urls = MediaUrls::new(b"a secret of some length", "https://cms.example/");
        let file = item("a cat & dog.png");
        let now = Utc::now();
        let link = urls.signed(&file, None, now);
        assert!(
            link.starts_with(&format!(
                "https://cms.example/media/{}/a%20cat%20%26%20dog.png?",
                file.id
            )),
            "{link}"
        );
        let (expires, sig) = query(&link);
        assert!(urls.verify(file.id, None, &expires, &sig, now));
        assert!(
            !urls.verify(Uuid::new_v4(), None, &expires, &sig, now),
            "another file"
        );
        let resized = Transform::new(Some(100), None, None, None, None, None).ok();
        assert!(
            !urls.verify(file.id, resized.as_ref(), &expires, &sig, now),
            "a transform the link does not sign"
        );
        let link = urls.signed(&file, resized.as_ref(), now);
        assert!(
            link.contains("?w=100&fit=cover&format=auto&expires="),
            "{link}"
        );
        let (expires, sig) = query(&link);
        assert!(urls.verify(file.id, resized.as_ref(), &expires, &sig, now));
        assert!(!urls.verify(file.id, None, &expires, &sig, now));
        let later = now + chrono::Duration::seconds(VALID_SECS + WINDOW_SECS + 1);
        let r = resized.as_ref();
        assert!(!urls.verify(file.id, r, &expires, &sig, later), "expired");
        let forged = (expires.parse::<i64>().unwrap_or_default() + 3600).to_string();
        assert!(
            !urls.verify(file.id, r, &forged, &sig, now),
            "a moved expiry"
        );
        assert!(!urls.verify(file.id, r, &expires, "AAAA", now));
        let other_key = MediaUrls::new(b"another secret", "https://cms.example");
        assert!(!other_key.verify(file.id, r, &expires, &sig, now));
        // Links made within one window are the same URL.
        let start = DateTime::from_timestamp(WINDOW_SECS * 1000 + 1, 0).unwrap_or(now);
        let end = start + chrono::Duration::seconds(WINDOW_SECS - 2);
        assert_eq!(
            urls.signed(&file, None, start),
            urls.signed(&file, None, end)
        );
    }
}
