//! Sanitizing over HTTP: an XSS corpus written as rich text, as Markdown and
//! into a rich-text custom field comes back inert on every read path; safe
//! markup survives, Markdown renders, and reading time is counted.

use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, TypeBuilder};
use crate::harness::TestApp;

/// Payloads: script, event handlers, dangerous schemes (plain, mixed case,
/// entity-obfuscated), foreign content, embedding tags, CSS, forms, and
/// Markdown links and raw HTML.
const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"https://example.com\" onclick=\"alert(1)\" onmouseover=alert(1)>x</a>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body { background: url(javascript:alert(1)) }</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "Raw *html* <img src=x onerror=alert(1)> and <script>alert(1)</script> inline",
    "# <svg onload=alert(1)>\n\n<iframe srcdoc=\"x\"></iframe>",
];

/// Never anywhere in sanitized output (text `<` is always escaped there).
const BANNED_ANYWHERE: &[&str] = &[
    "<script", "<svg", "<math", "<iframe", "<object", "<embed", "<style", "<form", "<button",
    "<meta",
];

/// Never inside a tag (after dropping whitespace and control characters,
/// which browsers ignore in URLs).
const BANNED_IN_TAGS: &[&str] = &[
    "javascript:",
    "vbscript:",
    "data:",
    "srcdoc",
    "formaction",
    "style=",
    "xlink:",
];

/// Every tag (`<` … `>`, quote-aware) in `html`.
fn tags(html: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let mut quote = None;
        let mut len = rest.len() - start;
        for (i, c) in rest[start..].char_indices().skip(1) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '>' => {
                    len = i + 1;
                    break;
                }
                None => {}
            }
        }
        spans.push(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    spans
}

/// Attribute names of one tag, lowercased.
fn attribute_names(tag: &str) -> Vec<String> {
    let body = tag.trim_start_matches('<').trim_end_matches('>');
    let mut chars = body.chars().peekable();
    while chars
        .peek()
        .is_some_and(|c| !c.is_whitespace() && *c != '/')
    {
        chars.next();
    }
    let mut names = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for c in chars.by_ref() {
                        if c == q {
                            break;
                        }
                    }
                }
                _ => {
                    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
        }
        if !name.is_empty() {
            names.push(name);
        } else if chars.next().is_none() {
            return names;
        }
    }
}

/// Panics unless `html` is inert; `what` says where it came from.
#[track_caller]
fn assert_inert(what: &str, html: &str) {
    let lower = html.to_lowercase();
    for banned in BANNED_ANYWHERE {
        assert!(!lower.contains(banned), "{what}: {banned:?} in {html:?}");
    }
    for tag in tags(&lower) {
        let squeezed: String = tag
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        for banned in BANNED_IN_TAGS {
            assert!(
                !squeezed.contains(banned),
                "{what}: {banned:?} in tag {tag:?} of {html:?}"
            );
        }
        for name in attribute_names(tag) {
            assert!(
                !(name.starts_with("on") && name.len() > 2),
                "{what}: event handler {name:?} in tag {tag:?} of {html:?}"
            );
        }
    }
}

async fn create(app: &TestApp, token: &str, input: Value) -> Value {
    let body = ContentBuilder::from_input(input.clone())
        .returning("id body bodyHtml bodyFormat fields")
        .send(app, token)
        .await;
    assert!(body.get("errors").is_none(), "{input}: {body}");
    body.at("createContent.content").clone()
}

