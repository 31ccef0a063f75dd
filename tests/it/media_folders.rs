//! Folders and tags of the media library: the tree, moving files, and the
//! listing's folder and tag filters.

use serde_json::json;

use crate::fixtures::TagBuilder;
use crate::harness::TestApp;
use crate::media::{listed, upload_id};

const CREATE: &str =
    "mutation($i: CreateMediaFolderInput!) { createMediaFolder(input: $i) { id name parentId } }";
const UPDATE: &str =
    "mutation($i: UpdateMediaFolderInput!) { updateMediaFolder(input: $i) { id name parentId } }";
const DELETE: &str = "mutation($i: MediaIdInput!) { deleteMediaFolder(input: $i) { id } }";
const MOVE: &str = "mutation($i: MoveMediaInput!) { moveMedia(input: $i) { id folderId } }";

async fn folder(app: &TestApp, token: &str, name: &str, parent: Option<&str>) -> String {
    let body = app
        .send(
            Some(token),
            CREATE,
            json!({ "i": { "name": name, "parentId": parent } }),
        )
        .await;
    body["data"]["createMediaFolder"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string()
}

async fn file(app: &TestApp, token: &str, name: &str) -> String {
    upload_id(app, token, name, "text/plain", name.as_bytes()).await
}

fn sorted(ids: &[&String]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|s| (*s).clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn editors_keep_files_in_a_tree_of_folders() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = editor.access.as_str();
    let photos = folder(&app, token, "Photos", None).await;
    let trips = folder(&app, token, "Trips", Some(&photos)).await;
    let italy = folder(&app, token, "Italy", Some(&trips)).await;

    // Names are unique among siblings, clean, and folders exist.
    let twin = app
        .send(
            Some(token),
            CREATE,
            json!({ "i": { "name": "Trips", "parentId": photos } }),
        )
        .await;
    assert_eq!(twin.codes(), ["CONFLICT"], "{twin}");
    let elsewhere = app
        .send(Some(token), CREATE, json!({ "i": { "name": "Trips" } }))
        .await;
    assert!(
        elsewhere["errors"].is_null(),
        "the same name in another folder: {elsewhere}"
    );
    for (input, code) in [
        (json!({ "name": "a/b" }), "BAD_USER_INPUT"),
        (json!({ "name": " " }), "BAD_USER_INPUT"),
        (
            json!({ "name": "x", "parentId": uuid::Uuid::new_v4() }),
            "BAD_USER_INPUT",
        ),
    ] {
        let body = app.send(Some(token), CREATE, json!({ "i": input })).await;
        assert_eq!(body.codes(), [code], "{input}: {body}");
    }
    // Authors use folders but do not manage them.
    let denied = app
        .send(
            Some(&author.access),
            CREATE,
            json!({ "i": { "name": "Mine" } }),
        )
        .await;
    assert_eq!(denied.codes(), ["FORBIDDEN"], "{denied}");

    // A folder never moves into itself or below itself.
    for parent in [&photos, &italy] {
        let body = app
            .send(
                Some(token),
                UPDATE,
                json!({ "i": { "id": photos, "parentId": parent } }),
            )
            .await;
        assert_eq!(body.codes(), ["BAD_USER_INPUT"], "{body}");
    }
    let renamed = app
        .send(
            Some(token),
            UPDATE,
            json!({ "i": { "id": italy, "name": "Italia", "parentId": null } }),
        )
        .await;
    assert_eq!(
        renamed["data"]["updateMediaFolder"],
        json!({ "id": italy, "name": "Italia", "parentId": null }),
        "{renamed}"
    );
    let tree = app
        .send(Some(token), "{ mediaFolders { name parentId } }", json!({}))
        .await;
    let names: Vec<&str> = tree["data"]["mediaFolders"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["Italia", "Photos", "Trips", "Trips"], "{tree}");

    // Files move in, all or none; authors move only their own.
    let a = file(&app, &author.access, "a.txt").await;
    let b = file(&app, token, "b.txt").await;
    let c = file(&app, token, "c.txt").await;
    let refused = app
        .send(
            Some(&author.access),
            MOVE,
            json!({ "i": { "ids": [a, b], "folderId": trips } }),
        )
        .await;
    assert_eq!(refused.codes(), ["FORBIDDEN"], "{refused}");
    assert_eq!(
        listed(&app, token, json!({ "folder": trips })).await,
        Vec::<String>::new()
    );
    let moved = app
        .send(
            Some(token),
            MOVE,
            json!({ "i": { "ids": [a, b], "folderId": trips } }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
    assert_eq!(
        listed(&app, token, json!({ "folder": trips })).await,
        sorted(&[&a, &b])
    );
    assert_eq!(
        listed(&app, token, json!({ "folder": null })).await,
        sorted(&[&c])
    );
    for bad in [
        json!({ "ids": [] }),
        json!({ "ids": [c], "folderId": uuid::Uuid::new_v4() }),
    ] {
        let body = app.send(Some(token), MOVE, json!({ "i": bad })).await;
        assert_eq!(body.codes(), ["BAD_USER_INPUT"], "{bad}: {body}");
    }

    // Only an empty folder goes.
    let full = app
        .send(Some(token), DELETE, json!({ "i": { "id": trips } }))
        .await;
    assert_eq!(full.codes(), ["CONFLICT"], "{full}");
    let back = app
        .send(
            Some(token),
            MOVE,
            json!({ "i": { "ids": [a, b], "folderId": null } }),
        )
        .await;
    assert!(back["errors"].is_null(), "{back}");
    let emptied = app
        .send(Some(token), DELETE, json!({ "i": { "id": trips } }))
        .await;
    assert!(emptied["errors"].is_null(), "{emptied}");
    assert_eq!(
        app.sql_strings("SELECT action AS value FROM audit_log WHERE target_type = 'media_folder'")
            .await
            .len(),
        6,
        "four created, one updated, one deleted"
    );
}

#[tokio::test]
async fn files_carry_tags_and_the_library_filters_by_them() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let sea = TagBuilder::new("Sea").create(&app, token).await;
    let sky = TagBuilder::new("Sky").create(&app, token).await;
    let a = file(&app, token, "a.txt").await;
    let b = file(&app, token, "b.txt").await;
    let update = "mutation($i: UpdateMediaInput!) { updateMedia(input: $i) { tags { name } } }";
    let tagged = app
        .send(
            Some(token),
            update,
            json!({ "i": { "id": a, "tagIds": [sea, sky, sea] } }),
        )
        .await;
    assert_eq!(
        tagged["data"]["updateMedia"]["tags"],
        json!([{ "name": "Sea" }, { "name": "Sky" }]),
        "{tagged}"
    );
    let other = app
        .send(
            Some(token),
            update,
            json!({ "i": { "id": b, "tagIds": [sky] } }),
        )
        .await;
    assert!(other["errors"].is_null(), "{other}");
    assert_eq!(
        listed(&app, token, json!({ "tags": [sea] })).await,
        sorted(&[&a])
    );
    assert_eq!(
        listed(&app, token, json!({ "tags": [sky] })).await,
        sorted(&[&a, &b])
    );
    // Newest first by default, oldest first on request, page by page.
    let order = "query($o: MediaOrder, $after: String) { mediaItems(orderBy: $o, first: 1, after: $after) \
        { edges { cursor node { id } } pageInfo { hasNextPage } } }";
    let page = |o: &'static str, after: Option<String>| {
        let app = &app;
        async move {
            let body = app
                .send(Some(token), order, json!({ "o": o, "after": after }))
                .await;
            let edge = &body["data"]["mediaItems"]["edges"][0];
            (
                edge["node"]["id"].as_str().unwrap_or_default().to_string(),
                edge["cursor"].as_str().map(str::to_string),
            )
        }
    };
    assert_eq!(page("NEWEST", None).await.0, b);
    let (first, cursor) = page("OLDEST", None).await;
    assert_eq!(first, a);
    assert_eq!(page("OLDEST", cursor).await.0, b);
    let missing = app
        .send(
            Some(token),
            update,
            json!({ "i": { "id": a, "tagIds": [uuid::Uuid::new_v4()] } }),
        )
        .await;
    assert_eq!(missing.codes(), ["BAD_USER_INPUT"], "{missing}");
}

#[tokio::test]
async fn two_folders_moved_under_each_other_at_once_never_make_a_cycle() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let x = folder(&app, token, "X", None).await;
    let y = folder(&app, token, "Y", None).await;
    for _ in 0..10 {
        let (a, b) = tokio::join!(
            app.send(
                Some(token),
                UPDATE,
                json!({ "i": { "id": x, "parentId": y } })
            ),
            app.send(
                Some(token),
                UPDATE,
                json!({ "i": { "id": y, "parentId": x } })
            ),
        );
        let moved = [&a, &b].iter().filter(|r| r["errors"].is_null()).count();
        assert_eq!(moved, 1, "exactly one move wins: {a} {b}");
        for id in [&x, &y] {
            let back = app
                .send(
                    Some(token),
                    UPDATE,
                    json!({ "i": { "id": id, "parentId": null } }),
                )
                .await;
            assert!(back["errors"].is_null(), "{back}");
        }
    }
}
