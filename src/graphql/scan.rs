//! A cheap lexer pass over GraphQL source text, run before the parser: it
//! counts tokens and the deepest nesting of `{`, `(` and `[`, skipping
//! strings, block strings and comments.
//!
//! The parser and the validator recurse once per nesting level, so a value
//! nested a thousand levels deep (`[[[[…]]]]`, 3 KB) overflows a worker's
//! stack and aborts the process. Counting with a loop first means nothing
//! deep ever reaches them. It works on bytes: every character that matters
//! to GraphQL's syntax is ASCII, and no byte of a multi-byte UTF-8
//! character is.

/// What the text showed, up to the point where a limit was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// More tokens than allowed.
    Tokens { limit: usize },
    /// Brackets nested deeper than allowed.
    Nesting { limit: usize },
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Tokens { limit } => write!(
                f,
                "the document has more than {limit} tokens (VELLUM_MAX_TOKENS)"
            ),
            Self::Nesting { limit } => write!(
                f,
                "the document nests brackets, braces or parentheses more than {limit} \
                 levels deep (VELLUM_MAX_NESTING)"
            ),
        }
    }
}

/// The size of a document's text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextShape {
    /// Tokens, punctuators included (`...` counts once).
    pub(crate) tokens: usize,
    /// Deepest nesting of `{`, `(` and `[` together.
    pub(crate) nesting: usize,
}

/// Scans `text`, stopping at the first limit passed. Anything it does not
/// understand counts as one token and is left to the parser to reject.
pub(crate) fn scan(
    text: &str,
    max_tokens: usize,
    max_nesting: usize,
) -> Result<TextShape, ScanError> {
    let bytes = text.as_bytes();
    let mut shape = TextShape::default();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            // Ignored tokens: white space, line terminators, commas.
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = skip_comment(bytes, i);
                continue;
            }
            _ => {}
        }
        // The byte order mark is ignored too.
        if bytes[i..].starts_with("\u{feff}".as_bytes()) {
            i += 3;
            continue;
        }
        shape.tokens += 1;
        if shape.tokens > max_tokens {
            return Err(ScanError::Tokens { limit: max_tokens });
        }
        i = match byte {
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > max_nesting {
                    return Err(ScanError::Nesting { limit: max_nesting });
                }
                shape.nesting = shape.nesting.max(depth);
                i + 1
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                i + 1
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => skip_block_string(bytes, i + 3),
            b'"' => skip_string(bytes, i + 1),
            b'.' if bytes[i..].starts_with(b"...") => i + 3,
            b'_' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => skip_word(bytes, i + 1),
            // A punctuator, or a character the parser will reject; skip
            // a whole UTF-8 character so the next round starts on one.
            _ => i + utf8_len(byte),
        };
    }
    Ok(shape)
}

/// Past a `#` comment: to the end of the line.
fn skip_comment(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    i
}

/// Past a `"…"` string whose opening quote ends before `i`. A string ends at
/// its closing quote or, unterminated, at the end of the line.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past a `"""…"""` block string whose opening quotes end before `i`;
/// `\"""` does not close it.
fn skip_block_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\\\"\"\"") {
            i += 4;
        } else if bytes[i..].starts_with(b"\"\"\"") {
            return i + 3;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Past a name or a number (`-1.5e+3` included).
fn skip_word(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'_' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' => i += 1,
            // A sign only inside an exponent.
            b'+' | b'-' if matches!(bytes[i - 1], b'e' | b'E') => i += 1,
            _ => break,
        }
    }
    i
}

/// Bytes in the UTF-8 character that starts with `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> TextShape {
        match scan(text, usize::MAX, usize::MAX) {
            Ok(shape) => shape,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn counts_tokens_and_nesting() {
        assert_eq!(
            shape("{ health }"),
            TextShape {
                tokens: 3,
                nesting: 1
            }
        );
        assert_eq!(
            shape("query Q($a: [Int!]) { x(a: $a) { ...F } }"),
            TextShape {
                tokens: 24,
                nesting: 2
            }
        );
        assert_eq!(shape("{ a(x: -1.5e+3, y: 2) }").tokens, 11);
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = "{ a(x: \"[[[{{\\\"(((\", y: \"\"\"[[[ \\\"\"\" {{{ \"\"\") # [[[[\n }";
        assert_eq!(shape(text).nesting, 2, "{:?}", shape(text));
        assert_eq!(shape("{ a(x: \"unterminated [[[\n) }").nesting, 2);
        assert_eq!(shape("\u{feff}{ é }").tokens, 3);
    }

    #[test]
    fn stops_at_the_first_limit() {
        let deep = format!("{{ a(x: {}1{}) }}", "[".repeat(1500), "]".repeat(1500));
        assert_eq!(
            scan(&deep, 10_000, 64),
            Err(ScanError::Nesting { limit: 64 })
        );
        let objects = format!("{{ a(x: {}1{}) }}", "{a:".repeat(100), "}".repeat(100));
        assert_eq!(
            scan(&objects, 10_000, 64),
            Err(ScanError::Nesting { limit: 64 })
        );
        assert!(scan(&"[".repeat(64), 10_000, 64).is_ok());
        let many = "{ health } ".repeat(100);
        assert_eq!(scan(&many, 299, 64), Err(ScanError::Tokens { limit: 299 }));
        assert!(scan(&many, 300, 64).is_ok());
    }
}
