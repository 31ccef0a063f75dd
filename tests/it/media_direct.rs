//! Direct uploads: a signed URL takes the bytes (this server's for local
//! storage, a presigned one for S3), `completeUpload` checks and records
//! them like any upload.

use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::media::{get, sha256};

const CREATE: &str = "mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uploadId url method expiresAt } }";
const COMPLETE: &str = "mutation($i: CompleteUploadInput!) { completeUpload(input: $i) { id filename size checksum mimeType title url } }";

/// Asks for an upload URL as `token`; the upload id and the URL.
async fn target(app: &TestApp, token: &str, filename: &str, size: usize) -> (String, String) {
    let body = app
        .send(
            Some(token),
            CREATE,
            json!({ "i": { "filename": filename, "size": size } }),
        )
        .await;
    let target = &body["data"]["createUploadUrl"];
    assert_eq!(target["method"], "PUT", "{body}");
    (
        target["uploadId"]
            .as_str()
            .unwrap_or_else(|| panic!("{body}"))
            .to_string(),
        target["url"].as_str().unwrap_or_default().to_string(),
    )
}

/// PUTs `bytes` to `url` (this server's URLs name the configured public
/// URL, which in tests is not where the server listens).
async fn put(app: &TestApp, url: &str, bytes: Vec<u8>) -> u16 {
    let url = match url.find("/media/uploads/") {
        Some(at) => app.url(&url[at..]),
        None => url.to_string(),
    };
    app.http
        .put(url)
        .body(bytes)
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

async fn complete(app: &TestApp, token: &str, upload_id: &str) -> Value {
    let body = app
        .send(
            Some(token),
            COMPLETE,
            json!({ "i": { "uploadId": upload_id, "title": "Direct" } }),
        )
        .await;
    (*body).clone()
}

#[tokio::test]
async fn big_files_go_straight_to_the_server_and_are_checked_on_completion() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let token = author.access.as_str();
    let bytes: Vec<u8> = (0..300_000u32)
        .map(|i| b"0123456789abcdef\n"[(i % 17) as usize])
        .collect();

    let (upload_id, url) = target(&app, token, "../logs/big.txt", bytes.len()).await;
    assert!(url.contains("/media/uploads/"), "{url}");
    // Nothing arrived yet.
    assert_eq!(
        complete(&app, token, &upload_id).await["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );
    assert_eq!(put(&app, &url, bytes.clone()).await, 204);
    // Only its creator completes it.
    let stolen = complete(&app, &other.access, &upload_id).await;
    assert_eq!(
        stolen["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{stolen}"
    );
    let done = complete(&app, token, &upload_id).await;
    let media = &done["data"]["completeUpload"];
    assert_eq!(media["filename"], "big.txt", "{done}");
    assert_eq!(media["size"], bytes.len());
    assert_eq!(media["checksum"], sha256(&bytes));
    assert_eq!(media["mimeType"], "text/plain");
    assert_eq!(media["title"], "Direct");
    let served = get(&app, media["url"].as_str().unwrap_or_default(), &[]).await;
    assert_eq!(&served.bytes().await.expect("body")[..], &bytes[..]);
    // Once: the staged bytes are gone.
    assert_eq!(
        complete(&app, token, &upload_id).await["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );

    // More than announced is refused at the door.
    let (small_id, small_url) = target(&app, token, "small.txt", 10).await;
    assert_eq!(put(&app, &small_url, vec![b'a'; 11]).await, 413);
    assert_eq!(
        complete(&app, token, &small_id).await["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );
    // A forged or edited id opens nothing.
    let forged = small_url.replace("/media/uploads/", "/media/uploads/x");
    assert_eq!(put(&app, &forged, b"hi".to_vec()).await, 404);
    for id in ["nonsense", &format!("{upload_id}x")] {
        let body = complete(&app, token, id).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
    }
    // The bytes are checked like any upload's: a "PNG" that is HTML is not kept.
    let (lie_id, lie_url) = target(&app, token, "cat.png", 100).await;
    assert_eq!(
        put(
            &app,
            &lie_url,
            b"<!DOCTYPE html><script>x()</script>".to_vec()
        )
        .await,
        204
    );
    let lie = complete(&app, token, &lie_id).await;
    assert_eq!(
        lie["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{lie}"
    );
    // Sizes are bounded up front.
    for size in [0, -1, 200 * 1024 * 1024] {
        let body = app
            .send(
                Some(token),
                CREATE,
                json!({ "i": { "filename": "x.txt", "size": size } }),
            )
            .await;
        assert_eq!(body.codes(), ["BAD_USER_INPUT"], "{size}: {body}");
    }
}

#[tokio::test]
async fn with_s3_storage_the_bytes_go_to_a_presigned_bucket_url() {
    let bucket = crate::fixtures::s3::bucket().await;
    let endpoint = crate::fixtures::s3::endpoint().await;
    let app = crate::fixtures::s3::app(&bucket, "direct").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let token = author.access.as_str();
    let bytes = b"straight into the bucket\n".repeat(1000);
    let (upload_id, url) = target(&app, token, "notes.txt", bytes.len()).await;
    assert!(
        url.starts_with(&endpoint) && url.contains("X-Amz-Signature"),
        "{url}"
    );
    assert_eq!(put(&app, &url, bytes.clone()).await, 200);
    let done = complete(&app, token, &upload_id).await;
    assert_eq!(
        done["data"]["completeUpload"]["size"],
        bytes.len(),
        "{done}"
    );
    let sum = sha256(&bytes);
    let keys = crate::fixtures::s3::keys(&bucket).await;
    assert!(
        keys.contains(&format!("direct/sha256/{}/{}/{sum}", &sum[..2], &sum[2..4])),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|k| k.contains("staging")),
        "the staged copy is removed: {keys:?}"
    );
}
