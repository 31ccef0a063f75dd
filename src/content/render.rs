//! Turning an item's body into HTML that is safe to hand to any front end.
//!
//! Vellum is headless: it does not control the page its content lands on, so
//! it cannot rely on a front end to escape or sanitize anything. Every body is
//! therefore sanitized here, once, on write, and what the API serves as
//! `bodyHtml` is already inert. Rich text is sanitized as submitted; Markdown is
//! rendered first (tables and strikethrough enabled) and the resulting HTML —
//! including any raw HTML the author wrote inside the Markdown — goes through
//! the very same allow-list, so neither format is a way around the other.
//!
//! The sanitizer is [ammonia], built from `Builder::empty()` with every option
//! set explicitly, so that a change to ammonia's defaults cannot silently widen
//! what is let through.
//!
//! # The allow-list (public contract)
//!
//! | what | allowed |
//! | --- | --- |
//! | tags | `p br hr h1 h2 h3 h4 h5 h6 strong b em i u s del ins sub sup mark small blockquote q cite code pre kbd samp ul ol li dl dt dd a img figure figcaption table thead tbody tfoot tr th td caption span div abbr time` |
//! | attributes on any allowed tag | `lang`, `title` |
//! | `a` | `href` (`rel` is always replaced by `noopener noreferrer nofollow`) |
//! | `img` | `src alt width height` |
//! | `td`, `th` | `colspan rowspan` |
//! | `ol` | `start` |
//! | `time` | `datetime` |
//! | `blockquote`, `q` | `cite` |
//! | URL schemes (`href`, `src`, `cite`) | `http`, `https`, `mailto`, `tel`, and relative URLs (kept as written) whose first segment has no `:` |
//!
//! Everything else is removed:
//!
//! - A tag that is not allowed is unwrapped: the tag goes, its text stays.
//! - These tags are removed together with everything inside them, because
//!   their content is code, raw markup or foreign (SVG/MathML) content rather
//!   than prose: `script style iframe object embed applet svg math template
//!   noscript noembed noframes xmp textarea title select frameset`.
//! - Any attribute not listed above is dropped, in particular `class` and `id`
//!   (authors get no styling or scripting hooks), `style`, every `on*` event
//!   handler, `srcdoc`, `formaction` and `xlink:href`.
//! - A URL with any other scheme (`javascript:`, `vbscript:`, `data:`,
//!   `file:`, …) is dropped, attribute and all.
//! - HTML comments are dropped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::url::{ParseError, Url};
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Options, Parser};

/// How an item's body is written.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum BodyFormat {
    /// HTML produced by a rich-text editor; stored sanitized.
    RichText,
    /// Markdown source; stored as written, rendered to HTML alongside.
    Markdown,
}

impl BodyFormat {
    /// The name used for this format in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::RichText => "richText",
            BodyFormat::Markdown => "markdown",
        }
    }

    /// The format named `s` (exactly as [`BodyFormat::as_str`] spells it), if any.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "richText" => Some(BodyFormat::RichText),
            "markdown" => Some(BodyFormat::Markdown),
            _ => None,
        }
    }
}

/// Stored as its API name; a name Vellum does not know (a row edited
/// behind its back) reads as rich text, which is always sanitized.
impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for BodyFormat {
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
    ) -> diesel::serialize::Result {
        diesel::serialize::ToSql::<diesel::sql_types::Text, diesel::pg::Pg>::to_sql(
            self.as_str(),
            out,
        )
    }
}

impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for BodyFormat {
    fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        let name: String =
            diesel::deserialize::FromSql::<diesel::sql_types::Text, diesel::pg::Pg>::from_sql(
                bytes,
            )?;
        Ok(Self::parse(&name).unwrap_or(Self::RichText))
    }
}

const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "mark",
    "small",
    "blockquote",
    "q",
    "cite",
    "code",
    "pre",
    "kbd",
    "samp",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "span",
    "div",
    "abbr",
    "time",
];

// Unwrapping these would leave their inner code or raw markup on the page as
// visible text (or, for svg/math, foreign content that has been the source of
// mutation-XSS bugs), so their whole subtree goes.
const CLEAN_CONTENT_TAGS: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "applet", "svg", "math", "template",
    "noscript", "noembed", "noframes", "xmp", "textarea", "title", "select", "frameset",
];

const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

