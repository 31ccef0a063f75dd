//! Writers racing for one unique value: the loser of a name the client
//! chose gets `CONFLICT`; a slug Vellum chooses is retried, so every
//! same-titled item is created. And every unique constraint of the
//! database is accounted for in the one constraint table.

use std::collections::HashSet;

use crate::fixtures::{ContentBuilder, TypeBuilder};
use crate::harness::TestApp;

const RACERS: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_of_one_content_type_give_one_success_and_conflicts() {
    let app = TestApp::spawn().await;
    let admin = app
        .user_with_role("race-admin@example.com", "SUPERADMIN")
        .await;
    let answers = futures_util::future::join_all((0..RACERS).map(|n| {
        let app = &app;
        let token = admin.access.clone();
        async move {
            TypeBuilder::new("racer", &format!("Racer {n}"))
                .send(app, &token)
                .await
        }
    }))
    .await;
    let mut created = 0;
    for answer in &answers {
        assert!(answer.status < 500, "{}", answer.body);
        if answer.body.get("errors").is_none() {
            created += 1;
        } else {
            assert_eq!(answer.codes(), ["CONFLICT"], "{}", answer.body);
        }
    }
    assert_eq!(created, 1, "{answers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_items_with_one_title_all_get_their_own_slug() {
    let app = TestApp::spawn().await;
    let author = app
        .user_with_role("race-author@example.com", "AUTHOR")
        .await;
    let answers = futures_util::future::join_all((0..RACERS).map(|_| {
        let app = &app;
        let token = author.access.clone();
        async move {
            ContentBuilder::new("Same Title")
                .returning("id slug")
                .send(app, &token)
                .await
        }
    }))
    .await;
    let mut slugs = HashSet::new();
    for answer in &answers {
        let slug: String = answer.data("createContent.content.slug");
        slugs.insert(slug);
    }
    let expected: HashSet<String> = std::iter::once("same-title".to_string())
        .chain((2..=RACERS).map(|n| format!("same-title-{n}")))
        .collect();
    assert_eq!(slugs, expected);
    // A slug the client chose is not re-chosen: the loser hears CONFLICT.
    let answers = futures_util::future::join_all((0..RACERS).map(|n| {
        let app = &app;
        let token = author.access.clone();
        async move {
            ContentBuilder::new(&format!("Chosen {n}"))
                .slug("chosen")
                .send(app, &token)
                .await
        }
    }))
    .await;
    let ok = answers
        .iter()
        .filter(|a| a.body.get("errors").is_none())
        .count();
    assert_eq!(ok, 1, "{answers:?}");
    for answer in answers.iter().filter(|a| a.body.get("errors").is_some()) {
        assert_eq!(answer.codes(), ["CONFLICT"], "{}", answer.body);
    }
}

#[tokio::test]
async fn every_unique_constraint_is_in_the_constraint_table() {
    let app = TestApp::spawn().await;
    // Unique and primary-key constraints, and unique indexes that back no
    // constraint: all that can refuse a write as a duplicate.
    let names = app
        .sql_strings(
            "SELECT conname::text AS value FROM pg_constraint c \
               JOIN pg_namespace n ON n.oid = c.connamespace \
              WHERE n.nspname = 'public' AND c.contype IN ('u', 'p', 'x') \
                AND c.conrelid <> '__diesel_schema_migrations'::regclass \
             UNION \
             SELECT i.relname::text FROM pg_index x \
               JOIN pg_class i ON i.oid = x.indexrelid \
               JOIN pg_namespace n ON n.oid = i.relnamespace \
              WHERE n.nspname = 'public' AND x.indisunique \
                AND x.indrelid <> '__diesel_schema_migrations'::regclass \
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        )
        .await;
    assert!(names.len() > 20, "{names:?}");
    let known: HashSet<&str> = vellum::error::known_unique_constraints().collect();
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !known.contains(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to src/error/constraints.rs: {missing:?}"
    );
    let stale: Vec<&&str> = known
        .iter()
        .filter(|k| !names.iter().any(|n| n == *k))
        .collect();
    assert!(stale.is_empty(), "no such constraints any more: {stale:?}");
}
