//! All SQL of items: rows, slugs and redirects, reading with visibility, and
//! the dashboard figures.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Jsonb, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::content::history::model::ContentVersion;
use crate::content::items::cursor::{ContentCursor, SortKey};
use crate::content::items::model::{
    Columns, ContentEntry, ContentFilter, ContentItem, ContentOrder, ContentOrderField,
    ImportedItem, ItemChangeset, NewContentItem, Visibility,
};
use crate::db::schema::{content_items, content_slug_redirects, content_versions, users};
use crate::pagination::{Direction, Page};
use crate::users::model::User;

diesel::define_sql_function! {
    /// SQL `COALESCE` for a nullable and a non-null timestamp.
    fn coalesce(x: diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>, y: diesel::sql_types::Timestamptz) -> diesel::sql_types::Timestamptz;
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

/// The items of a type holding `slug` as their working or live slug (one,
/// as the service keeps it, or none).
pub async fn items_by_slug(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
) -> QueryResult<Vec<ContentItem>> {
    content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(
            content_items::slug
                .eq(slug)
                .or(content_items::live_slug.eq(slug)),
        )
        .select(ContentItem::as_select())
        .order(content_items::id)
        .load(conn)
        .await
}

/// An item of a type other than `except` holding `slug` as its working or
/// live slug: the slug is taken.
pub async fn slug_holder(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
    except: Option<Uuid>,
) -> QueryResult<Option<Uuid>> {
    let mut query = content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(
            content_items::slug
                .eq(slug)
                .or(content_items::live_slug.eq(slug)),
        )
        .select(content_items::id)
        .into_boxed();
    if let Some(except) = except {
        query = query.filter(content_items::id.ne(except));
    }
    query.first(conn).await.optional()
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

/// Working and live slugs of a type starting with `prefix`, to pick a
/// free one.
pub async fn slugs_with_prefix(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    prefix: &str,
) -> QueryResult<Vec<String>> {
    let pattern = format!("{}%", crate::db::escape_like(prefix));
    let mut slugs: Vec<String> = content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::slug.like(pattern.clone()))
        .select(content_items::slug)
        .load(conn)
        .await?;
    let live: Vec<Option<String>> = content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::live_slug.like(pattern))
        .select(content_items::live_slug)
        .load(conn)
        .await?;
    slugs.extend(live.into_iter().flatten());
    Ok(slugs)
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

// ---------------------------------------------------------------- reading

type ItemVersionJoin = diesel::dsl::LeftJoinOn<
    diesel::dsl::InnerJoinOn<
        content_items::table,
        content_versions::table,
        diesel::dsl::Eq<content_versions::content_id, content_items::id>,
    >,
    users::table,
    diesel::dsl::Eq<users::id, content_items::author_id>,
>;
type Visible<'a> = diesel::dsl::IntoBoxed<'a, ItemVersionJoin, Pg>;

/// What an entry is read from: the item, its version, its author.
type EntryRow = (ContentItem, ContentVersion, Option<User>);

type EntryColumns = (
    diesel::dsl::AsSelect<ContentItem, Pg>,
    diesel::dsl::AsSelect<ContentVersion, Pg>,
    diesel::dsl::AsSelect<Option<User>, Pg>,
);

fn entry_columns() -> EntryColumns {
    (
        ContentItem::as_select(),
        ContentVersion::as_select(),
        Option::<User>::as_select(),
    )
}

/// Items joined with the version `visibility` shows of each, and with
/// their author, whom nearly every reader of an item shows too (one
/// statement instead of a second round trip per page). A left join: every
/// item has an author, and PostgreSQL drops an unused left join on a key,
/// so counts do not pay for it.
fn visible<'a>(visibility: Visibility) -> Visible<'a> {
    let query = content_items::table
        .inner_join(content_versions::table.on(content_versions::content_id.eq(content_items::id)))
        .left_join(users::table.on(users::id.eq(content_items::author_id)))
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

/// A kind of taxonomy term an item version names.
#[derive(Debug, Clone, Copy)]
pub enum Taxon {
    Tag,
    Category,
}

/// How many untrashed items carry each of `ids` in the version
/// `visibility` shows of them (the rule of [`visible`], spelled in SQL
/// because the count groups by an array's elements).
pub async fn taxonomy_usage(
    conn: &mut AsyncPgConnection,
    visibility: Visibility,
    taxon: Taxon,
    ids: &[Uuid],
) -> QueryResult<Vec<(Uuid, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        items: i64,
    }
    let (version, user) = match visibility {
        Visibility::Public => (
            "i.live_version IS NOT NULL AND v.version = i.live_version",
            None,
        ),
        Visibility::Own(user) => (
            "((i.author_id = $2 AND v.version = i.working_version) \
              OR (i.author_id <> $2 AND v.version = i.live_version))",
            Some(user),
        ),
        Visibility::All => ("v.version = i.working_version", None),
    };
    let term = match taxon {
        Taxon::Tag => "CROSS JOIN LATERAL unnest(v.tag_ids) AS t(id)",
        Taxon::Category => "CROSS JOIN LATERAL (SELECT v.category_id) AS t(id)",
    };
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT t.id, count(*) AS items FROM content_items i \
         JOIN content_versions v ON v.content_id = i.id AND {version} \
         {term} \
         WHERE i.deleted_at IS NULL AND t.id = ANY ($1) \
         GROUP BY t.id"
    ))
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids)
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(user)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.items)).collect())
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
        .select(entry_columns())
        .first::<EntryRow>(conn)
        .await
        .optional()
        .map(|row| row.map(ContentEntry::read))
}

