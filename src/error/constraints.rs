//! The database constraints a client can break, by name: the one table that
//! turns a refused write into the error the client sees. A violation of a
//! constraint not listed here is a bug of ours and stays `INTERNAL`.

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
];

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
        ];
        assert_eq!(cases.len(), CONSTRAINTS.len(), "a case per table row");
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
        assert!(violation(&Error::NotFound).is_none());
        assert_eq!(
            AppError::from(unique("api_keys_secret_hash_key")).code(),
            "INTERNAL"
        );
    }
}
