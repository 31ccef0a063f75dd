//! `Content.availableActions`: the workflow moves a caller may make on an
//! item now, by the rules `transitionContent` enforces, loaded once per
//! workflow however many items a list shows.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, Transition, metric, publish};
use crate::harness::TestApp;

const ACTIONS: &str = "query($id: UUID!) { content(id: $id) {
    availableActions { action toStatus commentRequired goesLive takesDown } } }";

/// The full actions of item `id` as `token` (anonymous when `None`) sees them.
async fn actions(app: &TestApp, token: Option<&str>, id: &str) -> Value {
    let response = app.send(token, ACTIONS, json!({ "id": id })).await.ok();
    response.at("content.availableActions").clone()
}

/// Just the names of the actions.
async fn names(app: &TestApp, token: Option<&str>, id: &str) -> Vec<String> {
    actions(app, token, id)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn actions_follow_the_role_the_state_and_the_author() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let id = ContentBuilder::new("Draft")
        .create(&app, &author.access)
        .await;

    // The author may submit their own draft, and nothing an editor does.
    assert_eq!(
        actions(&app, Some(&author.access), &id).await,
        json!([{ "action": "submit", "toStatus": "IN_REVIEW", "commentRequired": false,
                 "goesLive": false, "takesDown": false }])
    );
    // An editor may do more with it, in the order of the action names.
    assert_eq!(
        names(&app, Some(&editor.access), &id).await,
        ["archive", "publish", "submit"]
    );

    // Once in review: the editor reviews, the author waits.
    Transition::new("submitForReview", &id)
        .returning("status")
        .run(&app, &author.access)
        .await;
    assert_eq!(
        names(&app, Some(&author.access), &id).await,
        [] as [&str; 0]
    );
    let in_review = actions(&app, Some(&editor.access), &id).await;
    let names_in_review: Vec<&str> = in_review
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        names_in_review,
        ["approve", "archive", "publish", "request_changes"]
    );
    let request_changes = &in_review[3];
    assert_eq!(request_changes["commentRequired"], true);
    assert_eq!(request_changes["toStatus"], "DRAFT");
    assert_eq!(in_review[0]["commentRequired"], false);
    assert_eq!(in_review[2]["goesLive"], true);
    assert_eq!(in_review[1]["takesDown"], true);

    // Live: unpublishing becomes possible (it needs something live).
    publish(&app, &editor.access, &id).await;
    assert_eq!(
        names(&app, Some(&editor.access), &id).await,
        ["archive", "unpublish"]
    );
    // Those who see only the live version get nothing to do.
    assert_eq!(names(&app, None, &id).await, [] as [&str; 0]);
    assert_eq!(
        names(&app, Some(&viewer.access), &id).await,
        [] as [&str; 0]
    );
    assert_eq!(names(&app, Some(&other.access), &id).await, [] as [&str; 0]);
    // Every listed action really runs (here: the first).
    let body = app
        .send(
            Some(&editor.access),
            "mutation($i: TransitionContentInput!) { transitionContent(input: $i) { content { status } } }",
            json!({ "i": { "id": id, "action": "archive" } }),
        )
        .await
        .ok();
    assert_eq!(body.at("transitionContent.content.status"), "ARCHIVED");
    assert_eq!(names(&app, Some(&editor.access), &id).await, ["unarchive"]);

    // Nothing while in the trash.
    let trash = ContentBuilder::new("Trash")
        .create(&app, &author.access)
        .await;
    app.send(
        Some(&author.access),
        "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id } } }",
        json!({ "i": { "id": trash } }),
    )
    .await
    .ok();
    let trashed = "{ contents(filter: { trashed: true }) { edges { node { id availableActions { action } } } } }";
    for token in [&author.access, &editor.access] {
        let body = app.send(Some(token), trashed, Value::Null).await.ok();
        assert_eq!(
            body.at("contents.edges"),
            &json!([{ "node": { "id": trash, "availableActions": [] } }])
        );
    }
}

#[tokio::test]
async fn a_list_loads_the_workflow_once() {
    let app = TestApp::spawn_with(&[
        "--scheduler-interval-ms",
        "3600000",
        "--mail-worker-interval-ms",
        "0",
    ])
    .await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for n in 0..20 {
        ContentBuilder::new(&format!("Item {n}"))
            .create(&app, &editor.access)
            .await;
    }
    let statements = async |query: &str| {
        let before = metric(&app, "vellum_db_statements_total").await;
        let body = app
            .send(Some(&editor.access), query, Value::Null)
            .await
            .ok();
        let after = metric(&app, "vellum_db_statements_total").await;
        assert_eq!(body.at("contents.edges").as_array().unwrap().len(), 20);
        after - before
    };
    // Warm the session cache, so only the query itself is counted.
    statements("{ contents(first: 20) { edges { node { id } } } }").await;
    let plain = statements("{ contents(first: 20) { edges { node { id } } } }").await;
    let with_actions =
        statements("{ contents(first: 20) { edges { node { id availableActions { action } } } } }")
            .await;
    // One for the content types, one for their workflows.
    assert!(
        with_actions - plain <= 2.0,
        "{plain} statements without actions, {with_actions} with"
    );
}
