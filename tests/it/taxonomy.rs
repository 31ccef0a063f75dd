//! Categories (a tree) and tags over HTTP: slugs, nesting, reparenting
//! without cycles, guarded deletes, access rules, and what deleting a tag
//! does to items and their history.

use serde_json::{Value, json};

use crate::fixtures::{CategoryBuilder, ContentBuilder, ContentUpdate, Gql, TagBuilder};
use crate::harness::{TestApp, codes};

const CATEGORY: &str = "id name slug description parentId parent { id slug }";

async fn create_category(app: &TestApp, token: &str, input: Value) -> Gql {
    CategoryBuilder::from_input(input)
        .returning(CATEGORY)
        .send(app, token)
        .await
}

async fn update_category(app: &TestApp, token: &str, input: Value) -> Gql {
    app.send(
        Some(token),
        &format!(
            "mutation($i: UpdateCategoryInput!) {{ updateCategory(input: $i) {{ category {{ {CATEGORY} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
}

async fn delete(app: &TestApp, token: &str, mutation: &str, id: &str) -> Gql {
    app.send(
        Some(token),
        &format!("mutation($i: DeleteByIdInput!) {{ {mutation}(input: $i) {{ id }} }}"),
        json!({ "i": { "id": id } }),
    )
    .await
}

async fn tag_mutation(app: &TestApp, token: &str, mutation: &str, input: Value) -> Gql {
    app.send(
        Some(token),
        &format!(
            "mutation($i: TagInput!) {{ {mutation}(input: $i) {{ tag {{ id name slug }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
}

/// Every category, read anonymously.
async fn categories(app: &TestApp) -> Vec<Value> {
    let (_, body) = app
        .gql(&format!("{{ categories {{ {CATEGORY} }} }}"), Value::Null)
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["categories"].as_array().unwrap().clone()
}

/// Every tag, read anonymously.
async fn tags(app: &TestApp) -> Vec<Value> {
    let (_, body) = app.gql("{ tags { id name slug } }", Value::Null).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["tags"].as_array().unwrap().clone()
}

fn find<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list:?}"))
}

/// An `article` as the taxonomy tests read it back.
fn item(title: &str) -> ContentBuilder {
    ContentBuilder::new(title).returning("id version tags { id name }")
}

async fn update_item(app: &TestApp, token: &str, input: Value) -> Gql {
    ContentUpdate::from_input(input)
        .returning("id version title category { id } tags { id name }")
        .send(app, token)
        .await
}

#[tokio::test]
async fn categories_get_slugs_nest_and_are_public() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let body = CategoryBuilder::new("  Home & Garden  ")
        .description("Indoors and out")
        .returning(CATEGORY)
        .send(&app, &editor.access)
        .await;
    let home = &body["data"]["createCategory"]["category"];
    assert_eq!(home["name"], "Home & Garden", "{body}");
    assert_eq!(home["slug"], "home-garden", "{body}");
    assert_eq!(home["parentId"], Value::Null);
    let home_id = home["id"].as_str().unwrap().to_string();
    let tools = CategoryBuilder::new("Power Tools")
        .slug("tools")
        .parent(&home_id)
        .create(&app, &editor.access)
        .await;

    let all = categories(&app).await;
    assert_eq!(all.len(), 2);
    let listed = find(&all, &tools);
    assert_eq!(listed["slug"], "tools");
    assert_eq!(listed["parentId"], home_id.as_str());
    assert_eq!(listed["parent"]["slug"], "home-garden");
    assert_eq!(find(&all, &home_id)["description"], "Indoors and out");

    for (input, field) in [
        (json!({ "name": "X", "slug": "Not A Slug" }), "input.slug"),
        (json!({ "name": "   " }), "input.name"),
        (
            json!({ "name": "Orphan", "parentId": "6f1c9a52-3c1e-4a7b-9d3e-2b7f0c1d4e5f" }),
            "input.parentId",
        ),
    ] {
        let body = create_category(&app, &editor.access, input.clone()).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{input}: {body}");
        assert_eq!(body.error_field(), field, "{input}: {body}");
    }
    assert_eq!(categories(&app).await.len(), 2);
}

#[tokio::test]
async fn reparenting_works_and_cycles_are_refused() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let a = CategoryBuilder::new("A").create(&app, token).await;
    let b = CategoryBuilder::new("B")
        .parent(&a)
        .create(&app, token)
        .await;
    let c = CategoryBuilder::new("C")
        .parent(&b)
        .create(&app, token)
        .await;

    // C moves up next to B.
    let body = update_category(&app, token, json!({ "id": c, "parentId": a })).await;
    assert_eq!(
        body["data"]["updateCategory"]["category"]["parentId"],
        a.as_str(),
        "{body}"
    );
    assert_eq!(find(&categories(&app).await, &c)["parentId"], a.as_str());
    // Back under B, then try to put A under its own descendants or itself.
    let body = update_category(&app, token, json!({ "id": c, "parentId": b })).await;
    assert!(body.get("errors").is_none(), "{body}");
    for parent in [&c, &b, &a] {
        let body = update_category(&app, token, json!({ "id": a, "parentId": parent })).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
        assert_eq!(body.error_field(), "input.parentId", "{body}");
    }
    let all = categories(&app).await;
    assert_eq!(find(&all, &a)["parentId"], Value::Null);
    assert_eq!(find(&all, &b)["parentId"], a.as_str());
    assert_eq!(find(&all, &c)["parentId"], b.as_str());

    // An update that changes nothing says so instead of failing inside.
    for input in [
        json!({ "id": c }),
        json!({ "id": c, "slug": null, "name": null }),
    ] {
        let body = update_category(&app, token, input).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
        assert_eq!(body.error_field(), "input", "{body}");
    }

    // A rename keeps the parent; an explicit null makes a root.
    let body = update_category(&app, token, json!({ "id": c, "name": "Sea" })).await;
    let updated = &body["data"]["updateCategory"]["category"];
    assert_eq!(updated["name"], "Sea", "{body}");
    assert_eq!(updated["parentId"], b.as_str(), "{body}");
    let body = update_category(&app, token, json!({ "id": c, "parentId": null })).await;
    assert_eq!(
        body["data"]["updateCategory"]["category"]["parentId"],
        Value::Null,
        "{body}"
    );
    let body = update_category(
        &app,
        token,
        json!({ "id": "6f1c9a52-3c1e-4a7b-9d3e-2b7f0c1d4e5f", "name": "Nobody" }),
    )
    .await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
}

