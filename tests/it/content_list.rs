//! The `contents` list over HTTP: who sees what, every filter, the orders,
//! keyset paging (stable under inserts), `totalCount`, bad arguments and
//! the trash.

use serde_json::{Value, json};

use crate::fixtures::{CategoryBuilder, ContentBuilder, TagBuilder, publish};
use crate::harness::{TestApp, codes};

const LIST: &str = "query($f: ContentFilterInput, $o: ContentOrderBy, $first: Int, $after: String, $last: Int, $before: String) {
    contents(filter: $f, orderBy: $o, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id title status deletedAt } }
    } }";

/// Runs the list query (anonymously when `token` is `None`).
async fn list(app: &TestApp, token: Option<&str>, vars: Value) -> Value {
    let (status, body) = match token {
        Some(token) => app.gql_as(token, LIST, vars).await,
        None => app.gql(LIST, vars).await,
    };
    assert_eq!(status, 200, "{body}");
    body
}

/// A list that must succeed.
async fn ok_list(app: &TestApp, token: Option<&str>, vars: Value) -> Value {
    let body = list(app, token, vars).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["contents"].clone()
}

fn titles(contents: &Value) -> Vec<String> {
    contents["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

fn ids(contents: &Value) -> Vec<String> {
    contents["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

/// Titles of the items matching `filter` (as `token` sees them), sorted,
/// after checking that `totalCount` agrees with them.
async fn matching(app: &TestApp, token: Option<&str>, filter: Value) -> Vec<String> {
    let contents = ok_list(app, token, json!({ "f": filter, "first": 100 })).await;
    let mut found = titles(&contents);
    assert_eq!(
        contents["totalCount"].as_u64(),
        Some(found.len() as u64),
        "{filter}: {contents}"
    );
    found.sort();
    found
}

#[tokio::test]
async fn the_public_sees_only_published_items() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    ContentBuilder::new("Draft one")
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Live one")
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Live two")
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Author draft")
        .create(&app, &author.access)
        .await;

    for token in [None, Some(viewer.access.as_str())] {
        let contents = ok_list(&app, token, json!({})).await;
        // Newest published first by default.
        assert_eq!(titles(&contents), ["Live two", "Live one"], "{contents}");
        assert_eq!(contents["totalCount"], 2);
        // Filtering by status cannot reach drafts.
        assert!(
            matching(&app, token, json!({ "status": ["DRAFT"] }))
                .await
                .is_empty()
        );
    }
    // An author sees the public items and its own drafts.
    assert_eq!(
        matching(&app, Some(&author.access), json!({})).await,
        ["Author draft", "Live one", "Live two"]
    );
    // An editor sees everything, and filters by status.
    assert_eq!(
        matching(&app, Some(&editor.access), json!({})).await,
        ["Author draft", "Draft one", "Live one", "Live two"]
    );
    assert_eq!(
        matching(&app, Some(&editor.access), json!({ "status": ["DRAFT"] })).await,
        ["Author draft", "Draft one"]
    );
    assert_eq!(
        matching(
            &app,
            Some(&editor.access),
            json!({ "status": ["PUBLISHED", "IN_REVIEW"] })
        )
        .await,
        ["Live one", "Live two"]
    );
}

#[tokio::test]
async fn filters_by_type_and_author() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    ContentBuilder::new("Editor article")
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Editor page")
        .of_type("page")
        .publish()
        .create(&app, &editor.access)
        .await;
    let one = ContentBuilder::new("Author one")
        .create(&app, &author.access)
        .await;
    publish(&app, &editor.access, &one).await;
    ContentBuilder::new("Author two")
        .create(&app, &author.access)
        .await;

    let ed = Some(editor.access.as_str());
    assert_eq!(
        matching(&app, ed, json!({ "types": ["page"] })).await,
        ["Editor page"]
    );
    assert_eq!(
        matching(&app, ed, json!({ "types": ["article"] })).await,
        ["Author one", "Author two", "Editor article"]
    );
    assert_eq!(
        matching(&app, ed, json!({ "types": ["article", "page"] }))
            .await
            .len(),
        4
    );
    assert_eq!(
        matching(&app, ed, json!({ "authorIds": [author.user_id] })).await,
        ["Author one", "Author two"]
    );
    assert_eq!(
        matching(
            &app,
            ed,
            json!({ "authorIds": [author.user_id, editor.user_id], "types": ["page"] })
        )
        .await,
        ["Editor page"]
    );
    // The public gets the same filters over what it may see.
    assert_eq!(
        matching(&app, None, json!({ "authorIds": [author.user_id] })).await,
        ["Author one"]
    );
    assert_eq!(
        matching(&app, None, json!({ "types": ["page"] })).await,
        ["Editor page"]
    );
}

#[tokio::test]
async fn a_category_filter_includes_its_descendants() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let root = CategoryBuilder::new("Root").create(&app, token).await;
    let child = CategoryBuilder::new("Child")
        .parent(&root)
        .create(&app, token)
        .await;
    let grandchild = CategoryBuilder::new("Grandchild")
        .parent(&child)
        .create(&app, token)
        .await;
    let other = CategoryBuilder::new("Other").create(&app, token).await;
    for (title, category) in [
        ("In root", Some(&root)),
        ("In child", Some(&child)),
        ("In grandchild", Some(&grandchild)),
        ("In other", Some(&other)),
        ("Nowhere", None),
    ] {
        ContentBuilder::new(title)
            .category(category)
            .publish()
            .create(&app, token)
            .await;
    }
    assert_eq!(
        matching(&app, None, json!({ "categoryId": root })).await,
        ["In child", "In grandchild", "In root"]
    );
    assert_eq!(
        matching(&app, Some(token), json!({ "categoryId": child })).await,
        ["In child", "In grandchild"]
    );
    assert_eq!(
        matching(&app, None, json!({ "categoryId": grandchild })).await,
        ["In grandchild"]
    );
    assert_eq!(
        matching(&app, None, json!({ "categoryId": other })).await,
        ["In other"]
    );
}

#[tokio::test]
async fn tags_any_matches_one_tags_all_matches_every_one() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let a = TagBuilder::new("Alpha").create(&app, token).await;
    let b = TagBuilder::new("Beta").create(&app, token).await;
    let c = TagBuilder::new("Gamma").create(&app, token).await;
    for (title, tags) in [
        ("A", vec![&a]),
        ("B", vec![&b]),
        ("AB", vec![&a, &b]),
        ("ABC", vec![&c, &b, &a]),
        ("C", vec![&c]),
        ("None", vec![]),
    ] {
        ContentBuilder::new(title)
            .tags(&tags)
            .publish()
            .create(&app, token)
            .await;
    }
    assert_eq!(
        matching(&app, None, json!({ "tagsAny": [a, b] })).await,
        ["A", "AB", "ABC", "B"]
    );
    assert_eq!(
        matching(&app, None, json!({ "tagsAll": [a, b] })).await,
        ["AB", "ABC"]
    );
    assert_eq!(
        matching(&app, Some(token), json!({ "tagsAll": [a, b, c] })).await,
        ["ABC"]
    );
    assert_eq!(
        matching(&app, None, json!({ "tagsAny": [c], "tagsAll": [a] })).await,
        ["ABC"]
    );
}

