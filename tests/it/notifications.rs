//! Notifications: rules from the workflow and account changes, reading and
//! marking one's own, preferences, and `notificationReceived` over a real
//! WebSocket.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, Transition};
use crate::harness::{PASSWORD, TestApp, codes};

const LIST: &str = "query($u: Boolean) { unreadNotificationCount notifications(unreadOnly: $u, first: 10) { edges { cursor node { id kind title body contentId read data } } pageInfo { hasNextPage } } }";

#[derive(serde::Deserialize)]
struct Edge {
    node: Value,
}

/// The caller's notifications (newest first) and unread count.
async fn inbox(app: &TestApp, token: &str) -> (Vec<Value>, i64) {
    let response = app.send(Some(token), LIST, json!({})).await;
    let edges: Vec<Edge> = response.data("notifications.edges");
    let nodes = edges.into_iter().map(|e| e.node).collect();
    (nodes, response.data("unreadNotificationCount"))
}

#[tokio::test]
async fn the_review_workflow_notifies_reviewers_and_the_author() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let id = ContentBuilder::new("Spring launch")
        .submit()
        .create(&app, &author.access)
        .await;
    let (got, unread) = inbox(&app, &editor.access).await;
    assert_eq!(unread, 1);
    assert_eq!(got[0]["kind"], "REVIEW_REQUESTED");
    assert_eq!(got[0]["contentId"], id.as_str());
    assert!(got[0]["title"].as_str().unwrap().contains("Spring launch"));
    assert_eq!(got[0]["read"], false);
    // Neither the submitter nor someone who cannot review hears of it.
    assert_eq!(inbox(&app, &author.access).await.1, 0);
    assert_eq!(inbox(&app, &viewer.access).await.1, 0);

    Transition::new("requestChanges", &id)
        .comment("Add a hero image")
        .run(&app, &editor.access)
        .await;
    let (got, unread) = inbox(&app, &author.access).await;
    assert_eq!(unread, 1);
    assert_eq!(got[0]["kind"], "CHANGES_REQUESTED");
    assert_eq!(got[0]["body"], "Add a hero image");
    assert_eq!(got[0]["data"]["comment"], "Add a hero image");
    assert_eq!(got[0]["data"]["actorId"], editor.user_id.as_str());

    Transition::new("publishContent", &id)
        .run(&app, &editor.access)
        .await;
    let (got, unread) = inbox(&app, &author.access).await;
    assert_eq!(unread, 2);
    assert_eq!(got[0]["kind"], "CONTENT_PUBLISHED");
    // The editor acted; they are not told about their own move.
    assert_eq!(inbox(&app, &editor.access).await.1, 1);
}

#[tokio::test]
async fn an_author_acting_on_their_own_item_is_not_notified() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = ContentBuilder::new("Mine")
        .create(&app, &editor.access)
        .await;
    Transition::new("publishContent", &id)
        .run(&app, &editor.access)
        .await;
    assert_eq!(inbox(&app, &editor.access).await.1, 0);
}

