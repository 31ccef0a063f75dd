//! What a file is, read from its first bytes: the type a client states
//! (its file name's extension, its part's Content-Type) is only checked
//! against it, never believed.

use crate::error::AppError;

/// Bytes read to tell a file's type and an image's size (a JPEG's size
/// comes after its metadata, which can be long).
pub(crate) const HEAD_BYTES: usize = 256 * 1024;

/// Types the library accepts.
const ACCEPTED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/svg+xml",
    "application/pdf",
    "audio/mpeg",
    "audio/ogg",
    "audio/wav",
    "audio/m4a",
    "video/mp4",
    "video/webm",
    "video/quicktime",
    "text/plain",
];

/// The type of a file whose first bytes are `head`.
pub(crate) fn sniff(head: &[u8]) -> &'static str {
    if let Some(kind) = infer::get(head) {
        return match kind.mime_type() {
            "audio/x-wav" => "audio/wav",
            "text/xml" if mentions_svg(head) => "image/svg+xml",
            other => other,
        };
    }
    let text = trimmed(head);
    if starts_with_ignore_case(text, b"<svg") {
        return "image/svg+xml";
    }
    if is_text(head) {
        return "text/plain";
    }
    "application/octet-stream"
}

/// Whether a browser may show a file of this type inline: every accepted
/// type but SVG, which can carry scripts.
pub(crate) fn shown_inline(mime: &str) -> bool {
    mime != "image/svg+xml" && ACCEPTED.contains(&mime)
}

/// Width and height of an image of type `mime` whose first bytes are
/// `head`, when they can be read there.
pub(crate) fn dimensions(mime: &str, head: &[u8]) -> Option<(i32, i32)> {
    if !mime.starts_with("image/") || mime == "image/svg+xml" {
        return None;
    }
    let size = imagesize::blob_size(head).ok()?;
    let width = i32::try_from(size.width).ok().filter(|w| *w > 0)?;
    let height = i32::try_from(size.height).ok().filter(|h| *h > 0)?;
    Some((width, height))
}

/// Checks that a file sniffed as `sniffed` is accepted and is what its
/// name and declared type say. `field` names the upload in errors.
pub(crate) fn check(
    field: &str,
    sniffed: &str,
    filename: &str,
    declared: Option<&str>,
) -> Result<(), AppError> {
    let by_name = mime_guess::from_path(filename).first_raw();
    let declared = declared
        .and_then(|d| d.split(';').next())
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.eq_ignore_ascii_case("application/octet-stream"));
    for (claim, source) in [(by_name, "its name"), (declared, "its Content-Type")] {
        if let Some(claim) = claim
            && !agrees(&claim.to_ascii_lowercase(), sniffed)
        {
            return Err(AppError::bad_input(
                field,
                format!("the file is {sniffed}, not {claim} as {source} says"),
            ));
        }
    }
    if !ACCEPTED.contains(&sniffed) {
        return Err(AppError::bad_input(
            field,
            format!("files of type {sniffed} are not accepted"),
        ));
    }
    Ok(())
}

/// Whether a claimed type names the same kind of file as the sniffed one.
fn agrees(claimed: &str, sniffed: &str) -> bool {
    if claimed == sniffed {
        return true;
    }
    match sniffed {
        // Plain text may be any textual format the sniffer does not know,
        // but not markup a browser would run.
        "text/plain" => {
            (claimed.starts_with("text/") && !matches!(claimed, "text/html" | "text/xml"))
                || matches!(claimed, "application/json" | "application/x-yaml")
        }
        "image/jpeg" => matches!(claimed, "image/jpg" | "image/pjpeg"),
        "audio/wav" => matches!(claimed, "audio/x-wav" | "audio/wave" | "audio/vnd.wave"),
        "audio/mpeg" => matches!(claimed, "audio/mp3"),
        "audio/ogg" => matches!(claimed, "application/ogg" | "video/ogg" | "audio/opus"),
        "audio/m4a" => matches!(claimed, "audio/mp4" | "audio/x-m4a" | "video/mp4"),
        "video/mp4" => matches!(claimed, "audio/mp4" | "video/x-m4v" | "audio/x-m4a"),
        "video/webm" => matches!(claimed, "audio/webm"),
        _ => false,
    }
}

fn mentions_svg(head: &[u8]) -> bool {
    head.windows(4).any(|w| w.eq_ignore_ascii_case(b"<svg"))
}

fn trimmed(mut bytes: &[u8]) -> &[u8] {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
    }
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// UTF-8 without NUL or other control bytes besides whitespace; the head
/// may end inside a character.
fn is_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut off mid-character at the end of the head: fine.
        Err(err) if err.error_len().is_none() => {
            std::str::from_utf8(&head[..err.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(PNG), "image/png");
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"), "image/jpeg");
        assert_eq!(sniff(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(sniff(b"<!DOCTYPE html><html><script>"), "text/html");
        assert_eq!(
            sniff(b"  <svg xmlns='http://www.w3.org/2000/svg'>"),
            "image/svg+xml"
        );
        assert_eq!(sniff(b"<?xml version='1.0'?><svg>"), "image/svg+xml");
        assert_eq!(
            sniff("plain words, \u{e9}t\u{e9}\n".as_bytes()),
            "text/plain"
        );
        assert_eq!(sniff(b"\0\x01\x02binary"), "application/octet-stream");
    }

    #[test]
    fn image_sizes_come_from_the_header() {
        assert_eq!(dimensions("image/png", PNG), Some((1, 1)));
        assert_eq!(dimensions("image/svg+xml", b"<svg width='3'>"), None);
        assert_eq!(dimensions("text/plain", PNG), None);
    }

    #[test]
    fn a_file_that_lies_about_its_type_is_refused() {
        let html = sniff(b"<html><body><script>alert(1)</script>");
        let err = check("file", html, "cat.png", Some("image/png")).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.to_string().contains("not image/png")),
            "{err:?}"
        );
        assert!(check("file", "image/png", "cat.png", Some("image/png")).is_ok());
        assert!(check("file", "image/jpeg", "cat.JPG", None).is_ok());
        assert!(check("file", "image/png", "cat.jpg", None).is_err());
        assert!(check("file", "text/plain", "notes.md", Some("text/markdown")).is_ok());
        assert!(
            check(
                "file",
                "image/png",
                "noextension",
                Some("application/octet-stream")
            )
            .is_ok()
        );
        // Accepted types only, even when nothing lies.
        assert!(check("file", "text/html", "page.html", Some("text/html")).is_err());
        assert!(check("file", "application/octet-stream", "blob", None).is_err());
    }
}