#[tokio::test]
async fn text_matches_title_or_excerpt_case_insensitively_and_literally() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    for (title, excerpt) in [
        ("Rust tips", ""),
        ("Rusty nails", ""),
        ("Cooking", "All about RUST removal"),
        ("Gardening", "Nothing here"),
        ("100% done", ""),
        ("100 percent", ""),
        ("snake_case names", ""),
        ("snakeXcase names", ""),
    ] {
        ContentBuilder::new(title)
            .excerpt(excerpt)
            .publish()
            .create(&app, token)
            .await;
    }
    assert_eq!(
        matching(&app, None, json!({ "text": "rUsT" })).await,
        ["Cooking", "Rust tips", "Rusty nails"]
    );
    assert_eq!(
        matching(&app, Some(token), json!({ "text": "REMOVAL" })).await,
        ["Cooking"]
    );
    assert_eq!(
        matching(&app, None, json!({ "text": "100%" })).await,
        ["100% done"]
    );
    assert_eq!(
        matching(&app, None, json!({ "text": "e_c" })).await,
        ["snake_case names"]
    );
    assert_eq!(
        matching(&app, None, json!({ "text": "%" })).await,
        ["100% done"]
    );
    assert!(
        matching(&app, None, json!({ "text": "nomatch" }))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn created_after_is_inclusive_and_created_before_exclusive() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    for (title, at) in [
        ("2020", "2020-01-01T00:00:00Z"),
        ("2021", "2021-06-01T00:00:00Z"),
        ("2022", "2022-12-31T23:59:59Z"),
    ] {
        let id = ContentBuilder::new(title).create(&app, token).await;
        // Fixture: back-date the item.
        app.sql(&format!(
            "UPDATE content_items SET created_at = '{at}' WHERE id = '{id}'"
        ))
        .await;
    }
    let ed = Some(token);
    assert_eq!(
        matching(&app, ed, json!({ "createdAfter": "2021-01-01T00:00:00Z" })).await,
        ["2021", "2022"]
    );
    assert_eq!(
        matching(&app, ed, json!({ "createdBefore": "2022-01-01T00:00:00Z" })).await,
        ["2020", "2021"]
    );
    assert_eq!(
        matching(
            &app,
            ed,
            json!({ "createdAfter": "2021-06-01T00:00:00Z", "createdBefore": "2022-12-31T23:59:59Z" })
        )
        .await,
        ["2021"]
    );
    // Offsets are instants: 02:00+02:00 is midnight UTC.
    assert_eq!(
        matching(
            &app,
            ed,
            json!({ "createdAfter": "2021-06-01T02:00:00+02:00" })
        )
        .await,
        ["2021", "2022"]
    );
}

