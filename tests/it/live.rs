//! The event bus and `contentEvents` over a real WebSocket: who receives
//! what, permission changes without reconnecting, two instances on one
//! database, and a lost LISTEN connection.

use futures_util::StreamExt;
use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, ContentUpdate, publish};
use crate::harness::{TestApp, codes};

const EVENTS: &str =
    "subscription { contentEvents { kind contentId status isLive content { title } } }";

fn event(payload: &Value) -> &Value {
    &payload["data"]["contentEvents"]
}

#[tokio::test]
async fn a_viewer_receives_publications_but_never_drafts() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let mut anonymous = app.ws().await;
    anonymous.subscribe("a", EVENTS).await;
    let mut signed_in = app.ws_as(&viewer.access).await;
    signed_in.subscribe("v", EVENTS).await;
    let mut editorial = app.ws_as(&editor.access).await;
    editorial.subscribe("e", EVENTS).await;

    let draft = ContentBuilder::new("Draft only")
        .create(&app, &editor.access)
        .await;
    let id = ContentBuilder::new("Going live")
        .publish()
        .create(&app, &editor.access)
        .await;

    for (ws, sub) in [(&mut anonymous, "a"), (&mut signed_in, "v")] {
        let payload = ws.next_event(sub).await;
        let got = event(&payload);
        assert_eq!(got["kind"], "PUBLISHED", "{payload}");
        assert_eq!(
            got["contentId"],
            id.as_str(),
            "the draft's events were skipped"
        );
        assert_eq!(got["status"], "PUBLISHED");
        assert_eq!(got["content"]["title"], "Going live");
        ws.assert_quiet(sub, 300).await;
    }
    // The editor sees everything, drafts included, in order.
    let kinds: Vec<(Value, Value)> = {
        let mut kinds = Vec::new();
        for _ in 0..3 {
            let payload = editorial.next_event("e").await;
            kinds.push((
                event(&payload)["kind"].clone(),
                event(&payload)["contentId"].clone(),
            ));
        }
        kinds
    };
    assert_eq!(
        kinds,
        [
            (json!("CREATED"), json!(draft)),
            (json!("CREATED"), json!(id)),
            (json!("PUBLISHED"), json!(id))
        ]
    );
}

#[tokio::test]
async fn a_demoted_editor_stops_receiving_drafts_without_reconnecting() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let mut ws = app.ws_as(&editor.access).await;
    ws.subscribe("e", EVENTS).await;
    ContentBuilder::new("Seen while an editor")
        .create(&app, &author.access)
        .await;
    assert_eq!(event(&ws.next_event("e").await)["kind"], "CREATED");

    let (_, body) = app
        .gql_as(
            &admin.access,
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id } } }",
            json!({ "i": { "id": editor.user_id, "role": "VIEWER" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let draft = ContentBuilder::new("Not for viewers")
        .create(&app, &author.access)
        .await;
    ws.assert_quiet("e", 300).await;
    // Public events still arrive on the same connection.
    let editor2 = app.user_with_role("editor2@example.com", "EDITOR").await;
    publish(&app, &editor2.access, &draft).await;
    let payload = ws.next_event("e").await;
    assert_eq!(event(&payload)["kind"], "PUBLISHED", "{payload}");
}

#[tokio::test]
async fn a_revoked_session_closes_its_socket() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let other = app.sign_in("editor@example.com").await;
    let mut ws = app.ws_as(&editor.access).await;
    ws.subscribe("e", EVENTS).await;
    app.data_as(
        &editor.access,
        "mutation { signOut { revokedSessions } }",
        Value::Null,
    )
    .await;
    // The next event the socket would get finds the session ended.
    ContentBuilder::new("After sign-out")
        .create(&app, &other.access)
        .await;
    loop {
        match ws.next_frame().await {
            Some(tokio_tungstenite::tungstenite::Message::Close(Some(frame))) => {
                assert_eq!(u16::from(frame.code), 4403);
                break;
            }
            Some(tokio_tungstenite::tungstenite::Message::Text(text)) => {
                assert!(
                    !text.contains("CREATED"),
                    "no event after revocation: {text}"
                );
            }
            Some(_) => {}
            None => panic!("closed without a close frame"),
        }
    }
}

#[tokio::test]
async fn events_and_cache_invalidation_cross_instances() {
    let one = TestApp::spawn().await;
    let two = one.sibling().await;
    let editor = one.user_with_role("editor@example.com", "EDITOR").await;
    let mut ws = two.ws().await;
    ws.subscribe("s", EVENTS).await;
    let id = ContentBuilder::new("Everywhere")
        .publish()
        .create(&one, &editor.access)
        .await;
    let payload = ws.next_event("s").await;
    assert_eq!(event(&payload)["contentId"], id.as_str(), "{payload}");

    // Instance two caches the public read ...
    let query = format!("{{ content(id: \"{id}\") {{ title }} }}");
    let (_, body) = two.gql(&query, Value::Null).await;
    assert_eq!(body["data"]["content"]["title"], "Everywhere");
    // ... and a change on instance one drops it there too.
    ContentUpdate::new(&id, 2)
        .input(json!({ "title": "Changed on one" }))
        .run(&one, &editor.access)
        .await;
    publish(&one, &editor.access, &id).await;
    ws.next_event("s").await;
    // The cache follower runs beside the subscription; give it a moment.
    let mut title = Value::Null;
    for _ in 0..40 {
        let (_, body) = two.gql(&query, Value::Null).await;
        assert!(codes(&body).is_empty(), "{body}");
        title = body["data"]["content"]["title"].clone();
        if title == "Changed on one" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        title, "Changed on one",
        "instance two still serves its cached copy"
    );
}

#[tokio::test]
async fn a_killed_listen_connection_loses_no_events() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let mut ws = app.ws().await;
    ws.subscribe("s", EVENTS).await;
    let first = ContentBuilder::new("Before")
        .publish()
        .create(&app, &editor.access)
        .await;
    assert_eq!(
        event(&ws.next_event("s").await)["contentId"],
        first.as_str()
    );

    let killed = app
        .sql_strings(
            "SELECT pg_terminate_backend(pid)::text AS value FROM pg_stat_activity \
             WHERE application_name = 'vellum-events' AND datname = current_database()",
        )
        .await;
    assert_eq!(killed, ["true"], "one listener per instance");
    // Published while the listener is down.
    let mut ids = Vec::new();
    for n in 0..3 {
        let id = ContentBuilder::new(&format!("During {n}"))
            .publish()
            .create(&app, &editor.access)
            .await;
        ids.push(id);
    }
    for id in &ids {
        let payload = ws.next_event("s").await;
        assert_eq!(event(&payload)["contentId"], id.as_str(), "{payload}");
    }
}

