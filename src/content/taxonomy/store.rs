//! All SQL of categories and tags.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::content::taxonomy::model::{Category, CategoryChangeset, NewCategory, NewTag, Tag};
use crate::db::schema::{categories, content_items, content_versions, tags};

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

/// Locks the tags `ids` (in id order, as every writer locks rows); returns
/// those that exist.
pub async fn lock_tags(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    tags::table
        .filter(tags::id.eq_any(ids))
        .order(tags::id)
        .select(tags::id)
        .for_update()
        .load(conn)
        .await
}

/// Replaces the tags `sources` by `target` in the version every item and
/// the public show (working and live; older versions keep what they were
/// written with) and in the media library, keeping each list's order
/// without repeats. Returns the items changed, whose rows it locks first
/// (in id order, as every writer of an item does).
pub async fn replace_tags(
    conn: &mut AsyncPgConnection,
    sources: &[Uuid],
    target: Uuid,
) -> QueryResult<Vec<Uuid>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let locked: Vec<Row> = diesel::sql_query(
        "SELECT i.id FROM content_items i \
         WHERE EXISTS (SELECT 1 FROM content_versions v WHERE v.content_id = i.id \
           AND (v.version = i.working_version OR v.version = i.live_version) \
           AND v.tag_ids && $1) \
         ORDER BY i.id FOR UPDATE OF i",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(sources)
    .load(conn)
    .await?;
    let ids: Vec<Uuid> = locked.into_iter().map(|r| r.id).collect();
    // Each id mapped, then the first place of each kept.
    const MERGED: &str = "ARRAY(SELECT m.tag FROM (\
           SELECT CASE WHEN e.tag = ANY ($1) THEN $2 ELSE e.tag END AS tag, min(e.n) AS n \
           FROM unnest(tag_ids) WITH ORDINALITY AS e(tag, n) GROUP BY 1) m ORDER BY m.n)";
    diesel::sql_query(format!(
        "UPDATE content_versions v SET tag_ids = {MERGED} \
         FROM content_items i \
         WHERE v.content_id = i.id AND i.id = ANY ($3) \
           AND (v.version = i.working_version OR v.version = i.live_version) \
           AND v.tag_ids && $1"
    ))
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(sources)
    .bind::<diesel::sql_types::Uuid, _>(target)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(&ids)
    .execute(conn)
    .await?;
    diesel::sql_query(format!(
        "UPDATE media SET tag_ids = {MERGED} WHERE tag_ids && $1"
    ))
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(sources)
    .bind::<diesel::sql_types::Uuid, _>(target)
    .execute(conn)
    .await?;
    Ok(ids)
}

/// Inserts the tags whose slug is free; returns how many were created.
pub async fn insert_tags_if_missing(
    conn: &mut AsyncPgConnection,
    new: &[NewTag<'_>],
) -> QueryResult<usize> {
    diesel::insert_into(tags::table)
        .values(new)
        .on_conflict(tags::slug)
        .do_nothing()
        .execute(conn)
        .await
}

/// Ids of the tags with `slugs`, by slug.
pub async fn tag_ids_by_slug(
    conn: &mut AsyncPgConnection,
    slugs: &[&str],
) -> QueryResult<std::collections::HashMap<String, Uuid>> {
    Ok(tags::table
        .filter(tags::slug.eq_any(slugs))
        .select((tags::slug, tags::id))
        .load::<(String, Uuid)>(conn)
        .await?
        .into_iter()
        .collect())
}

/// Inserts the categories whose slug is free; returns how many were
/// created.
pub async fn insert_categories_if_missing(
    conn: &mut AsyncPgConnection,
    new: &[NewCategory<'_>],
) -> QueryResult<usize> {
    diesel::insert_into(categories::table)
        .values(new)
        .on_conflict(categories::slug)
        .do_nothing()
        .execute(conn)
        .await
}

/// Ids of the categories with `slugs`, by slug.
pub async fn category_ids_by_slug(
    conn: &mut AsyncPgConnection,
    slugs: &[&str],
) -> QueryResult<std::collections::HashMap<String, Uuid>> {
    Ok(categories::table
        .filter(categories::slug.eq_any(slugs))
        .select((categories::slug, categories::id))
        .load::<(String, Uuid)>(conn)
        .await?
        .into_iter()
        .collect())
}
