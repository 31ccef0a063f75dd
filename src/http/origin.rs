//! Which browser origins count as Vellum's own: the configured CORS
//! origins, the public URL's origin, and in development the loopback
//! names of that origin. Browsers send cookies on cross-site WebSocket
//! handshakes, so the WebSocket upgrade refuses any other origin.

use axum::http::HeaderValue;

use crate::config::{Config, Environment};

/// A web origin: scheme, host and port (the default port filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: &'static str,
    /// Lowercase; an IPv6 address keeps its brackets.
    host: String,
    port: u16,
}

/// The names a machine calls itself by. A page opened as
/// `http://127.0.0.1:5173` while the public URL says `localhost:5173` is
/// the developer's own page.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

impl Origin {
    /// Parses `scheme://host[:port]`, followed by a path when
    /// `path_allowed` (a URL) or by nothing (an `Origin` header). Userinfo,
    /// an empty or malformed host or a bad port make it no origin.
    fn parse(text: &str, path_allowed: bool) -> Option<Self> {
        let (scheme, rest) = text.split_once("://")?;
        let (scheme, default_port) = if scheme.eq_ignore_ascii_case("http") {
            ("http", 80)
        } else if scheme.eq_ignore_ascii_case("https") {
            ("https", 443)
        } else {
            return None;
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if end < rest.len() && !path_allowed {
            return None;
        }
        let authority = &rest[..end];
        // `http://localhost:8080@evil.example` is evil.example's page.
        if authority.contains('@') {
            return None;
        }
        let (host, port) = match authority.rfind(':') {
            // A colon inside brackets belongs to an IPv6 address.
            Some(i) if !authority[i..].contains(']') => {
                (&authority[..i], Some(&authority[i + 1..]))
            }
            _ => (authority, None),
        };
        let well_formed = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            Some(ipv6) => {
                !ipv6.is_empty()
                    && ipv6
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b":.".contains(&b))
            }
            None => {
                !host.is_empty()
                    && host
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            }
        };
        if !well_formed {
            return None;
        }
        let port = match port {
            None => default_port,
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().ok()?
            }
            Some(_) => return None,
        };
        Some(Self {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn is_loopback(&self) -> bool {
        LOOPBACK_HOSTS.contains(&self.host.as_str())
    }
}

/// Whether a page at `origin` (an `Origin` header's value) may reach the
/// API with the browser's credentials: a configured CORS origin, the public
/// URL's own origin, or, in development with a loopback public URL, the
/// same scheme and port under another loopback name.
pub(crate) fn allowed(config: &Config, origin: &HeaderValue) -> bool {
    if config.cors_origins.iter().any(|allowed| allowed == origin) {
        return true;
    }
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    is_public_origin(&config.public_url, config.environment, origin)
}

/// Whether `origin` is the origin of `public_url`, loopback names being
/// one in development.
fn is_public_origin(public_url: &str, environment: Environment, origin: &str) -> bool {
    let (Some(public), Some(origin)) = (
        Origin::parse(public_url, true),
        Origin::parse(origin, false),
    ) else {
        return false;
    };
    if origin == public {
        return true;
    }
    environment == Environment::Development
        && public.is_loopback()
        && origin.is_loopback()
        && origin.scheme == public.scheme
        && origin.port == public.port
}

/// Why an origin is refused, as a WebSocket close reason: at most 123
/// bytes (RFC 6455), the origin shortened on a character boundary.
pub(crate) fn refusal_reason(origin: &HeaderValue) -> String {
    const MAX_REASON: usize = 123;
    const BEFORE: &str = "origin ";
    const AFTER: &str = " is not allowed; add it to VELLUM_CORS_ORIGINS";
    const ELLIPSIS: &str = "…";
    let origin = String::from_utf8_lossy(origin.as_bytes());
    let room = MAX_REASON - BEFORE.len() - AFTER.len();
    let shown = if origin.len() <= room {
        origin.into_owned()
    } else {
        let mut end = room - ELLIPSIS.len();
        while !origin.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{ELLIPSIS}", &origin[..end])
    };
    format!("{BEFORE}{shown}{AFTER}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: Environment = Environment::Development;
    const PROD: Environment = Environment::Production;

    #[test]
    fn the_public_urls_own_origin_matches() {
        let public = "https://cms.example.com/vellum";
        assert!(is_public_origin(public, PROD, "https://cms.example.com"));
        assert!(is_public_origin(public, PROD, "https://CMS.example.com"));
        assert!(is_public_origin(
            public,
            PROD,
            "https://cms.example.com:443"
        ));
        assert!(!is_public_origin(public, PROD, "http://cms.example.com"));
        assert!(!is_public_origin(
            public,
            PROD,
            "https://cms.example.com:8443"
        ));
        assert!(!is_public_origin(
            public,
            PROD,
            "https://cms.example.com.evil.example"
        ));
        assert!(!is_public_origin(public, PROD, "https://cms.example.com/"));
        assert!(!is_public_origin(public, PROD, "null"));
        assert!(!is_public_origin(public, PROD, ""));
        assert!(is_public_origin(
            "http://127.0.0.1:8080",
            DEV,
            "http://127.0.0.1:8080"
        ));
        assert!(is_public_origin(
            "http://[::1]:8080",
            DEV,
            "http://[::1]:8080"
        ));
    }

    #[test]
    fn loopback_names_are_one_origin_in_development() {
        for public in [
            "http://localhost:5173",
            "http://127.0.0.1:5173/",
            "http://[::1]:5173",
            "http://LocalHost:5173/admin",
        ] {
            for origin in [
                "http://localhost:5173",
                "http://127.0.0.1:5173",
                "http://[::1]:5173",
                "http://LOCALHOST:5173",
            ] {
                assert!(is_public_origin(public, DEV, origin), "{public} {origin}");
            }
            for origin in [
                // Another port is another server.
                "http://127.0.0.1:5174",
                "http://localhost",
                // Another scheme.
                "https://localhost:5173",
                "ws://localhost:5173",
                // Not loopback at all.
                "http://localhost.evil.com:5173",
                "http://evil.localhost.com:5173",
                "http://127.0.0.1.evil.com:5173",
                "http://localhost.:5173",
                "http://127.0.0.2:5173",
                "http://0.0.0.0:5173",
                // Userinfo: the host is what follows the `@`.
                "http://localhost:5173@evil.com",
                "http://user@localhost:5173",
                "http://localhost:5173@127.0.0.1:5173",
                // Not an origin.
                "http://localhost:5173/",
                "http://localhost:5173/path",
                "http://localhost:",
                "http://localhost:51x3",
                "http://localhost:99999",
                "http://[::1:5173",
                "http://::1:5173",
                "localhost:5173",
                "null",
            ] {
                assert!(!is_public_origin(public, DEV, origin), "{public} {origin}");
            }
        }
        // Default ports.
        assert!(is_public_origin(
            "http://localhost",
            DEV,
            "http://127.0.0.1:80"
        ));
        assert!(is_public_origin(
            "https://localhost:443",
            DEV,
            "https://[::1]"
        ));
    }

    #[test]
    fn loopback_names_stay_apart_in_production_and_for_other_hosts() {
        assert!(!is_public_origin(
            "https://localhost:8443",
            PROD,
            "https://127.0.0.1:8443"
        ));
        assert!(is_public_origin(
            "https://localhost:8443",
            PROD,
            "https://localhost:8443"
        ));
        // A public URL that is not loopback shares nothing with loopback.
        assert!(!is_public_origin(
            "http://cms.test:8080",
            DEV,
            "http://localhost:8080"
        ));
        assert!(!is_public_origin(
            "http://0.0.0.0:8080",
            DEV,
            "http://localhost:8080"
        ));
    }

    #[test]
    fn the_refusal_fits_a_close_frame() {
        let short = refusal_reason(&HeaderValue::from_static("http://x:1"));
        assert_eq!(
            short,
            "origin http://x:1 is not allowed; add it to VELLUM_CORS_ORIGINS"
        );
        let long = format!("https://{}.example", "a".repeat(300));
        let reason =
            refusal_reason(&HeaderValue::from_str(&long).unwrap_or(HeaderValue::from_static("")));
        assert!(reason.len() <= 123, "{} bytes", reason.len());
        assert!(reason.starts_with("origin https://aaaa"), "{reason}");
        assert!(
            reason.ends_with("… is not allowed; add it to VELLUM_CORS_ORIGINS"),
            "{reason}"
        );
        // Bytes that are not UTF-8 and multi-byte characters are cut safely.
        let bytes = [b"https://".as_slice(), &[0xC3, 0xA9].repeat(100)].concat();
        let value = HeaderValue::from_bytes(&bytes).unwrap_or(HeaderValue::from_static(""));
        let reason = refusal_reason(&value);
        assert!(reason.len() <= 123, "{} bytes", reason.len());
        let opaque = HeaderValue::from_bytes(&[0xFF; 200]).unwrap_or(HeaderValue::from_static(""));
        assert!(refusal_reason(&opaque).len() <= 123);
    }
}
