//! Categories (a tree) and tags over HTTP: slugs, nesting, reparenting
//! without cycles, guarded deletes, access rules, and what deleting a tag
//! does to items and their history.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const CATEGORY: &str = "id name slug description parentId parent { id slug }";

async fn create_category(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql_as(
        token,
        &format!(
            "mutation($i: CreateCategoryInput!) {{ createCategory(input: $i) {{ category {{ {CATEGORY} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
    .1
}

/// A category that must be created; returns its id.
async fn category(app: &TestApp, token: &str, input: Value) -> String {
    let body = create_category(app, token, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["createCategory"]["category"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn update_category(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql_as(
        token,
        &format!(
            "mutation($i: UpdateCategoryInput!) {{ updateCategory(input: $i) {{ category {{ {CATEGORY} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
    .1
}

async fn delete(app: &TestApp, token: &str, mutation: &str, id: &str) -> Value {
    app.gql_as(
        token,
        &format!("mutation($i: DeleteByIdInput!) {{ {mutation}(input: $i) {{ id }} }}"),
        json!({ "i": { "id": id } }),
    )
    .await
    .1
}

async fn tag_mutation(app: &TestApp, token: &str, mutation: &str, input: Value) -> Value {
    app.gql_as(
        token,
        &format!(
            "mutation($i: TagInput!) {{ {mutation}(input: $i) {{ tag {{ id name slug }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
    .1
}

/// A tag that must be created; returns its id.
async fn tag(app: &TestApp, token: &str, name: &str) -> String {
    let body = tag_mutation(app, token, "createTag", json!({ "name": name })).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["createTag"]["tag"]["id"]
        .as_str()
        .unwrap()
        .to_string()
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

async fn create_item(app: &TestApp, token: &str, input: Value) -> Value {
    let mut input = input;
    input["type"] = json!("article");
    let (_, body) = app
        .gql_as(
            token,
            "mutation($i: CreateContentInput!) { createContent(input: $i) { content { id version tags { id name } } } }",
            json!({ "i": input }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["createContent"]["content"].clone()
}

async fn update_item(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql_as(
        token,
        "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { id version title category { id } tags { id name } } } }",
        json!({ "i": input }),
    )
    .await
    .1
}

fn field_of(body: &Value) -> &Value {
    &body["errors"][0]["extensions"]["field"]
}

#[tokio::test]
async fn categories_get_slugs_nest_and_are_public() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let body = create_category(
        &app,
        &editor.access,
        json!({ "name": "  Home & Garden  ", "description": "Indoors and out" }),
    )
    .await;
    let home = &body["data"]["createCategory"]["category"];
    assert_eq!(home["name"], "Home & Garden", "{body}");
    assert_eq!(home["slug"], "home-garden", "{body}");
    assert_eq!(home["parentId"], Value::Null);
    let home_id = home["id"].as_str().unwrap().to_string();
    let tools = category(
        &app,
        &editor.access,
        json!({ "name": "Power Tools", "slug": "tools", "parentId": home_id }),
    )
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
        assert_eq!(field_of(&body), field, "{input}: {body}");
    }
    assert_eq!(categories(&app).await.len(), 2);
}

#[tokio::test]
async fn reparenting_works_and_cycles_are_refused() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let a = category(&app, token, json!({ "name": "A" })).await;
    let b = category(&app, token, json!({ "name": "B", "parentId": a })).await;
    let c = category(&app, token, json!({ "name": "C", "parentId": b })).await;

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
        assert_eq!(field_of(&body), "input.parentId", "{body}");
    }
    let all = categories(&app).await;
    assert_eq!(find(&all, &a)["parentId"], Value::Null);
    assert_eq!(find(&all, &b)["parentId"], a.as_str());
    assert_eq!(find(&all, &c)["parentId"], b.as_str());

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
    let parent = category(&app, token, json!({ "name": "Parent" })).await;
    let child = category(&app, token, json!({ "name": "Child", "parentId": parent })).await;
    let item = create_item(
        &app,
        token,
        json!({ "title": "Filed", "categoryId": child }),
    )
    .await;

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
    let other = tag(&app, token, "Go").await;

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
    assert_eq!(field_of(&body), "input.id", "{body}");

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
    tag(&app, token, "News").await;
    let other = tag(&app, token, "Sport").await;
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

    category(&app, token, json!({ "name": "World" })).await;
    let second = category(&app, token, json!({ "name": "Europe" })).await;
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
    let cat = category(&app, &editor.access, json!({ "name": "Kept" })).await;
    let kept_tag = tag(&app, &editor.access, "Kept").await;

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

#[tokio::test]
async fn a_deleted_tag_leaves_items_and_their_history_readable() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let doomed = tag(&app, token, "Doomed").await;
    let kept = tag(&app, token, "Kept").await;
    let item = create_item(
        &app,
        token,
        json!({ "title": "Tagged", "tagIds": [doomed, kept] }),
    )
    .await;
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
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let doomed = tag(&app, token, "Doomed").await;
    let kept = tag(&app, token, "Kept").await;
    let item = create_item(
        &app,
        token,
        json!({ "title": "Tagged", "tagIds": [doomed, kept] }),
    )
    .await;
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
