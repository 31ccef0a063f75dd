//! Who is on the other end of a request: credentials, IP and user agent.

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, header};

use crate::context::RequestMeta;

/// Longest user agent kept (it is client-controlled and lands in tables).
const MAX_USER_AGENT: usize = 256;

/// The bearer token, if any. `Err` when an Authorization header is present
/// but is not `Bearer <token>`.
pub fn bearer(headers: &HeaderMap) -> Result<Option<&str>, ()> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| ())?;
    let (scheme, token) = value.split_once(' ').ok_or(())?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(());
    }
    Ok(Some(token))
}

/// The client's IP: the peer, or — only when the peer is a trusted proxy —
/// the nearest address in `X-Forwarded-For` that is not itself trusted.
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?.ip();
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|ip| ip.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .or(Some(peer))
}

/// Request facts for services and the audit log.
pub fn request_meta(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trusted: &[IpAddr],
    request_id: &str,
) -> RequestMeta {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(MAX_USER_AGENT).collect());
    RequestMeta {
        request_id: (!request_id.is_empty()).then(|| request_id.to_string()),
        ip: client_ip(headers, peer, trusted).map(|ip| ip.to_string()),
        user_agent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer(&headers(&[])), Ok(None));
        assert_eq!(
            bearer(&headers(&[("authorization", "Bearer abc")])),
            Ok(Some("abc"))
        );
        assert_eq!(
            bearer(&headers(&[("authorization", "bearer  abc ")])),
            Ok(Some("abc"))
        );
        assert!(bearer(&headers(&[("authorization", "Basic abc")])).is_err());
        assert!(bearer(&headers(&[("authorization", "Bearer")])).is_err());
        assert!(bearer(&headers(&[("authorization", "Bearer ")])).is_err());
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = [10, 0, 0, 1].into();
        let xff = headers(&[("x-forwarded-for", "203.0.113.9, 10.0.0.1")]);
        let from_proxy = Some(SocketAddr::new(proxy, 1234));
        let from_client = Some(SocketAddr::new([198, 51, 100, 7].into(), 1234));
        assert_eq!(
            client_ip(&xff, from_proxy, &[proxy]),
            Some([203, 0, 113, 9].into())
        );
        assert_eq!(
            client_ip(&xff, from_client, &[proxy]),
            Some([198, 51, 100, 7].into())
        );
        assert_eq!(client_ip(&xff, from_proxy, &[]), Some(proxy));
    }
}
