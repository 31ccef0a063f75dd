//! Every kind of bad request gets the right status and a clear error,
//! never a panic or a 500 — and the server keeps serving afterwards.

use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

async fn json_body(response: reqwest::Response) -> (u16, Option<String>, Value) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.json().await.unwrap_or(Value::Null);
    (status, content_type, body)
}

#[tokio::test]
async fn malformed_json_is_400_without_data() {
    let app = TestApp::spawn().await;
    let (status, content_type, body) =
        json_body(app.post_raw(Some("application/json"), "{\"query\": ").await).await;
    assert_eq!(status, 400);
    assert!(
        content_type
            .unwrap()
            .starts_with("application/graphql-response+json")
    );
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn non_json_content_types_are_415() {
    let app = TestApp::spawn().await;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
    ] {
        let response = app
            .post_raw(Some(content_type), r#"{"query":"{ health }"}"#)
            .await;
        assert_eq!(response.status().as_u16(), 415, "{content_type}");
    }
}

#[tokio::test]
async fn post_without_content_type_is_4xx() {
    let app = TestApp::spawn().await;
    let response = app.post_raw(None, r#"{"query":"{ health }"}"#).await;
    assert_eq!(response.status().as_u16(), 415);
}

#[tokio::test]
async fn missing_or_mistyped_parameters_are_400() {
    let app = TestApp::spawn().await;
    for body in [
        json!({}),
        json!({ "query": 7 }),
        json!({ "query": "{ health }", "variables": "x" }),
        json!({ "query": "{ health }", "operationName": 1 }),
        json!({ "query": "{ health }", "extensions": [] }),
        json!("{ health }"),
        json!([]),
        json!([{ "query": "{ health }" }, { "query": 7 }]),
        json!([[{ "query": "{ health }" }]]),
    ] {
        let (status, _, response) = json_body(
            app.post_raw(Some("application/json"), body.to_string())
                .await,
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(codes(&response), ["BAD_USER_INPUT"], "{body}");
        assert!(response.get("data").is_none());
    }
}

#[tokio::test]
async fn batched_arrays_are_refused_with_a_clear_message() {
    let app = TestApp::spawn_with(&["--max-batch-size", "0"]).await;
    let (status, _, body) = json_body(
        app.post_raw(Some("application/json"), r#"[{"query":"{ health }"}]"#)
            .await,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("batched")
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("VELLUM_MAX_BATCH_SIZE")
    );
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[tokio::test]
async fn syntax_errors_are_400_with_parse_code() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql("{ health ", Value::Null).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_PARSE_FAILED"]);
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn legacy_json_clients_get_200_for_request_errors() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/json")
        .json(&json!({ "query": "{ nope }" }))
        .send()
        .await
        .unwrap();
    let (status, content_type, body) = json_body(response).await;
    assert_eq!(status, 200);
    assert!(content_type.unwrap().starts_with("application/json"));
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
}

#[tokio::test]
async fn unknown_fields_fail_validation_without_suggestions() {
    let app = TestApp::spawn().await;
    let (status, body) = app.gql("{ healt }", Value::Null).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("Did you mean"), "{message}");
}

#[tokio::test]
async fn unknown_operation_name_is_400() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
        .json(&json!({ "query": "query A { health }", "operationName": "B" }))
        .send()
        .await
        .unwrap();
    let (status, _, body) = json_body(response).await;
    assert_eq!(status, 400, "{body}");
    assert!(!codes(&body).is_empty());
    assert!(body.get("data").is_none());
}

#[tokio::test]
async fn variables_of_the_wrong_type_are_400() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .gql("query ($n: Int!) { health }", json!({ "n": "seven" }))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(codes(&body), ["GRAPHQL_VALIDATION_FAILED"]);
    let (status, body) = app.gql("query ($n: Int!) { health }", json!({})).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let app = TestApp::spawn_with(&["--body-limit", "4096"]).await;
    let padding = " ".repeat(8192);
    let body = format!(r#"{{"query":"{{ health }}{padding}"}}"#);
    // With a Content-Length the limit layer refuses before reading.
    let response = app.post_raw(Some("application/json"), body.clone()).await;
    assert_eq!(response.status().as_u16(), 413);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(codes(&answer), ["BAD_USER_INPUT"], "{answer}");
    // Streamed without a length, the limit trips while reading.
    let stream = futures_util::stream::iter(
        body.into_bytes()
            .chunks(1024)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let response = app
        .post_raw(Some("application/json"), reqwest::Body::wrap_stream(stream))
        .await;
    assert_eq!(response.status().as_u16(), 413);
    // And the server is still fine.
    let (status, body) = app.gql("{ health }", Value::Null).await;
    assert_eq!((status, &body["data"]["health"]), (200, &json!("ok")));
}

#[tokio::test]
async fn mutations_over_get_are_405() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { health }")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("GET, POST")
    );
    // The named operation decides, not the first one.
    let response = app
        .http
        .get(app.url("/graphql"))
        .query(&[
            ("query", "query Q { health } mutation M { health }"),
            ("operationName", "M"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
}

#[tokio::test]
async fn other_methods_are_405() {
    let app = TestApp::spawn().await;
    for method in [
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        let response = app
            .http
            .request(method.clone(), app.url("/graphql"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 405, "{method}");
    }
}

#[tokio::test]
async fn non_utf8_bytes_are_400() {
    let app = TestApp::spawn().await;
    let body: Vec<u8> = b"{\"query\":\"{ health \xff\xfe }\"}".to_vec();
    let (status, _, body) = json_body(app.post_raw(Some("application/json"), body).await).await;
    assert_eq!(status, 400);
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn unacceptable_accept_is_406() {
    let app = TestApp::spawn().await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "text/html")
        .json(&json!({ "query": "{ health }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 406);
}

#[tokio::test]
async fn get_without_query_is_400() {
    let app = TestApp::spawn().await;
    let response = app.http.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let response = app
        .http
        .get(app.url("/graphql"))
        .query(&[("query", "{ health }"), ("variables", "{not json")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
}

#[tokio::test]
async fn unknown_paths_are_404_json() {
    let app = TestApp::spawn().await;
    let (status, _, body) = json_body(app.http.get(app.url("/nope")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    assert_eq!(codes(&body), ["NOT_FOUND"]);
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_408_with_a_code() {
    let app = TestApp::spawn_with(&["--request-timeout-secs", "1"]).await;
    // A body that stops half-way for longer than the limit.
    let parts: Vec<&'static [u8]> = vec![br#"{"query":"#, br#""{ health }"}"#];
    let stream = futures_util::stream::unfold(parts.into_iter().enumerate(), |mut parts| async {
        let (i, part) = parts.next()?;
        if i > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        }
        Some((Ok::<_, std::io::Error>(part.to_vec()), parts))
    });
    let response = app
        .post_raw(Some("application/json"), reqwest::Body::wrap_stream(stream))
        .await;
    assert_eq!(response.status().as_u16(), 408);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(codes(&answer), ["TIMEOUT"], "{answer}");
}
