//! Subscriptions over graphql-transport-ws with a real WebSocket client.

use futures_util::SinkExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use crate::harness::TestApp;

#[tokio::test]
async fn server_time_ticks_over_websocket() {
    let app = TestApp::spawn().await;
    let mut ws = app.ws().await;
    ws.send(json!({
        "id": "1",
        "type": "subscribe",
        "payload": { "query": "subscription { serverTime }" }
    }))
    .await;
    let mut times = Vec::new();
    for _ in 0..2 {
        let message = ws.next_json().await;
        assert_eq!(message["type"], "next", "{message}");
        assert_eq!(message["id"], "1");
        let time = message["payload"]["data"]["serverTime"]
            .as_str()
            .unwrap()
            .to_string();
        chrono::DateTime::parse_from_rfc3339(&time).expect("an RFC 3339 time");
        times.push(time);
    }
    assert_ne!(times[0], times[1]);
    ws.send(json!({ "id": "1", "type": "complete" })).await;
}

#[tokio::test]
async fn queries_work_over_websocket_too() {
    let app = TestApp::spawn().await;
    let mut ws = app.ws().await;
    ws.send(json!({ "id": "q", "type": "subscribe", "payload": { "query": "{ health }" } }))
        .await;
    let message = ws.next_json().await;
    assert_eq!(message["payload"]["data"]["health"], "ok", "{message}");
    assert_eq!(ws.next_json().await["type"], "complete");
}

#[tokio::test]
async fn subscription_errors_carry_codes() {
    let app = TestApp::spawn().await;
    let mut ws = app.ws().await;
    ws.send(
        json!({ "id": "e", "type": "subscribe", "payload": { "query": "subscription { nope }" } }),
    )
    .await;
    let message = ws.next_json().await;
    // async-graphql reports request errors as a `next` carrying errors.
    let errors = match message["type"].as_str() {
        Some("error") => &message["payload"],
        _ => &message["payload"]["errors"],
    };
    assert_eq!(
        errors[0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
        "{message}"
    );
}

#[tokio::test]
async fn a_malformed_frame_closes_that_socket_only() {
    let app = TestApp::spawn().await;
    let mut bad = app.ws().await;
    let mut good = app.ws().await;
    bad.socket
        .send(Message::Text("this is not json".into()))
        .await
        .unwrap();
    match bad.next_frame().await {
        Some(Message::Close(Some(frame))) => assert_eq!(u16::from(frame.code), 4400),
        other => panic!("expected a 4400 close, got {other:?}"),
    }
    good.send(json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ health }" } }))
        .await;
    assert_eq!(good.next_json().await["payload"]["data"]["health"], "ok");
    let (status, _) = app.gql("{ health }", Value::Null).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_oversized_message_closes_that_socket() {
    let app = TestApp::spawn_with(&["--ws-max-message", "2048"]).await;
    let mut ws = app.ws().await;
    let query = format!("{{ health }} #{}", "x".repeat(4096));
    let _ = ws
        .socket
        .send(Message::Text(
            json!({ "id": "1", "type": "subscribe", "payload": { "query": query } })
                .to_string()
                .into(),
        ))
        .await;
    match ws.next_frame().await {
        Some(Message::Close(Some(frame))) => assert_eq!(u16::from(frame.code), 1009),
        other => panic!("expected a 1009 close, got {other:?}"),
    }
    let (status, _) = app.gql("{ health }", Value::Null).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn upgrade_without_the_subprotocol_is_refused() {
    let app = TestApp::spawn().await;
    let result = tokio_tungstenite::connect_async(format!("ws://{}/graphql", app.addr)).await;
    match result {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status().as_u16(), 400)
        }
        other => panic!("expected HTTP 400, got {other:?}"),
    }
}

#[tokio::test]
async fn shutdown_closes_websockets_with_going_away() {
    let app = TestApp::spawn().await;
    let mut ws = app.ws().await;
    ws.send(json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { serverTime }" } }))
        .await;
    let _ = ws.next_json().await;
    let shutdown = tokio::spawn(app.shutdown());
    loop {
        match ws.next_frame().await {
            Some(Message::Close(Some(frame))) => {
                assert_eq!(frame.code, CloseCode::Away);
                break;
            }
            Some(Message::Text(_)) => continue,
            other => panic!("expected a 1001 close, got {other:?}"),
        }
    }
    tokio::time::timeout(std::time::Duration::from_secs(10), shutdown)
        .await
        .expect("shutdown finishes")
        .unwrap();
}
