//! Files items use (cover, link-preview image, `media` fields): where a
//! file is used, who may see it because of that, and deleting a file that
//! is in use.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, ContentUpdate, TypeBuilder, publish};
use crate::harness::TestApp;
use crate::media::{get, listed, upload_id};
use crate::media_images::halves_jpeg;

/// `media(id)` as `token` (anonymous when `None`): its `usage`, or null
/// when the caller may not see the file.
async fn usage(app: &TestApp, token: Option<&str>, id: &str) -> Value {
    let query = "query($id: UUID!) { media(id: $id) { usage { content { id } live working } } }";
    let body = app.send(token, query, json!({ "id": id })).await;
    body["data"]["media"]["usage"].clone()
}

/// The version an edit of item `id` builds on.
async fn version(app: &TestApp, token: &str, id: &str) -> i64 {
    let body = app
        .send(
            Some(token),
            "query($id: UUID!) { content(id: $id) { version } }",
            json!({ "id": id }),
        )
        .await;
    body["data"]["content"]["version"]
        .as_i64()
        .unwrap_or_else(|| panic!("{body}"))
}

fn sorted(mut ids: Vec<&str>) -> Vec<String> {
    ids.sort_unstable();
    ids.into_iter().map(str::to_string).collect()
}

#[tokio::test]
async fn items_use_files_and_the_library_knows_where_and_who_may_see_them() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.user_with_role("viewer@example.com", "VIEWER").await;
    let token = editor.access.as_str();
    let photo = upload_id(&app, token, "photo.jpg", "image/jpeg", &halves_jpeg(40, 20)).await;
    let notes = upload_id(&app, token, "notes.txt", "text/plain", b"hello").await;
    let spare = upload_id(&app, token, "spare.jpg", "image/jpeg", &halves_jpeg(30, 20)).await;
    TypeBuilder::new("gallery", "Gallery")
        .fields(json!([
            { "apiId": "photos", "name": "Photos", "kind": "MEDIA", "multiple": true, "mediaTypes": ["image/*"] },
            { "apiId": "attachment", "name": "Attachment", "kind": "MEDIA" },
        ]))
        .create(&app, token)
        .await;

    // Files that do not fit where they go are refused, naming the place.
    let missing = uuid::Uuid::new_v4().to_string();
    for (input, field) in [
        (json!({ "coverImageId": notes }), "input.coverImageId"),
        (json!({ "ogImageId": missing }), "input.ogImageId"),
        (
            json!({ "fields": { "photos": [photo, notes] } }),
            "fields.photos[1]",
        ),
        (
            json!({ "fields": { "attachment": missing } }),
            "fields.attachment",
        ),
        (json!({ "fields": { "photos": photo } }), "fields.photos"),
    ] {
        let response = ContentBuilder::new("Bad")
            .of_type("gallery")
            .input(input.clone())
            .send(&app, token)
            .await;
        assert_eq!(response.codes(), ["BAD_USER_INPUT"], "{input}: {response}");
        assert_eq!(response.error_field(), field, "{input}: {response}");
    }

    let item = ContentBuilder::new("Holiday")
        .of_type("gallery")
        .input(
            json!({ "coverImageId": photo, "fields": { "photos": [photo], "attachment": notes } }),
        )
        .returning("id coverImage { id } files { id }")
        .run(&app, token)
        .await;
    let item_id = item["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(item["coverImage"]["id"], photo.as_str(), "{item}");
    assert_eq!(
        item["files"],
        json!([{ "id": photo }, { "id": notes }]),
        "{item}"
    );

    // A draft's files stay private.
    assert_eq!(usage(&app, None, &photo).await, Value::Null);
    assert_eq!(usage(&app, Some(&viewer.access), &notes).await, Value::Null);
    assert_eq!(
        get(&app, &format!("/media/{photo}/photo.jpg"), &[])
            .await
            .status(),
        404
    );
    let draft_use = json!([{ "content": { "id": item_id }, "live": false, "working": true }]);
    assert_eq!(usage(&app, Some(token), &photo).await, draft_use);

    // The library filters by use.
    assert_eq!(
        listed(&app, token, json!({ "usedBy": item_id })).await,
        sorted(vec![&photo, &notes])
    );
    assert_eq!(
        listed(&app, token, json!({ "unused": true })).await,
        sorted(vec![&spare])
    );
    assert_eq!(
        listed(&app, token, json!({ "unused": false })).await,
        sorted(vec![&photo, &notes])
    );

    // Published, its files are public: to anyone, by id and by URL.
    publish(&app, token, &item_id).await;
    let live_use = json!([{ "content": { "id": item_id }, "live": true, "working": true }]);
    assert_eq!(usage(&app, Some(token), &photo).await, live_use);
    // The public learns of live use only: what the draft uses is hidden.
    let public_use = json!([{ "content": { "id": item_id }, "live": true, "working": null }]);
    assert_eq!(usage(&app, None, &photo).await, public_use);
    assert_eq!(usage(&app, Some(&viewer.access), &notes).await, public_use);
    assert_eq!(
        usage(&app, None, &spare).await,
        Value::Null,
        "an unused file stays private"
    );
    let public = get(&app, &format!("/media/{photo}/photo.jpg"), &[]).await;
    assert_eq!(public.status(), 200);
    assert_eq!(
        public.headers()["cache-control"],
        "public, max-age=300",
        "shared caches keep a public file minutes, not a year"
    );
    let thumbnail = get(
        &app,
        &format!("/media/{photo}/photo.jpg?size=thumbnail"),
        &[],
    )
    .await;
    assert_eq!(thumbnail.status(), 200, "named sizes of a public image");
    let public = app
        .send(
            None,
            "query($id: UUID!) { content(id: $id) { coverImage { id mimeType } ogImage { id } files { id } } }",
            json!({ "id": item_id }),
        )
        .await;
    assert_eq!(
        public["data"]["content"]["coverImage"]["id"],
        photo.as_str(),
        "{public}"
    );
    assert_eq!(public["data"]["content"]["ogImage"], Value::Null);

    // Deleting a file in use needs force, and says where it is used.
    let delete = "mutation($i: DeleteMediaInput!) { deleteMedia(input: $i) { id deletedAt } }";
    let refused = app
        .send(Some(token), delete, json!({ "i": { "id": photo } }))
        .await;
    assert_eq!(refused.codes(), ["CONFLICT"], "{refused}");
    let message = refused["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("used by 1 item") && message.contains(&item_id),
        "{message}"
    );
    let forced = app
        .send(
            Some(token),
            delete,
            json!({ "i": { "id": photo, "force": true } }),
        )
        .await;
    assert!(forced["errors"].is_null(), "{forced}");
    let after = app
        .send(
            None,
            "query($id: UUID!) { content(id: $id) { coverImage { id } files { id } } }",
            json!({ "id": item_id }),
        )
        .await;
    assert_eq!(
        after["data"]["content"]["coverImage"],
        Value::Null,
        "{after}"
    );
    assert_eq!(
        after["data"]["content"]["files"],
        json!([{ "id": notes }]),
        "{after}"
    );
    assert_eq!(
        get(&app, &format!("/media/{photo}/photo.jpg"), &[])
            .await
            .status(),
        404
    );
    // An unused file goes to the trash without force.
    let plain = app
        .send(Some(token), delete, json!({ "i": { "id": spare } }))
        .await;
    assert!(plain["errors"].is_null(), "{plain}");

    // Restored, the item shows it again; a trashed file the item already
    // used does not stop it from being edited.
    let restore = "mutation($id: UUID!) { restoreMedia(input: { id: $id }) { id } }";
    let edit = ContentUpdate::new(&item_id, version(&app, token, &item_id).await)
        .input(json!({ "title": "Holiday, edited" }))
        .send(&app, token)
        .await;
    assert!(edit["errors"].is_null(), "{edit}");
    let restored = app.send(Some(token), restore, json!({ "id": photo })).await;
    assert!(restored["errors"].is_null(), "{restored}");

    // A draft without the photo: the public still sees it (the live
    // version uses it) until that draft is published.
    let dropped = ContentUpdate::new(&item_id, version(&app, token, &item_id).await)
        .input(json!({ "coverImageId": null, "fields": { "photos": [], "attachment": notes } }))
        .send(&app, token)
        .await;
    assert!(dropped["errors"].is_null(), "{dropped}");
    let only_live = json!([{ "content": { "id": item_id }, "live": true, "working": false }]);
    assert_eq!(usage(&app, Some(token), &photo).await, only_live);
    assert_eq!(
        usage(&app, None, &photo).await,
        public_use,
        "the draft's change is not told"
    );
    publish(&app, token, &item_id).await;
    assert_eq!(usage(&app, None, &photo).await, Value::Null);
    assert_eq!(usage(&app, Some(token), &photo).await, json!([]));
    assert_eq!(
        listed(&app, token, json!({ "unused": true })).await,
        sorted(vec![&photo])
    );
}