#[tokio::test]
async fn a_category_with_children_or_items_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let parent = CategoryBuilder::new("Parent").create(&app, token).await;
    let child = CategoryBuilder::new("Child")
        .parent(&parent)
        .create(&app, token)
        .await;
    let item = item("Filed").category(Some(&child)).run(&app, token).await;

    let body = delete(&app, token, "deleteCategory", &parent).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let body = delete(&app, token, "deleteCategory", &child).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    assert_eq!(categories(&app).await.len(), 2);

    // Move the item out, then both go, child first.
    let body = update_item(
        &app,
        token,
        json!({ "id": item["id"], "expectedVersion": 1, "categoryId": null }),
    )
    .await;
    assert_eq!(
        body["data"]["updateContent"]["content"]["category"],
        Value::Null,
        "{body}"
    );
    let body = delete(&app, token, "deleteCategory", &child).await;
    assert_eq!(
        body["data"]["deleteCategory"]["id"],
        child.as_str(),
        "{body}"
    );
    let body = delete(&app, token, "deleteCategory", &parent).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(categories(&app).await.is_empty());
    let body = delete(&app, token, "deleteCategory", &parent).await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
}

#[tokio::test]
async fn tags_are_created_renamed_and_deleted() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let body = tag_mutation(&app, token, "createTag", json!({ "name": "Rust Lang" })).await;
    let created = &body["data"]["createTag"]["tag"];
    assert_eq!(created["slug"], "rust-lang", "{body}");
    let id = created["id"].as_str().unwrap().to_string();
    let other = TagBuilder::new("Go").create(&app, token).await;

    let body = tag_mutation(
        &app,
        token,
        "updateTag",
        json!({ "id": id, "name": "Rustacean", "slug": "crab" }),
    )
    .await;
    let renamed = &body["data"]["updateTag"]["tag"];
    assert_eq!(renamed["name"], "Rustacean", "{body}");
    assert_eq!(renamed["slug"], "crab", "{body}");
    let listed = tags(&app).await;
    assert_eq!(find(&listed, &id)["name"], "Rustacean");

    // updateTag needs an id.
    let body = tag_mutation(&app, token, "updateTag", json!({ "name": "No id" })).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "input.id", "{body}");

    let body = delete(&app, token, "deleteTag", &id).await;
    assert_eq!(body["data"]["deleteTag"]["id"], id.as_str(), "{body}");
    let listed = tags(&app).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], other.as_str());
    let body = delete(&app, token, "deleteTag", &id).await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
}

