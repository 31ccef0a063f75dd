//! GraphQL subscriptions over WebSocket (graphql-transport-ws) on `/graphql`.
//!
//! A connection authenticates with `{"authorization": "Bearer ..."}` in
//! connection_init or, from a browser, with the session cookie. Browsers
//! send cookies on cross-site WebSocket handshakes too, so a socket whose
//! `Origin` is not allowed is closed with 4403 before anything else, and
//! none of its messages is read.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::Data;
use async_graphql::http::{WebSocket as GraphQLWebSocket, WebSocketProtocols, WsMessage};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt, future};

use super::AppState;
use crate::apikeys::service::ApiKeyService;
use crate::context::RequestMeta;
use crate::graphql::observe::RequestId;
use crate::rbac::principal::Principal;

/// The one subprotocol we speak.
const PROTOCOL: &str = "graphql-transport-ws";

/// Close code for "going away": the server is shutting down.
const GOING_AWAY: u16 = 1001;
/// Close code for a frame that breaks the WebSocket protocol.
const PROTOCOL_ERROR: u16 = 1002;
/// Close code for a message over the size limit.
const MESSAGE_TOO_BIG: u16 = 1009;
/// graphql-transport-ws close code for a message it cannot understand.
const INVALID_MESSAGE: u16 = 4400;
/// graphql-transport-ws close code for a refused connection_init.
const FORBIDDEN: u16 = 4403;
/// graphql-transport-ws close code for a connection_init that never came.
const INIT_TIMEOUT: u16 = 4408;
/// How a refused connection_init's message starts, to tell it from 4400.
const FORBIDDEN_PREFIX: &str = "Forbidden: ";
/// Largest message a socket from a refused origin may send: a close frame.
const REFUSED_MAX_MESSAGE: usize = 1024;
/// How long a socket from a refused origin has to answer our close.
const REFUSED_CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads `{"authorization": "Bearer <token>"}` from connection_init; no
/// token means anonymous, a bad one refuses the connection.
async fn authenticate(
    auth: ApiKeyService,
    db: crate::db::Db,
    cookie_token: Option<String>,
    payload: serde_json::Value,
) -> async_graphql::Result<Data> {
    let token = payload
        .as_object()
        .and_then(|p| {
            p.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        })
        .and_then(|(_, v)| v.as_str())
        .or(cookie_token.as_deref());
    let principal = match token {
        None => Principal::Anonymous,
        Some(value) => {
            let token = value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
                .unwrap_or(value)
                .trim();
            auth.authenticate_bearer(token).await.map_err(|_| {
                async_graphql::Error::new(format!(
                    "{FORBIDDEN_PREFIX}invalid or expired access token"
                ))
            })?
        }
    };
    let mut data = Data::default();
    crate::graphql::request_loaders(&mut data, &db, &principal);
    data.insert(principal);
    Ok(data)
}

/// Accepts the upgrade if the client speaks graphql-transport-ws.
pub fn upgrade(
    state: AppState,
    headers: &HeaderMap,
    peer: Option<std::net::SocketAddr>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let speaks_protocol = headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim() == PROTOCOL);
    if !speaks_protocol {
        return (
            StatusCode::BAD_REQUEST,
            "WebSocket clients must request the graphql-transport-ws subprotocol",
        )
            .into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN)
        && !super::origin::allowed(&state.config, origin)
    {
        // A refused handshake reaches a page's script as a bare error
        // event; a close frame's reason is something it can show.
        tracing::info!(?origin, "closing a WebSocket from an origin not allowed");
        let reason = super::origin::refusal_reason(origin);
        return upgrade
            .protocols([PROTOCOL])
            .max_message_size(REFUSED_MAX_MESSAGE)
            .max_frame_size(REFUSED_MAX_MESSAGE)
            .read_buffer_size(REFUSED_MAX_MESSAGE)
            .on_upgrade(move |socket| refuse(socket, reason));
    }
    let cookie_token = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| crate::auth::cookies::cookie(h, crate::auth::cookies::ACCESS_COOKIE))
        .map(str::to_owned);
    let request_id = headers
        .get(super::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let meta =
        super::client::request_meta(headers, peer, &state.config.trusted_proxies, &request_id);
    let max = state.config.ws_max_message;
    upgrade
        .protocols([PROTOCOL])
        .max_message_size(max)
        .max_frame_size(max)
        // tungstenite zero-fills its whole read buffer on every read
        // (snapview/tungstenite-rs#547); at the default 128 KiB that was
        // most of a connection's memory and half the CPU of a fan-out.
        // Clients send little (subscribe, pong, complete); a larger
        // message is read in several chunks.
        .read_buffer_size(4 * 1024)
        .on_upgrade(move |socket| serve(socket, state, request_id, meta, cookie_token))
}

