//! Content items over HTTP: visibility per role, the workflow, versions,
//! restore, optimistic concurrency, slugs, scheduling, crash safety, and
//! the query-count and cache guarantees.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::fixtures::{
    CategoryBuilder, ContentBuilder, ContentUpdate, TagBuilder, Transition, TypeBuilder, metric,
};
use crate::harness::{TestApp, Tokens, codes};

const FIELDS: &str = "id title slug status version workingVersion liveVersion isLive";

/// An `article` with a short body.
fn article(title: &str) -> ContentBuilder {
    ContentBuilder::new(title).body("<p>Hello</p>")
}

/// An edit; returns the raw response body.
async fn update(app: &TestApp, token: &str, input: Value) -> Value {
    ContentUpdate::from_input(input)
        .returning(FIELDS)
        .send(app, token)
        .await
        .body
}

/// Runs a workflow mutation taking `{id, comment}`; returns the raw body.
async fn act(app: &TestApp, token: &str, mutation: &str, id: &str, comment: Option<&str>) -> Value {
    let mut step = Transition::new(mutation, id).returning(FIELDS);
    if let Some(comment) = comment {
        step = step.comment(comment);
    }
    step.send(app, token).await.body
}

async fn read(app: &TestApp, token: Option<&str>, id: &str) -> Value {
    let query = format!("query($id: UUID!) {{ content(id: $id) {{ {FIELDS} }} }}");
    app.send(token, &query, json!({ "id": id }))
        .await
        .data("content")
}

struct Cast {
    author: Tokens,
    other_author: Tokens,
    editor: Tokens,
    viewer: Tokens,
}

async fn cast(app: &TestApp) -> Cast {
    Cast {
        author: app.user_with_role("author@example.com", "AUTHOR").await,
        other_author: app.user_with_role("other@example.com", "AUTHOR").await,
        editor: app.user_with_role("editor@example.com", "EDITOR").await,
        viewer: app.sign_up("viewer@example.com").await,
    }
}

#[tokio::test]
async fn drafts_are_seen_only_by_their_author_and_editors() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Secret draft").create(&app, &c.author.access).await;
    assert_eq!(read(&app, None, &id).await, Value::Null);
    assert_eq!(read(&app, Some(&c.viewer.access), &id).await, Value::Null);
    assert_eq!(
        read(&app, Some(&c.other_author.access), &id).await,
        Value::Null
    );
    assert_eq!(
        read(&app, Some(&c.author.access), &id).await["status"],
        "DRAFT"
    );
    assert_eq!(
        read(&app, Some(&c.editor.access), &id).await["title"],
        "Secret draft"
    );
    // Lists follow the same rule.
    let list = "{ contents { edges { node { id } } totalCount } }";
    let (_, body) = app.gql(list, Value::Null).await;
    assert_eq!(body["data"]["contents"]["totalCount"], 0, "{body}");
    let (_, body) = app.gql_as(&c.other_author.access, list, Value::Null).await;
    assert_eq!(body["data"]["contents"]["totalCount"], 0, "{body}");
    let (_, body) = app.gql_as(&c.author.access, list, Value::Null).await;
    assert_eq!(body["data"]["contents"]["totalCount"], 1, "{body}");
}

