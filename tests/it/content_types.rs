//! Content types over HTTP: public reads, creation and its checks, custom
//! field validation on item writes, and changing a type's fields with and
//! without a migration.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, Gql, TypeBuilder, publish};
use crate::harness::{TestApp, codes};

const TYPE_FIELDS: &str = "apiId name builtIn fields { apiId name kind required unique min max pattern default options referenceType }";

/// What tests read back from a new item.
const CREATED: &str = "id version fields references { field id content { id } }";

const UPDATE: &str = "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { id version fields } } }";

const ITEM: &str = "query($id: UUID!) { content(id: $id) { id version liveVersion fields } }";

async fn create_type(app: &TestApp, token: &str, input: Value) -> Gql {
    TypeBuilder::from_input(input)
        .returning(TYPE_FIELDS)
        .send(app, token)
        .await
}

async fn update_type(app: &TestApp, token: &str, input: Value) -> Gql {
    app.send(
        Some(token),
        &format!(
            "mutation($i: UpdateContentTypeInput!) {{ updateContentType(input: $i) {{ contentType {{ {TYPE_FIELDS} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
}

async fn get_type(app: &TestApp, api_id: &str) -> Value {
    app.send(
        None,
        &format!("query($a: String!) {{ contentType(apiId: $a) {{ {TYPE_FIELDS} }} }}"),
        json!({ "a": api_id }),
    )
    .await
    .data("contentType")
}

/// A `product` item titled `title` with custom `fields`.
fn product_item(title: &str, fields: Value) -> ContentBuilder {
    ContentBuilder::new(title)
        .of_type("product")
        .fields(fields)
        .returning(CREATED)
}

/// Creates a `product` item with `fields`; returns the raw response.
async fn create_product(app: &TestApp, token: &str, title: &str, fields: Value) -> Gql {
    product_item(title, fields).send(app, token).await
}

/// Creates a `product` item that must succeed; returns `content`.
async fn product(app: &TestApp, token: &str, title: &str, fields: Value) -> Value {
    product_item(title, fields).run(app, token).await
}

async fn item(app: &TestApp, token: &str, id: &Value) -> Value {
    app.send(Some(token), ITEM, json!({ "id": id }))
        .await
        .data("content")
}

/// A well-formed id that names no item.
const MISSING_ID: &str = "6f1c9a52-3c1e-4a7b-9d3e-2b7f0c1d4e5f";

/// The `product` definitions: one field of nearly every kind.
fn product_fields() -> Value {
    json!([
        { "apiId": "price", "name": "Price", "kind": "FLOAT", "required": true, "min": 0 },
        { "apiId": "sku", "name": "SKU", "kind": "TEXT", "pattern": "[A-Z]{3}-[0-9]+", "unique": true },
        { "apiId": "color", "name": "Color", "kind": "SELECT", "options": ["red", "green", "blue"] },
        { "apiId": "tags2", "name": "Labels", "kind": "MULTI_SELECT", "options": ["new", "sale"] },
        { "apiId": "launch", "name": "Launch", "kind": "DATE" },
        { "apiId": "at", "name": "At", "kind": "DATETIME" },
        { "apiId": "stock", "name": "Stock", "kind": "INTEGER", "default": 0 },
        { "apiId": "meta", "name": "Meta", "kind": "JSON" },
        { "apiId": "related", "name": "Related", "kind": "REFERENCE", "referenceType": "product" }
    ])
}

/// A fresh app, an editor, and the `product` type.
async fn with_product() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    TypeBuilder::new("product", "Product")
        .fields(product_fields())
        .create(&app, &editor.access)
        .await;
    (app, editor.access)
}

#[tokio::test]
async fn types_are_public_and_an_editor_creates_one() {
    let (app, _) = with_product().await;
    let ty = get_type(&app, "product").await;
    assert_eq!(ty["name"], "Product");
    assert_eq!(ty["builtIn"], false);
    let fields = ty["fields"].as_array().unwrap();
    let ids: Vec<&str> = fields
        .iter()
        .map(|f| f["apiId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "price", "sku", "color", "tags2", "launch", "at", "stock", "meta", "related"
        ]
    );
    let kinds: Vec<&str> = fields.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "FLOAT",
            "TEXT",
            "SELECT",
            "MULTI_SELECT",
            "DATE",
            "DATETIME",
            "INTEGER",
            "JSON",
            "REFERENCE"
        ]
    );
    assert_eq!(fields[0]["required"], true);
    assert_eq!(fields[0]["min"].as_f64(), Some(0.0));
    assert_eq!(fields[1]["pattern"], "[A-Z]{3}-[0-9]+");
    assert_eq!(fields[1]["unique"], true);
    assert_eq!(fields[2]["options"], json!(["red", "green", "blue"]));
    assert_eq!(fields[6]["default"], json!(0));
    assert_eq!(fields[8]["referenceType"], "product");
    assert_eq!(fields[3]["referenceType"], Value::Null);

    // Anyone lists them: the seeded ones and the new one.
    let (status, body) = app
        .gql("{ contentTypes { apiId builtIn } }", Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let listed: Vec<(&str, bool)> = body["data"]["contentTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["apiId"].as_str().unwrap(),
                t["builtIn"].as_bool().unwrap(),
            )
        })
        .collect();
    for expected in [("article", true), ("page", true), ("product", false)] {
        assert!(listed.contains(&expected), "{expected:?}: {body}");
    }
    assert_eq!(get_type(&app, "article").await["apiId"], "article");
    assert_eq!(get_type(&app, "nope").await, Value::Null);
}

