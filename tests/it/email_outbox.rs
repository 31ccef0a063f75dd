//! The email outbox: mail queued in its cause's transaction, delivered by
//! the worker at most once, retried with backoff only when the server
//! provably refused it. Time is injected through `Outbox::run_due`.

use std::sync::atomic::Ordering;

use chrono::{Duration, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::json;
use vellum::error::AppError;
use vellum::mail::outbox::{OutboxMail, RunReport};
use vellum::mail::{Recipient, Template};

use crate::fixtures::FakeSmtp;
use crate::harness::TestApp;

const REQUEST_RESET: &str =
    "mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) { ok } }";

/// `template:status:attempts` of every queued mail, oldest first.
async fn outbox_rows(app: &TestApp) -> Vec<String> {
    app.sql_strings(
        "SELECT concat_ws(':', template, status, attempts) AS value FROM email_outbox ORDER BY created_at, id",
    )
    .await
}

fn report(sent: usize, retried: usize, dead: usize) -> RunReport {
    RunReport {
        sent,
        retried,
        dead,
    }
}

#[tokio::test]
async fn a_reset_request_is_queued_with_its_token_and_delivered_once() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.com").await;
    let (_, body) = app
        .gql(
            REQUEST_RESET,
            json!({ "i": { "email": "ada@example.com" } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");

    let reset = app.wait_for_mail("ada@example.com", 2).await;
    assert_eq!(reset.subject, "Reset your Vellum password");
    let first = &app.mails_to("ada@example.com")[0];
    assert_eq!(first.subject, "Welcome to Vellum");
    assert!(first.text.contains("ada@example.com"), "{}", first.text);
    assert_eq!(
        outbox_rows(&app).await,
        ["welcome:sent:1", "password_reset:sent:1"]
    );

    // Nothing is sent again, however late the worker runs.
    let later = app
        .outbox
        .run_due(Utc::now() + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(later, RunReport::default());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.mails_to("ada@example.com").len(), 2);
}

#[tokio::test]
async fn a_rolled_back_cause_queues_nothing_and_a_dedupe_key_queues_once() {
    let app = TestApp::spawn_with(&["--mail-worker-interval-ms", "0"]).await;
    let mail = |key: &str| OutboxMail {
        to: Recipient {
            email: "grace@example.com",
            display_name: "Grace",
        },
        template: Template::Welcome {
            email: "grace@example.com",
            link: "http://127.0.0.1:0/complete-sign-up?token=t",
            valid_hours: 24,
        },
        dedupe_key: Some(key.to_string()),
    };
    let mut conn = AsyncPgConnection::establish(&app.db_url).await.unwrap();

    let outcome = conn
        .transaction::<(), AppError, _>(async |conn| {
            app.outbox.enqueue(conn, mail("first")).await?;
            Err(AppError::Conflict("the cause failed".into()))
        })
        .await;
    assert!(outcome.is_err());
    assert!(outbox_rows(&app).await.is_empty());

    for _ in 0..2 {
        conn.transaction::<_, AppError, _>(async |conn| {
            app.outbox.enqueue(conn, mail("second")).await
        })
        .await
        .unwrap();
    }
    assert_eq!(outbox_rows(&app).await, ["welcome:pending:0"]);
    let ran = app.outbox.run_due(Utc::now()).await.unwrap();
    assert_eq!(ran, report(1, 0, 0));
    assert_eq!(app.mails_to("grace@example.com").len(), 1);
}

/// An app sending through SMTP on `port`, with no worker of its own: the
/// test runs it with `run_due`.
async fn smtp_app(port: u16, extra: &[&str]) -> TestApp {
    let url = format!("smtp://127.0.0.1:{port}");
    let mut flags = vec![
        "--mail-transport",
        "smtp",
        "--smtp-url",
        &url,
        "--mail-worker-interval-ms",
        "0",
    ];
    flags.extend_from_slice(extra);
    TestApp::spawn_with(&flags).await
}

#[tokio::test]
async fn refused_mail_is_retried_with_backoff_and_delivered_exactly_once() {
    let FakeSmtp {
        port,
        attempts,
        mut received,
    } = FakeSmtp::refusing(2).await;
    let app = smtp_app(port, &[]).await;
    app.sign_up("ada@example.com").await;
    let t0 = Utc::now();
    let run = |at| {
        let outbox = app.outbox.clone();
        async move { outbox.run_due(at).await.unwrap() }
    };

    assert_eq!(run(t0).await, report(0, 1, 0));
    assert_eq!(outbox_rows(&app).await, ["welcome:pending:1"]);
    let error = app
        .sql_strings("SELECT last_error AS value FROM email_outbox")
        .await;
    assert!(error[0].contains("451"), "{error:?}");
    // The first wait is 30 s: not due a second earlier.
    assert_eq!(run(t0 + Duration::seconds(29)).await, RunReport::default());
    let t1 = t0 + Duration::seconds(31);
    assert_eq!(run(t1).await, report(0, 1, 0));
    // Then 60 s.
    assert_eq!(run(t1 + Duration::seconds(59)).await, RunReport::default());
    let t2 = t1 + Duration::seconds(61);
    assert_eq!(run(t2).await, report(1, 0, 0));
    assert_eq!(outbox_rows(&app).await, ["welcome:sent:3"]);
    assert_eq!(attempts.load(Ordering::SeqCst), 3);

    let message = received.recv().await.unwrap();
    assert!(message.contains("Subject: Welcome to Vellum"), "{message}");
    // Sent means sent: no later run repeats it.
    assert_eq!(run(t2 + Duration::days(1)).await, RunReport::default());
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(received.try_recv().is_err(), "delivered twice");
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    let errors = app
        .sql_strings("SELECT coalesce(last_error, 'none') AS value FROM email_outbox")
        .await;
    assert_eq!(errors, ["none"]);
}

#[tokio::test]
async fn mail_that_keeps_failing_is_dead_after_the_last_attempt() {
    let FakeSmtp {
        port,
        attempts,
        mut received,
    } = FakeSmtp::refusing(usize::MAX).await;
    let app = smtp_app(port, &["--mail-max-attempts", "3"]).await;
    app.sign_up("ada@example.com").await;
    let mut at = Utc::now();
    for expected in [report(0, 1, 0), report(0, 1, 0), report(0, 0, 1)] {
        assert_eq!(app.outbox.run_due(at).await.unwrap(), expected);
        at += Duration::hours(2);
    }
    assert_eq!(outbox_rows(&app).await, ["welcome:dead:3"]);
    let error = app
        .sql_strings("SELECT last_error AS value FROM email_outbox")
        .await;
    assert!(error[0].contains("451"), "{error:?}");
    // Dead stays dead.
    assert_eq!(
        app.outbox.run_due(at + Duration::days(7)).await.unwrap(),
        RunReport::default()
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(received.try_recv().is_err());
}

#[tokio::test]
async fn a_refused_connection_is_retried() {
    // A port with nobody listening.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let app = smtp_app(port, &[]).await;
    app.sign_up("ada@example.com").await;
    assert_eq!(
        app.outbox.run_due(Utc::now()).await.unwrap(),
        report(0, 1, 0)
    );
    assert_eq!(outbox_rows(&app).await, ["welcome:pending:1"]);
}

#[tokio::test]
async fn a_send_interrupted_by_a_crash_is_marked_dead_not_resent() {
    let app = TestApp::spawn_with(&["--mail-worker-interval-ms", "0"]).await;
    app.sign_up("ada@example.com").await;
    app.sign_up("bob@example.com").await;
    // Both were claimed by a process that then died; Ada's lease ran out.
    app.sql(
        "UPDATE email_outbox SET status = 'sending', attempts = 1, sending_since = now() - interval '11 minutes' \
         WHERE to_address = 'ada@example.com'; \
         UPDATE email_outbox SET status = 'sending', attempts = 1, sending_since = now() \
         WHERE to_address = 'bob@example.com'",
    )
    .await;
    let report_now = app.outbox.run_due(Utc::now()).await.unwrap();
    assert_eq!(report_now, report(0, 0, 1));
    let rows = app
        .sql_strings(
            "SELECT concat_ws(':', to_address, status, coalesce(last_error, '-')) AS value \
             FROM email_outbox ORDER BY to_address",
        )
        .await;
    assert_eq!(
        rows,
        [
            "ada@example.com:dead:outcome unknown",
            "bob@example.com:sending:-"
        ]
    );
    assert!(app.mails().is_empty(), "{:?}", app.mails());
}