/// `(body, bodyHtml)` of an item read back through `content(id)` and
/// through its first version.
async fn read_back(app: &TestApp, token: &str, id: &str) -> Vec<(String, String)> {
    let (_, body) = app
        .gql_as(
            token,
            "query($id: UUID!) {
                content(id: $id) { body bodyHtml fields }
                contentVersion(contentId: $id, version: 1) { body bodyHtml fields }
            }",
            json!({ "id": id }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    ["content", "contentVersion"]
        .iter()
        .map(|k| {
            let node = &body["data"][k];
            (
                node["body"].as_str().unwrap().to_string(),
                node["bodyHtml"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn rich_text_bodies_are_stored_and_served_sanitized() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let mut ids = Vec::new();
    for (n, payload) in CORPUS.iter().enumerate() {
        let what = format!("rich text #{n} {payload:?}");
        let item = create(
            &app,
            token,
            json!({ "type": "article", "title": format!("payload {n}"), "body": payload, "bodyFormat": "RICH_TEXT" }),
        )
        .await;
        assert_eq!(item["bodyFormat"], "RICH_TEXT");
        let body = item["body"].as_str().unwrap();
        assert_inert(&what, body);
        // Rich text is stored sanitized: the editable copy is the HTML.
        assert_eq!(item["bodyHtml"].as_str(), Some(body), "{what}");
        let id = item["id"].as_str().unwrap().to_string();
        for (body, html) in read_back(&app, token, &id).await {
            assert_inert(&what, &body);
            assert_inert(&what, &html);
        }
        ids.push(id);
    }
    // Edits go through the same sanitizer.
    let (id, mut version) = (&ids[0], 1);
    for (n, payload) in CORPUS.iter().enumerate() {
        let (_, body) = app
            .gql_as(
                token,
                "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { version body bodyHtml } } }",
                json!({ "i": { "id": id, "expectedVersion": version, "body": payload } }),
            )
            .await;
        let content = &body["data"]["updateContent"]["content"];
        let what = format!("edit #{n} {payload:?}: {body}");
        assert_inert(&what, content["body"].as_str().unwrap());
        assert_inert(&what, content["bodyHtml"].as_str().unwrap());
        version = content["version"].as_i64().unwrap();
    }
    assert_eq!(version as usize, CORPUS.len() + 1);
    // Nothing unsafe reached the database either.
    let stored = app
        .sql_strings("SELECT body || ' ' || body_html AS value FROM content_versions")
        .await;
    assert_eq!(stored.len(), CORPUS.len() * 2);
    for html in stored {
        assert_inert("stored version", &html);
    }
}

#[tokio::test]
async fn markdown_is_kept_as_written_and_rendered_sanitized() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    for (n, payload) in CORPUS.iter().enumerate() {
        let what = format!("markdown #{n} {payload:?}");
        let item = create(
            &app,
            token,
            json!({ "type": "page", "title": format!("payload {n}"), "body": payload, "bodyFormat": "MARKDOWN" }),
        )
        .await;
        assert_eq!(item["bodyFormat"], "MARKDOWN");
        // The body is the Markdown source, for re-editing; only the HTML
        // is for rendering.
        assert_eq!(item["body"].as_str(), Some(*payload), "{what}");
        assert_inert(&what, item["bodyHtml"].as_str().unwrap());
        let id = item["id"].as_str().unwrap();
        for (body, html) in read_back(&app, token, id).await {
            assert_eq!(body, *payload, "{what}");
            assert_inert(&what, &html);
        }
    }
}

#[tokio::test]
async fn rich_text_custom_fields_are_sanitized() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    // One rich-text field per payload, so one item carries the corpus.
    let defs: Vec<Value> = (0..CORPUS.len())
        .map(|n| json!({ "apiId": format!("f{n}"), "name": format!("Field {n}"), "kind": "RICH_TEXT" }))
        .chain([json!({ "apiId": "notes", "name": "Notes", "kind": "MARKDOWN" })])
        .collect();
    TypeBuilder::new("post", "Post")
        .fields(json!(defs))
        .create(&app, token)
        .await;
    let mut values = serde_json::Map::new();
    for (n, payload) in CORPUS.iter().enumerate() {
        values.insert(format!("f{n}"), json!(payload));
    }
    values.insert("notes".into(), json!("*kept* <b>as written</b>"));
    let item = create(
        &app,
        token,
        json!({ "type": "post", "title": "Fields", "fields": values }),
    )
    .await;
    let check = |fields: &Value, from: &str| {
        for (n, payload) in CORPUS.iter().enumerate() {
            let value = fields[format!("f{n}")].as_str().unwrap_or_default();
            assert_inert(&format!("{from} field f{n} {payload:?}"), value);
        }
        // Markdown fields are source text, stored as written.
        assert_eq!(fields["notes"], "*kept* <b>as written</b>", "{fields}");
    };
    check(&item["fields"], "created");
    let id = item["id"].as_str().unwrap();
    let (_, body) = app
        .gql_as(
            token,
            "query($id: UUID!) { content(id: $id) { fields } contentVersion(contentId: $id, version: 1) { fields } }",
            json!({ "id": id }),
        )
        .await;
    check(&body["data"]["content"]["fields"], "read");
    check(&body["data"]["contentVersion"]["fields"], "version");

    // An edit is sanitized too, and safe markup in a field survives.
    values.insert(
        "f0".into(),
        json!("<p><strong>ok</strong><script>alert(1)</script></p>"),
    );
    let (_, body) = app
        .gql_as(
            token,
            "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { fields } } }",
            json!({ "i": { "id": id, "expectedVersion": 1, "fields": values } }),
        )
        .await;
    let fields = &body["data"]["updateContent"]["content"]["fields"];
    check(fields, "edited");
    assert_eq!(fields["f0"], "<p><strong>ok</strong></p>", "{body}");
}

#[tokio::test]
async fn safe_markup_survives_markdown_renders_and_reading_time_counts() {
    // First, the checker the corpus tests rely on catches what it should.
    for bad in [
        "<script>x</script>",
        "<a href=\"java\tscript:x\">x</a>",
        "<img src=x onerror=alert(1)>",
        "<a title='>' onclick=x>",
        "<p style=\"color:red\">x</p>",
        "<SVG>",
        "<img src=\"data:image/png;base64,AAAA\">",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert("probe", bad)).is_err();
        assert!(caught, "checker missed {bad:?}");
    }
    assert_inert(
        "probe",
        "<a href=\"https://e.com\" rel=\"noopener\">javascript:alert(1)</a> &lt;script&gt;",
    );

    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let token = editor.access.as_str();
    let html = r#"<p><strong>ok</strong> <a href="https://example.com">link</a></p>"#;
    let expected = r#"<p><strong>ok</strong> <a href="https://example.com" rel="noopener noreferrer nofollow">link</a></p>"#;
    let item = create(
        &app,
        token,
        json!({ "type": "article", "title": "Safe", "body": html }),
    )
    .await;
    // Rich text is the default format.
    assert_eq!(item["bodyFormat"], "RICH_TEXT");
    assert_eq!(item["body"], expected);
    assert_eq!(item["bodyHtml"], expected);
    // A rel the author set is replaced, classes and ids go.
    let item = create(
        &app,
        token,
        json!({ "type": "article", "title": "Rel", "body": r#"<a href="https://example.com" rel="opener" class="c" id="i">x</a>"# }),
    )
    .await;
    assert_eq!(
        item["bodyHtml"],
        r#"<a href="https://example.com" rel="noopener noreferrer nofollow">x</a>"#
    );

    let md = create(
        &app,
        token,
        json!({ "type": "article", "title": "Md", "body": "# Title\n\n*em*", "bodyFormat": "MARKDOWN" }),
    )
    .await;
    let rendered = md["bodyHtml"].as_str().unwrap();
    assert!(rendered.contains("<h1>Title</h1>"), "{rendered}");
    assert!(rendered.contains("<em>em</em>"), "{rendered}");
    assert_eq!(md["body"], "# Title\n\n*em*");

    let words = |n: usize| vec!["word"; n].join(" ");
    for (body, format, minutes) in [
        (format!("<p>{}</p>", words(300)), "RICH_TEXT", 2),
        (words(300), "MARKDOWN", 2),
        (format!("<p>{}</p>", words(200)), "RICH_TEXT", 1),
        (format!("<p>{}</p>", words(201)), "RICH_TEXT", 2),
        (String::new(), "RICH_TEXT", 0),
    ] {
        let resp = ContentBuilder::new("Long")
            .body(&body)
            .input(json!({ "bodyFormat": format }))
            .returning("readingTime")
            .send(&app, token)
            .await;
        assert_eq!(
            resp["data"]["createContent"]["content"]["readingTime"],
            minutes,
            "{format} {}: {resp}",
            body.len()
        );
    }
}
