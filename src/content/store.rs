//! All SQL of the content domain: types, items, versions, redirects,
//! taxonomy and workflow transitions.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::cursor::{ContentCursor, SortKey};
use super::model::{
    Category, CategoryChangeset, ContentEntry, ContentFilter, ContentItem, ContentOrder,
    ContentOrderField, ContentType, ContentTypeChangeset, ContentVersion, ItemChangeset,
    NewCategory, NewContentItem, NewContentType, NewContentVersion, NewTag, Tag, Transition,
    Visibility,
};
use crate::db::schema::{
    categories, content_items, content_slug_redirects, content_types, content_versions, tags,
    workflow_transitions,
};
use crate::pagination::{Direction, Page};

diesel::define_sql_function! {
    /// SQL `COALESCE` for a nullable and a non-null timestamp.
    fn coalesce(x: diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>, y: diesel::sql_types::Timestamptz) -> diesel::sql_types::Timestamptz;
}

// ---------------------------------------------------------------- types

/// Every content type, by API id.
pub async fn types(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ContentType>> {
    content_types::table
        .order(content_types::api_id)
        .select(ContentType::as_select())
        .load(conn)
        .await
}

/// A content type by API id.
pub async fn type_by_api_id(
    conn: &mut AsyncPgConnection,
    api_id: &str,
) -> QueryResult<Option<ContentType>> {
    content_types::table
        .filter(content_types::api_id.eq(api_id))
        .select(ContentType::as_select())
        .first(conn)
        .await
        .optional()
}

/// Content types by id.
pub async fn types_by_ids(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<ContentType>> {
    content_types::table
        .filter(content_types::id.eq_any(ids))
        .select(ContentType::as_select())
        .load(conn)
        .await
}

/// A content type by API id, locked for a change.
pub async fn lock_type(
    conn: &mut AsyncPgConnection,
    api_id: &str,
) -> QueryResult<Option<ContentType>> {
    content_types::table
        .filter(content_types::api_id.eq(api_id))
        .select(ContentType::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Inserts a content type.
pub async fn insert_type(
    conn: &mut AsyncPgConnection,
    new: &NewContentType<'_>,
) -> QueryResult<ContentType> {
    diesel::insert_into(content_types::table)
        .values(new)
        .returning(ContentType::as_returning())
        .get_result(conn)
        .await
}

/// Applies a changeset to a content type.
pub async fn update_type(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ContentTypeChangeset,
) -> QueryResult<ContentType> {
    diesel::update(content_types::table.find(id))
        .set(changes)
        .returning(ContentType::as_returning())
        .get_result(conn)
        .await
}

/// Working versions of items of `type_id` that hold a value for any of
/// `keys` (to refuse dropping or renaming fields with data).
pub async fn items_with_field_data(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    keys: &[String],
) -> QueryResult<Vec<Uuid>> {
    content_items::table
        .inner_join(
            content_versions::table.on(content_versions::content_id
                .eq(content_items::id)
                .and(content_versions::version.eq(content_items::working_version))),
        )
        .filter(content_items::type_id.eq(type_id))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("content_versions.fields ?| ")
                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(keys),
        )
        .select(content_items::id)
        .order(content_items::id)
        .load(conn)
        .await
}

// ---------------------------------------------------------------- items

/// Inserts an item (its first version must follow in the same transaction).
pub async fn insert_item(
    conn: &mut AsyncPgConnection,
    new: &NewContentItem<'_>,
) -> QueryResult<ContentItem> {
    diesel::insert_into(content_items::table)
        .values(new)
        .returning(ContentItem::as_returning())
        .get_result(conn)
        .await
}

/// An item by id.
pub async fn item(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<ContentItem>> {
    content_items::table
        .find(id)
        .select(ContentItem::as_select())
        .first(conn)
        .await
        .optional()
}

/// An item by id, locked until the transaction ends.
pub async fn lock_item(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<ContentItem>> {
    content_items::table
        .find(id)
        .select(ContentItem::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Applies pointer and state changes to an item.
pub async fn update_item(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ItemChangeset,
) -> QueryResult<ContentItem> {
    diesel::update(content_items::table.find(id))
        .set(changes)
        .returning(ContentItem::as_returning())
        .get_result(conn)
        .await
}

/// The item of a type whose current slug is `slug`.
pub async fn item_id_by_slug(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
) -> QueryResult<Option<Uuid>> {
    content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::slug.eq(slug))
        .select(content_items::id)
        .first(conn)
        .await
        .optional()
}

/// The item an old slug of a type redirects to.
pub async fn redirect(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
) -> QueryResult<Option<Uuid>> {
    content_slug_redirects::table
        .filter(content_slug_redirects::type_id.eq(type_id))
        .filter(content_slug_redirects::slug.eq(slug))
        .select(content_slug_redirects::content_id)
        .first(conn)
        .await
        .optional()
}

/// Points an old slug at an item (replacing an older redirect).
pub async fn add_redirect(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
    content_id: Uuid,
) -> QueryResult<()> {
    diesel::insert_into(content_slug_redirects::table)
        .values((
            content_slug_redirects::type_id.eq(type_id),
            content_slug_redirects::slug.eq(slug),
            content_slug_redirects::content_id.eq(content_id),
        ))
        .on_conflict((
            content_slug_redirects::type_id,
            content_slug_redirects::slug,
        ))
        .do_update()
        .set((
            content_slug_redirects::content_id.eq(content_id),
            content_slug_redirects::created_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Drops a redirect: the slug is someone's current slug now.
pub async fn remove_redirect(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
) -> QueryResult<()> {
    diesel::delete(
        content_slug_redirects::table
            .filter(content_slug_redirects::type_id.eq(type_id))
            .filter(content_slug_redirects::slug.eq(slug)),
    )
    .execute(conn)
    .await
    .map(|_| ())
}

/// Current slugs of a type starting with `prefix`, to pick a free one.
pub async fn slugs_with_prefix(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    prefix: &str,
) -> QueryResult<Vec<String>> {
    let pattern = format!("{}%", escape_like(prefix));
    content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::slug.like(pattern))
        .select(content_items::slug)
        .load(conn)
        .await
}

/// Whether another item of the type holds `value` in field `key` of its
/// working version (for fields marked unique).
pub async fn field_value_taken(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    except: Option<Uuid>,
    key: &str,
    value: &serde_json::Value,
) -> QueryResult<bool> {
    use diesel::sql_types::{Bool, Jsonb, Text};
    let mut query = content_items::table
        .inner_join(
            content_versions::table.on(content_versions::content_id
                .eq(content_items::id)
                .and(content_versions::version.eq(content_items::working_version))),
        )
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::deleted_at.is_null())
        .filter(
            diesel::dsl::sql::<Bool>("content_versions.fields -> ")
                .bind::<Text, _>(key)
                .sql(" = ")
                .bind::<Jsonb, _>(value),
        )
        .into_boxed();
    if let Some(except) = except {
        query = query.filter(content_items::id.ne(except));
    }
    diesel::select(diesel::dsl::exists(query.select(content_items::id)))
        .get_result(conn)
        .await
}

/// Which of `ids` are items of the type `type_id` (for reference fields).
pub async fn existing_items_of_type(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    ids: &[Uuid],
) -> QueryResult<Vec<Uuid>> {
    content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::id.eq_any(ids))
        .filter(content_items::deleted_at.is_null())
        .select(content_items::id)
        .load(conn)
        .await
}

/// Items whose scheduled publication or take-down is due, locked and
/// skipped by other workers (so several processes share the work).
pub async fn claim_due(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<ContentItem>> {
    content_items::table
        .filter(
            content_items::publish_at
                .le(now)
                .or(content_items::unpublish_at.le(now)),
        )
        .filter(content_items::deleted_at.is_null())
        .order(content_items::id)
        .limit(limit)
        .select(ContentItem::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
        .await
}

// ---------------------------------------------------------------- versions

/// Appends a version.
pub async fn insert_version(
    conn: &mut AsyncPgConnection,
    new: &NewContentVersion<'_>,
) -> QueryResult<ContentVersion> {
    diesel::insert_into(content_versions::table)
        .values(new)
        .returning(ContentVersion::as_returning())
        .get_result(conn)
        .await
}

/// One version of an item.
pub async fn version(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    number: i32,
) -> QueryResult<Option<ContentVersion>> {
    content_versions::table
        .find((content_id, number))
        .select(ContentVersion::as_select())
        .first(conn)
        .await
        .optional()
}

/// A page of an item's versions, newest first; the cursor is a version
/// number. `up_to` hides versions newer than it (the public sees history
/// only up to the live version).
pub async fn versions_page(
    conn: &mut AsyncPgConnection,
    content_id: Uuid,
    up_to: i32,
    page: &Page<i32>,
) -> QueryResult<(Vec<ContentVersion>, bool)> {
    let mut query = content_versions::table
        .filter(content_versions::content_id.eq(content_id))
        .filter(content_versions::version.le(up_to))
        .select(ContentVersion::as_select())
        .limit(page.fetch_limit())
        .into_boxed();
    query = match (page.direction, page.cursor) {
        (Direction::Forward, Some(n)) => query.filter(content_versions::version.lt(n)),
        (Direction::Backward, Some(n)) => query.filter(content_versions::version.gt(n)),
        _ => query,
    };
    query = match page.direction {
        Direction::Forward => query.order(content_versions::version.desc()),
        Direction::Backward => query.order(content_versions::version.asc()),
    };
    Ok(page.finish(query.load(conn).await?))
}

/// How many versions each item has.
pub async fn version_counts(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, i32)>> {
    content_items::table
        .filter(content_items::id.eq_any(ids))
        .select((content_items::id, content_items::working_version))
        .load(conn)
        .await
}

// ---------------------------------------------------------------- reading

type ItemVersionJoin = diesel::dsl::InnerJoinOn<
    content_items::table,
    content_versions::table,
    diesel::dsl::Eq<content_versions::content_id, content_items::id>,
>;
type Visible<'a> = diesel::dsl::IntoBoxed<'a, ItemVersionJoin, Pg>;

/// Items joined with the version `visibility` shows of each.
fn visible<'a>(visibility: Visibility) -> Visible<'a> {
    let query = content_items::table
        .inner_join(content_versions::table.on(content_versions::content_id.eq(content_items::id)))
        .into_boxed();
    let live = content_versions::version
        .nullable()
        .eq(content_items::live_version);
    match visibility {
        // Spelled out so the planner can use the partial index on live items.
        Visibility::Public => query
            .filter(content_items::live_version.is_not_null())
            .filter(live),
        Visibility::Own(user) => query.filter(
            content_items::author_id
                .eq(user)
                .and(content_versions::version.eq(content_items::working_version))
                .or(content_items::author_id.ne(user).and(live)),
        ),
        Visibility::All => {
            query.filter(content_versions::version.eq(content_items::working_version))
        }
    }
}

/// One item as `visibility` shows it (trashed items included; the
/// service decides who may see those).
pub async fn entry(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    visibility: Visibility,
) -> QueryResult<Option<ContentEntry>> {
    visible(visibility)
        .filter(content_items::id.eq(id))
        .select((ContentItem::as_select(), ContentVersion::as_select()))
        .first::<(ContentItem, ContentVersion)>(conn)
        .await
        .optional()
        .map(|row| row.map(|(item, version)| ContentEntry { item, version }))
}

/// Items by id as `visibility` shows them (missing or hidden ids left out).
pub async fn entries_by_ids(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
    visibility: Visibility,
) -> QueryResult<Vec<ContentEntry>> {
    visible(visibility)
        .filter(content_items::id.eq_any(ids))
        .select((ContentItem::as_select(), ContentVersion::as_select()))
        .load::<(ContentItem, ContentVersion)>(conn)
        .await
        .map(|rows| {
            rows.into_iter()
                .map(|(item, version)| ContentEntry { item, version })
                .collect()
        })
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn filtered<'a>(filter: &'a ContentFilter, visibility: Visibility) -> Visible<'a> {
    let mut query = visible(visibility);
    query = if filter.trashed {
        query = query.filter(content_items::deleted_at.is_not_null());
        // Authors see their own trash only (others' live items are visible
        // to them, but not once trashed).
        match visibility {
            Visibility::Own(user) => query.filter(content_items::author_id.eq(user)),
            _ => query,
        }
    } else {
        query.filter(content_items::deleted_at.is_null())
    };
    if let Some(ids) = &filter.type_ids {
        query = query.filter(content_items::type_id.eq_any(ids));
    }
    if let Some(statuses) = &filter.statuses {
        // Callers who see only the live version of an item see it as
        // PUBLISHED, whatever its working state; filter by what they see.
        let published = statuses.iter().any(|s| s == "PUBLISHED");
        query = match visibility {
            Visibility::All => query.filter(content_items::status.eq_any(statuses)),
            Visibility::Own(user) => query.filter(
                content_items::author_id
                    .eq(user)
                    .and(content_items::status.eq_any(statuses))
                    .or(content_items::author_id
                        .ne(user)
                        .and(published.into_sql::<Bool>())),
            ),
            Visibility::Public => query.filter(published.into_sql::<Bool>()),
        };
    }
    if let Some(ids) = &filter.author_ids {
        query = query.filter(content_items::author_id.eq_any(ids));
    }
    if let Some(ids) = &filter.category_ids {
        query = query.filter(content_versions::category_id.eq_any(ids));
    }
    if let Some(ids) = &filter.tags_any {
        let ids: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
        query = query.filter(content_versions::tag_ids.overlaps_with(ids));
    }
    if let Some(ids) = &filter.tags_all {
        let ids: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
        query = query.filter(content_versions::tag_ids.contains(ids));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", escape_like(text));
        query = query.filter(
            content_versions::title
                .ilike(pattern.clone())
                .or(content_versions::excerpt.ilike(pattern)),
        );
    }
    if let Some(at) = filter.created_from {
        query = query.filter(content_items::created_at.ge(at));
    }
    if let Some(at) = filter.created_to {
        query = query.filter(content_items::created_at.lt(at));
    }
    if let Some(at) = filter.updated_from {
        query = query.filter(content_items::updated_at.ge(at));
    }
    if let Some(at) = filter.updated_to {
        query = query.filter(content_items::updated_at.lt(at));
    }
    if let Some(at) = filter.published_from {
        query = query.filter(content_items::published_at.ge(at));
    }
    if let Some(at) = filter.published_to {
        query = query.filter(content_items::published_at.lt(at));
    }
    if let Some(locale) = &filter.locale {
        query = query.filter(content_versions::locale.eq(locale));
    }
    query
}

/// Applies keyset position and order for one sort column.
macro_rules! keyset {
    ($query:expr, $col:expr, $value:expr, $cursor_id:expr, $ascending:expr) => {{
        let mut query = $query;
        if let Some((value, id)) = $value.zip($cursor_id) {
            query = if $ascending {
                query.filter(
                    $col.gt(value.clone())
                        .or($col.eq(value).and(content_items::id.gt(id))),
                )
            } else {
                query.filter(
                    $col.lt(value.clone())
                        .or($col.eq(value).and(content_items::id.lt(id))),
                )
            };
        }
        if $ascending {
            query.order_by(($col.asc(), content_items::id.asc()))
        } else {
            query.order_by(($col.desc(), content_items::id.desc()))
        }
    }};
}

/// One page of items as `visibility` shows them, plus whether more follow
/// in the reading direction.
pub async fn entries_page(
    conn: &mut AsyncPgConnection,
    filter: &ContentFilter,
    order: ContentOrder,
    visibility: Visibility,
    page: &Page<ContentCursor>,
) -> QueryResult<(Vec<ContentEntry>, bool)> {
    let query = filtered(filter, visibility);
    // Reading backward walks the list in reverse, then `finish` flips it.
    let ascending = !order.descending ^ (page.direction == Direction::Backward);
    let id = page.cursor.as_ref().map(|c| c.id);
    let at = page.cursor.as_ref().and_then(|c| match c.key {
        SortKey::At(at) => Some(at),
        SortKey::Text(_) => None,
    });
    let text = page.cursor.as_ref().and_then(|c| match &c.key {
        SortKey::Text(text) => Some(text.clone()),
        SortKey::At(_) => None,
    });
    let query = match order.field {
        // Live items always have published_at, so the public list can use
        // the partial index on it.
        ContentOrderField::PublishedAt if visibility == Visibility::Public => keyset!(
            query,
            content_items::published_at.assume_not_null(),
            at,
            id,
            ascending
        ),
        ContentOrderField::PublishedAt => keyset!(
            query,
            coalesce(content_items::published_at, content_items::created_at),
            at,
            id,
            ascending
        ),
        ContentOrderField::UpdatedAt => {
            keyset!(query, content_items::updated_at, at, id, ascending)
        }
        ContentOrderField::CreatedAt => {
            keyset!(query, content_items::created_at, at, id, ascending)
        }
        ContentOrderField::Title => keyset!(query, content_versions::title, text, id, ascending),
    };
    let rows = query
        .select((ContentItem::as_select(), ContentVersion::as_select()))
        .limit(page.fetch_limit())
        .load::<(ContentItem, ContentVersion)>(conn)
        .await?;
    let (rows, more) = page.finish(rows);
    Ok((
        rows.into_iter()
            .map(|(item, version)| ContentEntry { item, version })
            .collect(),
        more,
    ))
}

/// How many items match.
pub async fn count(
    conn: &mut AsyncPgConnection,
    filter: &ContentFilter,
    visibility: Visibility,
) -> QueryResult<i64> {
    filtered(filter, visibility)
        .select(diesel::dsl::count_star())
        .get_result(conn)
        .await
}

// ---------------------------------------------------------------- taxonomy

/// Every category, by name.
pub async fn categories(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Category>> {
    categories::table
        .order((categories::name, categories::id))
        .select(Category::as_select())
        .load(conn)
        .await
}

/// Categories by id.
pub async fn categories_by_ids(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<Category>> {
    categories::table
        .filter(categories::id.eq_any(ids))
        .select(Category::as_select())
        .load(conn)
        .await
}

/// A category and all categories below it.
pub async fn category_with_descendants(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "WITH RECURSIVE tree(id) AS ( \
             SELECT id FROM categories WHERE id = $1 \
             UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id) \
         SELECT id FROM tree",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Inserts a category.
pub async fn insert_category(
    conn: &mut AsyncPgConnection,
    new: &NewCategory<'_>,
) -> QueryResult<Category> {
    diesel::insert_into(categories::table)
        .values(new)
        .returning(Category::as_returning())
        .get_result(conn)
        .await
}

/// Applies a changeset to a category.
pub async fn update_category(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &CategoryChangeset,
) -> QueryResult<Category> {
    diesel::update(categories::table.find(id))
        .set(changes)
        .returning(Category::as_returning())
        .get_result(conn)
        .await
}

/// Deletes a category; returns whether it existed.
pub async fn delete_category(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::delete(categories::table.find(id))
        .execute(conn)
        .await
        .map(|n| n > 0)
}

/// Whether a category has children.
pub async fn category_has_children(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        categories::table.filter(categories::parent_id.eq(id)),
    ))
    .get_result(conn)
    .await
}

/// Items whose working or live version is in a category.
pub async fn category_in_use(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        content_items::table
            .inner_join(
                content_versions::table.on(content_versions::content_id.eq(content_items::id).and(
                    content_versions::version
                        .eq(content_items::working_version)
                        .or(content_versions::version
                            .nullable()
                            .eq(content_items::live_version)),
                )),
            )
            .filter(content_versions::category_id.eq(id)),
    ))
    .get_result(conn)
    .await
}

/// The ancestors of a category, nearest first (to refuse cycles).
pub async fn category_ancestors(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "WITH RECURSIVE up(id, parent_id, depth) AS ( \
             SELECT id, parent_id, 0 FROM categories WHERE id = $1 \
             UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM categories c \
             JOIN up ON c.id = up.parent_id WHERE up.depth < 100) \
         SELECT id FROM up WHERE depth > 0 ORDER BY depth",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Every tag, by name.
pub async fn tags(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Tag>> {
    tags::table
        .order((tags::name, tags::id))
        .select(Tag::as_select())
        .load(conn)
        .await
}

/// Tags by id.
pub async fn tags_by_ids(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Tag>> {
    tags::table
        .filter(tags::id.eq_any(ids))
        .select(Tag::as_select())
        .load(conn)
        .await
}

/// Inserts a tag.
pub async fn insert_tag(conn: &mut AsyncPgConnection, new: &NewTag<'_>) -> QueryResult<Tag> {
    diesel::insert_into(tags::table)
        .values(new)
        .returning(Tag::as_returning())
        .get_result(conn)
        .await
}

/// Renames a tag.
pub async fn update_tag(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    name: &str,
    slug: &str,
) -> QueryResult<Tag> {
    diesel::update(tags::table.find(id))
        .set((tags::name.eq(name), tags::slug.eq(slug)))
        .returning(Tag::as_returning())
        .get_result(conn)
        .await
}

/// Deletes a tag; returns whether it existed.
pub async fn delete_tag(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::delete(tags::table.find(id))
        .execute(conn)
        .await
        .map(|n| n > 0)
}

// ---------------------------------------------------------------- workflow

/// Every move `action` allows in `workflow`, one per starting state.
pub async fn transitions_for(
    conn: &mut AsyncPgConnection,
    workflow: &str,
    action: &str,
) -> QueryResult<Vec<Transition>> {
    workflow_transitions::table
        .filter(workflow_transitions::workflow.eq(workflow))
        .filter(workflow_transitions::action.eq(action))
        .order(workflow_transitions::from_status)
        .select(Transition::as_select())
        .load(conn)
        .await
}

/// Every action defined in `workflow`.
pub async fn actions(conn: &mut AsyncPgConnection, workflow: &str) -> QueryResult<Vec<String>> {
    workflow_transitions::table
        .filter(workflow_transitions::workflow.eq(workflow))
        .select(workflow_transitions::action)
        .distinct()
        .load(conn)
        .await
}

// ---------------------------------------------------------------- dashboard

/// Figures for the editorial dashboard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    /// Items (not in the trash) per workflow state.
    pub by_status: Vec<(String, i64)>,
    /// Items live now.
    pub live: i64,
    /// The next scheduled publication.
    pub next_publish_at: Option<DateTime<Utc>>,
    /// Items that went live since midnight UTC.
    pub published_today: i64,
}

/// The dashboard figures as of `now`.
pub async fn dashboard(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> QueryResult<Dashboard> {
    let by_status = content_items::table
        .filter(content_items::deleted_at.is_null())
        .group_by(content_items::status)
        .select((content_items::status, diesel::dsl::count_star()))
        .order(content_items::status)
        .load::<(String, i64)>(conn)
        .await?;
    let live = content_items::table
        .filter(content_items::deleted_at.is_null())
        .filter(content_items::live_version.is_not_null())
        .count()
        .get_result(conn)
        .await?;
    let next_publish_at = content_items::table
        .filter(content_items::deleted_at.is_null())
        .filter(content_items::publish_at.gt(now))
        .select(diesel::dsl::min(content_items::publish_at))
        .get_result(conn)
        .await?;
    let midnight = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    let published_today = content_items::table
        .filter(content_items::deleted_at.is_null())
        .filter(content_items::live_version.is_not_null())
        .filter(content_items::published_at.ge(midnight))
        .count()
        .get_result(conn)
        .await?;
    Ok(Dashboard {
        by_status,
        live,
        next_publish_at,
        published_today,
    })
}
