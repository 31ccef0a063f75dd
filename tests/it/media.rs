//! The media library over HTTP: multipart uploads, what is refused, and
//! `GET /media/...` with its headers, ranges and access rules.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::{TestApp, codes};

/// A 1×1 PNG (header and IHDR: enough for sniffing and sizing).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";

const UPLOAD: &str = "mutation($file: Upload!, $i: UploadMediaInput) { uploadMedia(file: $file, input: $i) \
    { id filename mimeType size checksum width height url title uploadedBy { id } } }";

/// A multipart request body (graphql-multipart-request-spec) carrying
/// `files` as `(filename, content type, bytes)`, mapped to
/// `variables.file` for the first; returns the Content-Type and body.
pub(crate) fn multipart(operations: &Value, files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "vellum-test-boundary-7d1f";
    let mut body = Vec::new();
    let mut part = |headers: &str, content: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"operations\"",
        operations.to_string().as_bytes(),
    );
    // `variables.file` for uploadMedia, `variables.files.N` for the many.
    let many = operations["variables"].get("files").is_some();
    let map: serde_json::Map<String, Value> = files
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let path = if many {
                format!("variables.files.{i}")
            } else {
                "variables.file".to_string()
            };
            (i.to_string(), json!([path]))
        })
        .collect();
    part(
        "Content-Disposition: form-data; name=\"map\"",
        Value::Object(map).to_string().as_bytes(),
    );
    for (i, (name, content_type, bytes)) in files.iter().enumerate() {
        part(
            &format!(
                "Content-Disposition: form-data; name=\"{i}\"; filename=\"{name}\"\r\nContent-Type: {content_type}"
            ),
            bytes,
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads one file as `token` (anonymous when `None`); returns the status
/// and the JSON body.
pub(crate) async fn upload(
    app: &TestApp,
    token: Option<&str>,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let operations =
        json!({ "query": UPLOAD, "variables": { "file": null, "i": { "title": "A title" } } });
    let (content_type, body) = multipart(&operations, &[(name, content_type, bytes)]);
    let mut request = app
        .http
        .post(app.url("/graphql"))
        .header("content-type", content_type)
        .body(body);
    request = match token {
        Some(token) => request.bearer_auth(token),
        None => request.header("graphql-preflight", "1"),
    };
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// POSTs a multipart body as a browser page of the site would (with a
/// header that needs a preflight).
async fn post_multipart(
    app: &TestApp,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.http
        .post(app.url("/graphql"))
        .header("content-type", content_type)
        .header("graphql-preflight", "1")
        .body(body)
        .send()
        .await
        .expect("sent")
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// GETs `url` from the test server (the links name the configured public
/// URL, which in tests is not where the server listens).
pub(crate) async fn get(app: &TestApp, url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let path = url.find("/media/").map_or(url, |at| &url[at..]);
    let mut request = app.http.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sent")
}

/// Uploads a file as `token`, which must work; its id.
pub(crate) async fn upload_id(
    app: &TestApp,
    token: &str,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> String {
    let (_, body) = upload(app, Some(token), name, mime, bytes).await;
    body["data"]["uploadMedia"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string()
}

/// The ids `mediaItems(filter)` lists for `token`, sorted.
pub(crate) async fn listed(app: &TestApp, token: &str, filter: Value) -> Vec<String> {
    let (_, body) = app
        .gql_as(
            token,
            "query($f: MediaItemsFilter) { mediaItems(filter: $f, first: 50) { edges { node { id } } } }",
            json!({ "f": filter }),
        )
        .await;
    let mut ids: Vec<String> = body["data"]["mediaItems"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .filter_map(|e| e["node"]["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

pub(crate) async fn media_rows(app: &TestApp) -> usize {
    app.sql_strings("SELECT count(*)::text AS value FROM media")
        .await
        .first()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

#[tokio::test]
async fn an_author_uploads_an_image_and_it_is_served_with_cache_and_range_headers() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let (status, body) = upload(
        &app,
        Some(&author.access),
        "dir/../cat photo.png",
        "image/png",
        PNG,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let media = &body["data"]["uploadMedia"];
    assert_eq!(media["filename"], "cat photo.png", "{body}");
    assert_eq!(media["mimeType"], "image/png");
    assert_eq!(media["size"], PNG.len());
    assert_eq!(media["checksum"], sha256(PNG));
    assert_eq!(
        (media["width"].as_i64(), media["height"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(media["title"], "A title");
    assert_eq!(media["uploadedBy"]["id"], author.user_id.as_str());
    let stored = app
        .data_dir
        .join("media/sha256")
        .join(&sha256(PNG)[..2])
        .join(&sha256(PNG)[2..4])
        .join(sha256(PNG));
    assert_eq!(std::fs::read(&stored).ok().as_deref(), Some(PNG));
    assert_eq!(
        app.sql_strings("SELECT action AS value FROM audit_log WHERE target_type = 'media'")
            .await,
        ["media.uploaded"]
    );

    // The signed URL needs no credentials.
    let url = media["url"].as_str().expect("url").to_string();
    let response = get(&app, &url, &[]).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let etag = format!("\"{}\"", sha256(PNG));
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["etag"], etag.as_str());
    assert_eq!(
        headers["cache-control"],
        "private, max-age=31536000, immutable"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["accept-ranges"], "bytes");
    assert!(headers.contains_key("last-modified"));
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .starts_with("inline; filename=\"cat photo.png\"")
    );
    assert_eq!(&response.bytes().await.expect("body")[..], PNG);

    let again = get(&app, &url, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), 304);

    let part = get(&app, &url, &[("range", "bytes=1-3")]).await;
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 1-3/{}", PNG.len()).as_str()
    );
    assert_eq!(&part.bytes().await.expect("body")[..], &PNG[1..4]);
    let stale = get(
        &app,
        &url,
        &[("range", "bytes=1-3"), ("if-range", "\"other\"")],
    )
    .await;
    assert_eq!(stale.status(), 200, "a stale If-Range gets the whole file");
    let beyond = get(&app, &url, &[("range", "bytes=5000-")]).await;
    assert_eq!(beyond.status(), 416);
    assert_eq!(
        beyond.headers()["content-range"],
        format!("bytes */{}", PNG.len()).as_str()
    );

    // Without the signature: the uploader's credentials, or nothing.
    let plain = url.split('?').next().unwrap_or_default().to_string();
    assert_eq!(get(&app, &plain, &[]).await.status(), 404);
    let bearer = format!("Bearer {}", author.access);
    assert_eq!(
        get(&app, &plain, &[("authorization", &bearer)])
            .await
            .status(),
        200
    );
    let viewer = app.user_with_role("viewer@example.com", "VIEWER").await;
    let viewer_bearer = format!("Bearer {}", viewer.access);
    assert_eq!(
        get(&app, &plain, &[("authorization", &viewer_bearer)])
            .await
            .status(),
        404,
        "a viewer sees no private file"
    );
    let forged = url.replace("sig=", "sig=A");
    assert_eq!(get(&app, &forged, &[]).await.status(), 404);
    let other_id = url.replace(
        media["id"].as_str().unwrap_or_default(),
        "00000000-0000-0000-0000-000000000000",
    );
    assert_eq!(get(&app, &other_id, &[]).await.status(), 404);
    assert_eq!(
        get(&app, &app.url("/media/not-a-uuid/x.png"), &[])
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn files_that_lie_or_are_not_accepted_are_refused_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>";
    for (name, declared, bytes, says) in [
        ("cat.png", "image/png", &html[..], "not image/png"),
        (
            "cat.png",
            "application/octet-stream",
            &html[..],
            "not image/png",
        ),
        ("page.html", "text/html", &html[..], "not accepted"),
        (
            "tool.exe",
            "application/octet-stream",
            &b"MZ\x90\0\x03\0\0\0\x04\0"[..],
            "not",
        ),
        ("empty.png", "image/png", &b""[..], "empty"),
    ] {
        let (status, body) = upload(&app, Some(&author.access), name, declared, bytes).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{name}: {body}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains(says),
            "{name}: {body}"
        );
    }
    assert_eq!(media_rows(&app).await, 0);
    let stored = std::fs::read_dir(app.data_dir.join("media/sha256")).map_or(0, |d| d.count());
    assert_eq!(stored, 0, "a refused file is not stored");
}

#[tokio::test]
async fn an_svg_is_served_as_a_sandboxed_attachment() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let (_, body) = upload(&app, Some(&author.access), "logo.svg", "image/svg+xml", svg).await;
    let media = &body["data"]["uploadMedia"];
    assert_eq!(media["mimeType"], "image/svg+xml", "{body}");
    let response = get(&app, media["url"].as_str().unwrap_or_default(), &[]).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .starts_with("attachment;")
    );
    assert_eq!(
        headers["content-security-policy"],
        "sandbox; default-src 'none'"
    );
}

#[tokio::test]
async fn files_over_the_limit_and_malformed_requests_get_clear_errors() {
    let app = TestApp::spawn_with(&["--media-max-bytes", "4096"]).await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let big = "x".repeat(10_000);
    let (status, body) = upload(
        &app,
        Some(&author.access),
        "big.txt",
        "text/plain",
        big.as_bytes(),
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("VELLUM_MEDIA_MAX_BYTES"),
        "{body}"
    );
    // An `operations` part past VELLUM_BODY_LIMIT is refused too.
    let huge = json!({ "query": UPLOAD, "variables": { "file": null, "i": { "caption": "y".repeat(1_200_000) } } });
    let (content_type, bytes) = multipart(&huge, &[("a.txt", "text/plain", b"hello")]);
    let response = post_multipart(&app, &content_type, bytes).await;
    assert_eq!(response.status(), 413);
    // No `map`, a `map` naming a missing file, no boundary.
    let operations = json!({ "query": UPLOAD, "variables": { "file": null } }).to_string();
    let no_map = format!(
        "--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n--b--\r\n"
    );
    let response = post_multipart(&app, "multipart/form-data; boundary=b", no_map).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    let ghost = format!(
        "--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --b\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\":[\"variables.file\"]}}\r\n--b--\r\n"
    );
    assert_eq!(
        post_multipart(&app, "multipart/form-data; boundary=b", ghost)
            .await
            .status(),
        400
    );
    assert_eq!(
        post_multipart(&app, "multipart/form-data", "x")
            .await
            .status(),
        400
    );
    // A JSON client cannot name a file the request does not carry, nor
    // crash the server with a placeholder it cannot parse.
    for placeholder in [
        "#__graphql_file__:0",
        "#__graphql_file__:99",
        "#__graphql_file__:x",
    ] {
        let (status, body) = app
            .gql_as(&author.access, UPLOAD, json!({ "file": placeholder }))
            .await;
        assert_ne!(status, 500, "{body}");
        assert!(body["errors"].is_array(), "{placeholder}: {body}");
        assert!(!codes(&body).contains(&"INTERNAL".to_string()), "{body}");
    }
    assert_eq!(media_rows(&app).await, 0);
}

#[tokio::test]
async fn only_uploaders_and_editors_change_files_and_the_trash_hides_them() {
    let app = TestApp::spawn().await;
    let (status, body) = upload(&app, None, "a.png", "image/png", PNG).await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["UNAUTHENTICATED".to_string()])
    );
    // Without a header that needs a preflight, a multipart request is one
    // any web page could send from a visitor's browser: refused.
    let operations = json!({ "query": UPLOAD, "variables": { "file": null } });
    let (content_type, bytes) = multipart(&operations, &[("a.png", "image/png", PNG)]);
    let response = app.post_raw(Some(&content_type), bytes).await;
    assert_eq!(response.status(), 415);
    let viewer = app.user_with_role("viewer@example.com", "VIEWER").await;
    let (_, body) = upload(&app, Some(&viewer.access), "a.png", "image/png", PNG).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);

    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let (_, first) = upload(&app, Some(&author.access), "a.png", "image/png", PNG).await;
    let (_, second) = upload(&app, Some(&other.access), "b.png", "image/png", PNG).await;
    let id = first["data"]["uploadMedia"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_ne!(second["data"]["uploadMedia"]["id"], id.as_str());
    assert_eq!(
        second["data"]["uploadMedia"]["checksum"],
        first["data"]["uploadMedia"]["checksum"]
    );
    let objects = std::fs::read_dir(app.data_dir.join("media/sha256")).map_or(0, |d| d.count());
    assert_eq!(objects, 1, "identical files share one stored object");

    let update = "mutation($i: UpdateMediaInput!) { updateMedia(input: $i) { title alt focalPoint { x y } } }";
    let (_, body) = app
        .gql_as(
            &other.access,
            update,
            json!({ "i": { "id": id, "title": "Mine now" } }),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "another author's file: {body}");
    let (_, body) = app
        .gql_as(
            &editor.access,
            update,
            json!({ "i": { "id": id, "alt": "A cat", "focalPoint": { "x": 0.25, "y": 0.75 } } }),
        )
        .await;
    assert_eq!(
        body["data"]["updateMedia"],
        json!({ "title": "A title", "alt": "A cat", "focalPoint": { "x": 0.25, "y": 0.75 } }),
        "{body}"
    );
    let (_, body) = app
        .gql_as(
            &author.access,
            update,
            json!({ "i": { "id": id, "focalPoint": { "x": 2, "y": 0 } } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    let (_, body) = app
        .gql_as(
            &author.access,
            update,
            json!({ "i": { "id": id, "title": "t\u{0}" } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");

    // The uploader's list has both files for an author (read_any), a
    // viewer sees none.
    let list = "{ mediaItems(first: 10) { edges { node { id } } } }";
    let (_, body) = app.gql_as(&author.access, list, Value::Null).await;
    assert_eq!(
        body["data"]["mediaItems"]["edges"].as_array().map(Vec::len),
        Some(2)
    );
    let (_, body) = app.gql_as(&viewer.access, list, Value::Null).await;
    assert_eq!(body["data"]["mediaItems"]["edges"], json!([]));
    let (_, body) = app.gql(list, Value::Null).await;
    assert_eq!(body["data"]["mediaItems"]["edges"], json!([]));

    let trash = "mutation($i: DeleteMediaInput!) { deleteMedia(input: $i) { deletedAt url } }";
    let (_, body) = app
        .gql_as(&author.access, trash, json!({ "i": { "id": id } }))
        .await;
    let url = body["data"]["deleteMedia"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        body["data"]["deleteMedia"]["deletedAt"].is_string(),
        "{body}"
    );
    assert_eq!(
        get(&app, &url, &[]).await.status(),
        404,
        "a trashed file is not served"
    );
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($id: UUID!) { media(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["media"], Value::Null);
    let (_, body) = app
        .gql_as(&author.access, trash, json!({ "i": { "id": id } }))
        .await;
    assert_eq!(codes(&body), ["CONFLICT"]);
    let restore = "mutation($i: MediaIdInput!) { restoreMedia(input: $i) { deletedAt } }";
    let (_, body) = app
        .gql_as(&author.access, restore, json!({ "i": { "id": id } }))
        .await;
    assert_eq!(
        body["data"]["restoreMedia"]["deletedAt"],
        Value::Null,
        "{body}"
    );
    assert_eq!(get(&app, &url, &[]).await.status(), 200);
    assert_eq!(
        app.sql_strings(&format!(
            "SELECT action AS value FROM audit_log WHERE target_id = '{id}' ORDER BY occurred_at"
        ))
        .await,
        [
            "media.uploaded",
            "media.updated",
            "media.deleted",
            "media.restored"
        ]
    );
    assert_eq!(
        app.sql_strings("SELECT kind AS value FROM events WHERE kind LIKE 'media.%' ORDER BY id")
            .await
            .len(),
        5
    );
}

#[tokio::test]
async fn files_go_to_s3_compatible_storage_and_come_back_whole_and_in_ranges() {
    let bucket = crate::fixtures::s3::bucket().await;
    let app = crate::fixtures::s3::app(&bucket, "site-a/media").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    // Bigger than one multipart part (5 MiB), so the upload goes up in
    // several.
    let big: Vec<u8> = (0..6 * 1024 * 1024 + 123)
        .map(|i: u32| b"abcdefghij\n"[(i % 11) as usize])
        .collect();
    for bytes in [PNG, &big[..]] {
        let name = if bytes == PNG { "cat.png" } else { "log.txt" };
        let declared = if bytes == PNG {
            "image/png"
        } else {
            "text/plain"
        };
        let (status, body) = upload(&app, Some(&author.access), name, declared, bytes).await;
        assert_eq!(status, 200, "{body}");
        let media = &body["data"]["uploadMedia"];
        assert_eq!(media["size"], bytes.len(), "{body}");
        let sum = sha256(bytes);
        let key = format!("site-a/media/sha256/{}/{}/{sum}", &sum[..2], &sum[2..4]);
        assert_eq!(
            crate::fixtures::s3::object(&bucket, &key).await.as_deref(),
            Some(bytes),
            "the object is in the bucket under its checksum"
        );
        let url = media["url"].as_str().unwrap_or_default().to_string();
        let whole = get(&app, &url, &[]).await;
        assert_eq!(whole.status(), 200);
        assert_eq!(&whole.bytes().await.expect("body")[..], bytes);
        let part = get(&app, &url, &[("range", "bytes=3-9")]).await;
        assert_eq!(part.status(), 206);
        assert_eq!(&part.bytes().await.expect("body")[..], &bytes[3..10]);
    }
    // Variants are made from the bucket and kept in it.
    let photo = crate::media_images::halves_jpeg(300, 200);
    let (_, body) = upload(&app, Some(&author.access), "p.jpg", "image/jpeg", &photo).await;
    let id = body["data"]["uploadMedia"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let sized = get(
        &app,
        &format!("/media/{id}/p.jpg?size=thumbnail"),
        &[("authorization", &format!("Bearer {}", author.access))],
    )
    .await;
    assert_eq!(sized.status(), 200);
    let thumbnail = image::load_from_memory(&sized.bytes().await.expect("body")).expect("image");
    assert_eq!((thumbnail.width(), thumbnail.height()), (200, 200));
    let sum = body["data"]["uploadMedia"]["checksum"]
        .as_str()
        .unwrap_or_default();
    let key = format!("site-a/media/variants/{sum}/200x200-50.0.200.200-q75.jpg");
    assert!(
        crate::fixtures::s3::keys(&bucket).await.contains(&key),
        "the variant {key} is stored in the bucket"
    );
    assert!(
        std::fs::read_dir(app.data_dir.join("media")).is_err(),
        "nothing is written to the local disk"
    );
}

/// A JPEG whose EXIF holds a GPS position (and an orientation), as a
/// phone writes it.
fn jpeg_with_gps() -> Vec<u8> {
    let mut exif = b"Exif\0\0II\x2A\x00\x08\x00\x00\x00".to_vec();
    // IFD0: Orientation = 3, GPSInfo -> the IFD at 38.
    exif.extend_from_slice(&[0x02, 0x00]);
    exif.extend_from_slice(&[
        0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
    ]);
    exif.extend_from_slice(&[
        0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00,
    ]);
    exif.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
    // GPS IFD: GPSLatitudeRef "N", then the coordinates' text.
    exif.extend_from_slice(&[0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00]);
    exif.extend_from_slice(b"N\0\0\0\0\0\0\0GPSLatitude 48.8584 GPSLongitude 2.2945");
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
    jpeg.extend_from_slice(&exif);
    // A frame header (8-bit, 4 x 5, one component), a scan, the end.
    jpeg.extend_from_slice(&[
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x05, 0x00, 0x04, 0x01, 0x01, 0x11, 0x00,
    ]);
    jpeg.extend_from_slice(&[
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xAB, 0xFF, 0xD9,
    ]);
    jpeg
}

#[tokio::test]
async fn no_gps_position_survives_an_upload() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let original = jpeg_with_gps();
    let (status, body) = upload(
        &app,
        Some(&author.access),
        "holiday.jpg",
        "image/jpeg",
        &original,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let media = &body["data"]["uploadMedia"];
    assert_eq!(media["mimeType"], "image/jpeg", "{body}");
    assert_eq!(
        (media["width"].as_i64(), media["height"].as_i64()),
        (Some(4), Some(5))
    );
    let served = get(&app, media["url"].as_str().unwrap_or_default(), &[])
        .await
        .bytes()
        .await
        .expect("body");
    let has = |needle: &[u8]| served.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"GPS") && !has(&[0x25, 0x88]), "GPS data survived");
    assert!(
        has(b"Exif\0\0MM"),
        "the orientation is kept in an EXIF of its own"
    );
    assert!(
        served.ends_with(&original[original.len() - 13..]),
        "the scan is untouched"
    );
    assert_eq!(media["size"], served.len());
    assert_eq!(
        media["checksum"],
        sha256(&served),
        "the checksum is of what is stored"
    );
    // A damaged JPEG is bad input, not a stored file.
    let (_, body) = upload(
        &app,
        Some(&author.access),
        "broken.jpg",
        "image/jpeg",
        &original[..30],
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
}

#[tokio::test]
async fn several_files_upload_together_or_not_at_all() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let many = "mutation($files: [Upload!]!) { uploadMediaMany(files: $files, input: { caption: \"Set\" }) \
        { filename mimeType caption } }";
    let send = |files: Vec<(&'static str, &'static str, Vec<u8>)>| {
        let app = &app;
        let token = author.access.clone();
        async move {
            let nulls: Vec<Value> = files.iter().map(|_| Value::Null).collect();
            let operations = json!({ "query": many, "variables": { "files": nulls } });
            let parts: Vec<(&str, &str, &[u8])> =
                files.iter().map(|(n, t, b)| (*n, *t, &b[..])).collect();
            let (content_type, body) = multipart(&operations, &parts);
            let response = app
                .http
                .post(app.url("/graphql"))
                .header("content-type", content_type)
                .bearer_auth(token)
                .body(body)
                .send()
                .await
                .expect("sent");
            response.json::<Value>().await.unwrap_or(Value::Null)
        }
    };
    let body = send(vec![
        ("a.png", "image/png", PNG.to_vec()),
        ("notes.txt", "text/plain", b"some notes".to_vec()),
    ])
    .await;
    assert_eq!(
        body["data"]["uploadMediaMany"],
        json!([
            { "filename": "a.png", "mimeType": "image/png", "caption": "Set" },
            { "filename": "notes.txt", "mimeType": "text/plain", "caption": "Set" },
        ]),
        "{body}"
    );
    // The second file lies: the first is not recorded either.
    let body = send(vec![
        ("b.txt", "text/plain", b"fine".to_vec()),
        ("c.png", "image/png", b"<html><script>x</script>".to_vec()),
    ])
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not image/png"),
        "{body}"
    );
    assert_eq!(media_rows(&app).await, 2);
}

#[tokio::test]
async fn the_library_filters_by_type_text_uploader_and_trash() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let viewer = app.user_with_role("viewer@example.com", "VIEWER").await;
    upload(&app, Some(&author.access), "cat_100%.png", "image/png", PNG).await;
    upload(
        &app,
        Some(&author.access),
        "notes.txt",
        "text/plain",
        b"notes",
    )
    .await;
    let (_, theirs) = upload(&app, Some(&other.access), "dog.txt", "text/plain", b"dog").await;
    let list = |filter: Value| {
        let app = &app;
        let token = author.access.clone();
        async move {
            let (_, body) = app
                .gql_as(
                    &token,
                    "query($f: MediaItemsFilter) { mediaItems(filter: $f) { nodes { filename } } }",
                    json!({ "f": filter }),
                )
                .await;
            let mut names: Vec<String> = body["data"]["mediaItems"]["nodes"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"))
                .iter()
                .map(|n| n["filename"].as_str().unwrap_or_default().to_string())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(
        list(json!({ "mimeTypes": ["image/*"] })).await,
        ["cat_100%.png"]
    );
    assert_eq!(
        list(json!({ "mimeTypes": ["text/plain"] })).await,
        ["dog.txt", "notes.txt"]
    );
    assert_eq!(
        list(json!({ "text": "_100%" })).await,
        ["cat_100%.png"],
        "wildcards are literal"
    );
    assert_eq!(list(json!({ "text": "%" })).await, ["cat_100%.png"]);
    assert_eq!(
        list(json!({ "uploadedBy": other.user_id })).await,
        ["dog.txt"]
    );
    let id = theirs["data"]["uploadMedia"]["id"].clone();
    app.gql_as(
        &other.access,
        "mutation($i: DeleteMediaInput!) { deleteMedia(input: $i) { id } }",
        json!({ "i": { "id": id } }),
    )
    .await;
    assert_eq!(list(json!({ "trashed": true })).await, ["dog.txt"]);
    assert_eq!(list(json!({})).await, ["cat_100%.png", "notes.txt"]);
    // A viewer asking for someone's uploads sees none; a hostile filter is
    // bad input.
    let (_, body) = app
        .gql_as(
            &viewer.access,
            "query($f: MediaItemsFilter) { mediaItems(filter: $f) { nodes { id } } }",
            json!({ "f": { "uploadedBy": author.user_id } }),
        )
        .await;
    assert_eq!(body["data"]["mediaItems"]["nodes"], json!([]), "{body}");
    let many: Vec<String> = (0..50).map(|i| format!("image/x{i}")).collect();
    let (_, body) = app
        .gql_as(
            &author.access,
            "query($f: MediaItemsFilter) { mediaItems(filter: $f) { nodes { id } } }",
            json!({ "f": { "mimeTypes": many, "text": "a\u{0}" } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    for filter in [
        json!({ "mimeTypes": many }),
        json!({ "text": "x".repeat(201) }),
    ] {
        let (_, body) = app
            .gql_as(
                &author.access,
                "query($f: MediaItemsFilter) { mediaItems(filter: $f) { nodes { id } } }",
                json!({ "f": filter }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{filter}: {body}");
    }
}

#[tokio::test]
async fn the_same_file_uploaded_many_times_at_once_is_stored_once() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let uploads = (0..8).map(|i| {
        let app = &app;
        let token = author.access.clone();
        async move {
            let name = format!("copy-{i}.png");
            upload(app, Some(&token), &name, "image/png", PNG).await
        }
    });
    for (status, body) in futures_util::future::join_all(uploads).await {
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["data"]["uploadMedia"]["checksum"],
            sha256(PNG),
            "{body}"
        );
    }
    assert_eq!(media_rows(&app).await, 8);
    let sum = sha256(PNG);
    let dir = app
        .data_dir
        .join("media/sha256")
        .join(&sum[..2])
        .join(&sum[2..4]);
    let objects: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(objects.len(), 1, "{objects:?}");
    assert_eq!(std::fs::read(dir.join(&sum)).ok().as_deref(), Some(PNG));
    let partial = std::fs::read_dir(app.data_dir.join("media/partial")).map_or(0, |d| d.count());
    assert_eq!(partial, 0, "no scratch file is left behind");
}

#[tokio::test]
async fn limits_by_role_and_by_type_narrow_the_global_one() {
    let app = TestApp::spawn_with(&["--media-limits", "AUTHOR=2000,text/plain=1000"]).await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let pdf = |size: usize| {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.resize(size, b' ');
        bytes
    };
    let text = vec![b'a'; 1500];
    for (token, name, mime, bytes, refused_for) in [
        (
            &editor.access,
            "notes.txt",
            "text/plain",
            &text,
            Some("text/plain files"),
        ),
        (
            &author.access,
            "big.pdf",
            "application/pdf",
            &pdf(2500),
            Some("the AUTHOR role"),
        ),
        (
            &editor.access,
            "big.pdf",
            "application/pdf",
            &pdf(2500),
            None,
        ),
        (
            &author.access,
            "small.pdf",
            "application/pdf",
            &pdf(1500),
            None,
        ),
    ] {
        let (_, body) = upload(&app, Some(token), name, mime, bytes).await;
        match refused_for {
            Some(what) => {
                assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{name}: {body}");
                let message = body["errors"][0]["message"].as_str().unwrap_or_default();
                assert!(message.contains(what), "{message}");
            }
            None => assert!(body["errors"].is_null(), "{name}: {body}"),
        }
    }
    assert_eq!(media_rows(&app).await, 2);
}

#[tokio::test]
async fn audio_says_how_long_it_plays() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    // Two seconds of 8 kHz, 8-bit mono silence.
    let rate = 8000u32;
    let data = vec![128u8; 2 * rate as usize];
    let mut wav = b"RIFF".to_vec();
    wav.extend_from_slice(&u32::try_from(36 + data.len()).unwrap_or(0).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt \x10\0\0\0\x01\0\x01\0");
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(b"\x01\0\x08\0data");
    wav.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_le_bytes());
    wav.extend_from_slice(&data);
    let id = upload_id(&app, &author.access, "tone.wav", "audio/wav", &wav).await;
    let body = app
        .send(
            Some(&author.access),
            "query($id: UUID!) { media(id: $id) { mimeType duration } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["media"],
        json!({ "mimeType": "audio/wav", "duration": 2.0 })
    );
    let text = upload_id(&app, &author.access, "a.txt", "text/plain", b"hi").await;
    let body = app
        .send(
            Some(&author.access),
            "query($id: UUID!) { media(id: $id) { duration } }",
            json!({ "id": text }),
        )
        .await;
    assert_eq!(body["data"]["media"]["duration"], Value::Null);
}
