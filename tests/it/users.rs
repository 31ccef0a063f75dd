//! Users, roles and the rank rules, over HTTP.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const UPDATE: &str = "mutation($i: UpdateUserInput!) { updateUser(input: $i) { user { id active role { name } displayName } } }";

async fn update(app: &TestApp, token: &str, input: Value) -> Value {
    app.gql_as(token, UPDATE, json!({ "i": input })).await.1
}

#[tokio::test]
async fn listing_users_needs_users_read() {
    let app = TestApp::spawn().await;
    let viewer = app.sign_up("viewer@example.com").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let query = "{ users(first: 10) { edges { node { email } } } }";
    let (_, body) = app.gql(query, Value::Null).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    let (_, body) = app.gql_as(&viewer.access, query, Value::Null).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let (_, body) = app.gql_as(&editor.access, query, Value::Null).await;
    assert_eq!(
        body["data"]["users"]["edges"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
}

#[tokio::test]
async fn another_users_email_needs_users_read() {
    let app = TestApp::spawn().await;
    let viewer = app.sign_up("viewer@example.com").await;
    let other = app.sign_up("other@example.com").await;
    let (_, body) = app
        .gql_as(
            &viewer.access,
            "query($id: UUID!) { user(id: $id) { email } }",
            json!({ "id": other.user_id }),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let (_, body) = app
        .gql_as(
            &viewer.access,
            "query($id: UUID!) { user(id: $id) { email } }",
            json!({ "id": viewer.user_id }),
        )
        .await;
    assert_eq!(body["data"]["user"]["email"], "viewer@example.com");
}

#[tokio::test]
async fn users_page_with_keyset_cursors_filters_and_total() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    for i in 0..5 {
        app.sign_up(&format!("user{i}@example.com")).await;
    }
    let query =
        "query($after: String, $before: String, $first: Int, $last: Int, $f: UserFilterInput) {
        users(first: $first, after: $after, last: $last, before: $before, filter: $f) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
            edges { cursor node { email } }
        } }";
    let (_, page1) = app
        .gql_as(&admin.access, query, json!({ "first": 2 }))
        .await;
    let users = &page1["data"]["users"];
    assert_eq!(users["totalCount"], 6, "{page1}");
    assert_eq!(users["pageInfo"]["hasNextPage"], true);
    let emails = |page: &Value| -> Vec<String> {
        page["data"]["users"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["email"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(emails(&page1), ["admin@example.com", "user0@example.com"]);
    let after = users["pageInfo"]["endCursor"].clone();
    let (_, page2) = app
        .gql_as(&admin.access, query, json!({ "first": 2, "after": after }))
        .await;
    assert_eq!(emails(&page2), ["user1@example.com", "user2@example.com"]);
    let before = page2["data"]["users"]["pageInfo"]["startCursor"].clone();
    let (_, back) = app
        .gql_as(&admin.access, query, json!({ "last": 1, "before": before }))
        .await;
    assert_eq!(emails(&back), ["user0@example.com"]);
    let (_, last) = app
        .gql_as(
            &admin.access,
            query,
            json!({ "first": 10, "after": page2["data"]["users"]["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(last["data"]["users"]["pageInfo"]["hasNextPage"], false);

    let (_, filtered) = app
        .gql_as(
            &admin.access,
            query,
            json!({ "first": 10, "f": { "search": "USER3", "role": "VIEWER", "active": true } }),
        )
        .await;
    assert_eq!(emails(&filtered), ["user3@example.com"]);
    assert_eq!(filtered["data"]["users"]["totalCount"], 1);

    for bad in [
        json!({ "first": 0 }),
        json!({ "first": 500 }),
        json!({ "after": "garbage" }),
        json!({ "first": 1, "last": 1 }),
    ] {
        let (_, body) = app.gql_as(&admin.access, query, bad.clone()).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{bad}: {body}");
    }
}

#[tokio::test]
async fn an_author_cannot_change_its_own_role() {
    let app = TestApp::spawn().await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let body = update(
        &app,
        &author.access,
        json!({ "id": author.user_id, "role": "EDITOR" }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    // Its own display name is fine.
    let body = update(
        &app,
        &author.access,
        json!({ "id": author.user_id, "displayName": "Ada L." }),
    )
    .await;
    assert_eq!(
        body["data"]["updateUser"]["user"]["displayName"], "Ada L.",
        "{body}"
    );
}

#[tokio::test]
async fn an_admin_cannot_grant_superadmin_or_touch_its_peers() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let peer = app.user_with_role("peer@example.com", "ADMIN").await;
    let viewer = app.sign_up("viewer@example.com").await;
    for role in ["SUPERADMIN", "ADMIN"] {
        let body = update(
            &app,
            &admin.access,
            json!({ "id": viewer.user_id, "role": role }),
        )
        .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{role}");
    }
    let body = update(
        &app,
        &admin.access,
        json!({ "id": peer.user_id, "active": false }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let body = update(
        &app,
        &admin.access,
        json!({ "id": viewer.user_id, "role": "NOPE" }),
    )
    .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.role");
    let roles = app.sql_strings("SELECT r.name AS value FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = 'viewer@example.com'").await;
    assert_eq!(roles, ["VIEWER"]);
}

#[tokio::test]
async fn a_role_change_applies_to_the_next_request_and_is_audited() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let me = "{ me { role { name permissions } } }";
    let (_, body) = app.gql_as(&viewer.access, me, Value::Null).await;
    assert_eq!(body["data"]["me"]["role"]["name"], "VIEWER");
    let body = update(
        &app,
        &admin.access,
        json!({ "id": viewer.user_id, "role": "EDITOR" }),
    )
    .await;
    assert_eq!(
        body["data"]["updateUser"]["user"]["role"]["name"], "EDITOR",
        "{body}"
    );
    // Same access token, new powers.
    let (_, body) = app
        .gql_as(
            &viewer.access,
            "{ users(first: 1) { edges { cursor } } }",
            Value::Null,
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = update(
        &app,
        &admin.access,
        json!({ "id": viewer.user_id, "role": "VIEWER" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app
        .gql_as(
            &viewer.access,
            "{ users(first: 1) { edges { cursor } } }",
            Value::Null,
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let changes = app
        .sql_strings("SELECT details->'role'->>'to' AS value FROM audit_log WHERE action = 'user.role_changed' ORDER BY occurred_at")
        .await;
    assert_eq!(changes, ["EDITOR", "VIEWER"]);
}

#[tokio::test]
async fn deactivation_ends_every_session_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let body = update(
        &app,
        &admin.access,
        json!({ "id": viewer.user_id, "active": false }),
    )
    .await;
    assert_eq!(
        body["data"]["updateUser"]["user"]["active"], false,
        "{body}"
    );
    assert_eq!(
        app.gql_as(&viewer.access, "{ me { id } }", Value::Null)
            .await
            .0,
        401
    );
    assert_eq!(
        codes(&app.refresh_raw(&viewer.refresh).await),
        ["UNAUTHENTICATED"]
    );
    let body = app
        .sign_in_raw("viewer@example.com", crate::harness::PASSWORD)
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
}

#[tokio::test]
async fn the_last_active_superadmin_cannot_step_down() {
    let app = TestApp::spawn().await;
    let root = app.user_with_role("root@example.com", "SUPERADMIN").await;
    let second = app.user_with_role("second@example.com", "SUPERADMIN").await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;

    let body = update(
        &app,
        &admin.access,
        json!({ "id": root.user_id, "active": false }),
    )
    .await;
    assert_eq!(
        codes(&body),
        ["FORBIDDEN"],
        "an ADMIN cannot touch a SUPERADMIN"
    );

    let body = update(
        &app,
        &root.access,
        json!({ "id": second.user_id, "role": "ADMIN" }),
    )
    .await;
    assert!(
        body.get("errors").is_none(),
        "two exist, one may demote the other: {body}"
    );
    for input in [
        json!({ "id": root.user_id, "role": "ADMIN" }),
        json!({ "id": root.user_id, "active": false }),
    ] {
        let body = update(&app, &root.access, input.clone()).await;
        assert_eq!(codes(&body), ["CONFLICT"], "{input}: {body}");
    }
    let body = update(
        &app,
        &root.access,
        json!({ "id": second.user_id, "role": "SUPERADMIN" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let second = app.sign_in("second@example.com").await;
    let body = update(
        &app,
        &second.access,
        json!({ "id": second.user_id, "role": "ADMIN" }),
    )
    .await;
    assert!(
        body.get("errors").is_none(),
        "a SUPERADMIN may step down while another remains: {body}"
    );
    let count = app
        .sql_strings("SELECT count(*)::text AS value FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'SUPERADMIN' AND u.active")
        .await;
    assert_eq!(count, ["1"]);
}

#[tokio::test]
async fn a_demoted_actor_loses_its_powers_at_once() {
    let app = TestApp::spawn().await;
    let root = app.user_with_role("root@example.com", "SUPERADMIN").await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let body = update(
        &app,
        &root.access,
        json!({ "id": admin.user_id, "role": "VIEWER" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = update(
        &app,
        &admin.access,
        json!({ "id": viewer.user_id, "active": false }),
    )
    .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
}

const SESSIONS: &str = "query($id: UUID!) { user(id: $id) { sessions { id current } } }";
const REVOKE: &str = "mutation($i: RevokeSessionInput!) { revokeSession(input: $i) { id } }";

#[tokio::test]
async fn managers_see_and_end_the_sessions_of_users_they_outrank() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let peer = app.user_with_role("peer@example.com", "ADMIN").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let second = app.sign_in("editor@example.com").await;

    // The user sees their own, the current one marked.
    let (_, body) = app
        .gql_as(&editor.access, SESSIONS, json!({ "id": editor.user_id }))
        .await;
    let own = body["data"]["user"]["sessions"].as_array().unwrap().clone();
    assert_eq!(own.len(), 2, "{body}");
    assert_eq!(
        own.iter().filter(|s| s["current"] == true).count(),
        1,
        "{body}"
    );

    // An editor may not look at another's, nor an admin at a peer's.
    let (_, body) = app
        .gql_as(&editor.access, SESSIONS, json!({ "id": admin.user_id }))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let (_, body) = app
        .gql_as(&admin.access, SESSIONS, json!({ "id": peer.user_id }))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let (_, body) = app
        .gql_as(&admin.access, SESSIONS, json!({ "id": editor.user_id }))
        .await;
    let seen = body["data"]["user"]["sessions"].as_array().unwrap().clone();
    assert_eq!(seen.len(), 2, "{body}");
    assert!(seen.iter().all(|s| s["current"] == false), "{body}");

    // A peer's session is "not found" to an admin; the editor's one ends at once.
    let (_, body) = app
        .gql_as(&peer.access, "{ mySessions { id } }", Value::Null)
        .await;
    let peer_session = body["data"]["mySessions"][0]["id"].clone();
    let (_, body) = app
        .gql_as(
            &admin.access,
            REVOKE,
            json!({ "i": { "id": peer_session } }),
        )
        .await;
    assert_eq!(codes(&body), ["NOT_FOUND"], "{body}");
    let (_, body) = app
        .gql_as(&second.access, "{ mySessions { id current } }", Value::Null)
        .await;
    let target = body["data"]["mySessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap()["id"]
        .clone();
    let (_, body) = app
        .gql_as(&admin.access, REVOKE, json!({ "i": { "id": target } }))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(
        app.gql_as(&second.access, "{ me { id } }", Value::Null)
            .await
            .0,
        401
    );
    assert_eq!(
        app.gql_as(&editor.access, "{ me { id } }", Value::Null)
            .await
            .0,
        200,
        "the editor's other session lives on"
    );
    let reasons = app
        .sql_strings("SELECT details->>'reason' AS value FROM audit_log WHERE action = 'auth.session_revoked'")
        .await;
    assert_eq!(reasons, ["revoked_by_admin"]);
}

const INVITE: &str = "mutation($i: InviteUserInput!) { inviteUser(input: $i) { user { id email role { name } emailVerified } } }";

#[tokio::test]
async fn an_invited_user_chooses_a_password_through_the_mailed_link() {
    let app = TestApp::spawn().await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let invite = |email: &str, role: &str| json!({ "i": { "email": email, "displayName": "Grace Hopper", "role": role } });

    let (_, body) = app
        .gql_as(
            &editor.access,
            INVITE,
            invite("grace@example.com", "AUTHOR"),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    for role in ["ADMIN", "SUPERADMIN"] {
        let (_, body) = app
            .gql_as(&admin.access, INVITE, invite("grace@example.com", role))
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{role}: {body}");
        assert_eq!(
            body["errors"][0]["message"],
            "you cannot grant a role at or above your own"
        );
    }
    let (_, body) = app
        .gql_as(&admin.access, INVITE, invite("grace@example.com", "NOPE"))
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    for name in ["", "   ", "Grace\u{0}Hopper", &"x".repeat(10_000)] {
        let (_, body) = app
            .gql_as(
                &admin.access,
                INVITE,
                json!({ "i": { "email": "grace@example.com", "displayName": name, "role": "EDITOR" } }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{name:?}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], "input.displayName",
            "{body}"
        );
    }
    let (_, body) = app
        .gql_as(&admin.access, INVITE, invite("not an email", "EDITOR"))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.email",
        "{body}"
    );
    let (_, body) = app
        .gql_as(
            &admin.access,
            INVITE,
            invite("EDITOR@example.com", "EDITOR"),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.email",
        "{body}"
    );

    let (_, body) = app
        .gql_as(
            &admin.access,
            INVITE,
            invite(" Grace@Example.com ", "EDITOR"),
        )
        .await;
    let user = &body["data"]["inviteUser"]["user"];
    assert_eq!(user["email"], "grace@example.com", "{body}");
    assert_eq!(user["role"]["name"], "EDITOR");
    assert_eq!(user["emailVerified"], false);
    // No password signs in until the link is used.
    let body = app
        .sign_in_raw("grace@example.com", crate::harness::PASSWORD)
        .await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");

    let mail = app.wait_for_mail("grace@example.com", 1).await;
    assert_eq!(mail.subject, "Test User invited you to Vellum");
    assert!(mail.text.contains("as EDITOR"), "{}", mail.text);
    let token = mail.token("/reset-password");
    let (_, body) = app
        .gql(
            "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { revokedSessions } }",
            json!({ "i": { "token": token, "newPassword": crate::harness::PASSWORD } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let grace = app.sign_in("grace@example.com").await;
    let (_, body) = app
        .gql_as(
            &grace.access,
            "{ me { emailVerified role { name } } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        body["data"]["me"],
        json!({ "emailVerified": true, "role": { "name": "EDITOR" } })
    );
    let audit = app
        .sql_strings(
            "SELECT details->>'role' AS value FROM audit_log WHERE action = 'user.invited'",
        )
        .await;
    assert_eq!(audit, ["EDITOR"]);
}