/// The live, untrashed item of type `type_id` whose live slug is `slug`,
/// as the public sees it (served by the unique index on live slugs).
pub async fn live_entry_by_slug(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slug: &str,
) -> QueryResult<Option<ContentEntry>> {
    visible(Visibility::Public)
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::live_slug.eq(slug))
        .filter(content_items::deleted_at.is_null())
        .select(entry_columns())
        .first::<EntryRow>(conn)
        .await
        .optional()
        .map(|row| row.map(ContentEntry::read))
}

/// Items by id as `visibility` shows them (missing or hidden ids left out).
pub async fn entries_by_ids(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
    visibility: Visibility,
) -> QueryResult<Vec<ContentEntry>> {
    visible(visibility)
        .filter(content_items::id.eq_any(ids))
        .select(entry_columns())
        .load::<EntryRow>(conn)
        .await
        .map(|rows| rows.into_iter().map(ContentEntry::read).collect())
}

/// Binds `$col` to a function giving the `updatedAt` that `visibility` is
/// shown of each row (`ContentEntry::updated_at` in SQL), and evaluates
/// `$body` with it: the public filters and orders by what it sees, never
/// by when an unpublished edit was made.
macro_rules! with_updated_at {
    ($visibility:expr, $col:ident => $body:expr) => {
        match $visibility {
            Visibility::All => {
                let $col = || content_items::updated_at;
                $body
            }
            Visibility::Public => {
                let $col = || content_versions::created_at;
                $body
            }
            Visibility::Own(user) => {
                let $col = || {
                    diesel::dsl::case_when(
                        content_items::author_id.eq(user),
                        content_items::updated_at,
                    )
                    .otherwise(content_versions::created_at)
                };
                $body
            }
        }
    };
}

/// Items matching `filter`, each with the version `visibility` shows: every
/// condition on the content reads that version, so the public's results
/// (and counts) depend on live versions only.
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
        let pattern = format!("%{}%", crate::db::escape_like(text));
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
        query = with_updated_at!(visibility, updated => query.filter(updated().ge(at)));
    }
    if let Some(at) = filter.updated_to {
        query = with_updated_at!(visibility, updated => query.filter(updated().lt(at)));
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
    if let Some(scheduled) = filter.scheduled {
        let has_schedule = content_items::publish_at
            .is_not_null()
            .or(content_items::unpublish_at.is_not_null());
        query = if scheduled {
            query.filter(has_schedule)
        } else {
            query.filter(diesel::dsl::not(has_schedule))
        };
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
    columns: Columns,
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
        ContentOrderField::UpdatedAt => with_updated_at!(visibility, updated => {
            keyset!(query, updated(), at, id, ascending)
        }),
        ContentOrderField::CreatedAt => {
            keyset!(query, content_items::created_at, at, id, ascending)
        }
        ContentOrderField::Title => keyset!(query, content_versions::title, text, id, ascending),
    };
    let query = query.limit(page.fetch_limit());
    let rows = match columns {
        Columns::Full => query.select(entry_columns()).load::<EntryRow>(conn).await?,
        Columns::Summary => {
            query
                .select((
                    ContentItem::as_select(),
                    summary_version(),
                    Option::<User>::as_select(),
                ))
                .load::<EntryRow>(conn)
                .await?
        }
    };
    let (rows, more) = page.finish(rows);
    Ok((
        rows.into_iter()
            .map(|row| ContentEntry {
                columns,
                ..ContentEntry::read(row)
            })
            .collect(),
        more,
    ))
}