const LINK_REL: &str = "noopener noreferrer nofollow";

/// Whether `value` is an acceptable URL: an allowed scheme, or a relative
/// reference whose first segment has no `:` (RFC 3986 §4.2). The second rule
/// is stricter than browsers need: something like `` `javascript:x` `` is a
/// harmless relative path to a browser, but a front end or old client that
/// parses URLs differently could read a scheme in it, so it is not kept.
fn url_is_allowed(value: &str) -> bool {
    match Url::parse(value) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(ParseError::RelativeUrlWithoutBase) => {
            let first_segment = value.split(['/', '?', '#']).next().unwrap_or_default();
            !first_segment.contains(':')
        }
        Err(_) => false,
    }
}

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(CLEAN_CONTENT_TAGS.iter().copied().collect())
        .generic_attributes(HashSet::from(["lang", "title"]))
        .generic_attribute_prefixes(HashSet::new())
        // `rel` is deliberately not listed for `a`: `link_rel` overwrites it,
        // and ammonia refuses a builder that both allows and forces it.
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href"])),
            ("img", HashSet::from(["src", "alt", "width", "height"])),
            ("td", HashSet::from(["colspan", "rowspan"])),
            ("th", HashSet::from(["colspan", "rowspan"])),
            ("ol", HashSet::from(["start"])),
            ("time", HashSet::from(["datetime"])),
            ("blockquote", HashSet::from(["cite"])),
            ("q", HashSet::from(["cite"])),
        ]))
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(HashMap::new())
        .allowed_classes(HashMap::new())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(LINK_REL))
        .strip_comments(true)
        .id_prefix(None)
        // ammonia already scheme-checks `href` and `src`; this adds the
        // stricter relative-URL rule to them, and covers `cite`, which ammonia
        // does not treat as a URL but a front end may well render as a link.
        .attribute_filter(|_element, attribute, value| {
            if matches!(attribute, "href" | "src" | "cite") && !url_is_allowed(value) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    builder
});

/// Sanitizes rich-text HTML with the documented allow-list.
pub fn sanitize_html(input: &str) -> String {
    SANITIZER.clean(input).to_string()
}

/// Renders Markdown to HTML, then sanitizes it (raw HTML in Markdown goes
/// through the same allow-list).
pub fn render_markdown(input: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut html = String::with_capacity(input.len() + input.len() / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(input, options));
    sanitize_html(&html)
}

/// What is stored for a body: `(body, body_html)`.
///
/// Rich text: both are the sanitized HTML, so unsafe markup is never stored,
/// not even in the editable copy. Markdown: `body` is kept as written (it is
/// text, not HTML, and re-editing needs the source), and `body_html` is the
/// rendered and sanitized HTML.
pub fn render_body(format: BodyFormat, body: &str) -> (String, String) {
    match format {
        BodyFormat::RichText => {
            let html = sanitize_html(body);
            (html.clone(), html)
        }
        BodyFormat::Markdown => (body.to_owned(), render_markdown(body)),
    }
}

// Tags that sit inside a word's flow: dropping them must not split a word
// (`<b>un</b>safe` is one word), whereas any other tag separates text.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "u",
];

/// Plain text of an HTML fragment, for word counts and excerpts.
///
/// Tags are dropped (block-level tags and `<br>` count as a space so that
/// paragraphs don't run together), the entities `&amp; &lt; &gt; &quot; &#39;
/// &nbsp;` and other numeric character references are decoded, and runs of
/// whitespace (no-break spaces included) collapse to one space, with none at
/// either end. Meant for
/// sanitized HTML: comments and `<script>` contents are not treated specially.
pub fn plain_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        raw.push_str(&decode_entities(&rest[..start]));
        let tag_len = tag_span_len(&rest[start..]);
        let tag = &rest[start..start + tag_len];
        if !INLINE_TAGS.contains(&tag_name(tag).to_ascii_lowercase().as_str()) {
            raw.push(' ');
        }
        rest = &rest[start + tag_len..];
    }
    raw.push_str(&decode_entities(rest));
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length in bytes of the tag starting at `s[0] == '<'`, up to and including
/// its `>`, skipping quoted attribute values (a serializer may leave `>`
/// unescaped inside them). An unterminated tag runs to the end.
fn tag_span_len(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return i + 1,
            None => {}
        }
    }
    s.len()
}