#[tokio::test]
async fn the_workflow_moves_by_role_and_records_every_step() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Workflow").create(&app, &c.author.access).await;

    // Authors cannot review or publish, not even their own items.
    for mutation in [
        "approveContent",
        "publishContent",
        "unpublishContent",
        "archiveContent",
    ] {
        let body = act(&app, &c.author.access, mutation, &id, None).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{mutation}: {body}");
    }
    // Another author cannot submit someone else's draft (it is invisible).
    let body = act(&app, &c.other_author.access, "submitForReview", &id, None).await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
    // A draft cannot be approved: not a move the workflow allows.
    let body = act(&app, &c.editor.access, "approveContent", &id, None).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");

    let body = act(&app, &c.author.access, "submitForReview", &id, None).await;
    assert_eq!(
        body["data"]["submitForReview"]["content"]["status"], "IN_REVIEW",
        "{body}"
    );
    // Under review the author may not edit.
    let body = update(
        &app,
        &c.author.access,
        json!({ "id": id, "expectedVersion": 2, "title": "x" }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    // Requesting changes needs a comment.
    let body = act(&app, &c.editor.access, "requestChanges", &id, Some("  ")).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.comment");
    let body = act(
        &app,
        &c.editor.access,
        "requestChanges",
        &id,
        Some("Needs a better title"),
    )
    .await;
    assert_eq!(
        body["data"]["requestChanges"]["content"]["status"], "DRAFT",
        "{body}"
    );

    let body = update(
        &app,
        &c.author.access,
        json!({ "id": id, "expectedVersion": 3, "title": "Workflow, better" }),
    )
    .await;
    assert_eq!(
        body["data"]["updateContent"]["content"]["version"], 4,
        "{body}"
    );
    act(&app, &c.author.access, "submitForReview", &id, None).await;
    let body = act(&app, &c.editor.access, "approveContent", &id, None).await;
    assert_eq!(
        body["data"]["approveContent"]["content"]["status"], "APPROVED",
        "{body}"
    );
    assert_eq!(
        read(&app, None, &id).await,
        Value::Null,
        "approved is not live"
    );
    let body = act(&app, &c.editor.access, "publishContent", &id, None).await;
    assert_eq!(
        body["data"]["publishContent"]["content"]["liveVersion"], 7,
        "{body}"
    );
    let public = read(&app, None, &id).await;
    assert_eq!(public["title"], "Workflow, better");
    assert_eq!(public["status"], "PUBLISHED");
    assert_eq!(
        public["workingVersion"],
        Value::Null,
        "the public sees no editorial fields"
    );

    let body = act(&app, &c.editor.access, "unpublishContent", &id, None).await;
    assert_eq!(
        body["data"]["unpublishContent"]["content"]["status"], "UNPUBLISHED",
        "{body}"
    );
    assert_eq!(read(&app, None, &id).await, Value::Null);
    // Nothing is live now, so there is nothing to unpublish.
    let body = act(&app, &c.editor.access, "unpublishContent", &id, None).await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");

    let body = act(&app, &c.editor.access, "archiveContent", &id, None).await;
    assert_eq!(
        body["data"]["archiveContent"]["content"]["status"], "ARCHIVED",
        "{body}"
    );
    let body = update(
        &app,
        &c.editor.access,
        json!({ "id": id, "expectedVersion": 9, "title": "x" }),
    )
    .await;
    assert_eq!(
        codes(&body),
        ["CONFLICT"],
        "archived items are read-only: {body}"
    );
    let body = act(&app, &c.editor.access, "unarchiveContent", &id, None).await;
    assert_eq!(
        body["data"]["unarchiveContent"]["content"]["status"], "DRAFT",
        "{body}"
    );

    // Every step is a version with its actor and note, newest first ...
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            "query($id: UUID!) { contentVersions(contentId: $id, first: 20) { edges { node { version event status note actor { id } } } } }",
            json!({ "id": id }),
        )
        .await;
    let events: Vec<&str> = body["data"]["contentVersions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "unarchive",
            "archive",
            "unpublish",
            "publish",
            "approve",
            "submit",
            "updated",
            "request_changes",
            "submit",
            "created"
        ],
        "{body}"
    );
    let changes = &body["data"]["contentVersions"]["edges"][7]["node"];
    assert_eq!(changes["note"], "Needs a better title");
    assert_eq!(changes["actor"]["id"], c.editor.user_id.as_str());
    // ... and an audit entry.
    let actions = app
        .sql_strings(&format!(
            "SELECT action AS value FROM audit_log WHERE target_id = '{id}' ORDER BY occurred_at, action"
        ))
        .await;
    for action in [
        "content.created",
        "content.submit",
        "content.request_changes",
        "content.approve",
        "content.publish",
        "content.unpublish",
        "content.archive",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn editing_a_published_item_keeps_the_live_version_serving() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Live title").create(&app, &c.editor.access).await;
    act(&app, &c.editor.access, "publishContent", &id, None).await;
    let body = update(
        &app,
        &c.editor.access,
        json!({ "id": id, "expectedVersion": 2, "title": "Draft title" }),
    )
    .await;
    let edited = &body["data"]["updateContent"]["content"];
    assert_eq!(edited["status"], "DRAFT", "{body}");
    assert_eq!(edited["liveVersion"], 2);
    assert_eq!(edited["workingVersion"], 3);
    assert_eq!(read(&app, None, &id).await["title"], "Live title");
    assert_eq!(
        read(&app, Some(&c.viewer.access), &id).await["title"],
        "Live title"
    );
    assert_eq!(
        read(&app, Some(&c.editor.access), &id).await["title"],
        "Draft title"
    );
    act(&app, &c.editor.access, "publishContent", &id, None).await;
    assert_eq!(read(&app, None, &id).await["title"], "Draft title");
}

