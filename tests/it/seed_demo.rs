//! `vellum seed-demo` writes through the content stores: what it writes
//! reads back through the API like content made by hand, and a second run
//! reuses the people and tags and adds new articles.

use serde_json::json;
use vellum::seed::{SeedOptions, seed_demo};

use crate::harness::TestApp;

#[tokio::test]
async fn seeded_articles_read_back_through_the_api_and_runs_add_up() {
    let app = TestApp::spawn().await;
    let options = SeedOptions {
        items: 40,
        authors: 3,
        tags: 6,
        seed: 7,
    };
    let first = seed_demo(&app.db, options).await.unwrap();
    assert_eq!(first.items, 40);
    assert_eq!(first.authors_created, 3);
    assert_eq!(first.tags, 6);
    assert_eq!(first.first_number, 1);
    assert!(
        first.published > 0 && first.versions > first.items,
        "{first:?}"
    );

    // The public sees exactly the published ones, with the version's fields.
    let (_, body) = app
        .gql(
            "{ contents(first: 100) { totalCount edges { node { title slug bodyHtml readingTime seoTitle noIndex tags { slug } } } } }",
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let list = &body["data"]["contents"];
    assert_eq!(list["totalCount"], first.published, "{body}");
    let node = &list["edges"][0]["node"];
    assert!(
        node["bodyHtml"].as_str().unwrap().starts_with("<p>"),
        "{node}"
    );
    assert!(node["readingTime"].as_i64().unwrap() >= 1, "{node}");
    assert_eq!(node["seoTitle"], "");
    assert_eq!(node["noIndex"], false);
    assert_eq!(node["tags"].as_array().unwrap().len(), 3, "{node}");

    // A second run reuses people and tags and numbers on from the first.
    let second = seed_demo(&app.db, options).await.unwrap();
    assert_eq!(second.authors_created, 0);
    assert_eq!(second.editors_created, 0);
    assert_eq!(second.first_number, 41);
    assert_eq!(
        app.sql_strings("SELECT count(*)::text AS value FROM content_items")
            .await,
        ["80"]
    );
    assert_eq!(
        app.sql_strings("SELECT count(*)::text AS value FROM tags")
            .await,
        ["6"]
    );
}
