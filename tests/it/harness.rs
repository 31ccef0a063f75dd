//! `TestApp`: a real Vellum on a real database, and a small typed client.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use clap::Parser;
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{OnceCell, oneshot};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use vellum::App;
use vellum::config::{Config, ConfigArgs};
use vellum::db::embedded::EmbeddedPostgres;

/// The PostgreSQL server the tests run against.
struct Server {
    /// Makes the URL of a database on this server.
    base: UrlMaker,
    template: String,
}

enum UrlMaker {
    Embedded(Box<EmbeddedPostgres>),
    External(String),
}

impl UrlMaker {
    fn url_for(&self, database: &str) -> String {
        match self {
            Self::Embedded(pg) => pg.url_for(database),
            Self::External(url) => {
                // Replace the path (database name), keep the query string.
                let (head, query) = url
                    .split_once('?')
                    .map_or((url.as_str(), None), |(h, q)| (h, Some(q)));
                let without_db = match head.rfind('/') {
                    Some(i) if i > head.find("://").map_or(0, |j| j + 2) => &head[..i],
                    _ => head,
                };
                match query {
                    Some(q) => format!("{without_db}/{database}?{q}"),
                    None => format!("{without_db}/{database}"),
                }
            }
        }
    }
}

static SERVER: OnceCell<Server> = OnceCell::const_new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

async fn admin_conn(server: &UrlMaker) -> AsyncPgConnection {
    AsyncPgConnection::establish(&server.url_for("postgres"))
        .await
        .expect("connect to the maintenance database")
}

/// Drops databases left by earlier runs whose process is gone.
async fn drop_stale_databases(conn: &mut AsyncPgConnection) {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'vt\\_%' OR datname LIKE 'vtpl\\_%'",
    )
    .load(conn)
    .await
    .expect("list test databases");
    for row in rows {
        let pid = row
            .datname
            .split('_')
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| PathBuf::from(format!("/proc/{pid}")).exists());
        if !alive || pid == Some(std::process::id()) {
            let _ = conn
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    row.datname
                ))
                .await;
        }
    }
}

async fn server() -> &'static Server {
    SERVER
        .get_or_init(|| async {
            let external = std::env::var("VELLUM_TEST_DATABASE_URL")
                .or_else(|_| std::env::var("DATABASE_URL"))
                .ok()
                .filter(|u| !u.is_empty());
            let base = match external {
                Some(url) => UrlMaker::External(url),
                None => {
                    // Under /tmp so the `postgres` user can reach it when
                    // tests run as root; kept between runs to save initdb.
                    let uid = nix::unistd::geteuid();
                    let dir = std::env::temp_dir().join(format!("vellum-test-pg-{uid}"));
                    let pg = EmbeddedPostgres::start(&dir, "postgres")
                        .await
                        .expect("start the embedded test cluster");
                    UrlMaker::Embedded(Box::new(pg))
                }
            };
            let mut conn = admin_conn(&base).await;
            drop_stale_databases(&mut conn).await;
            let template = format!("vtpl_{}", std::process::id());
            conn.batch_execute(&format!("CREATE DATABASE \"{template}\""))
                .await
                .expect("create the template database");
            vellum::db::migrate(&base.url_for(&template))
                .await
                .expect("migrate the template database");
            Server { base, template }
        })
        .await
}

/// A fresh database cloned from the migrated template; returns its URL.
pub async fn fresh_database() -> String {
    let server = server().await;
    let name = format!(
        "vt_{}_{}",
        std::process::id(),
        NEXT_DB.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = admin_conn(&server.base).await;
    conn.batch_execute(&format!(
        "CREATE DATABASE \"{name}\" TEMPLATE \"{}\"",
        server.template
    ))
    .await
    .expect("clone the template database");
    server.base.url_for(&name)
}

/// Runs SQL on the test server's maintenance database (`postgres`), for
/// what cannot run inside a test's own database (refusing connections to it).
pub async fn admin_sql(sql: &str) {
    let server = server().await;
    admin_conn(&server.base)
        .await
        .batch_execute(sql)
        .await
        .expect("admin SQL runs");
}

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    config: ConfigArgs,
}