#[tokio::test]
async fn restoring_a_version_makes_a_draft_and_never_touches_the_live_one() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("First words").create(&app, &c.editor.access).await;
    update(
        &app,
        &c.editor.access,
        json!({ "id": id, "expectedVersion": 1, "title": "Second words", "body": "<p>Two</p>" }),
    )
    .await;
    act(&app, &c.editor.access, "publishContent", &id, None).await;
    let body = app
        .gql_as(
            &c.editor.access,
            "mutation($i: RestoreContentVersionInput!) { restoreContentVersion(input: $i) { content { title status version liveVersion } } }",
            json!({ "i": { "id": id, "version": 1 } }),
        )
        .await
        .1;
    let restored = &body["data"]["restoreContentVersion"]["content"];
    assert_eq!(restored["title"], "First words", "{body}");
    assert_eq!(restored["version"], 4);
    assert_eq!(restored["status"], "DRAFT");
    assert_eq!(restored["liveVersion"], 3, "the live version is untouched");
    assert_eq!(read(&app, None, &id).await["title"], "Second words");
    // The restore is itself a version, with a note saying where it came from.
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            "query($id: UUID!) { contentVersion(contentId: $id, version: 4) { event note body } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["contentVersion"]["event"], "restored",
        "{body}"
    );
    assert_eq!(
        body["data"]["contentVersion"]["note"],
        "restored from version 1"
    );
    assert_eq!(body["data"]["contentVersion"]["body"], "<p>Hello</p>");
    // Restoring a version that does not exist is bad input.
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            "mutation($i: RestoreContentVersionInput!) { restoreContentVersion(input: $i) { content { id } } }",
            json!({ "i": { "id": id, "version": 99 } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
}

#[tokio::test]
async fn fifty_concurrent_edits_of_one_version_give_one_success() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Contended").create(&app, &c.editor.access).await;
    let edits = (0..50).map(|n| {
        let app = &app;
        let token = c.editor.access.clone();
        let id = id.clone();
        async move {
            update(
                app,
                &token,
                json!({ "id": id, "expectedVersion": 1, "title": format!("Edit {n}") }),
            )
            .await
        }
    });
    let results = futures_util::future::join_all(edits).await;
    let ok = results.iter().filter(|b| b.get("errors").is_none()).count();
    let conflicts: Vec<&Value> = results
        .iter()
        .filter(|b| codes(b) == ["CONFLICT"])
        .collect();
    assert_eq!((ok, conflicts.len()), (1, 49), "{results:?}");
    assert_eq!(conflicts[0]["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(
        read(&app, Some(&c.editor.access), &id).await["workingVersion"],
        2
    );
}

#[tokio::test]
async fn slugs_are_generated_unique_and_old_ones_redirect() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let first = ContentBuilder::new("Hello, World!")
        .returning(FIELDS)
        .run(&app, &c.editor.access)
        .await;
    assert_eq!(first["slug"], "hello-world");
    let second = ContentBuilder::new("Hello World")
        .returning(FIELDS)
        .run(&app, &c.editor.access)
        .await;
    assert_eq!(second["slug"], "hello-world-2");
    // Slugs are unique per type, not globally.
    let page = ContentBuilder::new("Hello World")
        .of_type("page")
        .returning(FIELDS)
        .run(&app, &c.editor.access)
        .await;
    assert_eq!(page["slug"], "hello-world");
    // A taken slug given explicitly is a conflict; a malformed one is bad input.
    let body = ContentBuilder::new("x")
        .slug("hello-world")
        .send(&app, &c.editor.access)
        .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let body = ContentBuilder::new("x")
        .slug("Not A Slug")
        .send(&app, &c.editor.access)
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.slug",
        "{body}"
    );

    let id = first["id"].as_str().unwrap();
    act(&app, &c.editor.access, "publishContent", id, None).await;
    let body = update(
        &app,
        &c.editor.access,
        json!({ "id": id, "expectedVersion": 2, "slug": "greetings" }),
    )
    .await;
    assert_eq!(
        body["data"]["updateContent"]["content"]["slug"], "greetings",
        "{body}"
    );
    // A new slug is public once published (visibility.rs: before that).
    act(&app, &c.editor.access, "publishContent", id, None).await;
    let by_slug = "query($s: String!) { contentBySlug(type: \"article\", slug: $s) { id slug } }";
    let (_, body) = app.gql(by_slug, json!({ "s": "hello-world" })).await;
    assert_eq!(
        body["data"]["contentBySlug"]["id"], id,
        "old slug redirects: {body}"
    );
    assert_eq!(body["data"]["contentBySlug"]["slug"], "greetings");
    let (_, body) = app.gql(by_slug, json!({ "s": "greetings" })).await;
    assert_eq!(body["data"]["contentBySlug"]["id"], id, "{body}");
    // The second item (a draft) is invisible by slug to the public.
    let (_, body) = app.gql(by_slug, json!({ "s": "hello-world-2" })).await;
    assert_eq!(body["data"]["contentBySlug"], Value::Null, "{body}");
    // The freed slug can be taken by another item, which then wins.
    let third = ContentBuilder::new("x")
        .slug("hello-world")
        .run(&app, &c.editor.access)
        .await;
    let (_, body) = app
        .gql_as(&c.editor.access, by_slug, json!({ "s": "hello-world" }))
        .await;
    assert_eq!(body["data"]["contentBySlug"]["id"], third["id"], "{body}");
}

