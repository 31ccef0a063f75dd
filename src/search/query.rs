//! What a searcher typed, taken apart: the web-search part, the word
//! being typed (matched as a prefix), the words to check for typos, and
//! the normalised form analytics counts.

/// Longest query, in characters.
pub(crate) const MAX_QUERY_CHARS: usize = 200;

/// A query split for the engine: `head` in web-search syntax, and the
/// word being typed, `prefix` (empty when the query ends in a space, a
/// quote or an operator), joined to the head with `or` when `prefix_or`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Parsed {
    pub(crate) head: String,
    pub(crate) prefix: String,
    pub(crate) prefix_or: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `text` (trimmed at the start) for as-you-type matching when
/// `as_you_type`, else keeps it whole.
pub(crate) fn parse(text: &str, as_you_type: bool) -> Parsed {
    let whole = || Parsed {
        head: text.trim().to_string(),
        prefix: String::new(),
        prefix_or: false,
    };
    if !as_you_type || text.ends_with(char::is_whitespace) {
        return whole();
    }
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    let (before, word) = text.split_at(start);
    let preceded_by_space = before.chars().next_back().is_none_or(char::is_whitespace);
    let in_quotes = before.matches('"').count() % 2 == 1;
    if word.is_empty() || !preceded_by_space || in_quotes || word.eq_ignore_ascii_case("or") {
        return whole();
    }
    let mut head = before.trim_end();
    let mut prefix_or = false;
    if let Some((rest, last)) = head.rsplit_once(char::is_whitespace)
        && last.eq_ignore_ascii_case("or")
        && !rest.trim().is_empty()
    {
        head = rest.trim_end();
        prefix_or = true;
    }
    Parsed {
        head: head.trim().to_string(),
        prefix: word.to_string(),
        prefix_or,
    }
}

/// The words of `text` worth checking for typos: not excluded (`-word`),
/// not the `or` operator, letters only, 3 to 40 characters, lowercase,
/// each once, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        if token.starts_with('-') || token.eq_ignore_ascii_case("or") {
            continue;
        }
        for word in token.split(|c: char| !c.is_alphabetic()) {
            let count = word.chars().count();
            if (3..=40).contains(&count) {
                let word = word.to_lowercase();
                if !out.contains(&word) {
                    out.push(word);
                }
            }
        }
    }
    out
}

/// `text` with each word that has a correction replaced by it (whole
/// words, any case), the rest (quotes, operators, spacing) as it was.
pub(crate) fn corrected(text: &str, corrections: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let lower = word.to_lowercase();
        match corrections.iter().find(|(from, _)| *from == lower) {
            Some((_, to)) => out.push_str(to),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The form analytics counts a query under: lowercase, single spaces,
/// email addresses and long numbers (order, phone, card numbers) masked,
/// so what is kept says what people look for, not who they are.
pub(crate) fn normalised(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        let token = token.to_lowercase();
        let digits = token.chars().filter(char::is_ascii_digit).count();
        if token.contains('@') && token.contains('.') {
            out.push("<email>".into());
        } else if digits >= 5 {
            out.push("<number>".into());
        } else {
            out.push(token);
        }
    }
    out.join(" ").chars().take(MAX_QUERY_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(head: &str, prefix: &str, prefix_or: bool) -> Parsed {
        Parsed {
            head: head.into(),
            prefix: prefix.into(),
            prefix_or,
        }
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        assert_eq!(parse("search eng", true), p("search", "eng", false));
        assert_eq!(parse("eng", true), p("", "eng", false));
        assert_eq!(parse("cats or do", true), p("cats", "do", true));
        assert_eq!(parse("search eng ", true), p("search eng", "", false));
        assert_eq!(parse("search eng", false), p("search eng", "", false));
    }

    #[test]
    fn quoted_excluded_and_operators_stay_whole() {
        assert_eq!(parse("\"exact phr", true), p("\"exact phr", "", false));
        assert_eq!(parse("\"exact\" phr", true), p("\"exact\"", "phr", false));
        assert_eq!(parse("search -spam", true), p("search -spam", "", false));
        assert_eq!(parse("cats or", true), p("cats or", "", false));
        assert_eq!(parse("or do", true), p("or", "do", false));
        assert_eq!(parse("e-mai", true), p("e-mai", "", false));
    }

    #[test]
    fn typo_words_skip_operators_and_exclusions() {
        assert_eq!(
            words("Serch \"Engines\" or -spam ab über"),
            vec!["serch", "engines", "über"]
        );
        assert_eq!(words("serch serch"), vec!["serch"]);
    }

    #[test]
    fn corrections_keep_the_syntax() {
        let fix = vec![("serch".to_string(), "search".to_string())];
        assert_eq!(
            corrected("\"Serch engines\" -serch!", &fix),
            "\"search engines\" -search!"
        );
        assert_eq!(corrected("research", &fix), "research");
    }

    #[test]
    fn analytics_keeps_no_addresses_or_numbers() {
        assert_eq!(
            normalised("  Jane@Example.com   ORDER 1234567 "),
            "<email> order <number>"
        );
        assert_eq!(normalised("Running   SHOES"), "running shoes");
        assert_eq!(normalised(&"x".repeat(500)).len(), MAX_QUERY_CHARS);
    }
}