/// Sends connection_init on a socket the server should close at once, and
/// returns the close frame's code and reason; nothing may come before it.
async fn refused(app: &TestApp, origin: &str) -> (u16, String) {
    let mut ws = app
        .ws_handshake(&[("origin", origin)])
        .await
        .unwrap_or_else(|e| panic!("the upgrade itself succeeds for {origin}: {e}"));
    // Sent before the close is read: the server must not answer it.
    ws.send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    let frame = match ws.next_frame().await {
        Some(tokio_tungstenite::tungstenite::Message::Close(Some(frame))) => frame,
        other => panic!("expected a close frame for {origin}, got {other:?}"),
    };
    // The close handshake completes and nothing follows it.
    assert!(
        matches!(ws.socket.next().await, None | Some(Err(_))),
        "the socket ends after its close"
    );
    (u16::from(frame.code), frame.reason.to_string())
}

/// A socket that a browser page may open: its connection_init is acked.
async fn accepted(app: &TestApp, headers: &[(&str, &str)]) {
    let mut ws = app
        .ws_handshake(headers)
        .await
        .unwrap_or_else(|e| panic!("{headers:?} is allowed: {e}"));
    ws.send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    assert_eq!(
        ws.next_json().await["type"],
        "connection_ack",
        "{headers:?}"
    );
}

#[tokio::test]
async fn sockets_from_unknown_origins_are_closed_with_a_reason() {
    let app = TestApp::spawn_with(&["--public-url", "https://cms.example.com"]).await;
    // A page's script sees the close code and reason, where a refused
    // handshake would show it a bare error event.
    let (code, reason) = refused(&app, "https://evil.example").await;
    assert_eq!(code, 4403);
    assert_eq!(
        reason,
        "origin https://evil.example is not allowed; add it to VELLUM_CORS_ORIGINS"
    );
    // A long origin is shortened to fit a close frame.
    let long = format!("https://{}.example", "a".repeat(200));
    let (code, reason) = refused(&app, &long).await;
    assert_eq!(code, 4403);
    assert!(reason.len() <= 123, "{reason}");
    assert!(reason.ends_with("… is not allowed; add it to VELLUM_CORS_ORIGINS"));
    // The public URL's own origin, and clients that send none, are fine.
    accepted(&app, &[("origin", "https://cms.example.com")]).await;
    accepted(&app, &[]).await;
}

#[tokio::test]
async fn loopback_names_are_one_origin_in_development_only() {
    let dev = TestApp::spawn_with(&["--public-url", "http://localhost:5173"]).await;
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:5173",
        "http://[::1]:5173",
    ] {
        accepted(&dev, &[("origin", origin)]).await;
    }
    for origin in [
        "http://127.0.0.1:5174",
        "https://127.0.0.1:5173",
        "http://localhost.evil.com:5173",
    ] {
        assert_eq!(refused(&dev, origin).await.0, 4403, "{origin}");
    }

    let production = TestApp::spawn_with(&[
        "--env",
        "production",
        "--public-url",
        "https://localhost:8443",
        "--mail-transport",
        "log",
        "--jwt-secret",
        "k3y-for-integration-tests-0123456789abcdef",
    ])
    .await;
    accepted(&production, &[("origin", "https://localhost:8443")]).await;
    assert_eq!(refused(&production, "https://127.0.0.1:8443").await.0, 4403);
}

