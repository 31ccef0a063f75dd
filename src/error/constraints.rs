//! Every unique constraint of the database, by name: the one table that
//! turns a refused write into the error the client sees. Each constraint
//! is listed, even those a client cannot break, so a new one cannot slip
//! by unconsidered (an integration test compares this table with
//! `pg_catalog`). Breaking a constraint not listed, or one listed as
//! [`Meaning::Never`], is a bug of ours and stays `INTERNAL`.

use diesel::result::Error;

use super::AppError;

/// What breaking a constraint tells the client.
#[derive(Debug, Clone, Copy)]
enum Meaning {
    /// `BAD_USER_INPUT` on `field`.
    BadInput {
        field: &'static str,
        message: &'static str,
    },
    /// `CONFLICT`: the input was fine, but something else got there first.
    Conflict(&'static str),
    /// No client can break it: the key is fresh and random, seeded by a
    /// migration, or written with `ON CONFLICT`. Stays `INTERNAL`.
    Never,
}

/// Constraint name → what the client is told. Services check these rules
/// first where they can; the table covers the races those checks lose.
const CONSTRAINTS: &[(&str, Meaning)] = &[
    (
        "users_email_key",
        Meaning::BadInput {
            field: "input.email",
            message: "a user with this email already exists",
        },
    ),
    (
        "content_types_api_id_key",
        Meaning::Conflict("a content type with this API id exists"),
    ),
    (
        "content_items_type_slug_key",
        Meaning::Conflict("another item of this type took this slug; try again"),
    ),
    (
        "content_items_type_live_slug_key",
        Meaning::Conflict("another item of this type went live with this slug; try again"),
    ),
    (
        "categories_slug_key",
        Meaning::Conflict("a category with this slug exists"),
    ),
    (
        "tags_slug_key",
        Meaning::Conflict("a tag with this slug exists"),
    ),
    // Versions are numbered under the item's row lock.
    ("content_versions_pkey", Meaning::Never),
    // Written with ON CONFLICT.
    ("content_slug_redirects_pkey", Meaning::Never),
    ("email_outbox_dedupe_key", Meaning::Never),
    ("notification_digests_pkey", Meaning::Never),
    ("notification_preferences_pkey", Meaning::Never),
    ("notifications_user_event_key", Meaning::Never),
    ("persisted_documents_pkey", Meaning::Never),
    ("content_search_pkey", Meaning::Never),
    ("search_terms_pkey", Meaning::Never),
    ("search_query_stats_pkey", Meaning::Never),
    ("search_click_stats_pkey", Meaning::Never),
    // Seeded by migrations.
    ("content_statuses_pkey", Meaning::Never),
    ("permissions_name_key", Meaning::Never),
    ("role_permissions_pkey", Meaning::Never),
    ("roles_name_key", Meaning::Never),
    ("workflow_transitions_pkey", Meaning::Never),
    // Random secrets (256-bit tokens, hashed) and fresh ids.
    ("api_keys_secret_hash_key", Meaning::Never),
    ("backup_codes_user_code_key", Meaning::Never),
    ("one_time_tokens_token_hash_key", Meaning::Never),
    ("pending_sign_ups_token_hash_key", Meaning::Never),
    ("refresh_tokens_token_hash_key", Meaning::Never),
    ("two_factor_challenges_token_hash_key", Meaning::Never),
    ("api_keys_pkey", Meaning::Never),
    ("audit_log_pkey", Meaning::Never),
    ("backup_codes_pkey", Meaning::Never),
    ("categories_pkey", Meaning::Never),
    ("pending_sign_ups_pkey", Meaning::Never),
    ("content_items_pkey", Meaning::Never),
    ("content_types_pkey", Meaning::Never),
    ("email_outbox_pkey", Meaning::Never),
    ("events_pkey", Meaning::Never),
    ("notifications_pkey", Meaning::Never),
    ("one_time_tokens_pkey", Meaning::Never),
    ("permissions_pkey", Meaning::Never),
    ("refresh_tokens_pkey", Meaning::Never),
    ("roles_pkey", Meaning::Never),
    ("sessions_pkey", Meaning::Never),
    ("tags_pkey", Meaning::Never),
    ("two_factor_challenges_pkey", Meaning::Never),
    ("users_pkey", Meaning::Never),
    ("media_pkey", Meaning::Never),
    ("media_folders_pkey", Meaning::Never),
    // Folders are not written through the API yet; when they are, a
    // sibling with the same name is the caller's conflict.
    (
        "media_folders_parent_name_key",
        Meaning::Conflict("a folder with this name exists here"),
    ),
];

/// The names of every unique constraint the table accounts for.
pub fn known_unique_constraints() -> impl Iterator<Item = &'static str> {
    CONSTRAINTS.iter().map(|(name, _)| *name)
}

