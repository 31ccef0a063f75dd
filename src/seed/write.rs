//! Writing demo people, taxonomy and article batches through the stores.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::*;
use crate::auth::password;
use crate::content::history::model::NewContentVersion;
use crate::content::items::model::ImportedItem;
use crate::content::render::BodyFormat;
use crate::content::shape::{Snapshot, TagIds};
use crate::content::slug;
use crate::content::taxonomy::model::{NewCategory, NewTag};
use crate::content::{items, taxonomy};
use crate::db::Db;
use crate::error::AppError;

/// Finds the users with `emails`, creating the missing ones with `role`
/// and the demo password (hashed once per run, into `hash`). Returns their
/// ids in the order of `emails` and how many were created.
pub(super) async fn ensure_people(
    conn: &mut AsyncPgConnection,
    role: &str,
    emails: &[String],
    names: &[String],
    hash: &mut Option<String>,
) -> Result<(Vec<Uuid>, usize), AppError> {
    let found = ids_by_email(conn, emails).await?;
    let missing: Vec<(&String, &String)> = emails
        .iter()
        .zip(names)
        .filter(|(email, _)| !found.contains_key(email.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok((
            emails
                .iter()
                .filter_map(|e| found.get(e).copied())
                .collect(),
            0,
        ));
    }
    if hash.is_none() {
        *hash = Some(password::hash(DEMO_PASSWORD.into()).await?);
    }
    let password_hash = hash.clone().unwrap_or_default();
    let role_id = crate::users::store::role_id_by_name(conn, role).await?;
    let people: Vec<(&str, &str)> = missing
        .iter()
        .map(|(email, name)| (email.as_str(), name.as_str()))
        .collect();
    let created = crate::users::store::insert_verified_if_missing(
        conn,
        &people,
        &password_hash,
        role_id,
        Utc::now(),
    )
    .await?;
    let found = ids_by_email(conn, emails).await?;
    let ids: Vec<Uuid> = emails
        .iter()
        .filter_map(|e| found.get(e).copied())
        .collect();
    if ids.len() != emails.len() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "demo {role} accounts vanished while seeding"
        )));
    }
    Ok((ids, created))
}

pub(super) async fn ids_by_email(
    conn: &mut AsyncPgConnection,
    emails: &[String],
) -> Result<HashMap<String, Uuid>, AppError> {
    Ok(crate::users::store::ids_by_email(conn, emails).await?)
}

/// Tag ids for `names`, creating the missing tags (an existing tag with
/// the same slug is reused, whoever made it).
pub(super) async fn ensure_tags(
    conn: &mut AsyncPgConnection,
    names: &[String],
) -> Result<Vec<Uuid>, AppError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let slugs: Vec<String> = names.iter().map(|n| slug::slugify(n, "tag")).collect();
    let rows: Vec<NewTag<'_>> = names
        .iter()
        .zip(&slugs)
        .map(|(name, slug)| NewTag { name, slug })
        .collect();
    taxonomy::store::insert_tags_if_missing(conn, &rows).await?;
    let slug_refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let found = taxonomy::store::tag_ids_by_slug(conn, &slug_refs).await?;
    Ok(slugs.iter().filter_map(|s| found.get(s).copied()).collect())
}

/// Creates the demo category tree where missing; returns how many
/// categories it has and the ids of its leaves (where articles go).
pub(super) async fn ensure_categories(
    conn: &mut AsyncPgConnection,
) -> Result<(usize, Vec<Uuid>), AppError> {
    let roots: Vec<(String, &str)> = CATEGORY_TREE
        .iter()
        .map(|(name, _)| (slug::slugify(name, "category"), *name))
        .collect();
    let root_ids = ensure_category_level(
        conn,
        &roots
            .iter()
            .map(|(s, n)| (s.as_str(), *n, None))
            .collect::<Vec<_>>(),
    )
    .await?;
    let mut children = Vec::new();
    for ((_, kids), parent) in CATEGORY_TREE.iter().zip(&root_ids) {
        for kid in *kids {
            children.push((slug::slugify(kid, "category"), *kid, Some(*parent)));
        }
    }
    let leaves = ensure_category_level(
        conn,
        &children
            .iter()
            .map(|(s, n, p)| (s.as_str(), *n, *p))
            .collect::<Vec<_>>(),
    )
    .await?;
    Ok((root_ids.len() + leaves.len(), leaves))
}

/// Ids of categories `(slug, name, parent)`, creating the missing ones.
pub(super) async fn ensure_category_level(
    conn: &mut AsyncPgConnection,
    wanted: &[(&str, &str, Option<Uuid>)],
) -> Result<Vec<Uuid>, AppError> {
    let rows: Vec<NewCategory<'_>> = wanted
        .iter()
        .map(|(slug, name, parent)| NewCategory {
            name,
            slug,
            description: "",
            parent_id: *parent,
        })
        .collect();
    taxonomy::store::insert_categories_if_missing(conn, &rows).await?;
    let slugs: Vec<&str> = wanted.iter().map(|(slug, _, _)| *slug).collect();
    let found = taxonomy::store::category_ids_by_slug(conn, &slugs).await?;
    let ids: Vec<Uuid> = slugs
        .iter()
        .filter_map(|s| found.get(*s).copied())
        .collect();
    if ids.len() != wanted.len() {
        return Err(AppError::Internal(anyhow::anyhow!(
            "demo categories vanished while seeding"
        )));
    }
    Ok(ids)
}

/// What every batch resolves plan indices against.
pub(super) struct BatchContext<'a> {
    pub(super) type_id: Uuid,
    pub(super) authors: &'a [Uuid],
    pub(super) editors: &'a [Uuid],
    pub(super) tags: &'a [Uuid],
    pub(super) categories: &'a [Uuid],
    pub(super) now: DateTime<Utc>,
}