/// The element name of a tag span such as `</p>` or `<a href=…>`.
fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<').trim_start_matches('/');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// Decodes character references in text, in one pass so that `&amp;lt;`
/// yields `&lt;` and not `<`. Unknown or malformed references stay as written.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| decode_entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character for an entity body (between `&` and `;`), if known.
fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

const WORDS_PER_MINUTE: usize = 200;

/// Reading time of an HTML fragment in whole minutes at 200 words per minute,
/// rounded up; 0 for no words.
pub fn reading_time_minutes(html: &str) -> i32 {
    let words = plain_text(html).split_whitespace().count();
    // Saturate rather than wrap: no real body gets near this, and a huge
    // number is a truer answer than a negative one.
    i32::try_from(words.div_ceil(WORDS_PER_MINUTE)).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Payloads from the OWASP XSS filter-evasion cheat sheet and friends,
    /// each run through both the HTML and the Markdown path.
    const XSS_CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<img src=`javascript:alert(1)`>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav\tascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"&#14;  javascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"file:///etc/passwd\">x</a>",
        "<a href=\"https://e.com\" onclick=\"alert(1)\" onmouseover=alert(1)>x</a>",
        "<a href=\"https://e.com\" ping=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;\">",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<form><button formaction=javascript:alert(1)>x</button></form>",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:\">",
        "<link rel=import href=\"https://xss.example/x.html\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "<div><p><b><i><a href=\"javascript:alert(1)\">unclosed",
        "<<script>alert(1)//<</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<scr\0ipt>alert(1)</scr\0ipt>",
        "<img src=x\0onerror=alert(1)>",
        "<IMG \"\"\"><SCRIPT>alert(1)</SCRIPT>\">",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<q cite=\"data:text/html,x\">q</q>",
        "<table background=\"javascript:alert(1)\"><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
        "<span class=\"x\" id=\"y\" onmouseenter=\"alert(1)\">x</span>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<xmp><script>alert(1)</script></xmp>",
        "<textarea><script>alert(1)</script></textarea>",
        "<video><source onerror=alert(1)></video>",
        "<video poster=javascript:alert(1)></video>",
        "<isindex type=image src=1 onerror=alert(1)>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<a href=\"tel:+1555\" onclick=alert(1)>call</a>",
        // Markdown-specific.
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[x](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "<JavaScript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x][r]\n\n[r]: <javascript:alert(1)> \"t\"",
        "[x](https://e.com \"\\\" onmouseover=\\\"alert(1)\")",
        "[x](https://e.com\"onmouseover=\"alert(1))",
        "# <img src=x onerror=alert(1)>",
        "| a |\n| - |\n| <script>alert(1)</script> |",
        "```html\n<script>alert(1)</script>\n```",
        "~~<svg onload=alert(1)>~~",
    ];

    const BANNED_ANYWHERE: &[&str] = &[
        "<script", "<svg", "<math", "<iframe", "<object", "<embed", "<style", "<meta", "<base",
        "<link", "<form", "<input", "<button",
    ];

    const BANNED_IN_TAGS: &[&str] = &[
        "javascript:",
        "vbscript:",
        "data:",
        "srcdoc",
        "formaction",
        "xlink:",
        "style=",
    ];

    /// Attribute names of one tag span (`<name attr=… attr …>`), lowercased.
    fn attribute_names(tag: &str) -> Vec<String> {
        let body = tag.trim_start_matches('<').trim_end_matches('>');
        let mut chars = body.chars().peekable();
        // Skip the tag name.
        while chars
            .peek()
            .is_some_and(|c| !c.is_whitespace() && *c != '/')
        {
            chars.next();
        }
        let mut names = Vec::new();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
                chars.next();
            }
            let mut name = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '=' || c == '/' {
                    break;
                }
                name.push(c.to_ascii_lowercase());
                chars.next();
            }
            if name.is_empty() && chars.peek().is_none() {
                return names;
            }
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek() == Some(&'=') {
                chars.next();
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                match chars.peek().copied() {
                    Some(q @ ('"' | '\'')) => {
                        chars.next();
                        for c in chars.by_ref() {
                            if c == q {
                                break;
                            }
                        }
                    }
                    _ => {
                        while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                            chars.next();
                        }
                    }
                }
            }
            if !name.is_empty() {
                names.push(name);
            } else {
                // A stray `=`; skip it so the loop always advances.
                chars.next();
            }
        }
    }

    /// Every tag span (`<` … `>`, quote-aware) in sanitized output.
    fn tag_spans(html: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            let len = tag_span_len(&rest[start..]);
            spans.push(&rest[start..start + len]);
            rest = &rest[start + len..];
        }
        spans
    }

    #[track_caller]
    fn assert_inert(out: &str) {
        let lower = out.to_lowercase();
        for banned in BANNED_ANYWHERE {
            assert!(!lower.contains(banned), "{banned:?} in {out:?}");
        }
        for tag in tag_spans(&lower) {
            for banned in BANNED_IN_TAGS {
                assert!(
                    !tag.contains(banned),
                    "{banned:?} in tag {tag:?} of {out:?}"
                );
            }
            for name in attribute_names(tag) {
                assert!(
                    !(name.starts_with("on") && name.len() > 2),
                    "event handler {name:?} in tag {tag:?} of {out:?}"
                );
            }
        }
    }

    #[test]
    fn xss_corpus_is_inert_as_rich_text_and_markdown() {
        assert!(XSS_CORPUS.len() >= 40);
        for payload in XSS_CORPUS {
            let html = sanitize_html(payload);
            assert_inert(&html);
            let md = render_markdown(payload);
            assert_inert(&md);
            // Sanitizing is idempotent: stored output survives a second pass
            // unchanged, so re-saving an item never alters it.
            assert_eq!(sanitize_html(&html), html, "payload {payload:?}");
            assert_eq!(sanitize_html(&md), md, "payload {payload:?}");
        }
    }

    #[test]
    fn checker_catches_what_it_should() {
        let bad = [
            "<script>x</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:x\">",
            "<p style=\"x\">",
            "<SVG>",
            "<a title='>' onclick=x>",
        ];
        for out in bad {
            let caught = std::panic::catch_unwind(|| assert_inert(out)).is_err();
            assert!(caught, "checker missed {out:?}");
        }
        // Escaped text and attribute values are not executable.
        assert_inert("<a rel=\"x\">javascript:alert(1)</a> &lt;script&gt; once");
        assert_inert("<p title=\"onclick=x\">x</p>");
    }

    #[test]
    fn allowed_markup_survives_and_links_get_rel() {
        let out = sanitize_html(r#"<p><strong>x</strong> <a href="https://e.com">y</a></p>"#);
        assert_eq!(
            out,
            r#"<p><strong>x</strong> <a href="https://e.com" rel="noopener noreferrer nofollow">y</a></p>"#
        );
        let out = sanitize_html(r#"<a href="https://e.com" rel="opener" class="c">y</a>"#);
        assert_eq!(
            out,
            r#"<a href="https://e.com" rel="noopener noreferrer nofollow">y</a>"#
        );
    }

    #[test]
    fn allowed_attributes_and_schemes() {
        let cases = [
            (
                r#"<img src="/a.png" alt="A" title="T" width="10" height="20" class="c">"#,
                r#"<img src="/a.png" alt="A" title="T" width="10" height="20">"#,
            ),
            (
                r#"<a href="mailto:a@e.com">m</a><a href="tel:+1">t</a><a href="../rel">r</a>"#,
                r#"<a href="mailto:a@e.com" rel="noopener noreferrer nofollow">m</a><a href="tel:+1" rel="noopener noreferrer nofollow">t</a><a href="../rel" rel="noopener noreferrer nofollow">r</a>"#,
            ),
            (
                r#"<table><tr><td colspan="2" rowspan="3" width="9">x</td></tr></table>"#,
                r#"<table><tbody><tr><td colspan="2" rowspan="3">x</td></tr></tbody></table>"#,
            ),
            (
                r#"<ol start="3" type="a"><li lang="fr">x</li></ol>"#,
                r#"<ol start="3"><li lang="fr">x</li></ol>"#,
            ),
            (
                r#"<time datetime="2024-01-01">d</time> <abbr title="HyperText">HT</abbr>"#,
                r#"<time datetime="2024-01-01">d</time> <abbr title="HyperText">HT</abbr>"#,
            ),
            (
                r#"<blockquote cite="https://e.com/q">q</blockquote><q cite="/x">y</q>"#,
                r#"<blockquote cite="https://e.com/q">q</blockquote><q cite="/x">y</q>"#,
            ),
            (
                "<figure><img src=\"https://e.com/a.png\"><figcaption>c</figcaption></figure>",
                "<figure><img src=\"https://e.com/a.png\"><figcaption>c</figcaption></figure>",
            ),
            // Not allowed: the tag goes, its text stays.
            ("<article><custom-el>kept</custom-el></article>", "kept"),
            // Removed with their contents.
            ("a<iframe>b</iframe><svg><text>c</text></svg>d", "ad"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize_html(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn markdown_renders_common_constructs() {
        let md = "# Title\n\n\
                  Some *em* and **strong** and ~~gone~~ and `code`.\n\n\
                  - one\n- two\n\n\
                  1. first\n\n\
                  ```rust\nlet x = 1 < 2;\n```\n\n\
                  | a | b |\n| - | - |\n| 1 | 2 |\n\n\
                  [link](https://e.com \"T\")\n";
        let html = render_markdown(md);
        for expected in [
            "<h1>Title</h1>",
            "<em>em</em>",
            "<strong>strong</strong>",
            "<del>gone</del>",
            "<code>code</code>",
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
            "<ol>\n<li>first</li>\n</ol>",
            // The language class is dropped with every other class.
            "<pre><code>let x = 1 &lt; 2;\n</code></pre>",
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>",
            r#"<a href="https://e.com" title="T" rel="noopener noreferrer nofollow">link</a>"#,
        ] {
            assert!(html.contains(expected), "{expected:?} not in {html:?}");
        }
    }

    #[test]
    fn markdown_raw_html_uses_the_same_allow_list() {
        assert_eq!(
            render_markdown("a <b onclick=x>bold</b> <mark>m</mark>"),
            "<p>a <b>bold</b> <mark>m</mark></p>\n"
        );
    }

    #[test]
    fn render_body_per_format() {
        let (body, html) = render_body(BodyFormat::RichText, "<p onclick=x>hi</p>");
        assert_eq!(body, "<p>hi</p>");
        assert_eq!(html, "<p>hi</p>");

        let source = "**hi** <script>x</script>";
        let (body, html) = render_body(BodyFormat::Markdown, source);
        assert_eq!(body, source);
        assert_eq!(html, "<p><strong>hi</strong> </p>\n");
    }

    #[test]
    fn body_format_names_round_trip() {
        for format in [BodyFormat::RichText, BodyFormat::Markdown] {
            assert_eq!(BodyFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(BodyFormat::RichText.as_str(), "richText");
        assert_eq!(BodyFormat::Markdown.as_str(), "markdown");
        assert_eq!(BodyFormat::parse("html"), None);
        assert_eq!(BodyFormat::parse("Markdown"), None);
        assert_eq!(BodyFormat::parse(""), None);
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>Fish &amp; chips &lt;3 &gt; &quot;x&quot; it&#39;s</p>"),
            "Fish & chips <3 > \"x\" it's"
        );
        // A decoded no-break space is whitespace like any other.
        assert_eq!(plain_text("a&nbsp;b&#160;c"), "a b c");
        // Decoded once only.
        assert_eq!(plain_text("&amp;lt;"), "&lt;");
        // Unknown or broken references stay as written.
        assert_eq!(plain_text("&bogus; & &#xZZ; &"), "&bogus; & &#xZZ; &");
        assert_eq!(plain_text("<p>one</p><p>two</p>"), "one two");
        assert_eq!(plain_text("line<br>break"), "line break");
        assert_eq!(plain_text("<strong>un</strong>safe"), "unsafe");
        assert_eq!(plain_text(r#"<p title="a > b">x</p>"#), "x");
        assert_eq!(
            plain_text("  <div>\n  spaced \t out </div>  "),
            "spaced out"
        );
        assert_eq!(plain_text(""), "");
    }

    #[test]
    fn reading_time_rounds_up_per_200_words() {
        let words = |n: usize| format!("<p>{}</p>", vec!["word"; n].join(" "));
        assert_eq!(reading_time_minutes(""), 0);
        assert_eq!(reading_time_minutes("<p> </p><img src=x>"), 0);
        assert_eq!(reading_time_minutes(&words(1)), 1);
        assert_eq!(reading_time_minutes(&words(200)), 1);
        assert_eq!(reading_time_minutes(&words(201)), 2);
        assert_eq!(reading_time_minutes(&words(401)), 3);
    }
}
