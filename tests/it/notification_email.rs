//! Notification email: one mail per notification for immediate
//! preferences (with RFC 8058 one-click unsubscribe), the unsubscribe link,
//! and daily digests driven with an injected clock.

use chrono::{Duration, Utc};
use serde_json::json;

use crate::fixtures::{ContentBuilder, Transition};
use crate::harness::TestApp;

const PREFS: &str = "mutation($i: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { preferences { digest } } }";

/// The author submits a new item, the editor asks for changes.
async fn changes_requested(app: &TestApp, author: &str, editor: &str, title: &str) {
    let id = ContentBuilder::new(title)
        .submit()
        .create(app, author)
        .await;
    Transition::new("requestChanges", &id)
        .comment("Tighten the intro")
        .run(app, editor)
        .await;
}

async fn unread(app: &TestApp, token: &str) -> i64 {
    app.data_as(token, "{ unreadNotificationCount }", json!({}))
        .await["unreadNotificationCount"]
        .as_i64()
        .unwrap()
}

/// Mails to `address` whose subject contains `needle`.
fn mails_about(app: &TestApp, address: &str, needle: &str) -> Vec<crate::harness::Mail> {
    app.mails_to(address)
        .into_iter()
        .filter(|m| m.subject.contains(needle))
        .collect()
}

/// Waits (up to 10 s: the mail worker runs in the background) for a mail to
/// `address` about `needle`.
async fn wait_for(app: &TestApp, address: &str, needle: &str) -> crate::harness::Mail {
    for _ in 0..200 {
        if let Some(mail) = mails_about(app, address, needle).pop() {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {address} about {needle}: {:?}", app.mails());
}

/// Lets the worker deliver whatever is queued (for asserting absence).
async fn settle(app: &TestApp) {
    let _ = app.outbox.run_due(Utc::now()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

#[tokio::test]
async fn immediate_email_with_one_click_unsubscribe() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    app.data_as(&author.access,
        PREFS,
        json!({ "i": { "digest": "IMMEDIATE", "kinds": [{ "kind": "CHANGES_REQUESTED", "email": true }] } }),
    )
    .await;

    changes_requested(&app, &author.access, &editor.access, "Spring launch").await;
    let mail = &wait_for(&app, "author@example.com", "Spring launch").await;
    settle(&app).await;
    assert_eq!(
        mails_about(&app, "author@example.com", "Spring launch").len(),
        1
    );
    assert!(
        mail.subject.contains("Changes were requested"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Tighten the intro"), "{}", mail.text);
    assert!(
        mail.text.contains("Open Vellum: http://127.0.0.1"),
        "{}",
        mail.text
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let list = mail.header("List-Unsubscribe").unwrap();
    let token = mail.token("/unsubscribe");
    assert!(list.starts_with('<') && list.ends_with('>'), "{list}");
    assert!(
        list.contains(&format!("/unsubscribe?token={token}")),
        "{list}"
    );
    // Nobody else got one: the editor acted.
    assert!(mails_about(&app, "editor@example.com", "Spring launch").is_empty());

    // One click (RFC 8058 POST) turns email off for that kind.
    let response = app
        .http
        .post(app.url(&format!("/unsubscribe?token={token}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let prefs = app
        .data_as(
            &author.access,
            "{ notificationPreferences { digest kinds { kind email } } }",
            json!({}),
        )
        .await;
    let kinds = prefs["notificationPreferences"]["kinds"]
        .as_array()
        .unwrap();
    assert!(
        kinds
            .iter()
            .any(|k| k["kind"] == "CHANGES_REQUESTED" && k["email"] == false),
        "{prefs}"
    );
    // GET (a click in the mail) applies it too and shows a page.
    let page = app
        .http
        .get(app.url(&format!("/unsubscribe?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("no longer receive"));

    // The next notification of that kind appears in the app but is not mailed.
    changes_requested(&app, &author.access, &editor.access, "Autumn launch").await;
    assert_eq!(unread(&app, &author.access).await, 2);
    settle(&app).await;
    assert!(mails_about(&app, "author@example.com", "Autumn launch").is_empty());
}

#[tokio::test]
async fn a_bad_unsubscribe_token_is_a_400() {
    let app = TestApp::spawn().await;
    for query in ["?token=nonsense", "?token=", "", "?token=djF8eHx5fHo"] {
        for post in [false, true] {
            let url = app.url(&format!("/unsubscribe{query}"));
            let request = if post {
                app.http.post(url)
            } else {
                app.http.get(url)
            };
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 400, "{query} post={post}");
            assert!(response.text().await.unwrap().contains("not valid"));
        }
    }
}

#[tokio::test]
async fn a_daily_digest_collects_notifications_once() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    app.data_as(&author.access,
        PREFS,
        json!({ "i": { "digest": "DAILY", "kinds": [{ "kind": "CHANGES_REQUESTED", "email": true }] } }),
    )
    .await;
    changes_requested(&app, &author.access, &editor.access, "First post").await;
    changes_requested(&app, &author.access, &editor.access, "Second post").await;
    let now = Utc::now();
    settle(&app).await;
    // No immediate mail for a digest reader.
    assert!(mails_about(&app, "author@example.com", "post").is_empty());

    assert_eq!(
        app.digest.run_due(now + Duration::days(1)).await.unwrap(),
        1
    );
    let digest = &wait_for(&app, "author@example.com", "digest").await;
    assert!(
        digest.subject.contains("2 notifications"),
        "{}",
        digest.subject
    );
    assert!(
        digest.text.contains("Changes requested (2)"),
        "{}",
        digest.text
    );
    assert!(digest.text.contains("First post"), "{}", digest.text);
    assert!(digest.text.contains("Second post"), "{}", digest.text);
    assert!(digest.header("List-Unsubscribe").is_some());

    // Nothing new: running again (even twice) sends nothing.
    assert_eq!(
        app.digest.run_due(now + Duration::days(1)).await.unwrap(),
        0
    );
    assert_eq!(
        app.digest
            .run_due(now + Duration::days(1) + Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    settle(&app).await;
    assert_eq!(mails_about(&app, "author@example.com", "digest").len(), 1);
}

#[tokio::test]
async fn security_notices_are_always_emailed_without_unsubscribe() {
    let app = TestApp::spawn().await;
    let user = app.sign_up("ada@example.com").await;
    // Preferences say nothing about email: security mail goes out anyway.
    app.data_as(&user.access,
        "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }",
        json!({ "i": { "currentPassword": crate::harness::PASSWORD, "newPassword": "an entirely new passphrase" } }),
    )
    .await;
    let mail = wait_for(&app, "ada@example.com", "password was changed").await;
    assert!(mail.text.contains("If this was not you"), "{}", mail.text);
    assert!(mail.header("List-Unsubscribe").is_none());
    assert!(!mail.text.contains("/unsubscribe"), "{}", mail.text);
}