#[tokio::test]
async fn marking_read_one_and_all() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for n in 0..3 {
        let author = app
            .user_with_role(&format!("author{n}@example.com"), "AUTHOR")
            .await;
        ContentBuilder::new(&format!("Item {n}"))
            .submit()
            .create(&app, &author.access)
            .await;
    }
    let (got, unread) = inbox(&app, &editor.access).await;
    assert_eq!((got.len(), unread), (3, 3));
    assert_eq!(got[0]["title"], "\"Item 2\" was submitted for review");

    let data = app.data_as(&editor.access,
        "mutation($i: MarkNotificationReadInput!) { markNotificationRead(input: $i) { notification { id read } } }",
        json!({ "i": { "id": got[1]["id"] } }),
    )
    .await;
    assert_eq!(data["markNotificationRead"]["notification"]["read"], true);
    assert_eq!(inbox(&app, &editor.access).await.1, 2);
    let unread_only = app
        .data_as(&editor.access, LIST, json!({ "u": true }))
        .await;
    assert_eq!(
        unread_only["notifications"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let data = app
        .data_as(
            &editor.access,
            "mutation { markAllNotificationsRead { count } }",
            json!({}),
        )
        .await;
    assert_eq!(data["markAllNotificationsRead"]["count"], 2);
    assert_eq!(inbox(&app, &editor.access).await.1, 0);
}

#[tokio::test]
async fn pages_follow_the_cursor_newest_first() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    for n in 0..3 {
        ContentBuilder::new(&format!("Item {n}"))
            .submit()
            .create(&app, &author.access)
            .await;
    }
    let page = "query($a: String) { notifications(first: 2, after: $a) { edges { cursor node { title } } pageInfo { hasNextPage } } }";
    let first = app.data_as(&editor.access, page, json!({})).await;
    let edges = first["notifications"]["edges"].as_array().unwrap().clone();
    assert_eq!(edges.len(), 2);
    assert_eq!(first["notifications"]["pageInfo"]["hasNextPage"], true);
    let next = app
        .data_as(&editor.access, page, json!({ "a": edges[1]["cursor"] }))
        .await;
    let rest = next["notifications"]["edges"].as_array().unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(
        rest[0]["node"]["title"],
        "\"Item 0\" was submitted for review"
    );
    assert_eq!(next["notifications"]["pageInfo"]["hasNextPage"], false);
    let (_, body) = app
        .gql_as(&editor.access, page, json!({ "a": "garbage" }))
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn another_users_notification_is_not_found() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("Private")
        .submit()
        .create(&app, &author.access)
        .await;
    let (got, _) = inbox(&app, &editor.access).await;
    let (_, body) = app
        .gql_as(
            &author.access,
            "mutation($i: MarkNotificationReadInput!) { markNotificationRead(input: $i) { notification { id } } }",
            json!({ "i": { "id": got[0]["id"] } }),
        )
        .await;
    assert_eq!(codes(&body), ["NOT_FOUND"]);
    assert_eq!(inbox(&app, &editor.access).await.1, 1, "still unread");
    let (_, body) = app.gql("{ unreadNotificationCount }", json!({})).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn preferences_turn_kinds_off_but_never_security_notices() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let prefs =
        "{ notificationPreferences { digest updatedAt kinds { kind inApp email locked } } }";
    let data = app.data_as(&author.access, prefs, json!({})).await;
    let kinds = data["notificationPreferences"]["kinds"].as_array().unwrap();
    assert!(kinds.iter().all(|k| k["inApp"] == true));
    assert_eq!(data["notificationPreferences"]["digest"], "NEVER");
    assert_eq!(data["notificationPreferences"]["updatedAt"], Value::Null);

    let update = "mutation($i: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { preferences { digest kinds { kind inApp email locked } } } }";
    let data = app.data_as(&author.access,
        update,
        json!({ "i": { "digest": "DAILY", "kinds": [{ "kind": "CONTENT_PUBLISHED", "inApp": false, "email": true }] } }),
    )
    .await;
    let got = &data["updateNotificationPreferences"]["preferences"];
    assert_eq!(got["digest"], "DAILY");
    let published = got["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "CONTENT_PUBLISHED")
        .unwrap();
    assert_eq!(
        published,
        &json!({ "kind": "CONTENT_PUBLISHED", "inApp": false, "email": true, "locked": false })
    );
    // A later change keeps what it does not mention.
    let data = app
        .data_as(
            &author.access,
            update,
            json!({ "i": { "kinds": [{ "kind": "CONTENT_APPROVED", "email": true }] } }),
        )
        .await;
    let got = &data["updateNotificationPreferences"]["preferences"];
    assert_eq!(got["digest"], "DAILY");
    assert!(
        got["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["kind"] == "CONTENT_PUBLISHED" && k["inApp"] == false)
    );

    let (_, body) = app
        .gql_as(
            &author.access,
            update,
            json!({ "i": { "kinds": [{ "kind": "PASSWORD_CHANGED", "inApp": false }] } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.kinds[0].inApp"
    );

    let id = ContentBuilder::new("Quietly")
        .create(&app, &author.access)
        .await;
    Transition::new("publishContent", &id)
        .run(&app, &editor.access)
        .await;
    assert_eq!(inbox(&app, &author.access).await.1, 0, "published is off");

    app.data_as(&author.access,
        "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }",
        json!({ "i": { "currentPassword": PASSWORD, "newPassword": "an entirely new passphrase" } }),
    )
    .await;
    let (got, unread) = inbox(&app, &author.access).await;
    assert_eq!(unread, 1);
    assert_eq!(got[0]["kind"], "PASSWORD_CHANGED");
}

#[tokio::test]
async fn notification_received_delivers_only_the_callers_own() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let sub = "subscription { notificationReceived { id kind title body contentId read } }";
    let mut mine = app.ws_as(&author.access).await;
    mine.subscribe("n", sub).await;
    let mut theirs = app.ws_as(&other.access).await;
    theirs.subscribe("n", sub).await;

    let id = ContentBuilder::new("Live one")
        .submit()
        .create(&app, &author.access)
        .await;
    Transition::new("requestChanges", &id)
        .comment("Tighten the intro")
        .run(&app, &editor.access)
        .await;

    let payload = mine.next_event("n").await;
    let got = &payload["data"]["notificationReceived"];
    assert_eq!(got["kind"], "CHANGES_REQUESTED", "{payload}");
    assert_eq!(got["body"], "Tighten the intro");
    assert_eq!(got["contentId"], id.as_str());
    assert_eq!(got["read"], false);
    mine.assert_quiet("n", 300).await;
    theirs.assert_quiet("n", 300).await;

    let mut anonymous = app.ws().await;
    anonymous
        .send(json!({ "id": "a", "type": "subscribe", "payload": { "query": sub } }))
        .await;
    let message = anonymous.next_json().await;
    assert_eq!(message["id"], "a", "{message}");
    let errors = if message["type"] == "error" {
        &message["payload"]
    } else {
        &message["payload"]["errors"]
    };
    assert_eq!(
        errors[0]["extensions"]["code"], "UNAUTHENTICATED",
        "{message}"
    );
}

#[tokio::test]
async fn a_scheduled_publication_tells_the_author_once_it_is_live() {
    use chrono::{Duration, Utc};
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = ContentBuilder::new("Timed")
        .create(&app, &author.access)
        .await;
    let now = Utc::now();
    app.data_as(
        &editor.access,
        "mutation($i: ScheduleContentInput!) { scheduleContent(input: $i) { content { id } } }",
        json!({ "i": { "id": id, "publishAt": now + Duration::hours(1) } }),
    )
    .await;
    assert_eq!(
        inbox(&app, &author.access).await.1,
        0,
        "scheduling is not news"
    );
    assert_eq!(
        app.content.run_due(now + Duration::hours(2)).await.unwrap(),
        1
    );
    let (got, unread) = inbox(&app, &author.access).await;
    assert_eq!(unread, 1);
    assert_eq!(got[0]["kind"], "SCHEDULED_PUBLISH_DONE");
    assert_eq!(got[0]["title"], "\"Timed\" went live as scheduled");
    assert_eq!(inbox(&app, &editor.access).await.1, 0);
}

#[tokio::test]
async fn a_sign_in_from_a_new_device_is_a_security_notice() {
    let app = TestApp::spawn().await;
    let user = app.sign_up("traveller@example.com").await;
    // The same device again: nothing to report.
    app.sign_in("traveller@example.com").await;
    let sign_in = |agent: &'static str| {
        let app = &app;
        async move {
            app.http
                .post(app.url("/graphql"))
                .header("user-agent", agent)
                .json(&serde_json::json!({
                    "query": "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }",
                    "variables": { "i": { "email": "traveller@example.com", "password": crate::harness::PASSWORD } }
                }))
                .send()
                .await
                .unwrap()
        }
    };
    sign_in("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0").await;
    sign_in("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0").await;
    let (_, body) = app
        .gql_as(
            &user.access,
            "{ notifications(first: 10) { edges { node { kind title } } } }",
            serde_json::Value::Null,
        )
        .await;
    let kinds: Vec<&str> = body["data"]["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["NEW_SIGN_IN"],
        "one notice for the one new device: {body}"
    );
}
