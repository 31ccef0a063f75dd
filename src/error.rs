//! One error type for everything a client can be told, and the one place it
//! becomes a GraphQL error with a stable `extensions.code`.

use async_graphql::ErrorExtensions;

mod constraints;

pub(crate) use constraints::is_violation_of;
pub use constraints::known_unique_constraints;

/// Seconds an `UNAVAILABLE` answer tells the client to wait: long enough
/// for a busy pool to free a connection, short enough not to stall a page.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 2;

/// Machine-readable error codes sent in `extensions.code`.
///
/// These strings are part of the API contract: clients branch on them.
pub(crate) mod code {
    /// The input is wrong; `extensions.field` names the field when one is at fault.
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    /// No valid credentials were presented.
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    /// The caller is known but may not do this.
    pub const FORBIDDEN: &str = "FORBIDDEN";
    /// The thing asked for does not exist (or the caller may not know it does).
    pub const NOT_FOUND: &str = "NOT_FOUND";
    /// The change conflicts with the current state (stale version, duplicate).
    pub const CONFLICT: &str = "CONFLICT";
    /// Too many requests; `extensions.retryAfter` says how many seconds to wait.
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    /// The database cannot be reached or has no free connection (HTTP 503);
    /// `extensions.retryAfter` says how many seconds to wait before retrying.
    pub const UNAVAILABLE: &str = "UNAVAILABLE";
    /// The request ran longer than `VELLUM_REQUEST_TIMEOUT` and was cut off (HTTP 408).
    pub const TIMEOUT: &str = "TIMEOUT";
    /// Our fault; `extensions.requestId` lets an operator find the log line.
    pub const INTERNAL: &str = "INTERNAL";
    /// The document is not valid GraphQL syntax.
    pub const GRAPHQL_PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
    /// The document does not validate against the schema, breaks a query
    /// limit, or its variables do not fit their types.
    pub const GRAPHQL_VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
    /// The persisted query's hash is unknown: resend it with its text
    /// (HTTP 200, message `PersistedQueryNotFound`, as Apollo's link expects).
    pub const PERSISTED_QUERY_NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
    /// Persisted queries are off (`VELLUM_PERSISTED_QUERIES=off`; HTTP 200,
    /// message `PersistedQueryNotSupported`).
    pub const PERSISTED_QUERY_NOT_SUPPORTED: &str = "PERSISTED_QUERY_NOT_SUPPORTED";
    /// Trusted-documents mode and the document was not imported (HTTP 403).
    pub const TRUSTED_DOCUMENT_REQUIRED: &str = "TRUSTED_DOCUMENT_REQUIRED";
}

/// An error a service can return to a client.
///
/// Internal causes are kept for the log and never sent to the client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is wrong.
    #[error("{message}")]
    BadUserInput {
        /// What is wrong, for a human.
        message: String,
        /// The input path at fault (`input.email`, `fields.price`), if one is.
        field: Option<String>,
    },
    /// Credentials are missing, expired or invalid.
    #[error("{0}")]
    Unauthenticated(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The thing does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The change conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// The change was made against an old version; `extensions.currentVersion`
    /// tells the client what to reload.
    #[error("{message}")]
    Stale {
        /// What happened, for a human.
        message: String,
        /// The version that is current now.
        current_version: i32,
    },
    /// Too many requests.
    #[error("too many requests, retry in {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a retry may succeed.
        retry_after_secs: u64,
    },
    /// The database cannot be reached or has no free connection; nothing
    /// was written, and the same request may succeed later.
    #[error("the service is unavailable, retry in {retry_after_secs} s")]
    Unavailable {
        /// Seconds until a retry may succeed.
        retry_after_secs: u64,
        /// Why, for the log; never shown.
        #[source]
        cause: anyhow::Error,
    },
    /// Something broke on our side; the cause is logged, not shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    /// A bad input on a named field.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// The database is out of reach for now (`cause` goes to the log).
    pub fn unavailable(cause: impl Into<anyhow::Error>) -> Self {
        Self::Unavailable {
            retry_after_secs: UNAVAILABLE_RETRY_AFTER_SECS,
            cause: cause.into(),
        }
    }

    /// This error with `field` named as the one at fault, if it names one:
    /// for callers whose input is not GraphQL's `input` object (the CLI's
    /// `create-admin` calls the email `email`, not `input.email`).
    pub(crate) fn at_field(self, field: &str) -> Self {
        match self {
            Self::BadUserInput {
                message,
                field: Some(_),
            } => Self::bad_input(field, message),
            other => other,
        }
    }

    /// The stable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUserInput { .. } => code::BAD_USER_INPUT,
            Self::Unauthenticated(_) => code::UNAUTHENTICATED,
            Self::Forbidden(_) => code::FORBIDDEN,
            Self::NotFound(_) => code::NOT_FOUND,
            Self::Conflict(_) | Self::Stale { .. } => code::CONFLICT,
            Self::RateLimited { .. } => code::RATE_LIMITED,
            Self::Unavailable { .. } => code::UNAVAILABLE,
            Self::Internal(_) => code::INTERNAL,
        }
    }
}

