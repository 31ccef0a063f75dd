//! graphql-transport-ws details: the server's keep-alive `ping`s, and the
//! `error` message for a subscribe that never ran.

use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use crate::harness::TestApp;

/// The next text frame as JSON, pings included (the harness skips them).
async fn next_text(ws: &mut crate::harness::WsClient) -> serde_json::Value {
    loop {
        match ws.next_frame().await {
            Some(Message::Text(text)) => return serde_json::from_str(&text).unwrap(),
            Some(Message::Ping(_) | Message::Pong(_)) => {}
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn the_server_pings_every_keepalive_interval() {
    let app = TestApp::spawn_with(&["--ws-keepalive", "1"]).await;
    let mut ws = app.ws().await;
    for _ in 0..2 {
        assert_eq!(next_text(&mut ws).await, json!({ "type": "ping" }));
        ws.send(json!({ "type": "pong" })).await;
    }
    // The socket still works after answering.
    ws.send(json!({ "id": "q", "type": "subscribe", "payload": { "query": "{ health }" } }))
        .await;
    let answer = ws.next_json().await;
    assert_eq!(answer["type"], "next", "{answer}");
    assert_eq!(answer["payload"]["data"]["health"], "ok");
}

#[tokio::test]
async fn a_subscribe_that_fails_validation_gets_an_error_message() {
    let app = TestApp::spawn().await;
    let mut ws = app.ws().await;
    ws.send(json!({ "id": "bad", "type": "subscribe", "payload": { "query": "subscription { noSuchField }" } }))
        .await;
    let answer = ws.next_json().await;
    assert_eq!(answer["type"], "error", "{answer}");
    assert_eq!(answer["id"], "bad");
    let errors = answer["payload"].as_array().unwrap();
    assert!(!errors.is_empty());
    for error in errors {
        assert_eq!(
            error["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
            "{answer}"
        );
    }
    // No `complete` follows: the next message answers the next request.
    ws.send(json!({ "id": "q", "type": "subscribe", "payload": { "query": "{ health }" } }))
        .await;
    let next = ws.next_json().await;
    assert_eq!(
        (&next["type"], &next["id"]),
        (&json!("next"), &json!("q")),
        "{next}"
    );
    // A bad variable is refused the same way.
    ws.send(json!({ "id": "v", "type": "subscribe", "payload": {
        "query": "query Q($id: UUID!) { content(id: $id) { id } }",
        "variables": { "id": "nope" },
    } }))
    .await;
    let mut answer = ws.next_json().await;
    if answer["id"] == "q" {
        answer = ws.next_json().await;
    }
    assert_eq!(
        (&answer["type"], &answer["id"]),
        (&json!("error"), &json!("v")),
        "{answer}"
    );
}
