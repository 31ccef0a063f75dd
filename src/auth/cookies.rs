//! Cookie mode for browser front ends: tokens in HttpOnly cookies, plus a
//! readable CSRF cookie that must come back in the `X-CSRF-Token` header
//! (double submit), so another site cannot ride the cookies.

use async_graphql::Context;
use http::header::SET_COOKIE;

use super::sessions::AuthTokens;
use crate::error::AppError;

/// The access token cookie.
pub const ACCESS_COOKIE: &str = "vellum_access";
/// The refresh token cookie.
pub const REFRESH_COOKIE: &str = "vellum_refresh";
/// The CSRF cookie (readable by the page's script).
pub const CSRF_COOKIE: &str = "vellum_csrf";
/// The header that must repeat the CSRF cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the HTTP layer learned about cookies on this request.
#[derive(Debug, Clone, Default)]
pub struct CookieContext {
    /// Set `Secure` on cookies (the public URL is https).
    pub secure: bool,
    /// Cookie lifetimes: access, session.
    pub max_age: (u64, u64),
    /// The refresh cookie, if sent.
    pub refresh_token: Option<String>,
    /// Whether the CSRF header matched the CSRF cookie.
    pub csrf_verified: bool,
    /// Whether the request carried session cookies at all.
    pub has_session_cookies: bool,
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// Whether the header repeats the cookie (constant-time compare).
pub fn csrf_matches(cookie_value: Option<&str>, header_value: Option<&str>) -> bool {
    use subtle::ConstantTimeEq;
    match (cookie_value, header_value) {
        (Some(cookie), Some(header)) if !cookie.is_empty() => {
            cookie.as_bytes().ct_eq(header.as_bytes()).into()
        }
        _ => false,
    }
}

/// A `Set-Cookie` value for one of Vellum's cookies.
fn cookie_text(name: &str, value: &str, max_age: u64, http_only: bool, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

fn set_cookie(
    ctx: &Context<'_>,
    cookies: &CookieContext,
    name: &str,
    value: &str,
    max_age: u64,
    http_only: bool,
) {
    let cookie = cookie_text(name, value, max_age, http_only, cookies.secure);
    ctx.append_http_header(SET_COOKIE, cookie);
}

/// The `Set-Cookie` value that drops the access cookie, for a request whose
/// access cookie is no longer honoured.
pub fn cleared_access_cookie(secure: bool) -> String {
    cookie_text(ACCESS_COOKIE, "", 0, true, secure)
}

/// Puts a session's tokens (and a fresh CSRF token) into cookies.
pub fn set_session(ctx: &Context<'_>, tokens: &AuthTokens) {
    let cookies = ctx.data_opt::<CookieContext>().cloned().unwrap_or_default();
    let (access_age, session_age) = cookies.max_age;
    let csrf = super::tokens::generate().0;
    set_cookie(
        ctx,
        &cookies,
        ACCESS_COOKIE,
        &tokens.access_token,
        access_age,
        true,
    );
    set_cookie(
        ctx,
        &cookies,
        REFRESH_COOKIE,
        &tokens.refresh_token,
        session_age,
        true,
    );
    set_cookie(ctx, &cookies, CSRF_COOKIE, &csrf, session_age, false);
}

/// Clears the session cookies if the request had them.
pub fn clear_session(ctx: &Context<'_>) {
    let cookies = ctx.data_opt::<CookieContext>().cloned().unwrap_or_default();
    if cookies.has_session_cookies {
        for name in [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE] {
            set_cookie(ctx, &cookies, name, "", 0, name != CSRF_COOKIE);
        }
    }
}

/// The refresh token from the cookie, for a request that proved it is not
/// a cross-site forgery.
pub fn refresh_from_cookie(ctx: &Context<'_>) -> Result<String, AppError> {
    let cookies = ctx.data_opt::<CookieContext>().cloned().unwrap_or_default();
    let token = cookies.refresh_token.ok_or_else(|| {
        AppError::bad_input(
            "input.refreshToken",
            "give a refresh token or send the refresh cookie",
        )
    })?;
    if !cookies.csrf_verified {
        return Err(AppError::Forbidden(format!(
            "cookie requests must send the {CSRF_COOKIE} cookie's value in {CSRF_HEADER}"
        )));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_parsing_and_csrf() {
        let header = "a=1; vellum_csrf=abc ; vellum_access=tok";
        assert_eq!(cookie(header, "vellum_csrf"), Some("abc"));
        assert_eq!(cookie(header, "vellum_access"), Some("tok"));
        assert_eq!(cookie(header, "missing"), None);
        assert!(csrf_matches(Some("abc"), Some("abc")));
        assert!(!csrf_matches(Some("abc"), Some("abd")));
        assert!(!csrf_matches(Some("abc"), None));
        assert!(!csrf_matches(None, Some("")));
        assert!(!csrf_matches(Some(""), Some("")));
    }
}