#[tokio::test]
async fn a_bad_definition_names_the_field_at_fault() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let text = |id: &str| json!({ "apiId": id, "name": "X", "kind": "TEXT" });
    let cases = [
        (
            json!([text("a"), { "apiId": "b", "name": "B", "kind": "TEXT", "pattern": "([a-z" }]),
            "input.fields[1].pattern",
        ),
        (json!([text("a"), text("a")]), "input.fields[1].apiId"),
        (
            json!([{ "apiId": "c", "name": "C", "kind": "SELECT" }]),
            "input.fields[0].options",
        ),
        (
            json!([text("a"), { "apiId": "r", "name": "R", "kind": "REFERENCE" }]),
            "input.fields[1].referenceType",
        ),
        (
            json!([{ "apiId": "r", "name": "R", "kind": "REFERENCE", "referenceType": "nosuchtype" }]),
            "input.fields[0].referenceType",
        ),
        (
            json!([{ "apiId": "n", "name": "N", "kind": "INTEGER", "default": "zero" }]),
            "input.fields[0].default",
        ),
        (json!([text("Bad-Id")]), "input.fields[0].apiId"),
    ];
    for (fields, path) in cases {
        let body = create_type(
            &app,
            &editor.access,
            json!({ "apiId": "widget", "name": "Widget", "fields": fields }),
        )
        .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{fields}: {body}");
        assert_eq!(body.error_field(), path, "{fields}: {body}");
    }
    let body = create_type(
        &app,
        &editor.access,
        json!({ "apiId": "Bad Type", "name": "Widget" }),
    )
    .await;
    assert_eq!(body.error_field(), "input.apiId", "{body}");
    assert_eq!(get_type(&app, "widget").await, Value::Null);
}

#[tokio::test]
async fn duplicate_types_conflict_and_only_editors_manage_types() {
    let (app, editor) = with_product().await;
    for api_id in ["product", "article"] {
        let body = create_type(&app, &editor, json!({ "apiId": api_id, "name": "Again" })).await;
        assert_eq!(codes(&body), ["CONFLICT"], "{api_id}: {body}");
    }
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    for token in [&author.access, &viewer.access] {
        let body = create_type(&app, token, json!({ "apiId": "gadget", "name": "Gadget" })).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
        let body = update_type(&app, token, json!({ "apiId": "product", "name": "Mine" })).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    }
    let (_, body) = app
        .gql(
            "mutation($i: CreateContentTypeInput!) { createContentType(input: $i) { contentType { apiId } } }",
            json!({ "i": { "apiId": "gadget", "name": "Gadget" } }),
        )
        .await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    assert_eq!(get_type(&app, "gadget").await, Value::Null);
    assert_eq!(get_type(&app, "product").await["name"], "Product");
}

