//! The permission matrix: anonymous and every role against every query and
//! mutation in the schema. A new operation fails this test until it is
//! given its row, so no operation ships without a decided access rule.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::harness::{TestApp, Tokens};

const ROLES: [&str; 5] = ["VIEWER", "AUTHOR", "EDITOR", "ADMIN", "SUPERADMIN"];
const EVERYONE: &[&str] = &[
    "ANONYMOUS",
    "VIEWER",
    "AUTHOR",
    "EDITOR",
    "ADMIN",
    "SUPERADMIN",
];
const SIGNED_IN: &[&str] = &["VIEWER", "AUTHOR", "EDITOR", "ADMIN", "SUPERADMIN"];
const USERS_READ: &[&str] = &["EDITOR", "ADMIN", "SUPERADMIN"];
const ADMINS: &[&str] = &["ADMIN", "SUPERADMIN"];
const AUTHORS: &[&str] = &["AUTHOR", "EDITOR", "ADMIN", "SUPERADMIN"];
const EDITORS: &[&str] = &["EDITOR", "ADMIN", "SUPERADMIN"];
/// Operations no role unlocks: `completeSetup` needs the setup token (and
/// the matrix runs with a SUPERADMIN, so setup is over for everyone).
const NOBODY: &[&str] = &[];
const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// A mutation on the nil content id: past the access check it fails with
/// NOT_FOUND, which the matrix counts as allowed.
fn on_nil(mutation: &str, input_type: &str, fields: &str) -> (String, Value) {
    (
        format!("mutation($i: {input_type}!) {{ {mutation}(input: $i) {{ {fields} }} }}"),
        json!({ "i": { "id": NIL } }),
    )
}

/// One call of an operation: the document and its variables, given the
/// caller's user id (for "own" arguments) and a unique suffix.
type Call = fn(&str, &str) -> (String, Value);