/// The one mapping from database errors: a missing row, a violated
/// constraint a client can cause (see [`constraints`]), a lost connection
/// (`UNAVAILABLE`); anything else is our bug.
impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        if let Some(violation) = constraints::violation(&err) {
            return violation;
        }
        match err {
            Error::NotFound => Self::NotFound("not found".into()),
            // An update whose optional fields were all left out or null.
            Error::QueryBuilderError(ref cause) if cause.is::<diesel::result::EmptyChangeset>() => {
                Self::BadUserInput {
                    message: "the input changes nothing: give at least one field to change".into(),
                    field: Some("input".into()),
                }
            }
            // The connection dropped under the statement (server restarted,
            // backend terminated): the transaction did not commit.
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => Self::unavailable(anyhow::Error::new(err).context("database connection lost")),
            // The server ended the session under the statement (SQLSTATE
            // 57P01/57P02: shutdown, `pg_terminate_backend`, a crashed
            // backend). diesel reports no SQLSTATE, only PostgreSQL's
            // message, which starts so for every one of these.
            Error::DatabaseError(DatabaseErrorKind::Unknown, ref info)
                if info.message().starts_with("terminating connection") =>
            {
                Self::unavailable(anyhow::Error::new(err).context("database session ended"))
            }
            // The statement ran past `VELLUM_DB_STATEMENT_TIMEOUT_MS` (SQLSTATE
            // 57014): the database is too busy for it now; nothing was written.
            Error::DatabaseError(DatabaseErrorKind::Unknown, ref info)
                if info
                    .message()
                    .starts_with("canceling statement due to statement timeout") =>
            {
                Self::unavailable(anyhow::Error::new(err).context("statement timeout"))
            }
            other => Self::Internal(other.into()),
        }
    }
}

/// A checkout that times out (every connection busy, or none can be
/// opened because the database is down) or fails is worth a retry.
impl From<bb8::RunError<diesel_async::pooled_connection::PoolError>> for AppError {
    fn from(err: bb8::RunError<diesel_async::pooled_connection::PoolError>) -> Self {
        Self::unavailable(anyhow::Error::new(err).context("database pool"))
    }
}

impl AppError {
    /// The `extensions` a client sees for this error: the one mapping from
    /// errors to codes.
    pub fn extensions(&self) -> async_graphql::ErrorExtensionValues {
        let mut ext = async_graphql::ErrorExtensionValues::default();
        ext.set("code", self.code());
        match self {
            Self::BadUserInput {
                field: Some(field), ..
            } => ext.set("field", field.as_str()),
            Self::RateLimited { retry_after_secs }
            | Self::Unavailable {
                retry_after_secs, ..
            } => ext.set("retryAfter", *retry_after_secs),
            Self::Stale {
                current_version, ..
            } => ext.set("currentVersion", *current_version),
            _ => {}
        }
        ext
    }
}