#[tokio::test]
async fn each_invalid_field_value_is_bad_input_on_its_path() {
    let (app, editor) = with_product().await;
    let cases = [
        (json!({}), "fields.price"),
        (json!({ "price": null }), "fields.price"),
        (json!({ "price": "12" }), "fields.price"),
        (json!({ "price": -0.01 }), "fields.price"),
        (json!({ "price": 1, "sku": "abc-12" }), "fields.sku"),
        (json!({ "price": 1, "sku": "ABC-12x" }), "fields.sku"),
        (json!({ "price": 1, "color": "purple" }), "fields.color"),
        (json!({ "price": 1, "colour": "red" }), "fields.colour"),
        (
            json!({ "price": 1, "launch": "2024-02-30" }),
            "fields.launch",
        ),
        (
            json!({ "price": 1, "launch": "01/05/2024" }),
            "fields.launch",
        ),
        (
            json!({ "price": 1, "at": "2024-05-01T12:00:00" }),
            "fields.at",
        ),
        (json!({ "price": 1, "stock": 1.5 }), "fields.stock"),
        (json!({ "price": 1, "tags2": "new" }), "fields.tags2"),
        (
            json!({ "price": 1, "related": "not-a-uuid" }),
            "fields.related",
        ),
        (
            json!({ "price": 1, "related": MISSING_ID }),
            "fields.related",
        ),
    ];
    for (fields, path) in &cases {
        let body = create_product(&app, &editor, "Bad", fields.clone()).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{fields}: {body}");
        assert_eq!(body.error_field(), path, "{fields}: {body}");
    }
    // A multi-select names the offending entry.
    let body = create_product(
        &app,
        &editor,
        "Bad",
        json!({ "price": 1, "tags2": ["new", "old"] }),
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "fields.tags2[1]", "{body}");
    let count = app
        .sql_strings("SELECT count(*)::text AS value FROM content_items")
        .await;
    assert_eq!(count, ["0"]);

    // The same rules on an edit; a refused edit leaves the item alone.
    let ok = product(&app, &editor, "Good", json!({ "price": 1 })).await;
    for (fields, path) in &cases {
        let body = app
            .send(
                Some(&editor),
                UPDATE,
                json!({ "i": { "id": ok["id"], "expectedVersion": 1, "fields": fields } }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{fields}: {body}");
        assert_eq!(body.error_field(), path, "{fields}: {body}");
    }
    let after = item(&app, &editor, &ok["id"]).await;
    assert_eq!(after["version"], 1, "{after}");
    assert_eq!(after["fields"]["price"].as_f64(), Some(1.0), "{after}");
}

#[tokio::test]
async fn values_are_normalised_and_defaults_applied() {
    let (app, editor) = with_product().await;
    let first = product(&app, &editor, "First", json!({ "price": 2 })).await;
    assert_eq!(first["fields"]["stock"], json!(0), "{first}");
    assert_eq!(first["fields"]["price"].as_f64(), Some(2.0), "{first}");
    assert!(first["fields"].get("sku").is_none(), "{first}");

    let upper = first["id"].as_str().unwrap().to_uppercase();
    let second = product(
        &app,
        &editor,
        "Second",
        json!({
            "price": 9.5,
            "sku": "ABC-123",
            "color": "green",
            "tags2": ["sale", "new"],
            "launch": "2024-02-29",
            "at": "2024-05-01T14:30:00+02:00",
            "stock": 7,
            "meta": { "weight": [1, 2, { "g": null }] },
            "related": upper
        }),
    )
    .await;
    let f = &second["fields"];
    assert_eq!(f["at"], "2024-05-01T12:30:00.000Z", "{second}");
    assert_eq!(f["related"], first["id"], "{second}");
    assert_eq!(f["stock"], 7);
    assert_eq!(f["tags2"], json!(["sale", "new"]));
    assert_eq!(f["launch"], "2024-02-29");
    assert_eq!(f["meta"], json!({ "weight": [1, 2, { "g": null }] }));
    assert_eq!(
        second["references"],
        json!([{ "field": "related", "id": first["id"], "content": { "id": first["id"] } }])
    );
    // Read back the same way.
    let read = item(&app, &editor, &second["id"]).await;
    assert_eq!(read["fields"], second["fields"]);
}

#[tokio::test]
async fn unique_values_clash_across_items_but_not_with_themselves() {
    let (app, editor) = with_product().await;
    let first = product(
        &app,
        &editor,
        "First",
        json!({ "price": 1, "sku": "ABC-1" }),
    )
    .await;
    let body = create_product(
        &app,
        &editor,
        "Second",
        json!({ "price": 2, "sku": "ABC-1" }),
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "fields.sku", "{body}");
    let second = product(
        &app,
        &editor,
        "Second",
        json!({ "price": 2, "sku": "ABC-2" }),
    )
    .await;
    // Re-saving an item with its own value is fine ...
    let body = app
        .send(
            Some(&editor),
            UPDATE,
            json!({ "i": { "id": first["id"], "expectedVersion": 1, "fields": { "price": 3, "sku": "ABC-1" } } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["updateContent"]["content"]["version"], 2);
    // ... taking another's is not.
    let body = app
        .send(
            Some(&editor),
            UPDATE,
            json!({ "i": { "id": second["id"], "expectedVersion": 1, "fields": { "price": 2, "sku": "ABC-1" } } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "fields.sku", "{body}");
}

/// `product_fields()` with `drop` removed and `extra` appended.
fn fields_without(drop: &[&str], extra: &[Value]) -> Value {
    let mut defs: Vec<Value> = product_fields()
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !drop.contains(&d["apiId"].as_str().unwrap()))
        .cloned()
        .collect();
    defs.extend(extra.iter().cloned());
    Value::Array(defs)
}

#[tokio::test]
async fn removing_a_field_with_values_needs_a_migration() {
    let (app, editor) = with_product().await;
    let item_a = product(&app, &editor, "A", json!({ "price": 1, "color": "red" })).await;
    assert_eq!(item_a["version"], 1);

    // `color` holds a value: refused, nothing changes.
    let body = update_type(
        &app,
        &editor,
        json!({ "apiId": "product", "fields": fields_without(&["color"], &[]) }),
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "input.fields", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("1 item holds values for color;")),
        "{body}"
    );
    let read = item(&app, &editor, &item_a["id"]).await;
    assert_eq!(read["fields"]["color"], "red", "{read}");
    assert_eq!(read["version"], 1);
    let ty = get_type(&app, "product").await;
    assert!(
        ty["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["apiId"] == "color"),
        "{ty}"
    );

    // `meta` holds nothing anywhere: no migration needed, no new version.
    let body = update_type(
        &app,
        &editor,
        json!({ "apiId": "product", "fields": fields_without(&["meta"], &[]) }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(item(&app, &editor, &item_a["id"]).await["version"], 1);

    // Dropping `color` explicitly removes the value in a new version.
    let body = update_type(
        &app,
        &editor,
        json!({
            "apiId": "product",
            "fields": fields_without(&["meta", "color"], &[]),
            "migration": { "drop": ["color"] }
        }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let ids: Vec<&str> = body["data"]["updateContentType"]["contentType"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["apiId"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"color") && !ids.contains(&"meta"), "{body}");
    let read = item(&app, &editor, &item_a["id"]).await;
    assert!(read["fields"].get("color").is_none(), "{read}");
    assert_eq!(read["fields"]["price"].as_f64(), Some(1.0), "{read}");
    assert_eq!(read["version"], 2, "{read}");
    // History keeps what was there.
    let (_, body) = app
        .gql_as(
            &editor,
            "query($id: UUID!) { contentVersion(contentId: $id, version: 1) { fields } v2: contentVersion(contentId: $id, version: 2) { event } }",
            json!({ "id": item_a["id"] }),
        )
        .await;
    assert_eq!(
        body["data"]["contentVersion"]["fields"]["color"], "red",
        "{body}"
    );
    assert_eq!(body["data"]["v2"]["event"], "fields_migrated", "{body}");
}

#[tokio::test]
async fn a_rename_moves_values_to_the_new_field() {
    let (app, editor) = with_product().await;
    let item_a = product(&app, &editor, "A", json!({ "price": 1, "sku": "ABC-1" })).await;
    let item_b = product(&app, &editor, "B", json!({ "price": 2 })).await;
    // A published item moves its live version along.
    publish(&app, &editor, item_a["id"].as_str().unwrap()).await;
    let before = item(&app, &editor, &item_a["id"]).await;
    let version = before["version"].as_i64().unwrap();
    assert_eq!(before["liveVersion"].as_i64(), Some(version));

    let code = json!({ "apiId": "code", "name": "Code", "kind": "TEXT" });
    // The new field must be of the same kind.
    let wrong_kind = json!({ "apiId": "code", "name": "Code", "kind": "INTEGER" });
    let body = update_type(
        &app,
        &editor,
        json!({
            "apiId": "product",
            "fields": fields_without(&["sku"], &[wrong_kind]),
            "migration": { "rename": [{ "from": "sku", "to": "code" }] }
        }),
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body.error_field(), "input.migration.rename[0]", "{body}");

    let body = update_type(
        &app,
        &editor,
        json!({
            "apiId": "product",
            "fields": fields_without(&["sku"], &[code]),
            "migration": { "rename": [{ "from": "sku", "to": "code" }] }
        }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let after = item(&app, &editor, &item_a["id"]).await;
    assert_eq!(after["fields"]["code"], "ABC-1", "{after}");
    assert!(after["fields"].get("sku").is_none(), "{after}");
    assert_eq!(after["version"].as_i64(), Some(version + 1), "{after}");
    assert_eq!(after["liveVersion"].as_i64(), Some(version + 1), "{after}");
    // The public sees the moved value too.
    let (_, body) = app.gql(ITEM, json!({ "id": item_a["id"] })).await;
    assert_eq!(body["data"]["content"]["fields"]["code"], "ABC-1", "{body}");
    // An item without a value is not touched.
    assert_eq!(item(&app, &editor, &item_b["id"]).await["version"], 1);
    // New writes use the new field.
    let body = create_product(&app, &editor, "C", json!({ "price": 1, "sku": "ABC-9" })).await;
    assert_eq!(body.error_field(), "fields.sku", "{body}");
}

#[tokio::test]
async fn restoring_from_the_trash_respects_unique_fields() {
    let (app, editor) = with_product().await;
    let trashed = product(&app, &editor, "A", json!({ "price": 1, "sku": "ABC-1" })).await;
    let (_, body) = app
        .gql_as(
            &editor,
            "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id } } }",
            json!({ "i": { "id": trashed["id"] } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    // The trashed item's value is free for a new item ...
    product(&app, &editor, "B", json!({ "price": 2, "sku": "ABC-1" })).await;
    // ... so bringing the old one back must not make two holders of it.
    let (_, body) = app
        .gql_as(
            &editor,
            "mutation($i: DeleteByIdInput!) { restoreContent(input: $i) { content { id } } }",
            json!({ "i": { "id": trashed["id"] } }),
        )
        .await;
    let holders = app
        .sql_strings(
            "SELECT i.id::text AS value FROM content_items i \
             JOIN content_versions v ON v.content_id = i.id AND v.version = i.working_version \
             WHERE i.deleted_at IS NULL AND v.fields ->> 'sku' = 'ABC-1'",
        )
        .await;
    assert_eq!(holders.len(), 1, "{body}");
    assert!(
        matches!(codes(&body).as_slice(), [c] if c == "CONFLICT" || c == "BAD_USER_INPUT"),
        "{body}"
    );
}

#[tokio::test]
async fn field_usage_counts_the_items_a_migration_would_touch() {
    let (app, editor) = with_product().await;
    product(&app, &editor, "A", json!({ "price": 1, "color": "red" })).await;
    product(&app, &editor, "B", json!({ "price": 2 })).await;
    let query = "{ contentType(apiId: \"product\") { fieldUsage { apiId items } } }";
    let (_, body) = app.gql_as(&editor, query, Value::Null).await;
    assert!(body.get("errors").is_none(), "{body}");
    let usage: std::collections::HashMap<String, i64> = body["data"]["contentType"]["fieldUsage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["apiId"].as_str().unwrap().to_string(),
                u["items"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        usage.len(),
        product_fields().as_array().unwrap().len(),
        "{body}"
    );
    // `stock` has a default, so both hold it.
    assert_eq!(
        (usage["price"], usage["color"], usage["stock"], usage["sku"]),
        (2, 1, 2, 0),
        "{body}"
    );

    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let (_, body) = app.gql_as(&author.access, query, Value::Null).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let (_, body) = app.gql(query, Value::Null).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
}