/// Closes a socket from an origin not allowed with 4403 and `reason`.
/// What the peer sends is read only to be dropped; its close frame, awaited a few
/// seconds, lets the close be a clean one the browser reports with its code.
async fn refuse(mut socket: WebSocket, reason: String) {
    let close = Message::Close(Some(CloseFrame {
        code: FORBIDDEN,
        reason: reason.into(),
    }));
    if socket.send(close).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(REFUSED_CLOSE_WAIT, async {
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
}

/// The subscriptions a connection runs, to cap them.
#[derive(Default)]
struct Active(Mutex<HashSet<String>>);

impl Active {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Whether a message is graphql-transport-ws's `connection_init`.
fn is_connection_init(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(rename = "type", borrow)]
        kind: std::borrow::Cow<'a, str>,
    }
    serde_json::from_slice::<Head<'_>>(bytes).is_ok_and(|head| head.kind == "connection_init")
}

/// The id and type of a graphql-transport-ws message, if it has them.
fn id_and_type(text: &str) -> Option<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Head {
        id: Option<String>,
        #[serde(rename = "type")]
        kind: String,
    }
    let head: Head = serde_json::from_str(text).ok()?;
    Some((head.id?, head.kind))
}

async fn serve(
    socket: WebSocket,
    state: AppState,
    request_id: String,
    meta: RequestMeta,
    cookie_token: Option<String>,
) {
    let (mut sink, stream) = socket.split();
    let cap = state.config.ws_max_subscriptions;
    let active = Arc::new(Active::default());
    let counted = active.clone();
    // Refusals of subscriptions over the cap go out beside the schema's
    // own messages.
    let (refusals, mut refused) = tokio::sync::mpsc::unbounded_channel::<String>();
    // A read error (malformed frame, oversized message) ends this socket
    // only, with a close frame that says why.
    let read_error: Arc<Mutex<Option<u16>>> = Arc::default();
    let seen_error = read_error.clone();
    // A socket that never sends connection_init is closed with 4408 after
    // VELLUM_WS_INIT_TIMEOUT instead of holding a descriptor forever.
    let init_seen = Arc::new(AtomicBool::new(false));
    let saw_init = init_seen.clone();
    // Trusted documents and persisted hashes hold here as over HTTP.
    let documents = Arc::new(SubscribeDocuments {
        store: state.persisted.clone(),
        mode: state.config.persisted_queries,
        limits: crate::graphql::limits::DocumentLimits::new(&state.config.limits),
        active: active.clone(),
        refusals: refusals.clone(),
    });
    let input = stream
        .take_while(move |message| {
            if let Err(err) = message {
                tracing::debug!(error = %err, "closing a WebSocket after a read error");
                let code = if err.to_string().contains("too long") {
                    MESSAGE_TOO_BIG
                } else {
                    PROTOCOL_ERROR
                };
                *seen_error
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(code);
            }
            future::ready(message.is_ok())
        })
        .filter_map(|message| {
            future::ready(match message {
                Ok(Message::Text(text)) => Some(axum::body::Bytes::from(text)),
                Ok(Message::Binary(bytes)) => Some(bytes),
                _ => None,
            })
        })
        .inspect(move |bytes| {
            if !saw_init.load(Ordering::Relaxed) && is_connection_init(bytes) {
                saw_init.store(true, Ordering::Relaxed);
            }
        })
        .filter(move |bytes| {
            let pass = match std::str::from_utf8(bytes).ok().and_then(id_and_type) {
                Some((id, kind)) if kind == "subscribe" => {
                    let mut running = counted.lock();
                    if running.len() >= cap && !running.contains(&id) {
                        let refusal = serde_json::json!({
                            "id": id,
                            "type": "error",
                            "payload": [super::error::error_object(
                                crate::error::code::RATE_LIMITED,
                                &format!("at most {cap} subscriptions per connection"),
                                &[],
                            )]
                        });
                        let _ = refusals.send(refusal.to_string());
                        false
                    } else {
                        running.insert(id);
                        true
                    }
                }
                Some((id, kind)) if kind == "complete" => {
                    counted.lock().remove(&id);
                    true
                }
                _ => true,
            };
            future::ready(pass)
        })
        .then(move |bytes| {
            let documents = documents.clone();
            // Boxed: the schema's WebSocket wants an `Unpin` stream.
            Box::pin(async move { documents.resolve(bytes).await })
        })
        .filter_map(future::ready);
    let mut data = Data::default();
    data.insert(RequestId(request_id));
    data.insert(meta);
    let (control, mut closed_by_server) = crate::context::ConnectionControl::new();
    data.insert(control);
    let auth = state.api_keys.clone();
    let db = state.db.clone();
    let mut output =
        GraphQLWebSocket::new(state.schema.clone(), input, WebSocketProtocols::GraphQLWS)
            .connection_data(data)
            .on_connection_init(move |payload| {
                authenticate(auth, db, cookie_token.clone(), payload)
            });
    let mut shutdown = state.shutdown.clone();
    let closing = async move {
        let _ = shutdown.wait_for(|stopping| *stopping).await;
    };
    tokio::pin!(closing);
    let init_deadline = tokio::time::sleep(state.config.ws_init_timeout);
    tokio::pin!(init_deadline);
    let mut init_checked = false;
    // Pings keep proxies from closing idle sockets and find dead peers;
    // the first one goes out one interval after the upgrade.
    let keepalive = state.config.ws_keepalive;
    let mut pings =
        keepalive.map(|every| tokio::time::interval_at(tokio::time::Instant::now() + every, every));
    // Subscriptions refused before they ran: their `complete` is not sent,
    // the `error` ended them.
    let mut refused_ids: HashSet<String> = HashSet::new();
    loop {
        tokio::select! {
            message = output.next() => match message {
                Some(WsMessage::Text(text)) => {
                    let text = match request_error(&text) {
                        Some((id, error)) => {
                            refused_ids.insert(id);
                            error
                        }
                        None => text,
                    };
                    // Most messages are events; only the rare end of a
                    // subscription needs parsing, to free its slot.
                    if !text.starts_with(r#"{"type":"next""#)
                        && let Some((id, kind)) = id_and_type(&text)
                        && (kind == "complete" || kind == "error")
                    {
                        active.lock().remove(&id);
                        if kind == "complete" && refused_ids.remove(&id) {
                            continue;
                        }
                    }
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(WsMessage::Close(code, reason)) => {
                    // async-graphql closes with 1002 both for unparsable
                    // messages and a refused connection_init; the protocol
                    // says 4400 and 4403.
                    let code = match code {
                        PROTOCOL_ERROR if reason.starts_with(FORBIDDEN_PREFIX) => FORBIDDEN,
                        PROTOCOL_ERROR => INVALID_MESSAGE,
                        other => other,
                    };
                    let _ = sink
                        .send(Message::Close(Some(CloseFrame { code, reason: reason.into() })))
                        .await;
                    break;
                }
                None => {
                    let code = *read_error.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    if let Some(code) = code {
                        let _ = sink
                            .send(Message::Close(Some(CloseFrame { code, reason: "".into() })))
                            .await;
                    }
                    break;
                }
            },
            _ = async {
                match pings.as_mut() {
                    Some(pings) => pings.tick().await,
                    None => future::pending().await,
                }
            } => {
                let ping = Message::Text(r#"{"type":"ping"}"#.into());
                if sink.send(ping).await.is_err() {
                    break;
                }
            }
            Some(refusal) = refused.recv() => {
                if sink.send(Message::Text(refusal.into())).await.is_err() {
                    break;
                }
            }
            Ok(()) = closed_by_server.changed() => {
                let reason = (*closed_by_server.borrow()).unwrap_or_default();
                let _ = sink
                    .send(Message::Close(Some(CloseFrame { code: FORBIDDEN, reason: reason.into() })))
                    .await;
                break;
            }
            () = &mut init_deadline, if !init_checked => {
                init_checked = true;
                if !init_seen.load(Ordering::Relaxed) {
                    let _ = sink
                        .send(Message::Close(Some(CloseFrame {
                            code: INIT_TIMEOUT,
                            reason: "Connection initialisation timeout".into(),
                        })))
                        .await;
                    break;
                }
            }
            () = &mut closing => {
                let _ = sink
                    .send(Message::Close(Some(CloseFrame {
                        code: GOING_AWAY,
                        reason: "server shutting down".into(),
                    })))
                    .await;
                break;
            }
        }
    }
}

/// Resolves the document of each `subscribe` as `VELLUM_PERSISTED_QUERIES`
/// decides, as HTTP does: a hash becomes its text, and in trusted mode
/// anything not imported is refused with the protocol's `error` message.
struct SubscribeDocuments {
    store: crate::graphql::persisted::PersistedStore,
    mode: crate::graphql::persisted::PersistedMode,
    limits: crate::graphql::limits::DocumentLimits,
    active: Arc<Active>,
    refusals: tokio::sync::mpsc::UnboundedSender<String>,
}

impl SubscribeDocuments {
    /// The message to hand to the schema, or `None` when it was refused.
    async fn resolve(&self, bytes: axum::body::Bytes) -> Option<axum::body::Bytes> {
        use crate::graphql::persisted::{self, PersistedMode};
        let Some((id, kind)) = std::str::from_utf8(&bytes).ok().and_then(id_and_type) else {
            return Some(bytes);
        };
        if kind != "subscribe" {
            return Some(bytes);
        }
        let Ok(mut message) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return Some(bytes); // the schema answers a malformed message itself
        };
        let payload = message.get_mut("payload")?.as_object_mut()?;
        let extensions = payload
            .get("extensions")
            .and_then(serde_json::Value::as_object)
            .cloned();
        let document_id = payload
            .get("documentId")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        if self.mode == PersistedMode::Apq
            && document_id.is_none()
            && !persisted::has_extension(extensions.as_ref())
        {
            return Some(bytes); // the common case: plain text, nothing to look up
        }
        let query = payload
            .get("query")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        let requested = persisted::Requested {
            query,
            document_id: document_id.as_deref(),
            extensions: extensions.as_ref(),
        };
        match persisted::resolve(&self.store, self.mode, &self.limits, requested).await {
            Ok(resolved) => {
                payload.insert("query".into(), resolved.text.into());
                payload.remove("documentId");
                Some(axum::body::Bytes::from(message.to_string()))
            }
            Err(err) => {
                let (code, text) = err.code_and_message();
                let refusal = serde_json::json!({
                    "id": id,
                    "type": "error",
                    "payload": [super::error::error_object(code, &text, &[])],
                });
                self.active.lock().remove(&id);
                let _ = self.refusals.send(refusal.to_string());
                None
            }
        }
    }
}

/// A `next` that answers a subscribe with request errors only (parse,
/// validation, limits, variables: no `data`, no error with a `path`)
/// becomes the protocol's `error` message: the operation never ran.
/// Returns its id and the message.
fn request_error(text: &str) -> Option<(String, String)> {
    // Events are the common case and carry data: skip parsing them.
    if !text.starts_with(r#"{"type":"next""#) || !text.contains(r#""data":null"#) {
        return None;
    }
    let message: serde_json::Value = serde_json::from_str(text).ok()?;
    let id = message["id"].as_str()?;
    let payload = &message["payload"];
    let errors = payload["errors"].as_array()?;
    let pathless = !errors.is_empty() && errors.iter().all(|e| e.get("path").is_none());
    if !payload["data"].is_null() || !pathless {
        return None;
    }
    let error = serde_json::json!({ "id": id, "type": "error", "payload": errors });
    Some((id.to_owned(), error.to_string()))
}
