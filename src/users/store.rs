//! SQL for users and their roles.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{NewUser, User};
use crate::db::schema::{roles, users};

/// The id of the role named `name`.
pub async fn role_id_by_name(conn: &mut AsyncPgConnection, name: &str) -> QueryResult<Uuid> {
    roles::table
        .filter(roles::name.eq(name))
        .select(roles::id)
        .first(conn)
        .await
}

/// Inserts a user.
pub async fn insert(conn: &mut AsyncPgConnection, user: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// How many active users hold the role named `role`.
pub async fn count_active_with_role(conn: &mut AsyncPgConnection, role: &str) -> QueryResult<i64> {
    users::table
        .inner_join(roles::table)
        .filter(roles::name.eq(role))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)
        .await
}