/// Test configuration from CLI-style flags (defaults otherwise).
pub fn config(flags: &[&str]) -> Config {
    let mut argv = vec!["vellum", "--addr", "127.0.0.1:0"];
    argv.extend_from_slice(flags);
    Args::try_parse_from(argv)
        .expect("test flags parse")
        .config
        .validate()
        .expect("test config validates")
}

/// A running Vellum.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db_url: String,
    /// This app's data dir (its JWT secret, its mail under `mail/`).
    pub data_dir: PathBuf,
    pub http: reqwest::Client,
    /// The app's content service, for driving the scheduler with an
    /// injected clock.
    pub content: vellum::content::service::ContentService,
    /// The app's email outbox, for driving its worker with an injected clock.
    pub outbox: vellum::mail::outbox::Outbox,
    /// The app's notification digest job, for running it with an injected clock.
    pub digest: vellum::notifications::digest::DigestService,
    /// The app's connection pool, for tests that hold its connections.
    pub db: vellum::db::Db,
    /// The app's first-run setup, for issuing its token as `serve` does.
    pub setup: vellum::SetupService,
    _data: tempfile::TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    /// Vellum with the default configuration.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Vellum with extra flags, e.g. `&["--max-depth", "3"]`.
    pub async fn spawn_with(flags: &[&str]) -> Self {
        Self::spawn_on(fresh_database().await, flags).await
    }

    /// A second Vellum process on this one's database (two instances of
    /// one deployment).
    pub async fn sibling(&self) -> Self {
        self.sibling_with(&[]).await
    }

    /// A second Vellum process on this one's database, with extra flags.
    pub async fn sibling_with(&self, flags: &[&str]) -> Self {
        // The same data dir: one deployment shares its signing secret.
        let dir = self.data_dir.to_str().expect("UTF-8 data dir").to_string();
        let mut flags = flags.to_vec();
        flags.extend(["--data-dir", &dir]);
        Self::spawn_on(self.db_url.clone(), &flags).await
    }

    async fn spawn_on(db_url: String, flags: &[&str]) -> Self {
        // A data dir of its own, so mail and keys never mix between tests.
        let data = tempfile::tempdir().expect("a temporary data dir");
        let data_flag = data.path().to_str().expect("UTF-8 temp dir").to_string();
        let mut flags = flags.to_vec();
        if !flags.contains(&"--data-dir") {
            flags.extend(["--data-dir", &data_flag]);
        }
        let config = config(&flags);
        let data_dir = config.data_dir.clone();
        let app = App::build(config, &db_url).await.expect("app builds");
        let content = app.content().clone();
        let outbox = app.outbox().clone();
        let digest = app.digest().clone();
        let db = app.db().clone();
        let setup = app.setup().clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let addr = listener.local_addr().expect("local addr");
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async move {
            let _ = rx.await;
        }));
        Self {
            addr,
            db_url,
            data_dir,
            content,
            outbox,
            digest,
            db,
            setup,
            _data: data,
            http: reqwest::Client::builder()
                .no_gzip()
                .build()
                .expect("http client"),
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs a GraphQL request as `application/json`, accepting the
    /// GraphQL response media type; returns status and body (see
    /// `TestApp::send` for a typed reader).
    pub async fn gql(&self, query: &str, variables: Value) -> (u16, Value) {
        self.send(None, query, variables).await.into()
    }

    /// A raw POST to `/graphql`.
    pub async fn post_raw(
        &self,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(self.url("/graphql"))
            .header("accept", vellum::http::GRAPHQL_RESPONSE_JSON)
            .body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send().await.expect("request sent")
    }

    /// An upgrade request to `/graphql` for graphql-transport-ws, with
    /// extra headers.
    fn ws_request(
        &self,
        headers: &[(&str, &str)],
    ) -> tokio_tungstenite::tungstenite::handshake::client::Request {
        let mut request = format!("ws://{}/graphql", self.addr)
            .into_client_request()
            .expect("ws request");
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().expect("header"),
        );
        for (name, value) in headers {
            request.headers_mut().insert(
                tokio_tungstenite::tungstenite::http::HeaderName::from_bytes(name.as_bytes())
                    .expect("header name"),
                value.parse().expect("header value"),
            );
        }
        request
    }

    /// Opens a graphql-transport-ws connection and completes the handshake.
    pub async fn ws(&self) -> WsClient {
        self.ws_with(json!({})).await
    }

    /// A connection authenticated with a bearer token in connection_init.
    pub async fn ws_as(&self, token: &str) -> WsClient {
        self.ws_with(json!({ "authorization": format!("Bearer {token}") }))
            .await
    }

    /// The WebSocket upgrade alone, with extra headers (`Origin`,
    /// `Cookie`); an HTTP refusal is the error.
    pub async fn ws_handshake(
        &self,
        headers: &[(&str, &str)],
    ) -> Result<WsClient, tokio_tungstenite::tungstenite::Error> {
        let (socket, _) = tokio_tungstenite::connect_async(self.ws_request(headers)).await?;
        Ok(WsClient {
            socket,
            pending: Default::default(),
        })
    }

    /// A connection whose connection_init carries `payload`.
    pub async fn ws_with(&self, payload: Value) -> WsClient {
        let (socket, response) = tokio_tungstenite::connect_async(self.ws_request(&[]))
            .await
            .expect("websocket connects");
        assert_eq!(
            response
                .headers()
                .get("sec-websocket-protocol")
                .and_then(|v| v.to_str().ok()),
            Some("graphql-transport-ws")
        );
        let mut client = WsClient {
            socket,
            pending: Default::default(),
        };
        client
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        let ack = client.next_json().await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        client
    }

    /// Starts a graceful shutdown and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server ran");
        }
    }
}

