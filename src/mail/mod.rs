//! Email: messages rendered from built-in templates (HTML and plain text,
//! as `multipart/alternative`) and delivered by lettre through a file,
//! SMTP or log transport (`VELLUM_MAIL_TRANSPORT`).

pub mod config;
pub mod templates;
mod transport;

use std::sync::Arc;

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

pub use config::{MailSettings, MailTransport, TransportKind};
pub use templates::{Rendered, Template, Templates};

use crate::error::AppError;

/// Why a message could not be built or delivered.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// A template failed to compile or render.
    #[error("mail template: {0}")]
    Template(#[from] minijinja::Error),
    /// An address could not be used.
    #[error("mail address: {0}")]
    Address(#[from] lettre::address::AddressError),
    /// The message could not be assembled.
    #[error("mail message: {0}")]
    Message(#[from] lettre::error::Error),
    /// The file transport failed.
    #[error("mail file transport: {0}")]
    File(lettre::transport::file::Error),
    /// The SMTP transport failed.
    #[error("SMTP: {0}")]
    Smtp(lettre::transport::smtp::Error),
    /// The mail directory could not be created.
    #[error("cannot create the mail directory {path}: {source}")]
    Dir {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

impl From<MailError> for AppError {
    fn from(err: MailError) -> Self {
        Self::Internal(err.into())
    }
}

/// Who a message is for.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    /// Email address.
    pub email: &'a str,
    /// Name to greet them by.
    pub display_name: &'a str,
}

struct Inner {
    transport: transport::Transport,
    from: Mailbox,
    templates: Templates,
}

/// Renders and delivers email; cheap to clone.
#[derive(Clone)]
pub struct Mailer(Arc<Inner>);

impl Mailer {
    /// Opens the configured transport and compiles the templates. Must run
    /// inside the Tokio runtime (the SMTP pool starts a task).
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        Ok(Self(Arc::new(Inner {
            transport: transport::Transport::open(&settings.transport)?,
            from: settings.from.clone(),
            templates: Templates::new()?,
        })))
    }

    /// Renders `template` for `to` into a message ready to send.
    pub fn compose(
        &self,
        to: Recipient<'_>,
        template: &Template<'_>,
    ) -> Result<Message, MailError> {
        let rendered = self.0.templates.render(template, to.display_name)?;
        let to = Mailbox::new(Some(to.display_name.to_string()), to.email.parse()?);
        Ok(Message::builder()
            .from(self.0.from.clone())
            .to(to)
            .subject(rendered.subject)
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))?)
    }

    /// Delivers a message, waiting for the transport.
    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        self.0.transport.send(message).await
    }

    /// Delivers a message without making the caller wait (or learn the
    /// outcome, which could reveal whether an account exists); failures
    /// are logged.
    pub fn send_in_background(&self, message: Message) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(err) = mailer.send(message).await {
                tracing::error!(error = %err, "mail delivery failed");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn composes_multipart_alternative_and_writes_eml_files() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let mail_dir = dir.path().join("mail");
        let mailer = Mailer::new(&MailSettings {
            transport: MailTransport::File(mail_dir.clone()),
            from: "Vellum <no-reply@localhost>".parse()?,
        })?;
        let message = mailer.compose(
            Recipient {
                email: "ada@example.com",
                display_name: "Ada \"<b>\" Lovelace",
            },
            &Template::PasswordReset {
                link: "http://localhost:8080/reset-password?token=t0k3n",
                valid_hours: 1,
            },
        )?;
        mailer.send(message).await?;
        let files: Vec<_> = std::fs::read_dir(&mail_dir)?.collect::<Result<_, _>>()?;
        assert_eq!(files.len(), 1);
        let raw = std::fs::read_to_string(files[0].path())?;
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain"), "{raw}");
        assert!(raw.contains("text/html"), "{raw}");
        assert!(raw.contains("Message-ID: <"), "{raw}");
        assert!(raw.contains("ada@example.com"), "{raw}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&mail_dir)?.permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        Ok(())
    }
}