#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub(super) items: usize,
    pub(super) published: usize,
    pub(super) in_review: usize,
    pub(super) versions: usize,
}

impl Counts {
    pub(super) fn add(self, other: Counts) -> Counts {
        Counts {
            items: self.items + other.items,
            published: self.published + other.published,
            in_review: self.in_review + other.in_review,
            versions: self.versions + other.versions,
        }
    }
}

/// Writes one batch of articles and all their versions in one transaction.
/// Articles are numbered from `first_number` (the number ends the slug).
pub(super) async fn write_batch(
    db: &Db,
    ctx: &BatchContext<'_>,
    first_number: usize,
    plans: Vec<ArticlePlan>,
) -> Result<Counts, AppError> {
    let pick = |ids: &[Uuid], i: usize| ids.get(i).copied();
    let mut slugs: Vec<String> = plans
        .iter()
        .enumerate()
        .map(|(k, plan)| {
            let base = slug::slugify(&plan.title, "article");
            // Keep room for the number within the slug length limit.
            let base = base
                .get(..150)
                .map_or(base.as_str(), |b| b.trim_end_matches('-'));
            format!("{base}-{}", first_number + k)
        })
        .collect();
    let ids: Vec<Uuid> = plans.iter().map(|_| Uuid::new_v4()).collect();
    let mut conn = db.conn().await?;
    conn.transaction::<_, AppError, _>(async |conn| {
        // One set-based search rebuild for the batch, not one per item.
        crate::search::postgres::bulk_writes(conn).await?;
        free_slugs(conn, ctx.type_id, &mut slugs).await?;
        let at = |age: i64| ctx.now - chrono::Duration::seconds(age);
        let mut items = Vec::with_capacity(plans.len());
        let mut versions = Vec::with_capacity(plans.len() * STEPS.len());
        let mut counts = Counts::default();
        for ((plan, id), slug) in plans.iter().zip(&ids).zip(&slugs) {
            let author = pick(ctx.authors, plan.author);
            let editor = pick(ctx.editors, plan.editor);
            let last = plan.ages.last().copied().unwrap_or(0);
            let working = i32::try_from(plan.stage.steps().len()).unwrap_or(1);
            let live = (plan.stage == Stage::Published).then_some(working);
            let published_at = live.map(|_| at(last));
            items.push(ImportedItem {
                id: *id,
                type_id: ctx.type_id,
                author_id: author.unwrap_or_default(),
                slug,
                status: plan.stage.status(),
                working_version: working,
                live_version: live,
                live_slug: live.map(|_| slug.as_str()),
                published_at,
                first_published_at: published_at,
                created_at: at(plan.ages.iter().copied().next().unwrap_or(0)),
                updated_at: at(last),
            });
            let tag_ids: Vec<Uuid> = plan
                .tags
                .iter()
                .filter_map(|&t| pick(ctx.tags, t))
                .collect();
            for (n, ((event, status), age)) in plan.stage.steps().iter().zip(&plan.ages).enumerate()
            {
                let (body, reading_time) = if n == 0 {
                    (plan.draft_body.as_str(), plan.draft_reading_time)
                } else {
                    (plan.body.as_str(), plan.reading_time)
                };
                versions.push(NewContentVersion {
                    content_id: *id,
                    version: i32::try_from(n + 1).unwrap_or(1),
                    event,
                    status,
                    // Rich text is stored sanitized in both body columns;
                    // the paragraphs were sanitized when the pool was made.
                    content: Snapshot {
                        title: plan.title.clone(),
                        slug: slug.clone(),
                        excerpt: plan.excerpt.clone(),
                        body: body.to_string(),
                        body_format: BodyFormat::RichText,
                        body_html: body.to_string(),
                        reading_time,
                        category_id: pick(ctx.categories, plan.category),
                        tag_ids: TagIds(tag_ids.clone()),
                        ..Snapshot::empty()
                    },
                    note: None,
                    actor_id: if matches!(*event, "approve" | "publish") {
                        editor
                    } else {
                        author
                    },
                    created_at: Some(at(*age)),
                });
            }
            counts.items += 1;
            counts.published += usize::from(plan.stage == Stage::Published);
            counts.in_review += usize::from(plan.stage == Stage::InReview);
        }
        counts.versions = versions.len();
        // Items first: versions reference them. The items' pointers to
        // their versions are deferred to the commit.
        items::store::insert_imported(conn, &items).await?;
        for chunk in versions.chunks(VERSION_ROWS_PER_STATEMENT) {
            crate::content::history::store::insert_versions(conn, chunk).await?;
        }
        // A current slug must not also be an old slug of another item.
        items::store::remove_redirects(conn, ctx.type_id, &slugs).await?;
        crate::search::postgres::refresh(conn, &ids).await?;
        Ok(counts)
    })
    .await
}

/// Replaces slugs already taken in the type by the slug plus a short
/// random suffix. Numbered demo slugs only collide with content someone
/// named like them, so this almost never changes anything.
pub(super) async fn free_slugs(
    conn: &mut AsyncPgConnection,
    type_id: Uuid,
    slugs: &mut [String],
) -> Result<(), AppError> {
    for _ in 0..5 {
        let taken: HashSet<String> = items::store::slugs_taken(conn, type_id, slugs)
            .await?
            .into_iter()
            .collect();
        if taken.is_empty() {
            return Ok(());
        }
        for slug in slugs.iter_mut().filter(|s| taken.contains(s.as_str())) {
            let suffix = Uuid::new_v4().simple().to_string();
            *slug = format!("{slug}-{}", &suffix[..6]);
        }
    }
    Err(AppError::Conflict(
        "cannot find free slugs for the demo articles".into(),
    ))
}
