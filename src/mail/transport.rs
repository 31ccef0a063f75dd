//! The transports behind [`super::Mailer`]: lettre's async file and SMTP
//! transports, and a log-only one.

use std::path::Path;

use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::MailError;
use super::config::MailTransport;

/// Parses an SMTP URL into a transport builder (no connection is made).
pub(super) fn smtp_builder(
    url: &str,
) -> Result<AsyncSmtpTransportBuilder, lettre::transport::smtp::Error> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
}

/// A ready transport.
pub(super) enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Log,
}

impl Transport {
    /// Opens the configured transport. The SMTP pool starts a background
    /// task, so this must run inside the Tokio runtime.
    pub(super) fn open(settings: &MailTransport) -> Result<Self, MailError> {
        Ok(match settings {
            MailTransport::File(dir) => {
                create_private_dir(dir).map_err(|source| MailError::Dir {
                    path: dir.display().to_string(),
                    source,
                })?;
                Self::File(AsyncFileTransport::new(dir))
            }
            MailTransport::Smtp(url) => {
                Self::Smtp(smtp_builder(url).map_err(MailError::Smtp)?.build())
            }
            MailTransport::Log => Self::Log,
        })
    }

    /// Delivers one message.
    pub(super) async fn send(&self, message: Message) -> Result<(), MailError> {
        let to: Vec<String> = message
            .envelope()
            .to()
            .iter()
            .map(ToString::to_string)
            .collect();
        match self {
            Self::File(transport) => {
                let id = transport.send(message).await.map_err(MailError::File)?;
                tracing::debug!(?to, file = %format!("{id}.eml"), "mail written");
            }
            Self::Smtp(transport) => {
                transport.send(message).await.map_err(MailError::Smtp)?;
                tracing::debug!(?to, "mail sent");
            }
            Self::Log => {
                // The body holds one-time links: only at debug level.
                tracing::info!(?to, "mail not sent (VELLUM_MAIL_TRANSPORT=log)");
                tracing::debug!(
                    message = %String::from_utf8_lossy(&message.formatted()),
                    "mail body"
                );
            }
        }
        Ok(())
    }
}

/// The mail directory holds live one-time links: readable by us only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}