#[tokio::test]
async fn orders_by_title_and_by_publication() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let bravo = ContentBuilder::new("Bravo").create(&app, token).await;
    let alpha = ContentBuilder::new("Alpha").create(&app, token).await;
    let charlie = ContentBuilder::new("Charlie").create(&app, token).await;
    let delta = ContentBuilder::new("Delta").create(&app, token).await;
    // Published in an order unlike both creation and title.
    for id in [&charlie, &alpha, &delta, &bravo] {
        publish(&app, token, id).await;
    }
    let by =
        |field: &str, direction: &str| json!({ "o": { "field": field, "direction": direction } });
    assert_eq!(
        titles(&ok_list(&app, None, by("TITLE", "ASC")).await),
        ["Alpha", "Bravo", "Charlie", "Delta"]
    );
    assert_eq!(
        titles(&ok_list(&app, Some(token), by("TITLE", "DESC")).await),
        ["Delta", "Charlie", "Bravo", "Alpha"]
    );
    assert_eq!(
        titles(&ok_list(&app, None, by("PUBLISHED_AT", "DESC")).await),
        ["Bravo", "Delta", "Alpha", "Charlie"]
    );
    assert_eq!(
        titles(&ok_list(&app, Some(token), by("PUBLISHED_AT", "ASC")).await),
        ["Charlie", "Alpha", "Delta", "Bravo"]
    );
    assert_eq!(
        titles(&ok_list(&app, Some(token), by("CREATED_AT", "ASC")).await),
        ["Bravo", "Alpha", "Charlie", "Delta"]
    );
}

/// Pages through everything with `first: 3`, returning ids in order.
async fn page_through(app: &TestApp, token: Option<&str>, order: Value) -> Vec<String> {
    let mut seen = Vec::new();
    let mut after = Value::Null;
    for _ in 0..10 {
        let contents = ok_list(
            app,
            token,
            json!({ "first": 3, "after": after, "o": order }),
        )
        .await;
        let page = ids(&contents);
        assert!(page.len() <= 3, "{contents}");
        seen.extend(page);
        if contents["pageInfo"]["hasNextPage"] == false {
            return seen;
        }
        assert_eq!(contents["edges"].as_array().unwrap().len(), 3);
        after = contents["pageInfo"]["endCursor"].clone();
        assert!(after.is_string(), "{contents}");
    }
    panic!("paging never ended: {seen:?}");
}