#[tokio::test]
async fn a_taken_slug_is_a_conflict() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    TagBuilder::new("News").create(&app, token).await;
    let other = TagBuilder::new("Sport").create(&app, token).await;
    // The same name makes the same slug.
    let body = tag_mutation(&app, token, "createTag", json!({ "name": "news" })).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let body = tag_mutation(
        &app,
        token,
        "createTag",
        json!({ "name": "Headlines", "slug": "news" }),
    )
    .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let body = tag_mutation(
        &app,
        token,
        "updateTag",
        json!({ "id": other, "name": "Sport", "slug": "news" }),
    )
    .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    assert_eq!(tags(&app).await.len(), 2);

    CategoryBuilder::new("World").create(&app, token).await;
    let second = CategoryBuilder::new("Europe").create(&app, token).await;
    let body = create_category(&app, token, json!({ "name": "World!" })).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let body = update_category(&app, token, json!({ "id": second, "slug": "world" })).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    assert_eq!(categories(&app).await.len(), 2);
}

#[tokio::test]
async fn only_taxonomy_managers_change_taxonomy() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let cat = CategoryBuilder::new("Kept")
        .create(&app, &editor.access)
        .await;
    let kept_tag = TagBuilder::new("Kept").create(&app, &editor.access).await;

    for token in [&viewer.access, &author.access] {
        let body = create_category(&app, token, json!({ "name": "Nope" })).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = update_category(&app, token, json!({ "id": cat, "name": "Nope" })).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = delete(&app, token, "deleteCategory", &cat).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = tag_mutation(&app, token, "createTag", json!({ "name": "Nope" })).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = tag_mutation(
            &app,
            token,
            "updateTag",
            json!({ "id": kept_tag, "name": "Nope" }),
        )
        .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = delete(&app, token, "deleteTag", &kept_tag).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    }
    let (_, body) = app
        .gql(
            "mutation($i: TagInput!) { createTag(input: $i) { tag { id } } }",
            json!({ "i": { "name": "Nope" } }),
        )
        .await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    // Nothing changed, and anyone may read both lists.
    let all = categories(&app).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["name"], "Kept");
    let all = tags(&app).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["name"], "Kept");
}

/// A fresh app, an editor's token, tags `Doomed` and `Kept`, and an
/// `article` tagged with both.
async fn tagged_item() -> (TestApp, String, String, String, Value) {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let doomed = TagBuilder::new("Doomed").create(&app, token).await;
    let kept = TagBuilder::new("Kept").create(&app, token).await;
    let item = item("Tagged")
        .tags(&[&doomed, &kept])
        .run(&app, token)
        .await;
    (app, editor.access, doomed, kept, item)
}