// Resolvers may also just use `?`: async-graphql's blanket `From<Display>`
// keeps the AppError as the error's source, and the observability extension
// applies `extensions()` to it before the response leaves.
impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        let mut err = async_graphql::Error::new(self.to_string());
        err.extensions = Some(self.extensions());
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::Value;

    fn ext(err: AppError) -> (String, async_graphql::ErrorExtensionValues) {
        let gql = err.extend();
        (gql.message, gql.extensions.unwrap_or_default())
    }

    fn get(values: &async_graphql::ErrorExtensionValues, key: &str) -> Option<Value> {
        values.get(key).cloned()
    }

    #[test]
    fn every_variant_maps_to_its_code() {
        let cases = [
            (AppError::bad_input("input.email", "bad"), "BAD_USER_INPUT"),
            (AppError::Unauthenticated("who".into()), "UNAUTHENTICATED"),
            (AppError::Forbidden("no".into()), "FORBIDDEN"),
            (AppError::NotFound("gone".into()), "NOT_FOUND"),
            (AppError::Conflict("stale".into()), "CONFLICT"),
            (
                AppError::RateLimited {
                    retry_after_secs: 3,
                },
                "RATE_LIMITED",
            ),
            (AppError::Internal(anyhow::anyhow!("x")), "INTERNAL"),
        ];
        for (err, expected) in cases {
            let (_, values) = ext(err);
            assert_eq!(get(&values, "code"), Some(Value::from(expected)));
        }
    }

    #[test]
    fn bad_input_names_the_field() {
        let (message, values) = ext(AppError::bad_input("input.email", "not an email"));
        assert_eq!(message, "not an email");
        assert_eq!(get(&values, "field"), Some(Value::from("input.email")));
    }

    #[test]
    fn bad_input_without_field_has_no_field_key() {
        let (_, values) = ext(AppError::BadUserInput {
            message: "bad".into(),
            field: None,
        });
        assert_eq!(get(&values, "field"), None);
    }

    #[test]
    fn rate_limited_carries_retry_after() {
        let (_, values) = ext(AppError::RateLimited {
            retry_after_secs: 7,
        });
        assert_eq!(get(&values, "retryAfter"), Some(Value::from(7u64)));
    }

    #[test]
    fn internal_hides_its_cause() {
        let (message, _) = ext(AppError::Internal(anyhow::anyhow!(
            "password=hunter2 at db.example:5432"
        )));
        assert_eq!(message, "internal error");
    }

    #[test]
    fn unavailable_carries_its_code_and_retry_after_and_hides_its_cause() {
        let (message, values) = ext(AppError::unavailable(anyhow::anyhow!(
            "connection refused at db.example:5432"
        )));
        assert_eq!(get(&values, "code"), Some(Value::from("UNAVAILABLE")));
        assert_eq!(
            get(&values, "retryAfter"),
            Some(Value::from(UNAVAILABLE_RETRY_AFTER_SECS))
        );
        assert_eq!(
            message,
            format!("the service is unavailable, retry in {UNAVAILABLE_RETRY_AFTER_SECS} s")
        );
    }

    #[test]
    fn an_exhausted_pool_and_a_lost_connection_are_unavailable() {
        let timed_out: bb8::RunError<diesel_async::pooled_connection::PoolError> =
            bb8::RunError::TimedOut;
        assert_eq!(AppError::from(timed_out).code(), "UNAVAILABLE");
        for kind in [
            diesel::result::DatabaseErrorKind::ClosedConnection,
            diesel::result::DatabaseErrorKind::UnableToSendCommand,
        ] {
            let lost = diesel::result::Error::DatabaseError(
                kind,
                Box::new("connection closed".to_string()),
            );
            assert_eq!(AppError::from(lost).code(), "UNAVAILABLE");
        }
        // A session the server ended under the statement (57P01).
        let ended = diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new("terminating connection due to administrator command".to_string()),
        );
        assert_eq!(AppError::from(ended).code(), "UNAVAILABLE");
        // Other unknown database errors stay ours.
        let other = diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new("division by zero".to_string()),
        );
        assert_eq!(AppError::from(other).code(), "INTERNAL");
    }

    #[test]
    fn at_field_moves_field_errors_only() {
        let moved = AppError::bad_input("input.email", "taken").at_field("email");
        assert!(matches!(moved, AppError::BadUserInput { field: Some(ref f), .. } if f == "email"));
        assert_eq!(moved.to_string(), "taken");
        let kept = AppError::Conflict("stale".into()).at_field("email");
        assert_eq!(kept.code(), "CONFLICT");
    }

    #[test]
    fn diesel_not_found_is_not_found_and_others_are_internal() {
        assert_eq!(
            AppError::from(diesel::result::Error::NotFound).code(),
            "NOT_FOUND"
        );
        assert_eq!(
            AppError::from(diesel::result::Error::RollbackTransaction).code(),
            "INTERNAL"
        );
    }
}
