//! The messages Vellum sends, rendered from templates compiled into the
//! binary (no user-editable templates). `.html` templates escape every
//! value they insert, so a display name like `<script>` arrives as text.

use chrono::{DateTime, Utc};
use minijinja::{Environment, Value, context};

use super::MailError;

/// Name shown in messages.
const PRODUCT: &str = "Vellum";

/// Every template: (name, source). Each message has a `.txt` and `.html`.
const SOURCES: &[(&str, &str)] = &[
    ("layout.html", include_str!("templates/layout.html")),
    (
        "password_reset.html",
        include_str!("templates/password_reset.html"),
    ),
    (
        "password_reset.txt",
        include_str!("templates/password_reset.txt"),
    ),
    (
        "password_changed.html",
        include_str!("templates/password_changed.html"),
    ),
    (
        "password_changed.txt",
        include_str!("templates/password_changed.txt"),
    ),
    (
        "verify_email.html",
        include_str!("templates/verify_email.html"),
    ),
    (
        "verify_email.txt",
        include_str!("templates/verify_email.txt"),
    ),
    (
        "sign_up_attempt.html",
        include_str!("templates/sign_up_attempt.html"),
    ),
    (
        "sign_up_attempt.txt",
        include_str!("templates/sign_up_attempt.txt"),
    ),
    ("welcome.html", include_str!("templates/welcome.html")),
    ("invitation.html", include_str!("templates/invitation.html")),
    ("invitation.txt", include_str!("templates/invitation.txt")),
    ("welcome.txt", include_str!("templates/welcome.txt")),
    (
        "notification.html",
        include_str!("templates/notification.html"),
    ),
    (
        "notification.txt",
        include_str!("templates/notification.txt"),
    ),
    ("digest.html", include_str!("templates/digest.html")),
    ("digest.txt", include_str!("templates/digest.txt")),
];

/// One kind's share of a digest.
#[derive(Debug, Clone)]
pub struct DigestGroup {
    /// What the kind is called in the mail ("Changes requested").
    pub label: String,
    /// How many notifications of the kind.
    pub count: usize,
    /// Their titles, oldest first.
    pub titles: Vec<String>,
}

/// One kind of message and what it says.
#[derive(Debug, Clone)]
pub enum Template<'a> {
    /// A password reset link.
    PasswordReset {
        /// The link with its token.
        link: &'a str,
        /// How long the link works.
        valid_hours: u32,
    },
    /// Notice that the password was changed.
    PasswordChanged {
        /// When.
        at: DateTime<Utc>,
        /// From which client IP, when known.
        ip: Option<&'a str>,
    },
    /// An email verification link.
    VerifyEmail {
        /// The link with its token.
        link: &'a str,
        /// The address being verified.
        email: &'a str,
        /// How long the link works.
        valid_hours: u32,
    },
    /// A new account's greeting, with the link that creates it (sign-up
    /// finishes only from the mailbox).
    Welcome {
        /// The address the account signs in with.
        email: &'a str,
        /// The link with its token.
        link: &'a str,
        /// How long the link works.
        valid_hours: u32,
    },
    /// An administrator created an account for the recipient: the link
    /// sets its first password.
    Invitation {
        /// Who invited them (display name).
        inviter: &'a str,
        /// The role they start with.
        role: &'a str,
        /// The address the account signs in with.
        email: &'a str,
        /// The link with its token.
        link: &'a str,
        /// How long the link works.
        valid_hours: u32,
    },
    /// Someone signed up with an address that already has an account.
    SignUpAttempt {
        /// The address.
        email: &'a str,
        /// Where to ask for a password reset.
        reset_link: &'a str,
    },
    /// One notification, sent as it happens.
    Notification {
        /// Its one-line title (also the subject).
        title: &'a str,
        /// More detail; may be empty.
        body: &'a str,
        /// Where to read it.
        link: &'a str,
        /// The one-click unsubscribe link (none for security notices).
        unsubscribe: Option<&'a str>,
    },
    /// Notifications collected since the last digest, grouped by kind.
    Digest {
        /// The groups, in a stable order.
        groups: &'a [DigestGroup],
        /// Where to read them.
        link: &'a str,
        /// The one-click unsubscribe link.
        unsubscribe: &'a str,
    },
}