#[tokio::test]
async fn keyset_pages_visit_every_item_once_in_order() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    // Titles repeat, so the id has to break ties.
    for title in ["Gamma", "Alpha", "Gamma", "Beta", "Alpha", "Delta", "Gamma"] {
        ContentBuilder::new(title)
            .publish()
            .create(&app, token)
            .await;
    }
    for (who, order) in [
        (None, Value::Null),
        (Some(token), Value::Null),
        (None, json!({ "field": "TITLE", "direction": "ASC" })),
        (
            Some(token),
            json!({ "field": "TITLE", "direction": "DESC" }),
        ),
        (
            Some(token),
            json!({ "field": "CREATED_AT", "direction": "ASC" }),
        ),
    ] {
        let all = ok_list(&app, who, json!({ "first": 100, "o": order })).await;
        let expected = ids(&all);
        assert_eq!(expected.len(), 7);
        assert_eq!(all["totalCount"], 7);
        assert_eq!(all["pageInfo"]["hasNextPage"], false);
        let paged = page_through(&app, who, order.clone()).await;
        assert_eq!(paged, expected, "{order}");

        // `last: 2` is the tail of the same list, in the same order.
        let tail = ok_list(&app, who, json!({ "last": 2, "o": order })).await;
        assert_eq!(ids(&tail), expected[5..], "{order}: {tail}");
        assert_eq!(tail["pageInfo"]["hasPreviousPage"], true);
        // And `before` walks back from there.
        let back = ok_list(
            &app,
            who,
            json!({ "last": 3, "before": tail["pageInfo"]["startCursor"], "o": order }),
        )
        .await;
        assert_eq!(ids(&back), expected[2..5], "{order}: {back}");
    }
    let by_title = ok_list(
        &app,
        None,
        json!({ "first": 100, "o": { "field": "TITLE", "direction": "ASC" } }),
    )
    .await;
    assert_eq!(
        titles(&by_title),
        ["Alpha", "Alpha", "Beta", "Delta", "Gamma", "Gamma", "Gamma"]
    );
}

#[tokio::test]
async fn cursors_stay_put_when_items_are_added_between_pages() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    for title in ["B1", "B2", "B3", "B4", "B5", "B6"] {
        ContentBuilder::new(title)
            .publish()
            .create(&app, token)
            .await;
    }
    // Newest first: a new item sorts to the front, ahead of the cursor.
    let page1 = ok_list(&app, None, json!({ "first": 3 })).await;
    assert_eq!(titles(&page1), ["B6", "B5", "B4"]);
    ContentBuilder::new("New")
        .publish()
        .create(&app, token)
        .await;
    let page2 = ok_list(
        &app,
        None,
        json!({ "first": 3, "after": page1["pageInfo"]["endCursor"] }),
    )
    .await;
    assert_eq!(titles(&page2), ["B3", "B2", "B1"], "{page2}");
    assert_eq!(page2["pageInfo"]["hasNextPage"], false);
    assert_eq!(page2["totalCount"], 7);

    // By title: an item sorting before the cursor is not seen, one after
    // it is, and nothing old repeats.
    let order = json!({ "field": "TITLE", "direction": "ASC" });
    let page1 = ok_list(&app, Some(token), json!({ "first": 3, "o": order })).await;
    assert_eq!(titles(&page1), ["B1", "B2", "B3"]);
    ContentBuilder::new("A0").create(&app, token).await;
    ContentBuilder::new("B35").create(&app, token).await;
    let page2 = ok_list(
        &app,
        Some(token),
        json!({ "first": 3, "after": page1["pageInfo"]["endCursor"], "o": order }),
    )
    .await;
    assert_eq!(titles(&page2), ["B35", "B4", "B5"], "{page2}");
}

#[tokio::test]
async fn bad_page_arguments_are_bad_input() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("One")
        .publish()
        .create(&app, &editor.access)
        .await;
    for (vars, field) in [
        (json!({ "after": "garbage" }), "after"),
        (json!({ "before": "!!!" }), "before"),
        (json!({ "first": 0 }), "first"),
        (json!({ "first": 101 }), "first"),
        (json!({ "last": -1 }), "last"),
        (json!({ "first": 1, "last": 1 }), "last"),
        (
            json!({ "f": { "types": ["article", "nope"] } }),
            "filter.types",
        ),
    ] {
        for token in [None, Some(editor.access.as_str())] {
            let body = list(&app, token, vars.clone()).await;
            assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{vars}: {body}");
            assert_eq!(
                body["errors"][0]["extensions"]["field"], field,
                "{vars}: {body}"
            );
        }
    }
    // The largest page is fine.
    let contents = ok_list(&app, None, json!({ "first": 100 })).await;
    assert_eq!(titles(&contents), ["One"]);
}

