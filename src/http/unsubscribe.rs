//! `GET`/`POST /unsubscribe?token=...`: the signed link in notification
//! email. `POST` is the RFC 8058 one-click unsubscribe mail clients send;
//! `GET` (someone clicking the link) applies it too and shows a short page.
//! A missing, altered or unknown token is a 400, never a server error.

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::notifications::email::{UnsubscribeScope, apply_unsubscribe};

/// Applies an unsubscribe link (both methods).
pub async fn unsubscribe(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let token = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned());
    let Some((user, scope)) = token.and_then(|token| state.unsubscribe.verify(&token)) else {
        return bad_link();
    };
    let applied = async {
        let mut conn = state.db.conn().await?;
        apply_unsubscribe(&mut conn, user, scope).await
    }
    .await;
    match applied {
        Ok(true) => {}
        Ok(false) => return bad_link(),
        Err(err) => {
            tracing::error!(error = %err, "cannot apply an unsubscribe link");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Unsubscribing failed for now; please try again later.\n",
            )
                .into_response();
        }
    }
    let what = match scope {
        UnsubscribeScope::Kind(_) => "emails like the one you received",
        UnsubscribeScope::All => "notification emails",
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribed</title></head>\
         <body><p>You will no longer receive {what}. You can turn them back on in your notification settings.</p></body></html>\n"
    );
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn bad_link() -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "This unsubscribe link is not valid.\n",
    )
        .into_response()
}