impl Template<'_> {
    /// The subject line.
    pub fn subject(&self) -> String {
        match self {
            Self::PasswordReset { .. } => "Reset your Vellum password".into(),
            Self::PasswordChanged { .. } => "Your Vellum password was changed".into(),
            Self::VerifyEmail { .. } => "Confirm your email address for Vellum".into(),
            Self::Welcome { .. } => "Welcome to Vellum".into(),
            Self::Invitation { inviter, .. } => format!("{inviter} invited you to Vellum"),
            Self::SignUpAttempt { .. } => "Someone tried to sign up to Vellum as you".into(),
            Self::Notification { title, .. } => (*title).to_string(),
            Self::Digest { groups, .. } => {
                let count: usize = groups.iter().map(|g| g.count).sum();
                let plural = if count == 1 { "" } else { "s" };
                format!("Your Vellum digest: {count} notification{plural}")
            }
        }
    }

    /// The template's name (stored with each queued mail).
    pub fn name(&self) -> &'static str {
        match self {
            Self::PasswordReset { .. } => "password_reset",
            Self::PasswordChanged { .. } => "password_changed",
            Self::VerifyEmail { .. } => "verify_email",
            Self::Welcome { .. } => "welcome",
            Self::Invitation { .. } => "invitation",
            Self::SignUpAttempt { .. } => "sign_up_attempt",
            Self::Notification { .. } => "notification",
            Self::Digest { .. } => "digest",
        }
    }

    fn context(&self, recipient_name: &str) -> Value {
        let base = context! { name => recipient_name, product => PRODUCT };
        let own = match self {
            Self::PasswordReset { link, valid_hours } => {
                context! { link => *link, valid_hours => *valid_hours }
            }
            Self::PasswordChanged { at, ip } => context! {
                at => at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ip => *ip,
            },
            Self::VerifyEmail {
                link,
                email,
                valid_hours,
            } => context! { link => *link, email => *email, valid_hours => *valid_hours },
            Self::Welcome {
                email,
                link,
                valid_hours,
            } => context! { email => *email, link => *link, valid_hours => *valid_hours },
            Self::Invitation {
                inviter,
                role,
                email,
                link,
                valid_hours,
            } => context! {
                inviter => *inviter,
                role => *role,
                email => *email,
                link => *link,
                valid_hours => *valid_hours,
            },
            Self::SignUpAttempt { email, reset_link } => {
                context! { email => *email, reset_link => *reset_link }
            }
            Self::Notification {
                title,
                body,
                link,
                unsubscribe,
            } => context! {
                title => *title,
                body => *body,
                link => *link,
                unsubscribe => *unsubscribe,
            },
            Self::Digest {
                groups,
                link,
                unsubscribe,
            } => context! {
                groups => groups
                    .iter()
                    .map(|g| context! {
                        label => g.label.clone(),
                        count => g.count,
                        titles => g.titles.clone(),
                    })
                    .collect::<Vec<Value>>(),
                link => *link,
                unsubscribe => *unsubscribe,
            },
        };
        context! { ..own, ..base }
    }
}

/// A rendered message body.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
}

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Compiles every template; a broken one fails the start.
    pub fn new() -> Result<Self, MailError> {
        let mut env = Environment::new();
        // Auto-escaping follows the name: `.html` escapes, `.txt` does not.
        env.set_auto_escape_callback(minijinja::default_auto_escape_callback);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in SOURCES {
            env.add_template(name, source)?;
        }
        Ok(Self { env })
    }

    /// Renders a message for a recipient called `recipient_name`.
    pub fn render(
        &self,
        template: &Template<'_>,
        recipient_name: &str,
    ) -> Result<Rendered, MailError> {
        let ctx = template.context(recipient_name);
        let render = |ext: &str| -> Result<String, MailError> {
            Ok(self
                .env
                .get_template(&format!("{}.{ext}", template.name()))?
                .render(&ctx)?)
        };
        Ok(Rendered {
            subject: template.subject(),
            text: render("txt")? + "\n",
            html: render("html")? + "\n",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Template<'static>> {
        vec![
            Template::PasswordReset {
                link: "https://cms.example.com/reset-password?token=abc",
                valid_hours: 1,
            },
            Template::PasswordChanged {
                at: Utc::now(),
                ip: Some("203.0.113.9"),
            },
            Template::VerifyEmail {
                link: "https://cms.example.com/verify-email?token=abc",
                email: "ada@example.com",
                valid_hours: 24,
            },
            Template::Welcome {
                email: "ada@example.com",
                link: "https://cms.example.com/sign-up?token=abc",
                valid_hours: 24,
            },
            Template::SignUpAttempt {
                email: "ada@example.com",
                reset_link: "https://cms.example.com/forgot-password",
            },
            Template::Invitation {
                inviter: "Grace <Admin>",
                role: "EDITOR",
                email: "ada@example.com",
                link: "https://cms.example.com/reset-password?token=abc",
                valid_hours: 168,
            },
            Template::Notification {
                title: "Changes were requested",
                body: "Tighten the intro.",
                link: "https://cms.example.com",
                unsubscribe: Some("https://cms.example.com/unsubscribe?token=t"),
            },
            Template::Digest {
                groups: &[],
                link: "https://cms.example.com",
                unsubscribe: "https://cms.example.com/unsubscribe?token=t",
            },
        ]
    }

    #[test]
    fn every_template_renders_both_parts() -> Result<(), MailError> {
        let templates = Templates::new()?;
        for template in all() {
            let mail = templates.render(&template, "Ada")?;
            assert!(mail.text.starts_with("Hello Ada,"), "{}", mail.text);
            assert!(mail.html.contains("Hello Ada,"), "{}", mail.html);
            assert!(mail.html.starts_with("<!DOCTYPE html>"), "{}", mail.html);
            if let Template::PasswordReset { link, .. }
            | Template::VerifyEmail { link, .. }
            | Template::Welcome { link, .. } = template
            {
                assert!(mail.text.contains(link), "{}", mail.text);
            }
        }
        Ok(())
    }

    #[test]
    fn html_escapes_what_it_inserts() -> Result<(), MailError> {
        let templates = Templates::new()?;
        let name = r#"<script>alert("x")</script> & co"#;
        for template in all() {
            let mail = templates.render(&template, name)?;
            assert!(!mail.html.contains("<script>"), "{}", mail.html);
            assert!(
                mail.html.contains("&lt;script&gt;alert(&quot;x&quot;)"),
                "{}",
                mail.html
            );
            // Plain text is not HTML: it keeps the name as written.
            assert!(mail.text.contains(name), "{}", mail.text);
        }
        Ok(())
    }

    #[test]
    fn hours_are_pluralised() -> Result<(), MailError> {
        let templates = Templates::new()?;
        let one = templates.render(&all()[0], "Ada")?;
        assert!(one.text.contains("for 1 hour."), "{}", one.text);
        let many = templates.render(&all()[2], "Ada")?;
        assert!(many.text.contains("for 24 hours."), "{}", many.text);
        Ok(())
    }
}
