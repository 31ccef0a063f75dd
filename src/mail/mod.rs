//! Email: messages rendered from built-in templates (HTML and plain text,
//! as `multipart/alternative`) and delivered by lettre through a file,
//! SMTP or log transport (`VELLUM_MAIL_TRANSPORT`). Mail caused by a
//! change goes through the [`outbox`]: queued in the change's transaction,
//! delivered by the [`worker`].

pub(crate) mod config;
pub mod outbox;
pub(crate) mod outbox_store;
pub(crate) mod templates;
mod transport;
pub(crate) mod worker;

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

/// What a failed delivery says about the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// The transport provably did not accept it: safe to try again.
    Retry,
    /// It can never be sent as it is (a bad address, say).
    GiveUp,
    /// It may have been accepted: trying again could deliver it twice.
    Unknown,
}

impl MailError {
    /// Whether trying again is safe and useful. SMTP replies with a 4xx or
    /// 5xx code and failures to connect prove nothing was accepted; a
    /// network error or timeout mid-conversation does not (the server may
    /// have taken the message just before the line dropped).
    pub fn after_failure(&self) -> AfterFailure {
        match self {
            Self::Smtp(err) => {
                let refused_connection = err.to_string().starts_with("Connection error")
                    || std::error::Error::source(err)
                        .and_then(|e| e.downcast_ref::<std::io::Error>())
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused);
                if err.is_transient()
                    || err.is_permanent()
                    || err.is_tls()
                    || err.is_transport_shutdown()
                    || refused_connection
                {
                    AfterFailure::Retry
                } else {
                    AfterFailure::Unknown
                }
            }
            // A failed write leaves no complete file behind.
            Self::File(_) | Self::Dir { .. } => AfterFailure::Retry,
            Self::Template(_) | Self::Address(_) | Self::Message(_) => AfterFailure::GiveUp,
        }
    }
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
        let rendered = self.render(to, template)?;
        self.assemble(to, rendered, None, &[])
    }

    /// Renders `template` for `to` without building a message.
    pub fn render(
        &self,
        to: Recipient<'_>,
        template: &Template<'_>,
    ) -> Result<Rendered, MailError> {
        self.0.templates.render(template, to.display_name)
    }

    /// Builds a message from rendered parts. `id` makes the `Message-ID`
    /// stable (`<id@sender's domain>`), so a copy sent twice is recognisably
    /// the same message; `headers` are extra `(name, value)` pairs.
    pub fn assemble(
        &self,
        to: Recipient<'_>,
        rendered: Rendered,
        id: Option<uuid::Uuid>,
        headers: &[(String, String)],
    ) -> Result<Message, MailError> {
        let to = Mailbox::new(Some(to.display_name.to_string()), to.email.parse()?);
        let message_id = id.map(|id| format!("<{id}@{}>", self.0.from.email.domain()));
        let mut builder = Message::builder()
            .from(self.0.from.clone())
            .to(to)
            .subject(rendered.subject)
            .message_id(message_id);
        for (name, value) in headers {
            let name = lettre::message::header::HeaderName::new_from_ascii(name.clone())
                .map_err(|_| lettre::error::Error::NonAsciiChars)?;
            builder = builder.raw_header(lettre::message::header::HeaderValue::new(
                name,
                value.clone(),
            ));
        }
        Ok(builder.multipart(MultiPart::alternative_plain_html(
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
