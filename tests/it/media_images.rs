//! Images in the media library: transforms by signed link or named size,
//! formats chosen by `Accept`, focal-point crops, orientation, the
//! placeholder, and images too big to decode.

use std::time::Duration;

use image::{ImageEncoder, Rgb, RgbImage};
use serde_json::{Value, json};

use crate::harness::{TestApp, codes};
use crate::media::{get, upload};

/// A JPEG `width × height`: the left half red, the right half blue, so a
/// crop shows which side it kept.
pub(crate) fn halves_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([250, 0, 0])
        } else {
            Rgb([0, 0, 250])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoded");
    out
}

/// `jpeg` with an EXIF segment holding only `orientation`.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif =
        b"Exif\0\0MM\x00\x2A\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01".to_vec();
    exif.extend_from_slice(&orientation.to_be_bytes());
    exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

const DESCRIBE: &str = "query($id: UUID!, $t: MediaTransformInput) { media(id: $id) { width height placeholder \
    variants { name width height url } url(transform: $t) } }";

/// Asks for `media(id)` with `transform` until its placeholder is made.
async fn described(app: &TestApp, token: &str, id: &str, transform: Value) -> Value {
    for _ in 0..100 {
        let (_, body) = app
            .gql_as(token, DESCRIBE, json!({ "id": id, "t": transform }))
            .await;
        if !body["data"]["media"]["placeholder"].is_null() || !body["errors"].is_null() {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no placeholder was made for {id}");
}

/// Whether the answer says it depends on `Accept` (other layers add their
/// own `Vary` names, such as `accept-encoding`).
fn varies_by_accept(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept"))
}

fn decoded(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).expect("an image").to_rgb8()
}

#[tokio::test]
async fn images_are_transformed_by_signed_links_and_named_sizes_only() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let (_, body) = upload(
        &app,
        Some(&author.access),
        "halves.jpg",
        "image/jpeg",
        &halves_jpeg(400, 200),
    )
    .await;
    let id = body["data"]["uploadMedia"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    // Keep the right (blue) side in view.
    let (_, body) = app
        .gql_as(
            &author.access,
            "mutation($id: UUID!) { updateMedia(input: { id: $id, focalPoint: { x: 0.9, y: 0.5 } }) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let body = described(
        &app,
        &author.access,
        &id,
        json!({ "width": 100, "height": 100, "format": "PNG" }),
    )
    .await;
    let media = &body["data"]["media"];
    let placeholder = media["placeholder"].as_str().unwrap_or_default();
    assert!((20..40).contains(&placeholder.len()), "{body}");
    let variants: Vec<(String, i64, i64)> = media["variants"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|v| {
                    (
                        v["name"].as_str().unwrap_or_default().to_string(),
                        v["width"].as_i64().unwrap_or_default(),
                        v["height"].as_i64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        variants,
        [
            ("thumbnail".to_string(), 200, 200),
            ("small".to_string(), 400, 200),
            ("medium".to_string(), 400, 200),
            ("large".to_string(), 400, 200),
        ],
        "never larger than the image"
    );
    // The named sizes were made in the background, once per distinct plan.
    let made = std::fs::read_dir(app.data_dir.join("media/variants"))
        .map(|d| {
            d.flatten()
                .map(|e| std::fs::read_dir(e.path()).map_or(0, |d| d.count()))
                .sum::<usize>()
        })
        .unwrap_or(0);
    assert_eq!(
        made, 2,
        "thumbnail, and one 400×200 for the three scaled sizes"
    );

    // A signed transform: 100×100 around the focal point, as PNG.
    let url = media["url"].as_str().unwrap_or_default().to_string();
    let first = get(&app, &url, &[]).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["content-type"], "image/png");
    assert!(!varies_by_accept(&first), "a fixed format");
    let etag = first.headers()["etag"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    let png = decoded(&first.bytes().await.expect("body"));
    assert_eq!(png.dimensions(), (100, 100));
    let centre = png.get_pixel(50, 50).0;
    assert!(
        centre[2] > 200 && centre[0] < 50,
        "the crop kept the blue side: {centre:?}"
    );
    let again = get(&app, &url, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), 304, "made once, then a stored variant");

    // Editing the link to another size breaks its signature.
    let forged = url.replace("w=100", "w=101");
    assert_eq!(get(&app, &forged, &[]).await.status(), 404);

    // format=auto follows Accept and says so.
    let (_, body) = app
        .gql_as(
            &author.access,
            DESCRIBE,
            json!({ "id": id, "t": { "width": 64 } }),
        )
        .await;
    let auto = body["data"]["media"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    for (accept, expected) in [
        ("image/avif,image/webp,*/*;q=0.8", "image/avif"),
        ("image/webp,*/*", "image/webp"),
        ("*/*", "image/jpeg"),
    ] {
        let response = get(&app, &auto, &[("accept", accept)]).await;
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(response.headers()["content-type"], expected);
        assert!(varies_by_accept(&response), "{accept}");
        // The header's size (this build decodes no AVIF).
        let size = imagesize::blob_size(&response.bytes().await.expect("body")).expect("an image");
        assert_eq!((size.width, size.height), (64, 32), "{accept}");
    }

    // With credentials and no signature: named sizes only.
    let bearer = format!("Bearer {}", author.access);
    let path = format!("/media/{id}/halves.jpg");
    let named = get(
        &app,
        &format!("{path}?size=thumbnail"),
        &[("authorization", &bearer)],
    )
    .await;
    assert_eq!(named.status(), 200);
    assert_eq!(
        decoded(&named.bytes().await.expect("body")).dimensions(),
        (200, 200)
    );
    let unsigned = get(
        &app,
        &format!("{path}?w=123"),
        &[("authorization", &bearer)],
    )
    .await;
    assert_eq!(unsigned.status(), 403);
    assert_eq!(
        unsigned.json::<Value>().await.unwrap_or_default()["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );
    for bad in [
        "?w=0",
        "?w=99999",
        "?w=10&fit=stretch",
        "?size=huge",
        "?w=10&dpr=9",
    ] {
        let response = get(&app, &format!("{path}{bad}"), &[("authorization", &bearer)]).await;
        assert_eq!(response.status(), 400, "{bad}");
    }
    // Nobody else sees the file, sized or not.
    assert_eq!(
        get(&app, &format!("{path}?size=thumbnail"), &[])
            .await
            .status(),
        404
    );

    // Bad transforms in GraphQL are bad input.
    for transform in [
        json!({ "width": 0 }),
        json!({ "height": 5000 }),
        json!({ "quality": 0, "width": 5 }),
        json!({}),
    ] {
        let (_, body) = app
            .gql_as(
                &author.access,
                DESCRIBE,
                json!({ "id": id, "t": transform }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{transform}: {body}");
    }
}

#[tokio::test]
async fn a_turned_photo_is_measured_and_transformed_upright() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    // Stored 40×20 with "turn a quarter clockwise": shown 20×40.
    let photo = with_orientation(&halves_jpeg(40, 20), 6);
    let (_, body) = upload(
        &app,
        Some(&author.access),
        "turned.jpg",
        "image/jpeg",
        &photo,
    )
    .await;
    let media = &body["data"]["uploadMedia"];
    assert_eq!(
        (media["width"].as_i64(), media["height"].as_i64()),
        (Some(20), Some(40)),
        "{body}"
    );
    let id = media["id"].as_str().unwrap_or_default();
    let body = described(
        &app,
        &author.access,
        id,
        json!({ "width": 20, "format": "PNG" }),
    )
    .await;
    let url = body["data"]["media"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let response = get(&app, &url, &[]).await;
    let image = decoded(&response.bytes().await.expect("body"));
    assert_eq!(image.dimensions(), (20, 40));
    // Turned clockwise, the left (red) half is now the top.
    assert!(
        image.get_pixel(10, 5).0[0] > 200,
        "{:?}",
        image.get_pixel(10, 5)
    );
    assert!(
        image.get_pixel(10, 35).0[2] > 200,
        "{:?}",
        image.get_pixel(10, 35)
    );
}

#[tokio::test]
async fn decompression_bombs_and_files_that_are_not_images_are_refused() {
    let app = TestApp::spawn_with(&["--media-max-pixels", "1000000"]).await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    // 2000×1000 of one colour: a few kilobytes that decode to 6 MB.
    let bomb = {
        let image = RgbImage::from_pixel(2000, 1000, Rgb([7, 7, 7]));
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(image.as_raw(), 2000, 1000, image::ExtendedColorType::Rgb8)
            .expect("encoded");
        out
    };
    assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
    let (_, body) = upload(&app, Some(&author.access), "bomb.png", "image/png", &bomb).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("2000×1000 pixels"), "{message}");
    assert_eq!(crate::media::media_rows(&app).await, 0);

    // A text file has no sizes and no transforms.
    let (_, body) = upload(
        &app,
        Some(&author.access),
        "notes.txt",
        "text/plain",
        b"hello",
    )
    .await;
    let id = body["data"]["uploadMedia"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (_, body) = app
        .gql_as(
            &author.access,
            DESCRIBE,
            json!({ "id": id, "t": { "width": 10 } }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    let (_, body) = app
        .gql_as(&author.access, DESCRIBE, json!({ "id": id, "t": null }))
        .await;
    assert_eq!(body["data"]["media"]["variants"], json!([]), "{body}");
    let bearer = format!("Bearer {}", author.access);
    let response = get(
        &app,
        &format!("/media/{id}/notes.txt?size=thumbnail"),
        &[("authorization", &bearer)],
    )
    .await;
    assert_eq!(response.status(), 400);
}