/// Whether `err` broke the unique constraint `name` (a race a caller may
/// settle by retrying, as slug allocation does).
pub(crate) fn is_violation_of(err: &Error, name: &str) -> bool {
    matches!(err, Error::DatabaseError(_, info) if info.constraint_name() == Some(name))
}

/// The client's error for `err` when it breaks a constraint in the table.
pub(super) fn violation(err: &Error) -> Option<AppError> {
    let Error::DatabaseError(_, info) = err else {
        return None;
    };
    let name = info.constraint_name()?;
    let (_, meaning) = CONSTRAINTS.iter().find(|(n, _)| *n == name)?;
    Some(match *meaning {
        Meaning::BadInput { field, message } => AppError::bad_input(field, message),
        Meaning::Conflict(message) => AppError::Conflict(message.into()),
        Meaning::Never => return None,
    })
}

#[cfg(test)]
mod tests {
    use diesel::result::{DatabaseErrorInformation, DatabaseErrorKind};

    use super::*;

    /// What PostgreSQL reports for a violated constraint.
    struct Violated(&'static str);

    impl DatabaseErrorInformation for Violated {
        fn message(&self) -> &str {
            "duplicate key value violates unique constraint"
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            Some(self.0)
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    fn unique(name: &'static str) -> Error {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, Box::new(Violated(name)))
    }

    /// (code, field, message) as a client sees them.
    fn seen(err: AppError) -> (&'static str, Option<String>, String) {
        let field = match &err {
            AppError::BadUserInput { field, .. } => field.clone(),
            _ => None,
        };
        (err.code(), field, err.to_string())
    }

    #[test]
    fn every_constraint_maps_to_what_clients_are_told() {
        let cases = [
            (
                "users_email_key",
                "BAD_USER_INPUT",
                Some("input.email"),
                "a user with this email already exists",
            ),
            (
                "content_types_api_id_key",
                "CONFLICT",
                None,
                "a content type with this API id exists",
            ),
            (
                "content_items_type_slug_key",
                "CONFLICT",
                None,
                "another item of this type took this slug; try again",
            ),
            (
                "content_items_type_live_slug_key",
                "CONFLICT",
                None,
                "another item of this type went live with this slug; try again",
            ),
            (
                "categories_slug_key",
                "CONFLICT",
                None,
                "a category with this slug exists",
            ),
            (
                "tags_slug_key",
                "CONFLICT",
                None,
                "a tag with this slug exists",
            ),
            (
                "media_folders_parent_name_key",
                "CONFLICT",
                None,
                "a folder with this name exists here",
            ),
        ];
        let mapped = CONSTRAINTS
            .iter()
            .filter(|(_, m)| !matches!(m, Meaning::Never))
            .count();
        assert_eq!(cases.len(), mapped, "a case per mapped row");
        for (name, code, field, message) in cases {
            assert_eq!(
                seen(AppError::from(unique(name))),
                (code, field.map(str::to_string), message.to_string()),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_constraints_and_other_errors_stay_unmapped() {
        assert!(violation(&unique("api_keys_secret_hash_key")).is_none());
        assert!(violation(&unique("no_such_key")).is_none());
        assert!(violation(&Error::NotFound).is_none());
        assert_eq!(
            AppError::from(unique("api_keys_secret_hash_key")).code(),
            "INTERNAL"
        );
    }
}