/// A version's columns with the large ones (`body`, `body_html`, `fields`)
/// left unread: empty values in their place, in `ContentVersion`'s order.
#[allow(clippy::type_complexity)]
fn summary_version() -> (
    content_versions::content_id,
    content_versions::version,
    content_versions::event,
    content_versions::status,
    (
        content_versions::title,
        content_versions::slug,
        content_versions::excerpt,
        diesel::expression::SqlLiteral<Text>,
        content_versions::body_format,
        diesel::expression::SqlLiteral<Text>,
        content_versions::reading_time,
        diesel::expression::SqlLiteral<Jsonb>,
        content_versions::category_id,
        content_versions::tag_ids,
        content_versions::locale,
        content_versions::seo_title,
        content_versions::seo_description,
        content_versions::canonical_url,
        content_versions::no_index,
        content_versions::cover_image_id,
        content_versions::og_image_id,
        content_versions::media_ids,
    ),
    content_versions::note,
    content_versions::actor_id,
    content_versions::created_at,
) {
    use content_versions as v;
    (
        v::content_id,
        v::version,
        v::event,
        v::status,
        (
            v::title,
            v::slug,
            v::excerpt,
            diesel::dsl::sql::<Text>("''"),
            v::body_format,
            diesel::dsl::sql::<Text>("''"),
            v::reading_time,
            diesel::dsl::sql::<Jsonb>("'{}'::jsonb"),
            v::category_id,
            v::tag_ids,
            v::locale,
            v::seo_title,
            v::seo_description,
            v::canonical_url,
            v::no_index,
            v::cover_image_id,
            v::og_image_id,
            v::media_ids,
        ),
        v::note,
        v::actor_id,
        v::created_at,
    )
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

/// How many items (trash included) a type has.
pub async fn count_of_type(conn: &mut AsyncPgConnection, type_id: Uuid) -> QueryResult<i64> {
    content_items::table
        .filter(content_items::type_id.eq(type_id))
        .count()
        .get_result(conn)
        .await
}

/// Inserts items written elsewhere with their state and times (the demo
/// seeder); their versions must follow in the same transaction.
pub async fn insert_imported(
    conn: &mut AsyncPgConnection,
    new: &[ImportedItem<'_>],
) -> QueryResult<usize> {
    diesel::insert_into(content_items::table)
        .values(new)
        .execute(conn)
        .await
}

/// Which of `slugs` are working or live slugs of items of a type.
pub async fn slugs_taken(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slugs: &[String],
) -> QueryResult<Vec<String>> {
    let mut taken: Vec<String> = content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::slug.eq_any(slugs))
        .select(content_items::slug)
        .load(conn)
        .await?;
    let live: Vec<Option<String>> = content_items::table
        .filter(content_items::type_id.eq(type_id))
        .filter(content_items::live_slug.eq_any(slugs))
        .select(content_items::live_slug)
        .load(conn)
        .await?;
    taken.extend(live.into_iter().flatten());
    Ok(taken)
}

/// Drops the redirects of `slugs` in a type (they are current slugs now).
pub async fn remove_redirects(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slugs: &[String],
) -> QueryResult<usize> {
    diesel::delete(
        content_slug_redirects::table
            .filter(content_slug_redirects::type_id.eq(type_id))
            .filter(content_slug_redirects::slug.eq_any(slugs)),
    )
    .execute(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_no_large_column() {
        let summary =
            diesel::debug_query::<Pg, _>(&content_versions::table.select(summary_version()))
                .to_string();
        let full = diesel::debug_query::<Pg, _>(
            &content_versions::table.select(ContentVersion::as_select()),
        )
        .to_string();
        for column in ["\"body\"", "\"body_html\"", "\"fields\""] {
            assert!(!summary.contains(column), "{summary}");
            assert!(full.contains(column), "{full}");
        }
        assert!(summary.contains("\"title\"") && summary.contains("\"tag_ids\""));
    }
}
