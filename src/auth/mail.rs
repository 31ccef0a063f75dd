//! The mail the auth rules send: the welcome email, queued in the sign-up
//! transaction, and security notices (new device, password or 2FA changes).

use crate::mail::outbox::Outbox;
use crate::notifications::email::NotificationMail;

/// The outbox and the notice mailer; cheap to clone.
#[derive(Clone)]
pub struct AuthMail {
    outbox: Outbox,
    notices: Option<NotificationMail>,
}

impl AuthMail {
    /// Security notices are emailed through `notices` (none: they stay in the app).
    pub fn new(outbox: Outbox, notices: Option<NotificationMail>) -> Self {
        Self { outbox, notices }
    }

    /// The outbox mail is queued in.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// What emails notifications, when configured.
    pub fn notices(&self) -> Option<&NotificationMail> {
        self.notices.as_ref()
    }

    /// Wakes the mail worker after a transaction that may have queued mail.
    pub fn wake(&self) {
        self.outbox.wake();
    }
}