#[tokio::test]
async fn scheduled_publication_and_takedown_run_at_their_time() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Scheduled").create(&app, &c.editor.access).await;
    let now = Utc::now();
    let schedule = "mutation($i: ScheduleContentInput!) { scheduleContent(input: $i) { content { publishAt unpublishAt } } }";
    let (_, body) = app
        .gql_as(
            &c.author.access,
            schedule,
            json!({ "i": { "id": id, "publishAt": now + Duration::hours(1) } }),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            schedule,
            json!({ "i": { "id": id, "publishAt": now + Duration::hours(2), "unpublishAt": now + Duration::hours(1) } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.unpublishAt",
        "{body}"
    );
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            schedule,
            json!({ "i": { "id": id, "publishAt": now + Duration::hours(1), "unpublishAt": now + Duration::hours(3) } }),
        )
        .await;
    assert!(
        body["data"]["scheduleContent"]["content"]["publishAt"].is_string(),
        "{body}"
    );

    // Not due yet: nothing happens.
    assert_eq!(app.content.run_due(now).await.unwrap(), 0);
    assert_eq!(read(&app, None, &id).await, Value::Null);
    // Due: published as the scheduling editor, recorded like any publish.
    assert_eq!(
        app.content.run_due(now + Duration::hours(2)).await.unwrap(),
        1
    );
    assert_eq!(read(&app, None, &id).await["title"], "Scheduled");
    let (_, body) = app
        .gql_as(
            &c.editor.access,
            "query($id: UUID!) { contentVersions(contentId: $id, first: 1) { edges { node { event note actor { id } } } } }",
            json!({ "id": id }),
        )
        .await;
    let latest = &body["data"]["contentVersions"]["edges"][0]["node"];
    assert_eq!(latest["event"], "publish", "{body}");
    assert_eq!(latest["note"], "scheduled");
    assert_eq!(latest["actor"]["id"], c.editor.user_id.as_str());
    // Running again does nothing more.
    assert_eq!(
        app.content.run_due(now + Duration::hours(2)).await.unwrap(),
        0
    );
    // Take-down time.
    assert_eq!(
        app.content.run_due(now + Duration::hours(4)).await.unwrap(),
        1
    );
    assert_eq!(read(&app, None, &id).await, Value::Null);
    assert_eq!(
        read(&app, Some(&c.editor.access), &id).await["status"],
        "UNPUBLISHED"
    );
}

