//! Schema-driven fuzzing of a real `vellum serve`: operations generated from
//! `schema.graphql` (every root query and mutation, random arguments of the
//! right shape and hostile values, random selections), sent anonymously and
//! as a SUPERADMIN, a few at a time. No answer may be a 5xx, carry an error
//! without `extensions.code` or coded `INTERNAL`, and the process must stay up.
//!
//! CI runs a fixed seed and a small budget; `script/fuzz` runs more cases
//! with a random seed (`VELLUM_FUZZ_CASES`, `VELLUM_FUZZ_SEED`).

mod generate;
mod schema;

use std::collections::BTreeMap;

use futures_util::future::join_all;
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use crate::fixtures::ServerProcess;
use crate::harness::PASSWORD;
use generate::{Generator, Operation};
use schema::SchemaIndex;

const ADMIN: &str = "fuzz-admin@example.com";
/// Requests in flight at once.
const PARALLEL: usize = 8;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one answer broke, if anything.
fn fault(status: u16, text: &str) -> Option<String> {
    if status >= 500 {
        return Some(format!("HTTP {status}"));
    }
    let Ok(body) = serde_json::from_str::<Value>(text) else {
        return Some(format!("HTTP {status} with a body that is not JSON"));
    };
    for error in body["errors"].as_array().into_iter().flatten() {
        match error["extensions"]["code"].as_str() {
            None => return Some(format!("an error without extensions.code: {error}")),
            Some("INTERNAL") => return Some(format!("INTERNAL: {error}")),
            Some(_) => {}
        }
    }
    None
}

async fn sign_in(client: &reqwest::Client, server: &ServerProcess) -> String {
    let mut last = Value::Null;
    for _ in 0..5 {
        let body: Value = client
            .post(server.url("/graphql"))
            .json(&json!({
                "query": "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }",
                "variables": { "i": { "email": ADMIN, "password": PASSWORD } },
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(token) = body["data"]["signIn"]["accessToken"].as_str() {
            return token.to_string();
        }
        let wait = body["errors"][0]["extensions"]["retryAfter"]
            .as_u64()
            .unwrap_or(1);
        tokio::time::sleep(std::time::Duration::from_secs(wait.min(30))).await;
        last = body;
    }
    panic!("the fuzz admin cannot sign in: {last}");
}

/// Sends one operation from its own client address; returns status and body.
async fn send(
    client: &reqwest::Client,
    server: &ServerProcess,
    operation: &Operation,
    token: Option<&str>,
    case: usize,
) -> (u16, String) {
    let mut request = client
        .post(server.url("/graphql"))
        .header(
            "x-forwarded-for",
            format!("10.9.{}.{}", case / 250 % 250, case % 250 + 1),
        )
        .json(&json!({ "query": operation.query, "variables": operation.variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            (status, response.text().await.unwrap_or_default())
        }
        Err(err) => (599, format!("no answer: {err}")),
    }
}

/// The start of a long text (a generated value can be 70 KB).
fn clip(text: &str) -> String {
    let mut clipped: String = text.chars().take(600).collect();
    if clipped.len() < text.len() {
        clipped.push('…');
    }
    clipped
}

/// Ids in an answer, to aim later arguments at things that exist.
fn ids_in(text: &str, into: &mut Vec<String>) {
    let Ok(body) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut stack = vec![&body["data"]];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s)
                if uuid::Uuid::parse_str(s).is_ok() && into.len() < 500 && !into.contains(s) =>
            {
                into.push(s.clone());
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_operations_never_crash_fail_with_5xx_or_internal() {
    let cases = setting("VELLUM_FUZZ_CASES", 1_200) as usize;
    let seed = setting("VELLUM_FUZZ_SEED", 20_261_206);
    let mut server = ServerProcess::start(
        &[
            "--requests-per-minute",
            "1000000",
            "--signups-per-hour",
            "1000000",
            "--trusted-proxies",
            "127.0.0.1",
        ],
        &[
            ("VELLUM_ADMIN_EMAIL", ADMIN),
            ("VELLUM_ADMIN_PASSWORD", PASSWORD),
        ],
    )
    .await;
    let schema = SchemaIndex::load();
    let mut generator = Generator::new(StdRng::seed_from_u64(seed), &schema);
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap();
    let mut token = sign_in(&client, &server).await;

    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut faults: Vec<String> = Vec::new();
    let mut case = 0;
    let mut token_rejected = false;
    while case < cases {
        let batch: Vec<(Operation, bool)> = (0..PARALLEL)
            .map(|i| {
                let root = if (case + i) % 3 == 0 {
                    "Mutation"
                } else {
                    "Query"
                };
                (generator.operation(root), (case + i) % 2 == 0)
            })
            .collect();
        let answers = join_all(batch.iter().enumerate().map(|(i, (operation, signed_in))| {
            let token = signed_in.then_some(token.as_str());
            send(&client, &server, operation, token, case + i)
        }))
        .await;
        for ((operation, signed_in), (status, text)) in batch.iter().zip(answers) {
            *statuses.entry(status).or_default() += 1;
            if let Ok(body) = serde_json::from_str::<Value>(&text) {
                for error in body["errors"].as_array().into_iter().flatten() {
                    let code = error["extensions"]["code"].as_str().unwrap_or("none");
                    token_rejected |= *signed_in && code == "UNAUTHENTICATED";
                    *codes.entry(code.to_string()).or_default() += 1;
                }
            }
            if let Some(what) = fault(status, &text) {
                faults.push(format!(
                    "{what}\n  signed in: {signed_in}\n  query: {}\n  variables: {}\n  answer: {}",
                    clip(&operation.query),
                    clip(&operation.variables.to_string()),
                    clip(&text)
                ));
            }
            ids_in(&text, &mut generator.known_ids);
        }
        case += PARALLEL;
        if case % 200 < PARALLEL {
            server.assert_alive();
            eprintln!("fuzz: {case} cases, {} faults so far", faults.len());
        }
        if token_rejected {
            // A generated mutation may have ended the admin's sessions.
            token = sign_in(&client, &server).await;
            token_rejected = false;
        }
    }
    server.assert_alive();
    eprintln!(
        "fuzz: {case} cases, seed {seed}; statuses {statuses:?}; codes {codes:?}; {} faults",
        faults.len()
    );
    assert!(
        faults.is_empty(),
        "{} of {case} generated operations failed (seed {seed}); the first:\n{}",
        faults.len(),
        faults
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