#[tokio::test]
async fn a_browser_session_cookie_authenticates_the_socket() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let cookie = format!("vellum_access={}", editor.access);
    let mut ws = app.ws_handshake(&[("cookie", &cookie)]).await.unwrap();
    ws.send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    assert_eq!(ws.next_json().await["type"], "connection_ack");
    ws.subscribe("e", EVENTS).await;
    ContentBuilder::new("A draft for the cookie holder")
        .create(&app, &editor.access)
        .await;
    assert_eq!(
        event(&ws.next_event("e").await)["kind"],
        "CREATED",
        "drafts reach the editor"
    );
    // A bad cookie is refused like a bad token.
    let mut bad = app
        .ws_handshake(&[("cookie", "vellum_access=nope")])
        .await
        .unwrap();
    bad.send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    match bad.next_frame().await {
        Some(tokio_tungstenite::tungstenite::Message::Close(Some(frame))) => {
            assert_eq!(u16::from(frame.code), 4403);
        }
        other => panic!("expected 4403, got {other:?}"),
    }
}

#[tokio::test]
async fn subscriptions_per_connection_are_capped() {
    let app = TestApp::spawn_with(&["--ws-max-subscriptions", "2"]).await;
    let mut ws = app.ws().await;
    for id in ["1", "2"] {
        ws.send(json!({ "id": id, "type": "subscribe", "payload": { "query": EVENTS } }))
            .await;
    }
    ws.send(json!({ "id": "3", "type": "subscribe", "payload": { "query": EVENTS } }))
        .await;
    let refusal = ws.next_json().await;
    assert_eq!(refusal["id"], "3", "{refusal}");
    assert_eq!(refusal["type"], "error");
    assert_eq!(refusal["payload"][0]["extensions"]["code"], "RATE_LIMITED");
    // Completing one frees its slot: 4 is taken, 5 is over the cap again.
    ws.send(json!({ "id": "1", "type": "complete" })).await;
    for id in ["4", "5"] {
        ws.send(json!({ "id": id, "type": "subscribe", "payload": { "query": EVENTS } }))
            .await;
    }
    let mut refusal = ws.next_json().await;
    while refusal["id"] == "1" {
        refusal = ws.next_json().await;
    }
    assert_eq!(
        (refusal["id"].as_str(), refusal["type"].as_str()),
        (Some("5"), Some("error")),
        "{refusal}"
    );
}

#[tokio::test]
async fn the_dashboard_pushes_fresh_figures_after_changes() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let query = "subscription { dashboardStats { inReview live publishedToday nextPublishAt byStatus { status count } } }";
    let mut ws = app.ws_as(&editor.access).await;
    ws.subscribe("d", query).await;
    let first = ws.next_event("d").await;
    assert_eq!(
        first["data"]["dashboardStats"]["live"], 0,
        "the first value comes at once: {first}"
    );

    let id = ContentBuilder::new("For review")
        .submit()
        .create(&app, &editor.access)
        .await;
    // Two changes close together: at most a push or two, the last one current.
    let mut stats = ws.next_event("d").await;
    while stats["data"]["dashboardStats"]["inReview"] != 1 {
        stats = ws.next_event("d").await;
    }
    publish(&app, &editor.access, &id).await;
    let mut stats = ws.next_event("d").await;
    while stats["data"]["dashboardStats"]["live"] != 1 {
        stats = ws.next_event("d").await;
    }
    assert_eq!(
        stats["data"]["dashboardStats"]["publishedToday"], 1,
        "{stats}"
    );
    assert_eq!(stats["data"]["dashboardStats"]["inReview"], 0);

    // Viewers may not watch it.
    let mut ws = app.ws_as(&viewer.access).await;
    ws.send(json!({ "id": "d", "type": "subscribe", "payload": { "query": query } }))
        .await;
    let refused = ws.next_json().await;
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
}

#[tokio::test]
async fn a_sign_out_on_one_instance_closes_the_socket_on_another() {
    let one = TestApp::spawn().await;
    let two = one.sibling().await;
    let editor = one.user_with_role("editor@example.com", "EDITOR").await;
    let other = one.sign_in("editor@example.com").await;
    let mut ws = two.ws_as(&editor.access).await;
    ws.subscribe("e", EVENTS).await;
    // Instance two has this session cached from the handshake.
    one.data_as(
        &editor.access,
        "mutation { signOut { revokedSessions } }",
        Value::Null,
    )
    .await;
    // Let the invalidation cross over before the next event does.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    ContentBuilder::new("After sign-out elsewhere")
        .create(&one, &other.access)
        .await;
    loop {
        match ws.next_frame().await {
            Some(tokio_tungstenite::tungstenite::Message::Close(Some(frame))) => {
                assert_eq!(u16::from(frame.code), 4403);
                break;
            }
            Some(tokio_tungstenite::tungstenite::Message::Text(text)) => {
                assert!(!text.contains("CREATED"), "no event after sign-out: {text}");
            }
            Some(_) => {}
            None => panic!("closed without a close frame"),
        }
    }
    let kinds = one
        .sql_strings(
            "SELECT DISTINCT kind AS value FROM events WHERE kind LIKE 'user.%' ORDER BY 1",
        )
        .await;
    assert_eq!(kinds, ["user.access_changed", "user.signed_up"]);
}