/// A graphql-transport-ws client over a real WebSocket.
pub struct WsClient {
    pub socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    /// Messages read while waiting for something else, served first.
    pub pending: std::collections::VecDeque<Value>,
}

impl WsClient {
    pub async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("ws send");
    }

    /// The next frame, within 15 seconds (generous: a loaded CI box can
    /// take seconds to deliver an event; a passing test never waits it out).
    pub async fn next_frame(&mut self) -> Option<Message> {
        tokio::time::timeout(std::time::Duration::from_secs(15), self.socket.next())
            .await
            .expect("a frame within 15 s")
            .map(|m| m.expect("ws frame"))
    }

    /// Starts a subscription and waits until the server runs it (a query
    /// sent after it on the same socket has answered).
    pub async fn subscribe(&mut self, id: &str, query: &str) {
        self.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query } }))
            .await;
        self.send(
            json!({ "id": "sync", "type": "subscribe", "payload": { "query": "{ health }" } }),
        )
        .await;
        loop {
            let message = self.read_json().await;
            if message["id"] == "sync" {
                if message["type"] == "complete" {
                    break;
                }
            } else {
                self.pending.push_back(message);
            }
        }
        // The subscription's resolver runs when its stream is first polled,
        // which the server does in the same pass as the query above.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    /// The next `next` payload of subscription `id` (other ids skipped).
    pub async fn next_event(&mut self, id: &str) -> Value {
        loop {
            let message = self.next_json().await;
            if message["id"] == id {
                assert_eq!(message["type"], "next", "{message}");
                return message["payload"].clone();
            }
        }
    }

    /// Asserts nothing arrives for `id` within `millis`.
    pub async fn assert_quiet(&mut self, id: &str, millis: u64) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(millis);
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return;
            }
            match tokio::time::timeout(left, self.socket.next()).await {
                Err(_) => return,
                Ok(Some(Ok(Message::Text(text)))) => {
                    let message: Value = serde_json::from_str(&text).expect("JSON frame");
                    assert_ne!(message["id"], id, "expected nothing, got {message}");
                }
                Ok(Some(Ok(_))) => {}
                Ok(other) => panic!("socket ended: {other:?}"),
            }
        }
    }

    /// The next message as JSON: one read earlier and kept, or a new one.
    pub async fn next_json(&mut self) -> Value {
        match self.pending.pop_front() {
            Some(message) => message,
            None => self.read_json().await,
        }
    }

    /// The next text frame from the socket as JSON.
    async fn read_json(&mut self) -> Value {
        loop {
            match self.next_frame().await {
                Some(Message::Text(text)) => {
                    let message: Value = serde_json::from_str(&text).expect("JSON frame");
                    // The server's keep-alive pings (VELLUM_WS_KEEPALIVE).
                    if message["type"] != "ping" {
                        return message;
                    }
                }
                Some(Message::Ping(_) | Message::Pong(_)) => {}
                other => panic!("expected a text frame, got {other:?}"),
            }
        }
    }
}

