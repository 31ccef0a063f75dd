//! The virus-scan hook, against a stub clamd on a local socket that speaks
//! clamd's own `INSTREAM` protocol (length-prefixed chunks, a zero length
//! to end, one NUL-terminated verdict).

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::TestApp;
use crate::media::{media_rows, upload};

/// The EICAR test string every virus scanner flags.
const EICAR: &[u8] = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// A stub clamd: flags streams that hold the EICAR string; returns its
/// address and a counter of the streams it scanned.
async fn stub_clamd() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let scanned = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = scanned.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut command = [0u8; 10];
                if socket.read_exact(&mut command).await.is_err() || &command != b"zINSTREAM\0" {
                    let _ = socket.write_all(b"UNKNOWN COMMAND\0").await;
                    return;
                }
                let mut stream = Vec::new();
                loop {
                    let mut length = [0u8; 4];
                    if socket.read_exact(&mut length).await.is_err() {
                        return;
                    }
                    let length = u32::from_be_bytes(length) as usize;
                    if length == 0 {
                        break;
                    }
                    let mut chunk = vec![0u8; length];
                    if socket.read_exact(&mut chunk).await.is_err() {
                        return;
                    }
                    stream.extend_from_slice(&chunk);
                }
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let infected = stream.windows(EICAR.len()).any(|w| w == EICAR);
                let reply: &[u8] = if infected {
                    b"stream: Eicar-Test-Signature FOUND\0"
                } else {
                    b"stream: OK\0"
                };
                let _ = socket.write_all(reply).await;
            });
        }
    });
    (addr, scanned)
}

#[tokio::test]
async fn uploads_are_scanned_and_flagged_files_are_never_kept() {
    let (clamd, scanned) = stub_clamd().await;
    let app = TestApp::spawn_with(&["--clamd-addr", &clamd]).await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = author.access.as_str();

    let clean = b"just some notes\n".repeat(10_000);
    let (_, body) = upload(&app, Some(token), "notes.txt", "text/plain", &clean).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(scanned.load(std::sync::atomic::Ordering::SeqCst), 1);

    let mut infected = b"harmless looking text\n".to_vec();
    infected.extend_from_slice(EICAR);
    let (_, body) = upload(&app, Some(token), "eicar.txt", "text/plain", &infected).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Eicar-Test-Signature"), "{message}");
    assert_eq!(
        media_rows(&app).await,
        1,
        "the flagged file is not recorded"
    );
    let stored = walk(&app.data_dir.join("media/sha256"));
    assert_eq!(stored, 1, "nor stored");
}

#[tokio::test]
async fn without_a_scanner_to_ask_nothing_is_stored() {
    // A port nothing listens on.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").to_string()
    };
    let app = TestApp::spawn_with(&["--clamd-addr", &closed]).await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let (_, body) = upload(&app, Some(&author.access), "notes.txt", "text/plain", b"hi").await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAVAILABLE",
        "{body}"
    );
    assert_eq!(media_rows(&app).await, 0);
}

/// Files under `dir`, at any depth.
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let path = e.path();
                if path.is_dir() { walk(&path) } else { 1 }
            })
            .sum()
    })
}
