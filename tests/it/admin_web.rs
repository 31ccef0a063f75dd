//! The admin UI's page: every route under `/admin` and the pages emails
//! link to answer the one embedded page, with its policy and validator.

use crate::harness::TestApp;

const ADMIN_CSP: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; \
    object-src 'none'";

/// The admin page as the binary embeds it.
const ADMIN_HTML: &str = include_str!("../../web/dist/admin/index.html");

#[tokio::test]
async fn every_admin_route_and_emailed_link_answers_the_admin_page() {
    let app = TestApp::spawn().await;
    for path in [
        "/admin",
        "/admin/",
        "/admin/content/4f1c2e9a-0000-0000-0000-000000000000/edit",
        // Routes that look like files are still routes.
        "/admin/foo.js",
        "/admin/assets/index.css",
        "/reset-password?token=abc",
        "/verify-email?token=abc",
        "/complete-sign-up?token=abc",
        "/forgot-password",
    ] {
        let response = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["content-security-policy"], ADMIN_CSP, "{path}");
        assert_eq!(headers["cache-control"], "no-cache", "{path}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(headers.contains_key("etag"), "{path}");
        assert_eq!(response.text().await.unwrap(), ADMIN_HTML, "{path}");
    }
    // The page loads its script from /assets/, which serves it.
    let script = ADMIN_HTML
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the admin page loads a script");
    assert!(script.starts_with("/assets/"), "{script}");
    let asset = app.http.get(app.url(script)).send().await.unwrap();
    assert_eq!(asset.status().as_u16(), 200);

    // Nothing else at the root is the admin.
    for path in ["/administrator", "/reset-password/x", "/admin.js"] {
        let response = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 404, "{path}");
    }
}

#[tokio::test]
async fn the_admin_page_is_revalidated_by_its_tag_and_answers_head() {
    let app = TestApp::spawn().await;
    let first = app.http.get(app.url("/admin/users")).send().await.unwrap();
    let tag = first.headers()["etag"].clone();
    // One page, one tag, whatever the route.
    let again = app
        .http
        .get(app.url("/verify-email?token=x"))
        .header("if-none-match", tag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(again.headers()["etag"], tag);
    assert!(again.bytes().await.unwrap().is_empty());

    let stale = app
        .http
        .get(app.url("/admin"))
        .header("if-none-match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 200);

    let head = app
        .http
        .head(app.url("/admin/content"))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status().as_u16(), 200);
    assert_eq!(head.headers()["content-security-policy"], ADMIN_CSP);
    assert_eq!(head.headers()["etag"], tag);
    assert!(head.bytes().await.unwrap().is_empty());
}