#[tokio::test]
async fn a_cursor_from_another_order_is_bad_input() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for title in ["One", "Two", "Three"] {
        ContentBuilder::new(title)
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    let by_title = ok_list(
        &app,
        None,
        json!({ "first": 1, "o": { "field": "TITLE", "direction": "ASC" } }),
    )
    .await;
    let cursor = by_title["pageInfo"]["endCursor"].clone();
    // Reused with the default (PUBLISHED_AT) order it cannot mean anything.
    let body = list(&app, None, json!({ "first": 1, "after": cursor })).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");
}

#[tokio::test]
async fn the_trash_is_listed_for_editors_only() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let kept = ContentBuilder::new("Kept")
        .publish()
        .create(&app, &editor.access)
        .await;
    let gone = ContentBuilder::new("Gone")
        .publish()
        .create(&app, &editor.access)
        .await;
    let draft = ContentBuilder::new("Gone draft")
        .create(&app, &editor.access)
        .await;
    for id in [&gone, &draft] {
        let (_, body) = app
            .gql_as(
                &editor.access,
                "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { deletedAt } } }",
                json!({ "i": { "id": id } }),
            )
            .await;
        assert!(
            body["data"]["deleteContent"]["content"]["deletedAt"].is_string(),
            "{body}"
        );
    }
    let trashed = json!({ "f": { "trashed": true } });
    let body = list(&app, Some(&viewer.access), trashed.clone()).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let body = list(&app, None, trashed.clone()).await;
    assert!(
        matches!(
            codes(&body).as_slice(),
            [c] if c == "UNAUTHENTICATED" || c == "FORBIDDEN"
        ),
        "{body}"
    );

    let contents = ok_list(&app, Some(&editor.access), trashed).await;
    let mut found = titles(&contents);
    found.sort();
    assert_eq!(found, ["Gone", "Gone draft"], "{contents}");
    assert_eq!(contents["totalCount"], 2);
    assert!(
        contents["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["node"]["deletedAt"].is_string()),
        "{contents}"
    );
    // Out of the trash, the trashed items are gone for everyone.
    assert_eq!(matching(&app, None, json!({})).await, ["Kept"]);
    assert_eq!(
        matching(&app, Some(&editor.access), json!({})).await,
        ["Kept"]
    );
    assert_eq!(ids(&ok_list(&app, None, json!({})).await), [kept]);
}