#[tokio::test]
async fn the_scheduler_publishes_due_items_in_the_background() {
    let app = TestApp::spawn_with(&["--scheduler-interval-ms", "100"]).await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = article("Soon").create(&app, &editor.access).await;
    // Due already (as if it came due while no process was running).
    let (_, body) = app
        .gql_as(
            &editor.access,
            "mutation($i: ScheduleContentInput!) { scheduleContent(input: $i) { content { id } } }",
            json!({ "i": { "id": id, "publishAt": Utc::now() - Duration::minutes(5) } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    for _ in 0..100 {
        if read(&app, None, &id).await != Value::Null {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the scheduler never published the item");
}

#[tokio::test]
async fn a_scheduled_publish_by_a_demoted_user_is_refused_and_recorded() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = article("Orphaned schedule")
        .create(&app, &editor.access)
        .await;
    let now = Utc::now();
    app.gql_as(
        &editor.access,
        "mutation($i: ScheduleContentInput!) { scheduleContent(input: $i) { content { id } } }",
        json!({ "i": { "id": id, "publishAt": now + Duration::minutes(1) } }),
    )
    .await;
    app.set_role("editor@example.com", "VIEWER").await;
    assert_eq!(
        app.content
            .run_due(now + Duration::minutes(2))
            .await
            .unwrap(),
        1
    );
    assert_eq!(read(&app, None, &id).await, Value::Null);
    let failed = app
        .sql_strings(&format!(
            "SELECT action AS value FROM audit_log WHERE target_id = '{id}' AND action = 'content.schedule_failed'"
        ))
        .await;
    assert_eq!(failed.len(), 1);
    // The schedule is cleared, so it is not retried forever.
    assert_eq!(
        app.content
            .run_due(now + Duration::minutes(3))
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_failure_inside_the_transaction_leaves_nothing_half_written() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = article("Stable").create(&app, &editor.access).await;
    // A fault injected between the item and version writes.
    app.sql(
        "CREATE FUNCTION fail_boom() RETURNS trigger AS $$ BEGIN \
           IF NEW.title = 'boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END; \
         $$ LANGUAGE plpgsql; \
         CREATE TRIGGER fail_boom BEFORE INSERT ON content_versions FOR EACH ROW EXECUTE FUNCTION fail_boom();",
    )
    .await;
    let body = ContentBuilder::new("boom").send(&app, &editor.access).await;
    assert_eq!(
        (body.status, codes(&body)),
        (200, vec!["INTERNAL".to_string()]),
        "{body}"
    );
    let items = app
        .sql_strings("SELECT count(*)::text AS value FROM content_items")
        .await;
    assert_eq!(items, ["1"], "no item without a version");
    let body = update(
        &app,
        &editor.access,
        json!({ "id": id, "expectedVersion": 1, "title": "boom", "slug": "moved" }),
    )
    .await;
    assert_eq!(codes(&body), ["INTERNAL"], "{body}");
    let item = read(&app, Some(&editor.access), &id).await;
    assert_eq!(
        (
            item["title"].as_str(),
            item["slug"].as_str(),
            item["workingVersion"].as_i64()
        ),
        (Some("Stable"), Some("stable"), Some(1))
    );
    let redirects = app
        .sql_strings("SELECT count(*)::text AS value FROM content_slug_redirects")
        .await;
    assert_eq!(redirects, ["0"], "the slug move was rolled back too");
    // And the database itself refuses an item pointing at a missing version.
    let mut conn =
        <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(&app.db_url)
            .await
            .unwrap();
    let refused = diesel_async::SimpleAsyncConnection::batch_execute(
        &mut conn,
        &format!("UPDATE content_items SET working_version = 99 WHERE id = '{id}'"),
    )
    .await;
    assert!(
        refused.is_err(),
        "the deferred foreign key must refuse a dangling pointer"
    );
}

#[tokio::test]
async fn references_follow_the_visibility_rule() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    TypeBuilder::new("story", "Story")
        .fields(json!([{ "apiId": "related", "name": "Related", "kind": "REFERENCE", "referenceType": "article" }]))
        .create(&app, &editor.access)
        .await;
    let draft = article("Unreleased").create(&app, &editor.access).await;
    let story = ContentBuilder::new("Story")
        .of_type("story")
        .fields(json!({ "related": draft }))
        .create(&app, &editor.access)
        .await;
    let story_id = story.as_str();
    act(&app, &editor.access, "publishContent", story_id, None).await;
    let query =
        "query($id: UUID!) { content(id: $id) { references { field id content { title } } } }";
    let (_, body) = app.gql(query, json!({ "id": story_id })).await;
    let reference = &body["data"]["content"]["references"][0];
    assert_eq!(reference["field"], "related", "{body}");
    assert_eq!(
        reference["content"],
        Value::Null,
        "a draft never leaks through a relation"
    );
    let (_, body) = app
        .gql_as(&editor.access, query, json!({ "id": story_id }))
        .await;
    assert_eq!(
        body["data"]["content"]["references"][0]["content"]["title"], "Unreleased",
        "{body}"
    );
    act(&app, &editor.access, "publishContent", &draft, None).await;
    let (_, body) = app.gql(query, json!({ "id": story_id })).await;
    assert_eq!(
        body["data"]["content"]["references"][0]["content"]["title"], "Unreleased",
        "{body}"
    );
}

#[tokio::test]
async fn diffs_show_changed_paths_with_text_diffs() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("the quick brown fox")
        .create(&app, &c.author.access)
        .await;
    update(
        &app,
        &c.author.access,
        json!({ "id": id, "expectedVersion": 1, "title": "the slow brown fox", "excerpt": "new" }),
    )
    .await;
    let query = "query($id: UUID!, $from: Int!, $to: Int!) { contentDiff(contentId: $id, from: $from, to: $to) { changes { path before after words { op value } unified } } }";
    let (_, body) = app
        .gql_as(
            &c.author.access,
            query,
            json!({ "id": id, "from": 1, "to": 2 }),
        )
        .await;
    let changes = body["data"]["contentDiff"]["changes"].as_array().unwrap();
    let paths: Vec<&str> = changes
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["excerpt", "title"], "{body}");
    let title = &changes[1];
    assert_eq!(title["before"], "the quick brown fox");
    assert_eq!(
        title["words"],
        json!([
            { "op": "EQUAL", "value": "the " },
            { "op": "DELETE", "value": "quick" },
            { "op": "INSERT", "value": "slow" },
            { "op": "EQUAL", "value": " brown fox" }
        ])
    );
    // History is editorial: others may not read it.
    let (_, body) = app
        .gql(query, json!({ "id": id, "from": 1, "to": 2 }))
        .await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    let (_, body) = app
        .gql_as(
            &c.viewer.access,
            query,
            json!({ "id": id, "from": 1, "to": 2 }),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let (_, body) = app
        .gql_as(
            &c.other_author.access,
            query,
            json!({ "id": id, "from": 1, "to": 2 }),
        )
        .await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
    let (_, body) = app
        .gql_as(
            &c.author.access,
            query,
            json!({ "id": id, "from": 1, "to": 9 }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "to", "{body}");
}

const STATEMENTS: &str = "vellum_db_statements_total";

/// An app whose background jobs stay idle, so the statement counter
/// counts only the request under test.
async fn quiet_app() -> TestApp {
    TestApp::spawn_with(&[
        "--scheduler-interval-ms",
        "3600000",
        "--mail-worker-interval-ms",
        "0",
    ])
    .await
}

/// Lets the events of earlier changes arrive over the bus (each drops the
/// cache once more) before a measurement.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
}

#[tokio::test]
async fn a_list_with_relations_costs_a_fixed_handful_of_statements() {
    let app = quiet_app().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let mut tags = Vec::new();
    for n in 0..5 {
        tags.push(
            TagBuilder::new(&format!("tag {n}"))
                .create(&app, &editor.access)
                .await,
        );
    }
    let category = CategoryBuilder::new("News")
        .create(&app, &editor.access)
        .await;
    let mut authors = Vec::new();
    for n in 0..5 {
        authors.push(
            app.user_with_role(&format!("a{n}@example.com"), "AUTHOR")
                .await,
        );
    }
    for n in 0..50 {
        ContentBuilder::new(&format!("Item {n}"))
            .category(Some(&category))
            .tags(&[&tags[n % 5], &tags[(n + 1) % 5], &tags[(n + 2) % 5]])
            .create(&app, &authors[n % 5].access)
            .await;
    }
    let query = "{ contents(first: 50) { edges { node { author { displayName } category { name } tags { name } } } } }";
    // Warm the session cache and the catalog of types and taxonomy held
    // in memory (once the events of the setup have moved it on), so only
    // the query itself is counted.
    settle().await;
    app.gql_as(&editor.access, query, Value::Null).await;
    let before = metric(&app, STATEMENTS).await;
    let (_, body) = app.gql_as(&editor.access, query, Value::Null).await;
    let after = metric(&app, STATEMENTS).await;
    let edges = body["data"]["contents"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 50, "{body}");
    assert_eq!(edges[0]["node"]["tags"].as_array().unwrap().len(), 3);
    assert_eq!(edges[0]["node"]["category"]["name"], "News");
    let statements = after - before;
    assert!(statements > 0.0, "the counter must count");
    // The items and their authors; categories and tags come from memory
    // (from the database they would be two more). One of slack: the
    // session check re-reads the session when its cached copy expires.
    assert!(
        statements <= 3.0,
        "{statements} statements for one page of 50"
    );
}

#[tokio::test]
async fn published_reads_are_cached_and_invalidated_by_changes() {
    let app = quiet_app().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = article("Cached").create(&app, &editor.access).await;
    act(&app, &editor.access, "publishContent", &id, None).await;
    settle().await;
    let by_slug = "{ contentBySlug(type: \"article\", slug: \"cached\") { title body } }";
    let list = "{ contents(first: 20) { edges { node { title } } } }";
    let by_id = format!("{{ content(id: \"{id}\") {{ title }} }}");
    for query in [by_slug, list, by_id.as_str()] {
        app.gql(query, Value::Null).await;
        let hits = metric(&app, "vellum_cache_lookups_total{cache=\"content_").await;
        let before = metric(&app, STATEMENTS).await;
        // Another document over the same items: the public answer cache
        // (tests/it/public_answers.rs) does not know it, the item cache does.
        let other = query.replacen('{', "{ __typename ", 1);
        let (_, body) = app.gql(&other, Value::Null).await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(
            metric(&app, STATEMENTS).await - before,
            0.0,
            "a cache hit does no SQL: {query}"
        );
        assert!(metric(&app, "vellum_cache_lookups_total{cache=\"content_").await > hits);
    }
    let hits = metric(
        &app,
        "vellum_cache_lookups_total{cache=\"content_by_slug\",result=\"hit\"}",
    )
    .await;
    assert!(hits >= 1.0, "hits are counted on /metrics");
    // A change drops what was cached: the public sees the new live version.
    update(
        &app,
        &editor.access,
        json!({ "id": id, "expectedVersion": 2, "title": "Cached, changed" }),
    )
    .await;
    act(&app, &editor.access, "publishContent", &id, None).await;
    let (_, body) = app.gql(by_slug, Value::Null).await;
    assert_eq!(
        body["data"]["contentBySlug"]["title"], "Cached, changed",
        "{body}"
    );
    let (_, body) = app.gql(list, Value::Null).await;
    assert_eq!(
        body["data"]["contents"]["edges"][0]["node"]["title"], "Cached, changed",
        "{body}"
    );
    // Taking it down is seen at once too.
    act(&app, &editor.access, "unpublishContent", &id, None).await;
    let (_, body) = app.gql(&by_id, Value::Null).await;
    assert_eq!(body["data"]["content"], Value::Null, "{body}");
}

#[tokio::test]
async fn trash_hides_and_restores_items() {
    let app = TestApp::spawn().await;
    let c = cast(&app).await;
    let id = article("Trashable").create(&app, &c.author.access).await;
    act(&app, &c.editor.access, "publishContent", &id, None).await;
    let trash = "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id deletedAt isLive } } }";
    let (_, body) = app
        .gql_as(&c.other_author.access, trash, json!({ "i": { "id": id } }))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "not their item: {body}");
    let (_, body) = app
        .gql_as(&c.author.access, trash, json!({ "i": { "id": id } }))
        .await;
    assert!(
        body["data"]["deleteContent"]["content"]["deletedAt"].is_string(),
        "{body}"
    );
    assert_eq!(read(&app, None, &id).await, Value::Null);
    let (_, body) = app
        .gql_as(&c.author.access, trash, json!({ "i": { "id": id } }))
        .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
    let (_, body) = app
        .gql_as(&c.author.access, "mutation($i: DeleteByIdInput!) { restoreContent(input: $i) { content { deletedAt } } }", json!({ "i": { "id": id } }))
        .await;
    assert_eq!(
        body["data"]["restoreContent"]["content"]["deletedAt"],
        Value::Null,
        "{body}"
    );
    assert_eq!(read(&app, None, &id).await["title"], "Trashable");
}

#[tokio::test]
async fn bad_workflow_and_list_inputs_are_clear_errors() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let id = article("Inputs").create(&app, &editor.access).await;
    let transition =
        "mutation($i: TransitionContentInput!) { transitionContent(input: $i) { content { id } } }";
    let (_, body) = app
        .gql_as(
            &editor.access,
            transition,
            json!({ "i": { "id": id, "action": "teleport" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.action",
        "{body}"
    );
    act(&app, &editor.access, "submitForReview", &id, None).await;
    let long = "x".repeat(5_001);
    let body = act(&app, &editor.access, "requestChanges", &id, Some(&long)).await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.comment",
        "{body}"
    );
    // Nothing was written by the refused moves.
    assert_eq!(
        read(&app, Some(&editor.access), &id).await["workingVersion"],
        2
    );
    let (_, body) = app
        .gql(
            "query($t: String!) { contents(filter: { text: $t }) { edges { cursor } } }",
            json!({ "t": "y".repeat(201) }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "filter.text",
        "{body}"
    );
    let body = ContentBuilder::new("x")
        .of_type("nope")
        .send(&app, &editor.access)
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.type",
        "{body}"
    );
    let body = ContentBuilder::new("x")
        .input(json!({ "locale": "not a locale" }))
        .send(&app, &editor.access)
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.locale",
        "{body}"
    );
}
