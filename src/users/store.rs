//! SQL for users and their roles.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::model::{NewUser, User, UserChangeset, UserFilter};
use crate::db::schema::{roles, users};
use crate::pagination::{Direction, Page};

/// A role row.
#[derive(Debug, Clone, diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = roles, check_for_backend(diesel::pg::Pg))]
pub struct Role {
    pub id: Uuid,
    pub name: String,
    pub level: i32,
}

/// The id of the role named `name`.
pub async fn role_id_by_name(conn: &mut AsyncPgConnection, name: &str) -> QueryResult<Uuid> {
    roles::table
        .filter(roles::name.eq(name))
        .select(roles::id)
        .first(conn)
        .await
}

/// A role by name.
pub async fn role_by_name(conn: &mut AsyncPgConnection, name: &str) -> QueryResult<Option<Role>> {
    roles::table
        .filter(roles::name.eq(name))
        .select(Role::as_select())
        .first(conn)
        .await
        .optional()
}

/// Every role, lowest level first.
pub async fn roles(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Role>> {
    roles::table
        .order(roles::level)
        .select(Role::as_select())
        .load(conn)
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

/// A user by id.
pub async fn by_id(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .await
        .optional()
}

/// Users by id (missing ids are left out).
pub async fn by_ids(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select(User::as_select())
        .load(conn)
        .await
}

/// Users by id, locked in id order (a fixed order, so two transactions
/// locking the same pair cannot deadlock).
pub async fn lock_many(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::id.eq_any(ids))
        .order(users::id)
        .select(User::as_select())
        .for_update()
        .load(conn)
        .await
}

/// Applies a changeset.
pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &UserChangeset,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set(changes)
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// Locks the active users holding `role` and counts them; holding the
/// locks keeps two demotions from both passing a "not the last" check.
pub async fn lock_active_with_role(conn: &mut AsyncPgConnection, role: &str) -> QueryResult<usize> {
    let role_id = role_id_by_name(conn, role).await?;
    users::table
        .filter(users::role_id.eq(role_id))
        .filter(users::active.eq(true))
        .select(users::id)
        .for_update()
        .load::<Uuid>(conn)
        .await
        .map(|ids| ids.len())
}

/// Key of the transaction-scoped advisory lock taken while the first
/// SUPERADMIN is created by first-run setup ("vellum-1st").
const FIRST_ADMIN_LOCK_KEY: i64 = 0x7665_6c6c_756d_2d31;

/// Serialises first-run setups until the caller's transaction ends, across
/// every `vellum serve` process on the database: with no SUPERADMIN row yet
/// there is nothing for `FOR UPDATE` to lock, so "none exists yet, create
/// one" needs a lock of its own.
pub async fn lock_first_admin(conn: &mut AsyncPgConnection) -> QueryResult<()> {
    crate::db::xact_lock(conn, FIRST_ADMIN_LOCK_KEY).await
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

fn filtered<'a>(filter: &'a UserFilter) -> users::BoxedQuery<'a, diesel::pg::Pg> {
    let mut query = users::table.into_boxed();
    if let Some(role) = &filter.role {
        query = query.filter(
            users::role_id.eq_any(roles::table.filter(roles::name.eq(role)).select(roles::id)),
        );
    }
    if let Some(active) = filter.active {
        query = query.filter(users::active.eq(active));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.is_empty()) {
        let escaped = search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        query = query.filter(
            users::email
                .ilike(pattern.clone())
                .or(users::display_name.ilike(pattern)),
        );
    }
    query
}

/// One page of users ordered by (created_at, id), plus one extra row to
/// tell whether another page follows. Returned in ascending order.
pub async fn page(
    conn: &mut AsyncPgConnection,
    filter: &UserFilter,
    page: &Page,
) -> QueryResult<(Vec<User>, bool)> {
    let mut query = filtered(filter).select(User::as_select());
    if let Some(cursor) = page.cursor {
        query = match page.direction {
            Direction::Forward => query.filter(
                users::created_at
                    .gt(cursor.at)
                    .or(users::created_at.eq(cursor.at).and(users::id.gt(cursor.id))),
            ),
            Direction::Backward => query.filter(
                users::created_at
                    .lt(cursor.at)
                    .or(users::created_at.eq(cursor.at).and(users::id.lt(cursor.id))),
            ),
        };
    }
    query = match page.direction {
        Direction::Forward => query.order((users::created_at.asc(), users::id.asc())),
        Direction::Backward => query.order((users::created_at.desc(), users::id.desc())),
    };
    let rows = query.limit(page.fetch_limit()).load(conn).await?;
    Ok(page.finish(rows))
}

/// How many users match.
pub async fn count(conn: &mut AsyncPgConnection, filter: &UserFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(conn).await
}

/// Active users whose role grants `permission` (who must hear about work
/// waiting for that permission).
pub async fn active_ids_with_permission(
    conn: &mut AsyncPgConnection,
    permission: &str,
) -> QueryResult<Vec<Uuid>> {
    use crate::db::schema::{permissions, role_permissions};
    users::table
        .inner_join(role_permissions::table.on(role_permissions::role_id.eq(users::role_id)))
        .inner_join(permissions::table.on(permissions::id.eq(role_permissions::permission_id)))
        .filter(permissions::name.eq(permission))
        .filter(users::active.eq(true))
        .select(users::id)
        .load(conn)
        .await
}

/// Ids of the users with `emails`, by email.
pub async fn ids_by_email(
    conn: &mut AsyncPgConnection,
    emails: &[String],
) -> QueryResult<std::collections::HashMap<String, Uuid>> {
    Ok(users::table
        .filter(users::email.eq_any(emails))
        .select((users::email, users::id))
        .load::<(String, Uuid)>(conn)
        .await?
        .into_iter()
        .collect())
}

/// Inserts verified accounts `(email, display name)` sharing a role and a
/// password hash, skipping emails already taken (another writer may be
/// creating the same people); returns how many were created.
pub async fn insert_verified_if_missing(
    conn: &mut AsyncPgConnection,
    people: &[(&str, &str)],
    password_hash: &str,
    role_id: Uuid,
    verified_at: chrono::DateTime<chrono::Utc>,
) -> QueryResult<usize> {
    let rows: Vec<_> = people
        .iter()
        .map(|(email, name)| {
            (
                users::email.eq(*email),
                users::display_name.eq(*name),
                users::password_hash.eq(password_hash),
                users::role_id.eq(role_id),
                users::email_verified_at.eq(Some(verified_at)),
            )
        })
        .collect();
    diesel::insert_into(users::table)
        .values(&rows)
        .on_conflict(users::email)
        .do_nothing()
        .execute(conn)
        .await
}