#[tokio::test]
async fn an_author_does_not_see_others_trash() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let gone = ContentBuilder::new("Editor's trashed item")
        .publish()
        .create(&app, &editor.access)
        .await;
    let (_, body) = app
        .gql_as(
            &editor.access,
            "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id } } }",
            json!({ "i": { "id": gone } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    // A direct read hides it from the author ...
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($id: UUID!) { content(id: $id) { id } }",
            json!({ "id": gone }),
        )
        .await;
    assert_eq!(body["data"]["content"], Value::Null, "{body}");
    // ... so the trash listing must not show it either (or be refused).
    let body = list(
        &app,
        Some(&author.access),
        json!({ "f": { "trashed": true } }),
    )
    .await;
    if codes(&body).is_empty() {
        assert_eq!(
            titles(&body["data"]["contents"]),
            Vec::<String>::new(),
            "{body}"
        );
    } else {
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    }
}

#[tokio::test]
async fn the_public_status_filter_matches_what_the_public_sees() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let edited = ContentBuilder::new("Live, then edited")
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Just live")
        .publish()
        .create(&app, &editor.access)
        .await;
    // A new draft on top of the live version; the live version stays up.
    let (_, body) = app
        .gql_as(
            &editor.access,
            "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { status } } }",
            json!({ "i": { "id": edited, "expectedVersion": 2, "title": "Unpublished title" } }),
        )
        .await;
    assert_eq!(
        body["data"]["updateContent"]["content"]["status"], "DRAFT",
        "{body}"
    );
    // The public sees both items, both as PUBLISHED ...
    let all = ok_list(&app, None, json!({})).await;
    assert_eq!(titles(&all), ["Just live", "Live, then edited"], "{all}");
    // ... so filtering on PUBLISHED finds both, and on DRAFT none.
    assert_eq!(
        matching(&app, None, json!({ "status": ["PUBLISHED"] })).await,
        ["Just live", "Live, then edited"]
    );
    assert!(
        matching(&app, None, json!({ "status": ["DRAFT"] }))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn the_scheduled_filter_is_editorial_and_pages_by_keyset() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = editor.access.as_str();
    let schedule =
        "mutation($i: ScheduleContentInput!) { scheduleContent(input: $i) { content { id } } }";
    let soon = chrono::Utc::now() + chrono::Duration::days(1);
    let later = soon + chrono::Duration::days(1);
    for (title, publish_at, unpublish_at, live) in [
        ("Goes live", Some(soon), None, false),
        ("Comes down", None, Some(later), true),
        ("Both", Some(soon), Some(later), false),
        ("Plain draft", None, None, false),
        ("Plain live", None, None, true),
    ] {
        let mut item = ContentBuilder::new(title);
        if live {
            item = item.publish();
        }
        let id = item.create(&app, token).await;
        if publish_at.is_some() || unpublish_at.is_some() {
            app.send(
                Some(token),
                schedule,
                json!({ "i": { "id": id, "publishAt": publish_at, "unpublishAt": unpublish_at } }),
            )
            .await
            .ok();
        }
    }
    assert_eq!(
        matching(&app, Some(token), json!({ "scheduled": true })).await,
        ["Both", "Comes down", "Goes live"]
    );
    assert_eq!(
        matching(&app, Some(token), json!({ "scheduled": false })).await,
        ["Plain draft", "Plain live"]
    );
    assert_eq!(
        matching(&app, Some(token), json!({ "scheduled": null }))
            .await
            .len(),
        5
    );
    // Keyset pages walk the filtered list, each item once.
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let contents = ok_list(
            &app,
            Some(token),
            json!({ "f": { "scheduled": true }, "first": 2, "after": after }),
        )
        .await;
        assert_eq!(contents["totalCount"], 3, "{contents}");
        seen.extend(titles(&contents));
        if contents["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = contents["pageInfo"]["endCursor"].clone();
    }
    seen.sort();
    assert_eq!(seen, ["Both", "Comes down", "Goes live"]);

    // Schedules are not shown to those who cannot read every draft, so
    // they cannot filter by them either, true or false.
    for caller in [None, Some(author.access.as_str())] {
        for scheduled in [true, false] {
            let body = list(&app, caller, json!({ "f": { "scheduled": scheduled } })).await;
            assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
            assert!(
                body["errors"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("filter.scheduled"),
                "{body}"
            );
            assert!(
                body["data"].is_null() || body["data"]["contents"].is_null(),
                "{body}"
            );
        }
    }
}

#[tokio::test]
async fn a_list_reads_the_body_and_fields_exactly_when_it_shows_them() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("With a body")
        .body("<p>Long enough to matter</p>")
        .publish()
        .create(&app, &editor.access)
        .await;
    // Without the body first: the item cache keeps that page, and must not
    // hand it to the lists below, which show the body.
    let (_, body) = app
        .gql(
            "{ contents { edges { node { title excerpt } } } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        body["data"]["contents"]["edges"][0]["node"]["title"], "With a body",
        "{body}"
    );
    for (query, path) in [
        (
            "{ contents { edges { node { body } } } }",
            "/data/contents/edges/0/node/body",
        ),
        (
            "{ contents { nodes { html: bodyHtml } } }",
            "/data/contents/nodes/0/html",
        ),
        (
            "{ contents { edges { node { ...B } } } } fragment B on Content { body }",
            "/data/contents/edges/0/node/body",
        ),
        (
            "{ contents { edges { ... on ContentEdge { node { ... on Content { bodyHtml } } } } } }",
            "/data/contents/edges/0/node/bodyHtml",
        ),
    ] {
        let (_, body) = app.gql(query, Value::Null).await;
        assert_eq!(
            body.pointer(path).and_then(Value::as_str),
            Some("<p>Long enough to matter</p>"),
            "{query}: {body}"
        );
    }
    let (_, body) = app
        .gql("{ contents { nodes { fields fieldsHtml } } }", Value::Null)
        .await;
    assert_eq!(
        body["data"]["contents"]["nodes"][0]["fields"],
        json!({}),
        "{body}"
    );
    assert!(body.get("errors").is_none(), "{body}");
}