fn operations() -> Vec<(&'static str, bool, &'static [&'static str], Call)> {
    // (field, is_mutation, who may call it, how to call it)
    vec![
        ("health", false, EVERYONE, |_, _| {
            ("{ health }".into(), Value::Null)
        }),
        ("version", false, EVERYONE, |_, _| {
            ("{ version }".into(), Value::Null)
        }),
        ("me", false, SIGNED_IN, |_, _| {
            ("{ me { id } }".into(), Value::Null)
        }),
        ("mySessions", false, SIGNED_IN, |_, _| {
            ("{ mySessions { id } }".into(), Value::Null)
        }),
        ("user", false, SIGNED_IN, |me, _| {
            (
                "query($id: UUID!) { user(id: $id) { id } }".into(),
                json!({ "id": me }),
            )
        }),
        ("users", false, USERS_READ, |_, _| {
            (
                "{ users(first: 1) { edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        ("roles", false, USERS_READ, |_, _| {
            ("{ roles { name } }".into(), Value::Null)
        }),
        ("auditLog", false, ADMINS, |_, _| {
            (
                "{ auditLog(first: 1) { edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        ("signUp", true, EVERYONE, |_, n| {
            (
                "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }".into(),
                json!({ "i": { "email": format!("new-{n}@example.com"), "password": crate::harness::PASSWORD, "displayName": "New" } }),
            )
        }),
        ("completeSignUp", true, EVERYONE, |_, _| {
            (
                "mutation { completeSignUp(input: { token: \"bogus\" }) { accessToken } }".into(),
                Value::Null,
            )
        }),
        ("setupRequired", false, EVERYONE, |_, _| {
            ("{ setupRequired }".into(), Value::Null)
        }),
        ("signUpOpen", false, EVERYONE, |_, _| {
            ("{ signUpOpen }".into(), Value::Null)
        }),
        ("completeSetup", true, NOBODY, |_, n| {
            (
                "mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { accessToken } }"
                    .into(),
                json!({ "i": { "token": "bogus", "email": format!("setup-{n}@example.com"), "displayName": "Setup", "password": crate::harness::PASSWORD } }),
            )
        }),
        ("signIn", true, EVERYONE, |_, _| {
            (
                "mutation { signIn(input: { email: \"nobody@example.com\", password: \"not the password\" }) { twoFactorRequired } }".into(),
                Value::Null,
            )
        }),
        ("refreshSession", true, EVERYONE, |_, _| {
            (
                "mutation { refreshSession(input: { refreshToken: \"bogus\" }) { accessToken } }"
                    .into(),
                Value::Null,
            )
        }),
        ("revokeSession", true, SIGNED_IN, |_, _| {
            (
                "mutation { revokeSession(input: { id: \"00000000-0000-0000-0000-000000000000\" }) { id } }".into(),
                Value::Null,
            )
        }),
        ("changePassword", true, SIGNED_IN, |_, _| {
            (
                "mutation { changePassword(input: { currentPassword: \"not my password\", newPassword: \"a brand new password\" }) { revokedSessions } }".into(),
                Value::Null,
            )
        }),
        ("updateUser", true, SIGNED_IN, |me, _| {
            (
                "mutation($id: UUID!) { updateUser(input: { id: $id, displayName: \"Renamed\" }) { user { id } } }".into(),
                json!({ "id": me }),
            )
        }),
        ("requestPasswordReset", true, EVERYONE, |_, _| {
            ("mutation { requestPasswordReset(input: { email: \"nobody@example.com\" }) { ok } }".into(), Value::Null)
        }),
        ("resetPassword", true, EVERYONE, |_, _| {
            (
                "mutation { resetPassword(input: { token: \"bogus\", newPassword: \"a brand new password\" }) { revokedSessions } }".into(),
                Value::Null,
            )
        }),
        ("requestEmailVerification", true, SIGNED_IN, |_, _| {
            (
                "mutation { requestEmailVerification { expiresAt } }".into(),
                Value::Null,
            )
        }),
        ("verifyEmail", true, EVERYONE, |_, _| {
            (
                "mutation { verifyEmail(input: { token: \"bogus\" }) { ok } }".into(),
                Value::Null,
            )
        }),
        ("apiKeys", false, ADMINS, |_, _| {
            ("{ apiKeys { id } }".into(), Value::Null)
        }),
        ("createApiKey", true, ADMINS, |_, _| {
            (
                "mutation { createApiKey(input: { name: \"matrix\", scopes: [\"users.read\"] }) { secret } }".into(),
                Value::Null,
            )
        }),
        ("revokeApiKey", true, ADMINS, |_, _| {
            (
                "mutation { revokeApiKey(input: { id: \"00000000-0000-0000-0000-000000000000\" }) { id } }".into(),
                Value::Null,
            )
        }),
        ("setupTwoFactor", true, SIGNED_IN, |_, _| {
            ("mutation { setupTwoFactor { secret } }".into(), Value::Null)
        }),
        ("confirmTwoFactor", true, SIGNED_IN, |_, _| {
            (
                "mutation { confirmTwoFactor(input: { code: \"000000\" }) { backupCodes } }".into(),
                Value::Null,
            )
        }),
        ("disableTwoFactor", true, SIGNED_IN, |_, _| {
            (
                "mutation { disableTwoFactor(input: { code: \"000000\" }) { ok } }".into(),
                Value::Null,
            )
        }),
        ("regenerateBackupCodes", true, SIGNED_IN, |_, _| {
            (
                "mutation { regenerateBackupCodes(input: { code: \"000000\" }) { backupCodes } }"
                    .into(),
                Value::Null,
            )
        }),
        ("inviteUser", true, ADMINS, |_, n| {
            (
                "mutation($i: InviteUserInput!) { inviteUser(input: $i) { user { id } } }".into(),
                json!({ "i": { "email": format!("invited-{n}@example.com"), "displayName": "Invited", "role": "VIEWER" } }),
            )
        }),
        ("resetUserTwoFactor", true, ADMINS, |_, _| {
            (
                "mutation { resetUserTwoFactor(input: { userId: \"00000000-0000-0000-0000-000000000000\" }) { ok } }".into(),
                Value::Null,
            )
        }),
        ("verifyTwoFactor", true, EVERYONE, |_, _| {
            ("mutation { verifyTwoFactor(input: { challenge: \"bogus\", code: \"000000\" }) { accessToken } }".into(), Value::Null)
        }),
        ("contentTypes", false, EVERYONE, |_, _| {
            ("{ contentTypes { apiId } }".into(), Value::Null)
        }),
        ("contentType", false, EVERYONE, |_, _| {
            (
                "{ contentType(apiId: \"article\") { apiId } }".into(),
                Value::Null,
            )
        }),
        ("content", false, EVERYONE, |_, _| {
            (
                format!("{{ content(id: \"{NIL}\") {{ id }} }}"),
                Value::Null,
            )
        }),
        ("contentBySlug", false, EVERYONE, |_, _| {
            (
                "{ contentBySlug(type: \"article\", slug: \"nope\") { id } }".into(),
                Value::Null,
            )
        }),
        ("contents", false, EVERYONE, |_, _| {
            (
                "{ contents(first: 1) { edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        ("categories", false, EVERYONE, |_, _| {
            ("{ categories { id } }".into(), Value::Null)
        }),
        ("tags", false, EVERYONE, |_, _| {
            ("{ tags { id } }".into(), Value::Null)
        }),
        // Everyone may ask; each sees the files they may (none, for now,
        // when anonymous or a viewer).
        ("media", false, EVERYONE, |_, _| {
            (format!("{{ media(id: \"{NIL}\") {{ id }} }}"), Value::Null)
        }),
        ("mediaItems", false, EVERYONE, |_, _| {
            (
                "{ mediaItems(first: 1) { edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        // A JSON request naming a file it does not carry: past the access
        // check it is BAD_USER_INPUT.
        ("uploadMedia", true, AUTHORS, |_, _| {
            (
                "mutation($f: Upload!) { uploadMedia(file: $f) { id } }".into(),
                json!({ "f": "#__graphql_file__:0" }),
            )
        }),
        ("uploadMediaMany", true, AUTHORS, |_, _| {
            (
                "mutation($f: [Upload!]!) { uploadMediaMany(files: $f) { id } }".into(),
                json!({ "f": ["#__graphql_file__:0"] }),
            )
        }),
        ("updateMedia", true, AUTHORS, |_, _| {
            on_nil("updateMedia", "UpdateMediaInput", "id")
        }),
        ("deleteMedia", true, AUTHORS, |_, _| {
            on_nil("deleteMedia", "DeleteMediaInput", "id")
        }),
        ("restoreMedia", true, AUTHORS, |_, _| {
            on_nil("restoreMedia", "MediaIdInput", "id")
        }),
        // Past the access check: a size of 0 and an id no server signed.
        ("createUploadUrl", true, AUTHORS, |_, _| {
            (
                "mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { url } }".into(),
                json!({ "i": { "filename": "x.txt", "size": 0 } }),
            )
        }),
        ("completeUpload", true, AUTHORS, |_, _| {
            (
                "mutation($i: CompleteUploadInput!) { completeUpload(input: $i) { id } }".into(),
                json!({ "i": { "uploadId": "x" } }),
            )
        }),
        ("search", false, EVERYONE, |_, _| {
            (
                "{ search(query: \"anything\") { totalCount edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        ("searchSuggest", false, EVERYONE, |_, _| {
            (
                "{ searchSuggest(prefix: \"an\") { queries } }".into(),
                Value::Null,
            )
        }),
        ("searchInsights", false, EDITORS, |_, _| {
            (
                "{ searchInsights(from: \"2026-01-01\", to: \"2026-01-31\") { searches } }".into(),
                Value::Null,
            )
        }),
        ("recordSearchClick", true, EVERYONE, |_, _| {
            (
                "mutation($i: RecordSearchClickInput!) { recordSearchClick(input: $i) { accepted } }"
                    .into(),
                json!({ "i": { "query": "anything", "contentId": NIL, "position": 1 } }),
            )
        }),
        ("mediaFolders", false, AUTHORS, |_, _| {
            ("{ mediaFolders { id } }".into(), Value::Null)
        }),
        ("moveMedia", true, AUTHORS, |_, _| {
            (
                "mutation($i: MoveMediaInput!) { moveMedia(input: $i) { id } }".into(),
                json!({ "i": { "ids": [NIL] } }),
            )
        }),
        // Past the access check: no such parent folder.
        ("createMediaFolder", true, EDITORS, |_, _| {
            (
                "mutation($i: CreateMediaFolderInput!) { createMediaFolder(input: $i) { id } }"
                    .into(),
                json!({ "i": { "name": "x", "parentId": NIL } }),
            )
        }),
        ("updateMediaFolder", true, EDITORS, |_, _| {
            on_nil("updateMediaFolder", "UpdateMediaFolderInput", "id")
        }),
        ("deleteMediaFolder", true, EDITORS, |_, _| {
            on_nil("deleteMediaFolder", "MediaIdInput", "id")
        }),
        ("contentVersions", false, AUTHORS, |_, _| {
            (
                format!("{{ contentVersions(contentId: \"{NIL}\") {{ edges {{ cursor }} }} }}"),
                Value::Null,
            )
        }),
        ("contentVersion", false, AUTHORS, |_, _| {
            (
                format!("{{ contentVersion(contentId: \"{NIL}\", version: 1) {{ version }} }}"),
                Value::Null,
            )
        }),
        ("contentDiff", false, AUTHORS, |_, _| {
            (
                format!("{{ contentDiff(contentId: \"{NIL}\", from: 1, to: 2) {{ from }} }}"),
                Value::Null,
            )
        }),
        ("createContent", true, AUTHORS, |_, n| {
            (
                "mutation($i: CreateContentInput!) { createContent(input: $i) { content { id } } }"
                    .into(),
                json!({ "i": { "type": "article", "title": format!("Matrix {n}") } }),
            )
        }),
        ("updateContent", true, AUTHORS, |_, _| {
            (
                "mutation($i: UpdateContentInput!) { updateContent(input: $i) { content { id } } }"
                    .into(),
                json!({ "i": { "id": NIL, "expectedVersion": 1 } }),
            )
        }),
        ("deleteContent", true, AUTHORS, |_, _| {
            on_nil("deleteContent", "DeleteByIdInput", "content { id }")
        }),
        ("restoreContent", true, AUTHORS, |_, _| {
            on_nil("restoreContent", "DeleteByIdInput", "content { id }")
        }),
        ("submitForReview", true, AUTHORS, |_, _| {
            on_nil("submitForReview", "ContentIdInput", "content { id }")
        }),
        ("requestChanges", true, EDITORS, |_, _| {
            (
                "mutation($i: RequestChangesInput!) { requestChanges(input: $i) { content { id } } }".into(),
                json!({ "i": { "id": NIL, "comment": "fix" } }),
            )
        }),
        ("approveContent", true, EDITORS, |_, _| {
            on_nil("approveContent", "ContentIdInput", "content { id }")
        }),
        ("publishContent", true, EDITORS, |_, _| {
            on_nil("publishContent", "ContentIdInput", "content { id }")
        }),
        ("unpublishContent", true, EDITORS, |_, _| {
            on_nil("unpublishContent", "ContentIdInput", "content { id }")
        }),
        ("archiveContent", true, EDITORS, |_, _| {
            on_nil("archiveContent", "ContentIdInput", "content { id }")
        }),
        ("unarchiveContent", true, EDITORS, |_, _| {
            on_nil("unarchiveContent", "ContentIdInput", "content { id }")
        }),
        ("transitionContent", true, SIGNED_IN, |_, _| {
            (
                "mutation($i: TransitionContentInput!) { transitionContent(input: $i) { content { id } } }".into(),
                json!({ "i": { "id": NIL, "action": "publish" } }),
            )
        }),
        ("scheduleContent", true, EDITORS, |_, _| {
            on_nil("scheduleContent", "ScheduleContentInput", "content { id }")
        }),
        ("restoreContentVersion", true, AUTHORS, |_, _| {
            (
                "mutation($i: RestoreContentVersionInput!) { restoreContentVersion(input: $i) { content { id } } }".into(),
                json!({ "i": { "id": NIL, "version": 1 } }),
            )
        }),
        ("createContentType", true, EDITORS, |_, n| {
            (
                "mutation($i: CreateContentTypeInput!) { createContentType(input: $i) { contentType { apiId } } }".into(),
                json!({ "i": { "apiId": format!("matrix{n}"), "name": "Matrix" } }),
            )
        }),
        ("updateContentType", true, EDITORS, |_, _| {
            (
                "mutation { updateContentType(input: { apiId: \"nope\", name: \"x\" }) { contentType { apiId } } }".into(),
                Value::Null,
            )
        }),
        ("createCategory", true, EDITORS, |_, n| {
            (
                "mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } } }".into(),
                json!({ "i": { "name": format!("Matrix {n}") } }),
            )
        }),
        ("updateCategory", true, EDITORS, |_, _| {
            on_nil("updateCategory", "UpdateCategoryInput", "category { id }")
        }),
        ("deleteCategory", true, EDITORS, |_, _| {
            on_nil("deleteCategory", "DeleteByIdInput", "id")
        }),
        ("createTag", true, EDITORS, |_, n| {
            (
                "mutation($i: TagInput!) { createTag(input: $i) { tag { id } } }".into(),
                json!({ "i": { "name": format!("matrix {n}") } }),
            )
        }),
        ("updateTag", true, EDITORS, |_, _| {
            (
                "mutation($i: TagInput!) { updateTag(input: $i) { tag { id } } }".into(),
                json!({ "i": { "id": NIL, "name": "renamed" } }),
            )
        }),
        ("deleteTag", true, EDITORS, |_, _| {
            on_nil("deleteTag", "DeleteByIdInput", "id")
        }),
        ("mergeTags", true, EDITORS, |_, _| {
            (
                "mutation($i: MergeTagsInput!) { mergeTags(input: $i) { itemsChanged } }".into(),
                json!({ "i": { "sourceIds": ["00000000-0000-0000-0000-000000000001"], "targetId": NIL } }),
            )
        }),
        ("notifications", false, SIGNED_IN, |_, _| {
            (
                "{ notifications(first: 1) { edges { cursor } } }".into(),
                Value::Null,
            )
        }),
        ("unreadNotificationCount", false, SIGNED_IN, |_, _| {
            ("{ unreadNotificationCount }".into(), Value::Null)
        }),
        ("notificationPreferences", false, SIGNED_IN, |_, _| {
            ("{ notificationPreferences { digest } }".into(), Value::Null)
        }),
        ("markNotificationRead", true, SIGNED_IN, |_, _| {
            on_nil(
                "markNotificationRead",
                "MarkNotificationReadInput",
                "notification { id }",
            )
        }),
        ("markAllNotificationsRead", true, SIGNED_IN, |_, _| {
            (
                "mutation { markAllNotificationsRead { count } }".into(),
                Value::Null,
            )
        }),
        ("updateNotificationPreferences", true, SIGNED_IN, |_, _| {
            (
                "mutation { updateNotificationPreferences(input: { digest: WEEKLY }) { preferences { digest } } }".into(),
                Value::Null,
            )
        }),
        // Destructive ones last: they end the caller's session.
        ("signOut", true, SIGNED_IN, |_, _| {
            (
                "mutation { signOut { revokedSessions } }".into(),
                Value::Null,
            )
        }),
        ("signOutEverywhere", true, SIGNED_IN, |_, _| {
            (
                "mutation { signOutEverywhere { revokedSessions } }".into(),
                Value::Null,
            )
        }),
    ]
}

/// Whether the response says the caller may not call the operation at all
/// (as opposed to failing for its input).
fn denied(body: &Value) -> bool {
    body["errors"].as_array().is_some_and(|errors| {
        errors.iter().any(|e| {
            let code = e["extensions"]["code"].as_str().unwrap_or_default();
            code == "FORBIDDEN"
                || (code == "UNAUTHENTICATED" && e["message"] == "sign in to do this")
        })
    })
}

async fn schema_fields(app: &TestApp, root: &str) -> BTreeSet<String> {
    let (_, body) = app
        .gql(
            &format!("{{ __type(name: \"{root}\") {{ fields {{ name }} }} }}"),
            Value::Null,
        )
        .await;
    body["data"]["__type"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_operation_allows_exactly_its_roles() {
    let app = TestApp::spawn().await;
    let ops = operations();

    let covered: BTreeSet<String> = ops.iter().map(|(name, ..)| name.to_string()).collect();
    let mut in_schema = schema_fields(&app, "Query").await;
    in_schema.extend(schema_fields(&app, "Mutation").await);
    assert_eq!(
        covered, in_schema,
        "every query and mutation needs a row in the matrix"
    );

    let mut principals: Vec<(&str, Option<Tokens>)> = vec![("ANONYMOUS", None)];
    for role in ROLES {
        let tokens = app
            .user_with_role(&format!("{}@example.com", role.to_lowercase()), role)
            .await;
        principals.push((role, Some(tokens)));
    }

    let mut actual: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut n = 0;
    for (principal, tokens) in &principals {
        for (name, _, _, call) in &ops {
            n += 1;
            let me = tokens
                .as_ref()
                .map(|t| t.user_id.as_str())
                .unwrap_or("00000000-0000-0000-0000-000000000000");
            let (query, variables) = call(me, &n.to_string());
            let (status, body) = match tokens {
                Some(tokens) => {
                    // signOutEverywhere runs on a session of its own, after
                    // signOut has ended the main one.
                    let token = if *name == "signOutEverywhere" {
                        app.sign_in(&format!("{}@example.com", principal.to_lowercase()))
                            .await
                            .access
                    } else {
                        tokens.access.clone()
                    };
                    app.gql_as(&token, &query, variables).await
                }
                None => app.gql(&query, variables).await,
            };
            assert_ne!(status, 500, "{principal} {name}: {body}");
            if !denied(&body) {
                actual.entry(name).or_default().insert(principal);
            }
        }
    }
    for (name, _, allowed, _) in &ops {
        let expected: BTreeSet<&str> = allowed.iter().copied().collect();
        assert_eq!(
            actual.remove(name).unwrap_or_default(),
            expected,
            "who may call {name}"
        );
    }
}
