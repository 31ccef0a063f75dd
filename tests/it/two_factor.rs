//! TOTP two-factor authentication over HTTP, with codes computed by
//! totp-rs like an authenticator app would.

use serde_json::{Value, json};
use totp_rs::{Algorithm, Builder, Secret};

use crate::harness::{PASSWORD, TestApp, codes};

pub(crate) fn code_at(secret: &str, offset_secs: i64) -> String {
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .with_account_name("test")
        .build()
        .unwrap();
    let at = u64::try_from(chrono::Utc::now().timestamp() + offset_secs).unwrap();
    totp.generate(at).to_string()
}

const CONFIRM: &str =
    "mutation($c: String!) { confirmTwoFactor(input: { code: $c }) { backupCodes } }";
const VERIFY: &str = "mutation($ch: String!, $c: String!) { verifyTwoFactor(input: { challenge: $ch, code: $c }) { accessToken } }";

/// Signs up and turns 2FA on; returns (access token, secret, backup codes).
pub(crate) async fn enrolled(app: &TestApp, email: &str) -> (String, String, Vec<String>) {
    let tokens = app.sign_up(email).await;
    let (_, body) = app
        .gql_as(
            &tokens.access,
            "mutation { setupTwoFactor { secret otpauthUrl qrCode } }",
            Value::Null,
        )
        .await;
    let setup = &body["data"]["setupTwoFactor"];
    let secret = setup["secret"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    assert!(
        setup["otpauthUrl"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Vellum:")
    );
    assert!(
        setup["qrCode"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,")
    );

    let (_, body) = app
        .gql_as(&tokens.access, CONFIRM, json!({ "c": "000000" }))
        .await;
    if body.get("errors").is_some() {
        assert_eq!(
            body["errors"][0]["extensions"]["field"], "input.code",
            "{body}"
        );
    }
    let (_, body) = app
        .gql_as(&tokens.access, CONFIRM, json!({ "c": code_at(&secret, 0) }))
        .await;
    let backup: Vec<String> = body["data"]["confirmTwoFactor"]["backupCodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(backup.len(), 10);
    (tokens.access, secret, backup)
}

async fn challenge(app: &TestApp, email: &str) -> String {
    let (_, body) = app
        .gql(
            "mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { twoFactorRequired challenge accessToken } }",
            json!({ "e": email, "p": PASSWORD }),
        )
        .await;
    let payload = &body["data"]["signIn"];
    assert_eq!(payload["twoFactorRequired"], true, "{body}");
    assert!(payload["accessToken"].is_null());
    body["data"]["signIn"]["challenge"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn sign_in_asks_for_the_second_factor_and_codes_work_once() {
    let app = TestApp::spawn().await;
    let (_, secret, _) = enrolled(&app, "ada@example.com").await;
    let challenge = self::challenge(&app, "ada@example.com").await;

    // The confirmation spent its window's step, and with it every earlier
    // one: the previous window's code is refused whether or not a 30 s
    // boundary passed since. The next window's code (within the ±1 skew)
    // is fresh.
    let (_, body) = app
        .gql(
            VERIFY,
            json!({ "ch": challenge, "c": code_at(&secret, -30) }),
        )
        .await;
    assert_eq!(
        codes(&body),
        ["BAD_USER_INPUT"],
        "a spent step is refused: {body}"
    );
    let next = code_at(&secret, 30);
    let (_, body) = app.gql(VERIFY, json!({ "ch": challenge, "c": next })).await;
    let access = body["data"]["verifyTwoFactor"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    assert_eq!(
        app.gql_as(&access, "{ me { id } }", Value::Null).await.0,
        200
    );

    // The challenge is single-use, and the same code cannot be replayed.
    let (_, body) = app.gql(VERIFY, json!({ "ch": challenge, "c": next })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.challenge",
        "{body}"
    );
    let fresh = self::challenge(&app, "ada@example.com").await;
    let (_, body) = app.gql(VERIFY, json!({ "ch": fresh, "c": next })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.code",
        "replayed TOTP: {body}"
    );
}

#[tokio::test]
async fn backup_codes_work_once_and_challenges_allow_five_tries() {
    let app = TestApp::spawn().await;
    let (_, _, backup) = enrolled(&app, "ada@example.com").await;

    let first = challenge(&app, "ada@example.com").await;
    let (_, body) = app
        .gql(
            VERIFY,
            json!({ "ch": first, "c": backup[0].to_uppercase() }),
        )
        .await;
    assert!(
        body["data"]["verifyTwoFactor"]["accessToken"].is_string(),
        "{body}"
    );
    let second = challenge(&app, "ada@example.com").await;
    let (_, body) = app
        .gql(VERIFY, json!({ "ch": second, "c": backup[0] }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.code",
        "{body}"
    );

    // Five wrong tries burn the challenge, even for a right code after.
    let third = challenge(&app, "ada@example.com").await;
    for _ in 0..5 {
        let (_, body) = app.gql(VERIFY, json!({ "ch": third, "c": "123456" })).await;
        assert_eq!(body["errors"][0]["extensions"]["field"], "input.code");
    }
    let (_, body) = app
        .gql(VERIFY, json!({ "ch": third, "c": backup[1] }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.challenge",
        "{body}"
    );
    let attempts = app
        .sql_strings("SELECT attempts::text AS value FROM two_factor_challenges ORDER BY created_at DESC LIMIT 1")
        .await;
    assert_eq!(attempts, ["5"]);

    // An expired challenge is refused.
    let fourth = challenge(&app, "ada@example.com").await;
    app.sql("UPDATE two_factor_challenges SET expires_at = now() - interval '1 second' WHERE used_at IS NULL").await;
    let (_, body) = app
        .gql(VERIFY, json!({ "ch": fourth, "c": backup[1] }))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.challenge");
    let stored = app
        .sql_strings("SELECT encode(code_hash, 'hex') AS value FROM backup_codes")
        .await;
    assert_eq!(stored.len(), 10);
    assert!(
        stored.iter().all(|h| h.len() == 64),
        "codes are stored hashed"
    );
}

#[tokio::test]
async fn disabling_and_admin_reset() {
    let app = TestApp::spawn().await;
    let (access, secret, backup) = enrolled(&app, "ada@example.com").await;
    let regenerate =
        "mutation($c: String!) { regenerateBackupCodes(input: { code: $c }) { backupCodes } }";
    let (_, body) = app
        .gql_as(&access, regenerate, json!({ "c": backup[2] }))
        .await;
    let fresh: Vec<String> = body["data"]["regenerateBackupCodes"]["backupCodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let enabled = "{ me { twoFactorEnabled } }";
    let (_, body) = app.gql_as(&access, enabled, Value::Null).await;
    assert_eq!(body["data"]["me"]["twoFactorEnabled"], true, "{body}");
    let disable = "mutation($c: String!) { disableTwoFactor(input: { code: $c }) { ok } }";
    let (_, body) = app
        .gql_as(&access, disable, json!({ "c": backup[3] }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.code",
        "old codes died: {body}"
    );
    let (_, body) = app.gql_as(&access, disable, json!({ "c": fresh[0] })).await;
    assert_eq!(body["data"]["disableTwoFactor"]["ok"], true, "{body}");
    let (_, body) = app.gql_as(&access, enabled, Value::Null).await;
    assert_eq!(body["data"]["me"]["twoFactorEnabled"], false, "{body}");
    let body = app.sign_in_raw("ada@example.com", PASSWORD).await;
    assert_eq!(body["data"]["signIn"]["twoFactorRequired"], false);
    let _ = secret;

    // An admin resets a locked-out user's 2FA: their sessions end too.
    let (bob_access, _, _) = enrolled(&app, "bob@example.com").await;
    let bob_id = app
        .sql_strings("SELECT id::text AS value FROM users WHERE email = 'bob@example.com'")
        .await;
    let reset = "mutation($id: UUID!) { resetUserTwoFactor(input: { userId: $id }) { ok } }";
    let (_, body) = app.gql_as(&access, reset, json!({ "id": bob_id[0] })).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let (_, body) = app
        .gql_as(&admin.access, reset, json!({ "id": bob_id[0] }))
        .await;
    assert_eq!(body["data"]["resetUserTwoFactor"]["ok"], true, "{body}");
    assert_eq!(
        app.gql_as(&bob_access, "{ me { id } }", Value::Null)
            .await
            .0,
        401
    );
    let body = app.sign_in_raw("bob@example.com", PASSWORD).await;
    assert_eq!(body["data"]["signIn"]["twoFactorRequired"], false);
    let actions = app
        .sql_strings("SELECT action AS value FROM audit_log WHERE action LIKE 'auth.two_factor%' OR action = 'auth.backup_codes_regenerated' ORDER BY occurred_at")
        .await;
    assert_eq!(
        actions,
        [
            "auth.two_factor_enabled",
            "auth.backup_codes_regenerated",
            "auth.two_factor_disabled",
            "auth.two_factor_enabled",
            "auth.two_factor_reset"
        ]
    );
}

#[tokio::test]
async fn admins_can_be_required_to_use_two_factor() {
    let app = TestApp::spawn_with(&["--require-admin-2fa", "true"]).await;
    let admin = app.user_with_role("admin@example.com", "ADMIN").await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let users = "{ users(first: 1) { edges { cursor } } }";
    let (_, body) = app.gql_as(&admin.access, users, Value::Null).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("two-factor")
    );
    // Editors are not admins: unaffected.
    let (_, body) = app.gql_as(&editor.access, users, Value::Null).await;
    assert!(body.get("errors").is_none(), "{body}");

    // The admin can still see itself and set 2FA up; then its role applies.
    assert_eq!(
        app.gql_as(&admin.access, "{ me { id } }", Value::Null)
            .await
            .0,
        200
    );
    let (_, body) = app
        .gql_as(
            &admin.access,
            "mutation { setupTwoFactor { secret } }",
            Value::Null,
        )
        .await;
    let secret = body["data"]["setupTwoFactor"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, body) = app
        .gql_as(&admin.access, CONFIRM, json!({ "c": code_at(&secret, 0) }))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app.gql_as(&admin.access, users, Value::Null).await;
    assert!(body.get("errors").is_none(), "{body}");
}
