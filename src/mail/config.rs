//! Mail settings: which transport, which server, which sender; checked at
//! start like every other setting.

use std::path::{Path, PathBuf};

use lettre::message::Mailbox;

use crate::config::ConfigError;

/// How Vellum delivers email (`VELLUM_MAIL_TRANSPORT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TransportKind {
    /// Write each message as an `.eml` file under `<data dir>/mail`.
    File,
    /// Send through the SMTP server in `VELLUM_SMTP_URL`.
    Smtp,
    /// Only log that a message would have been sent.
    Log,
}

/// Where messages go.
#[derive(Clone)]
pub enum MailTransport {
    /// `.eml` files in this directory.
    File(PathBuf),
    /// An SMTP server, by URL (may carry credentials; never logged).
    Smtp(String),
    /// The log.
    Log,
}

impl std::fmt::Debug for MailTransport {
    // The SMTP URL may carry a password: show only where it points.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(dir) => f.debug_tuple("File").field(dir).finish(),
            Self::Smtp(url) => f.debug_tuple("Smtp").field(&redact(url)).finish(),
            Self::Log => f.write_str("Log"),
        }
    }
}

/// `smtps://user:secret@host:465` as `smtps://host:465`.
fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{host}")
        }
        None => "<unparsable>".into(),
    }
}

/// Validated mail settings.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// Where messages go.
    pub transport: MailTransport,
    /// The `From` of every message.
    pub from: Mailbox,
}

fn invalid(setting: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
    }
}

impl MailSettings {
    /// Checks the mail settings. Without an explicit transport, an SMTP URL
    /// means SMTP and development falls back to files; production must say.
    pub fn from_args(
        kind: Option<TransportKind>,
        smtp_url: Option<&str>,
        from: &str,
        production: bool,
        data_dir: &Path,
    ) -> Result<Self, ConfigError> {
        let smtp_url = smtp_url.map(str::trim).filter(|u| !u.is_empty());
        let kind = match (kind, smtp_url) {
            (Some(kind), _) => kind,
            (None, Some(_)) => TransportKind::Smtp,
            (None, None) if production => {
                return Err(invalid(
                    "VELLUM_MAIL_TRANSPORT",
                    "is required in production: set VELLUM_SMTP_URL (e.g. smtps://user:pass@smtp.example.com:465), or choose `file` or `log` explicitly",
                ));
            }
            (None, None) => TransportKind::File,
        };
        let transport = match kind {
            TransportKind::File => MailTransport::File(data_dir.join("mail")),
            TransportKind::Log => MailTransport::Log,
            TransportKind::Smtp => {
                let url = smtp_url.ok_or_else(|| {
                    invalid(
                        "VELLUM_SMTP_URL",
                        "is required with VELLUM_MAIL_TRANSPORT=smtp, e.g. smtps://user:pass@smtp.example.com:465",
                    )
                })?;
                // Parse now so a typo stops the start, not the first email.
                super::transport::smtp_builder(url).map_err(|e| {
                    invalid(
                        "VELLUM_SMTP_URL",
                        format!(
                            "`{}` is not a usable SMTP URL ({e}); use smtps://user:pass@host:465 or smtp://host:587?tls=required",
                            redact(url)
                        ),
                    )
                })?;
                MailTransport::Smtp(url.to_string())
            }
        };
        let from = from.trim().parse::<Mailbox>().map_err(|e| {
            invalid(
                "VELLUM_MAIL_FROM",
                format!(
                    "`{from}` is not a mailbox ({e}); use e.g. `Vellum <no-reply@example.com>`"
                ),
            )
        })?;
        Ok(Self { transport, from })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(
        kind: Option<TransportKind>,
        url: Option<&str>,
        from: &str,
        production: bool,
    ) -> Result<MailSettings, &'static str> {
        MailSettings::from_args(kind, url, from, production, Path::new("/data"))
            .map_err(|e| e.setting)
    }

    const FROM: &str = "Vellum <no-reply@localhost>";

    #[test]
    fn development_defaults_to_files_under_the_data_dir() {
        let mail = settings(None, None, FROM, false);
        assert!(matches!(
            mail.map(|m| m.transport),
            Ok(MailTransport::File(dir)) if dir == Path::new("/data/mail")
        ));
    }

    #[test]
    fn production_must_choose() {
        assert_eq!(
            settings(None, None, FROM, true).err(),
            Some("VELLUM_MAIL_TRANSPORT")
        );
        assert!(settings(Some(TransportKind::Log), None, FROM, true).is_ok());
        let smtp = settings(None, Some("smtps://u:p@smtp.example.com:465"), FROM, true);
        assert!(matches!(
            smtp.map(|m| m.transport),
            Ok(MailTransport::Smtp(_))
        ));
    }

    #[test]
    fn smtp_needs_a_parsable_url() {
        assert_eq!(
            settings(Some(TransportKind::Smtp), None, FROM, false).err(),
            Some("VELLUM_SMTP_URL")
        );
        assert_eq!(
            settings(Some(TransportKind::Smtp), Some("ftp://x"), FROM, false).err(),
            Some("VELLUM_SMTP_URL")
        );
        assert!(
            settings(
                Some(TransportKind::Smtp),
                Some("smtp://localhost:2525"),
                FROM,
                false
            )
            .is_ok()
        );
    }

    #[test]
    fn from_must_be_a_mailbox() {
        assert_eq!(
            settings(None, None, "not an address", false).err(),
            Some("VELLUM_MAIL_FROM")
        );
        let from = settings(None, None, "CMS <cms@example.com>", false).map(|m| m.from);
        assert_eq!(
            from.map(|f| f.email.to_string()).ok().as_deref(),
            Some("cms@example.com")
        );
    }

    #[test]
    fn debug_hides_smtp_credentials() {
        let transport = MailTransport::Smtp("smtps://user:hunter2@smtp.example.com:465".into());
        let shown = format!("{transport:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("smtp.example.com:465"), "{shown}");
    }
}