#[tokio::test]
async fn a_deleted_tag_leaves_items_and_their_history_readable() {
    let (app, editor, doomed, kept, item) = tagged_item().await;
    let token = editor.as_str();
    assert_eq!(item["tags"].as_array().unwrap().len(), 2, "{item}");
    let id = item["id"].as_str().unwrap().to_string();
    let body = update_item(
        &app,
        token,
        json!({ "id": id, "expectedVersion": 1, "title": "Tagged, edited" }),
    )
    .await;
    assert_eq!(
        body["data"]["updateContent"]["content"]["version"], 2,
        "{body}"
    );

    let body = delete(&app, token, "deleteTag", &doomed).await;
    assert!(body.get("errors").is_none(), "{body}");

    let (_, body) = app
        .gql_as(
            token,
            "query($id: UUID!) {
                content(id: $id) { version tags { id } }
                contentVersion(contentId: $id, version: 1) { version title tags { id } }
                contentVersions(contentId: $id, first: 10) { nodes { version } }
            }",
            json!({ "id": id }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let data = &body["data"];
    assert_eq!(data["content"]["tags"], json!([{ "id": kept }]), "{body}");
    assert_eq!(data["contentVersion"]["version"], 1, "{body}");
    assert_eq!(data["contentVersion"]["title"], "Tagged", "{body}");
    assert_eq!(
        data["contentVersion"]["tags"],
        json!([{ "id": kept }]),
        "{body}"
    );
    assert_eq!(
        data["contentVersions"]["nodes"],
        json!([{ "version": 2 }, { "version": 1 }]),
        "{body}"
    );
    // A list filtered by the deleted tag finds nothing, by the kept one the item.
    let (_, body) = app
        .gql_as(
            token,
            "query($f: ContentFilterInput) { contents(filter: $f) { totalCount } }",
            json!({ "f": { "tagsAny": [kept] } }),
        )
        .await;
    assert_eq!(body["data"]["contents"]["totalCount"], 1, "{body}");
}

#[tokio::test]
async fn an_item_stays_editable_after_one_of_its_tags_is_deleted() {
    let (app, editor, doomed, kept, item) = tagged_item().await;
    let token = editor.as_str();
    let body = delete(&app, token, "deleteTag", &doomed).await;
    assert!(body.get("errors").is_none(), "{body}");
    // An edit that does not touch the tags must not trip over the deleted one.
    let body = update_item(
        &app,
        token,
        json!({ "id": item["id"], "expectedVersion": 1, "title": "Retitled" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let content = &body["data"]["updateContent"]["content"];
    assert_eq!(content["title"], "Retitled");
    assert_eq!(content["tags"], json!([{ "id": kept, "name": "Kept" }]));
}

async fn merge(app: &TestApp, token: &str, sources: &[&str], target: &str) -> Gql {
    app.send(
        Some(token),
        "mutation($i: MergeTagsInput!) { mergeTags(input: $i) { tag { id name } itemsChanged } }",
        json!({ "i": { "sourceIds": sources, "targetId": target } }),
    )
    .await
}

#[tokio::test]
async fn merging_tags_retags_current_and_live_versions_and_deletes_the_sources() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = editor.access.as_str();
    let news = TagBuilder::new("News").create(&app, token).await;
    let headlines = TagBuilder::new("Headlines").create(&app, token).await;
    let world = TagBuilder::new("World").create(&app, token).await;
    // Published with [Headlines, World, News]: the merge keeps one News, first.
    let published = item("Published")
        .tags(&[&headlines, &world, &news])
        .publish()
        .run(&app, token)
        .await;
    let draft = item("Draft").tags(&[&headlines]).run(&app, token).await;
    let untouched = item("Untouched").tags(&[&world]).run(&app, token).await;

    let body = merge(&app, &author.access, &[&headlines], &news).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let body = merge(&app, token, &[&news], &news).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    let body = merge(&app, token, &[], &news).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    let nowhere = uuid::Uuid::new_v4().to_string();
    let body = merge(&app, token, &[&nowhere], &news).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.sourceIds");
    let body = merge(&app, token, &[&headlines], &nowhere).await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
    let many: Vec<String> = (0..101).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let body = merge(&app, token, &many, &news).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.sourceIds");
    assert_eq!(tags(&app).await.len(), 3, "a refused merge changes nothing");

    let body = merge(&app, token, &[&headlines, &headlines], &news).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["mergeTags"]["itemsChanged"], 2, "{body}");
    assert_eq!(body["data"]["mergeTags"]["tag"]["name"], "News");
    let names: Vec<Value> = tags(&app).await.iter().map(|t| t["name"].clone()).collect();
    assert_eq!(names, [json!("News"), json!("World")]);

    // The public sees the live version retagged at once, in order, once.
    let (_, body) = app
        .gql(
            "query($id: UUID!) { content(id: $id) { tags { name } } }",
            json!({ "id": published["id"] }),
        )
        .await;
    assert_eq!(
        body["data"]["content"]["tags"],
        json!([{ "name": "News" }, { "name": "World" }]),
        "{body}"
    );
    for (entry, want) in [
        (&draft, json!([{ "name": "News" }])),
        (&untouched, json!([{ "name": "World" }])),
    ] {
        let (_, body) = app
            .gql_as(
                token,
                "query($id: UUID!) { content(id: $id) { version tags { name } } }",
                json!({ "id": entry["id"] }),
            )
            .await;
        assert_eq!(body["data"]["content"]["tags"], want, "{body}");
        assert_eq!(
            body["data"]["content"]["version"], 1,
            "no new version: {body}"
        );
    }
    // Lists, search documents and the audit log follow.
    let (_, body) = app
        .gql(
            "query($f: ContentFilterInput) { contents(filter: $f) { totalCount } }",
            json!({ "f": { "tagsAny": [news] } }),
        )
        .await;
    assert_eq!(body["data"]["contents"]["totalCount"], 1, "{body}");
    let docs = app
        .sql_strings(&format!(
            "SELECT count(*)::text AS value FROM content_search WHERE tag_ids @> ARRAY['{headlines}'::uuid]"
        ))
        .await;
    assert_eq!(docs, ["0"]);
    let audit = app
        .sql_strings(
            "SELECT details->>'itemsChanged' AS value FROM audit_log WHERE action = 'tag.merged'",
        )
        .await;
    assert_eq!(audit, ["2"]);
}

#[tokio::test]
async fn usage_counts_follow_what_the_caller_may_see() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = editor.access.as_str();
    let news = TagBuilder::new("News").create(&app, token).await;
    TagBuilder::new("Idle").create(&app, token).await;
    let world = CategoryBuilder::new("World").create(&app, token).await;
    item("Live")
        .tags(&[&news])
        .category(Some(&world))
        .publish()
        .run(&app, token)
        .await;
    item("Editor's draft")
        .tags(&[&news])
        .category(Some(&world))
        .run(&app, token)
        .await;
    item("Author's draft")
        .tags(&[&news])
        .run(&app, &author.access)
        .await;
    let trashed = item("Trashed").tags(&[&news]).run(&app, token).await;
    let body = app
        .send(
            Some(token),
            "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id } } }",
            json!({ "i": { "id": trashed["id"] } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");

    let query = "{ tags { name usageCount } categories { name itemCount } }";
    let counts = |body: &Value| {
        (
            body["data"]["tags"].clone(),
            body["data"]["categories"][0]["itemCount"].clone(),
        )
    };
    // Public: published only. Author: own drafts plus others' live items.
    // Editor: every draft. Trashed items count for nobody.
    let (_, public) = app.gql(query, Value::Null).await;
    let (_, as_author) = app.gql_as(&author.access, query, Value::Null).await;
    let (_, as_editor) = app.gql_as(token, query, Value::Null).await;
    for (body, news_count, world_count) in [(&public, 1, 1), (&as_author, 2, 1), (&as_editor, 3, 2)]
    {
        assert!(body.get("errors").is_none(), "{body}");
        let (tags, category) = counts(body);
        assert_eq!(
            tags,
            json!([{ "name": "Idle", "usageCount": 0 }, { "name": "News", "usageCount": news_count }]),
            "{body}"
        );
        assert_eq!(category, world_count, "{body}");
    }
}