/// The error codes of a GraphQL response body.
pub fn codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Tokens from signUp/signIn/refreshSession.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
    pub user_id: String,
}

impl Tokens {
    fn from_payload(payload: &Value) -> Self {
        Self {
            access: payload["accessToken"]
                .as_str()
                .expect("accessToken")
                .to_string(),
            refresh: payload["refreshToken"]
                .as_str()
                .expect("refreshToken")
                .to_string(),
            user_id: payload["user"]["id"].as_str().expect("user.id").to_string(),
        }
    }
}

/// A password every test user has.
pub const PASSWORD: &str = "correct horse battery staple";

const TOKEN_FIELDS: &str = "accessToken refreshToken expiresAt user { id email }";

impl TestApp {
    /// POSTs a GraphQL request with a bearer token.
    pub async fn gql_as(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        self.send(Some(token), query, variables).await.into()
    }

    /// Signs up a new account (VIEWER) and returns its tokens: `signUp`,
    /// then `completeSignUp` with the token of the welcome mail's link (read
    /// from the outbox, so no mail worker is needed).
    pub async fn sign_up(&self, email: &str) -> Tokens {
        let (status, body) = self
            .gql(
                "mutation($i: SignUpInput!) { signUp(input: $i) { ok } }",
                json!({ "i": { "email": email, "password": PASSWORD, "displayName": "Test User" } }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        self.complete_sign_up(email).await
    }

    /// Follows the newest sign-up link queued for `email`; returns the tokens.
    pub async fn complete_sign_up(&self, email: &str) -> Tokens {
        let token = self.sign_up_token(email).await;
        let (status, body) = self
            .gql(
                &format!(
                    "mutation($i: CompleteSignUpInput!) {{ completeSignUp(input: $i) {{ {TOKEN_FIELDS} }} }}"
                ),
                json!({ "i": { "token": token } }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        Tokens::from_payload(&body["data"]["completeSignUp"])
    }

    /// The token of the newest sign-up link queued for `email`.
    pub async fn sign_up_token(&self, email: &str) -> String {
        let texts = self
            .sql_strings(&format!(
                "SELECT text AS value FROM email_outbox WHERE to_address = '{}' \
                 AND template = 'welcome' ORDER BY created_at DESC LIMIT 1",
                email.to_lowercase().replace('\'', "''")
            ))
            .await;
        let text = texts.first().expect("a welcome mail with a sign-up link");
        let start = text.find("?token=").expect("a link with a token") + "?token=".len();
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// Signs in; returns the raw response body.
    pub async fn sign_in_raw(&self, email: &str, password: &str) -> Value {
        self.gql(
            &format!(
                "mutation($i: SignInInput!) {{ signIn(input: $i) {{ twoFactorRequired {TOKEN_FIELDS} }} }}"
            ),
            json!({ "i": { "email": email, "password": password } }),
        )
        .await
        .1
    }

    /// Signs in and returns tokens.
    pub async fn sign_in(&self, email: &str) -> Tokens {
        let body = self.sign_in_raw(email, PASSWORD).await;
        assert!(body.get("errors").is_none(), "{body}");
        Tokens::from_payload(&body["data"]["signIn"])
    }

    /// Trades a refresh token; returns the raw response body.
    pub async fn refresh_raw(&self, refresh: &str) -> Value {
        self.gql(
            &format!(
                "mutation($i: RefreshSessionInput!) {{ refreshSession(input: $i) {{ {TOKEN_FIELDS} }} }}"
            ),
            json!({ "i": { "refreshToken": refresh } }),
        )
        .await
        .1
    }

    /// Runs SQL against this test's database (fixtures and checks).
    pub async fn sql(&self, sql: &str) {
        let mut conn = AsyncPgConnection::establish(&self.db_url)
            .await
            .expect("connect to the test database");
        conn.batch_execute(sql).await.expect("fixture SQL runs");
    }

    /// A single text column from a query against this test's database.
    pub async fn sql_strings(&self, sql: &str) -> Vec<String> {
        use diesel_async::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            value: String,
        }
        let mut conn = AsyncPgConnection::establish(&self.db_url)
            .await
            .expect("connect to the test database");
        diesel::sql_query(sql)
            .load::<Row>(&mut conn)
            .await
            .expect("query runs")
            .into_iter()
            .map(|r| r.value)
            .collect()
    }
}

/// One email the app wrote with its file transport, parsed.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The decoded `To` header.
    pub to: String,
    pub subject: String,
    /// The MIME type of the top-level body.
    pub content_type: String,
    /// The decoded `text/plain` part.
    pub text: String,
    /// The decoded `text/html` part.
    pub html: String,
    /// Every top-level header, decoded, in order.
    pub headers: Vec<(String, String)>,
}

impl Mail {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn parse(raw: &[u8]) -> Self {
        use mailparse::MailHeaderMap;
        let parsed = mailparse::parse_mail(raw).expect("a parsable .eml");
        let part = |mime: &str| {
            parsed
                .subparts
                .iter()
                .find(|p| p.ctype.mimetype == mime)
                .map(|p| p.get_body().expect("a decodable part"))
                .unwrap_or_default()
        };
        Self {
            to: parsed.headers.get_first_value("To").unwrap_or_default(),
            subject: parsed
                .headers
                .get_first_value("Subject")
                .unwrap_or_default(),
            content_type: parsed.ctype.mimetype.clone(),
            text: part("text/plain"),
            html: part("text/html"),
            headers: parsed
                .headers
                .iter()
                .map(|h| (h.get_key(), h.get_value()))
                .collect(),
        }
    }

    /// The value of `token=` in the first link to `path` in the text part.
    pub fn token(&self, path: &str) -> String {
        let start = self
            .text
            .find(&format!("{path}?token="))
            .unwrap_or_else(|| panic!("no {path} link in: {}", self.text))
            + path.len()
            + "?token=".len();
        self.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }
}

impl TestApp {
    /// Every email written so far (`<data dir>/mail/*.eml`), oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        let Ok(dir) = std::fs::read_dir(self.data_dir.join("mail")) else {
            return Vec::new();
        };
        let mut files: Vec<_> = dir
            .map(|entry| entry.expect("a mail dir entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .map(|path| {
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime");
                (modified, path)
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(_, path)| Mail::parse(&std::fs::read(path).expect("read .eml")))
            .collect()
    }

    /// The emails to `address`, oldest first.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.mails()
            .into_iter()
            .filter(|mail| mail.to.contains(&format!("<{address}>")) || mail.to == address)
            .collect()
    }

    /// Waits (up to 10 s: some mail is sent in the background) until
    /// `count` emails to `address` exist; returns the newest.
    pub async fn wait_for_mail(&self, address: &str, count: usize) -> Mail {
        for _ in 0..200 {
            let mut mails = self.mails_to(address);
            if mails.len() >= count {
                return mails.pop().expect("a mail");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} mail(s) to {address}, have {:?}",
            self.mails()
                .iter()
                .map(|m| (&m.to, &m.subject))
                .collect::<Vec<_>>()
        );
    }
}
