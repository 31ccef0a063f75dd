//! Connection exhaustion (issue 10): slowloris headers, idle keep-alive
//! connections, more connections than the cap, and WebSockets that never
//! send `connection_init` must not take the server down; `{ health }` keeps
//! answering throughout. Each attack runs against a `vellum serve` process
//! with small limits.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::fixtures::ServerProcess;

/// Far above every timeout the tests set, far below what "never" means.
const CUT_WITHIN: Duration = Duration::from_secs(15);

const HEALTH_REQUEST: &[u8] = b"GET /health HTTP/1.1\r\nhost: vellum\r\n\r\n";

/// Reads until the server closes the connection; `None` if it is still open
/// after `within`. Returns what was read.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(seen),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends one request and reads one whole (small, fixed-length) response.
async fn request_on(stream: &mut TcpStream) -> String {
    stream.write_all(HEALTH_REQUEST).await.unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("a response")
            .unwrap();
        assert!(n > 0, "closed mid-response");
        seen.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&seen).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                return text;
            }
        }
    }
}

/// A slowloris client: sends a request line, then one header byte every
/// 300 ms, and reports how long after its first byte the server cut it.
async fn slowloris(addr: SocketAddr) -> Option<Duration> {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let started = Instant::now();
    write
        .write_all(b"GET /health HTTP/1.1\r\nx-slow: ")
        .await
        .ok()?;
    let drip = async move {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if write.write_all(b"a").await.is_err() {
                // Cut: wait for the read side to notice too.
                std::future::pending::<()>().await;
            }
        }
    };
    let mut buf = [0u8; 1024];
    let closed = async {
        loop {
            match read.read(&mut buf).await {
                Ok(0) | Err(_) => return started.elapsed(),
                Ok(_) => {}
            }
        }
    };
    tokio::select! {
        () = drip => None,
        elapsed = closed => Some(elapsed),
        () = tokio::time::sleep(CUT_WITHIN) => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_connections_are_cut_after_the_header_timeout() {
    let server = ServerProcess::start(
        &["--header-read-timeout", "1", "--idle-timeout", "300"],
        &[],
    )
    .await;
    let watchdog = server.watchdog().await;
    let attackers: Vec<_> = (0..50)
        .map(|_| tokio::spawn(slowloris(server.addr)))
        .collect();
    for attacker in attackers {
        let cut = attacker.await.unwrap();
        let cut = cut.expect("a slowloris connection was never cut");
        // Cut by the 1 s header timeout, not the 300 s idle one.
        assert!(cut >= Duration::from_millis(900), "cut too early: {cut:?}");
    }
    watchdog.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_keep_alive_connections_are_closed() {
    let server = ServerProcess::start(
        &["--idle-timeout", "1", "--header-read-timeout", "300"],
        &[],
    )
    .await;
    let watchdog = server.watchdog().await;

    // A connection that asks once and then says nothing.
    let mut after_request = TcpStream::connect(server.addr).await.unwrap();
    let response = request_on(&mut after_request).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    // One that never asks at all.
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    // One that keeps asking every 400 ms stays open past the idle timeout.
    let mut busy = TcpStream::connect(server.addr).await.unwrap();
    let busy_until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < busy_until {
        let response = request_on(&mut busy).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    assert_eq!(
        read_until_closed(&mut after_request, CUT_WITHIN).await,
        Some(Vec::new()),
        "an idle kept-alive connection must be closed"
    );
    assert_eq!(
        read_until_closed(&mut silent, CUT_WITHIN).await,
        Some(Vec::new()),
        "a connection that never sends a request must be closed"
    );
    watchdog.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_closed_and_health_still_answers() {
    const CAP: usize = 50;
    const ATTACK: usize = 300;
    let server = ServerProcess::start(&["--max-connections", &CAP.to_string()], &[]).await;
    let watchdog = server.watchdog().await;

    let mut held = Vec::new();
    for _ in 0..ATTACK {
        held.push(TcpStream::connect(server.addr).await.unwrap());
    }
    // Connections over the cap are answered 503 and closed at once, not
    // left waiting; the rest stay open (silent, within the idle timeout).
    let outcomes = futures_util::future::join_all(
        held.iter_mut()
            .map(|stream| read_until_closed(stream, Duration::from_secs(2))),
    )
    .await;
    let closed = outcomes.iter().filter(|o| o.is_some()).count();
    let refused = outcomes
        .iter()
        .flatten()
        .filter(|seen| seen.starts_with(b"HTTP/1.1 503"))
        .count();
    assert!(
        closed >= ATTACK - CAP,
        "only {closed} of {ATTACK} connections over a cap of {CAP} were closed"
    );
    assert!(
        closed < ATTACK,
        "the connections under the cap must be served"
    );
    assert!(refused > 0, "refusals say 503");
    assert!(
        server.log().contains("connection cap reached"),
        "{}",
        server.log()
    );
    watchdog.finish().await;

    // Freed slots are usable again.
    drop(held);
    let client = reqwest::Client::new();
    let deadline = Instant::now() + CUT_WITHIN;
    loop {
        let answer = client
            .get(server.url("/health"))
            .timeout(Duration::from_secs(2))
            .send()
            .await;
        if answer.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        assert!(Instant::now() < deadline, "slots were not freed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_without_connection_init_is_closed_with_4408() {
    let server = ServerProcess::start(&["--ws-init-timeout", "1"], &[]).await;
    let watchdog = server.watchdog().await;
    let request = || {
        let mut request = format!("ws://{}/graphql", server.addr)
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        request
    };

    let mut silent = Vec::new();
    for _ in 0..20 {
        let (socket, _) = tokio_tungstenite::connect_async(request()).await.unwrap();
        silent.push(socket);
    }
    // A client that does initialise is kept past the timeout.
    let (mut polite, _) = tokio_tungstenite::connect_async(request()).await.unwrap();
    futures_util::SinkExt::send(
        &mut polite,
        Message::Text(r#"{"type":"connection_init","payload":{}}"#.into()),
    )
    .await
    .unwrap();

    for socket in &mut silent {
        let frame = tokio::time::timeout(CUT_WITHIN, socket.next())
            .await
            .expect("a silent WebSocket was never closed");
        match frame {
            Some(Ok(Message::Close(Some(frame)))) => {
                assert_eq!(u16::from(frame.code), 4408);
                assert_eq!(frame.reason.as_str(), "Connection initialisation timeout");
            }
            other => panic!("expected a 4408 close, got {other:?}"),
        }
    }
    match polite.next().await {
        Some(Ok(Message::Text(text))) => assert!(text.contains("connection_ack"), "{text}"),
        other => panic!("expected connection_ack, got {other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    futures_util::SinkExt::send(&mut polite, Message::Text(r#"{"type":"ping"}"#.into()))
        .await
        .unwrap();
    match tokio::time::timeout(Duration::from_secs(10), polite.next()).await {
        Ok(Some(Ok(Message::Text(text)))) => assert!(text.contains("pong"), "{text}"),
        other => panic!("an initialised WebSocket must stay open, got {other:?}"),
    }
    watchdog.finish().await;
}
