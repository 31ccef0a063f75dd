//! Structural and textual diffs between two content version snapshots.
//!
//! Content versions are immutable, so editors reviewing history need to see
//! what actually changed between two of them rather than two full snapshots
//! side by side. This module backs the `contentDiff` API: it walks both
//! snapshot objects, reports every path whose value differs, and for string
//! values adds line and word diffs so rich-text bodies can be rendered as a
//! readable redline instead of "old blob / new blob".
//!
//! Diffing is pure and synchronous, but it runs inside a request, so two
//! guards keep a hostile or accidental giant snapshot from stalling a worker:
//! strings above [`MAX_TEXT_DIFF_BYTES`] get no text diff at all, and every
//! text diff in one [`diff`] call shares a single time budget after which
//! `similar` gives up on minimality and returns a coarser (still correct)
//! diff.

use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiffConfig};

/// Largest string, in bytes, for which a [`TextDiff`] is computed.
///
/// Beyond this the before/after values are still reported, but the line and
/// word diffs are skipped: their cost and payload size grow with the input,
/// and a diff of a document this large is rarely readable anyway.
pub const MAX_TEXT_DIFF_BYTES: usize = 200_000;

/// Wall-clock budget shared by all text diffs of one [`diff`] call.
///
/// Shared rather than per string so a snapshot with many large custom fields
/// cannot multiply the worst case; once spent, `similar` falls back to an
/// approximate diff, which is still a valid edit script.
const TEXT_DIFF_BUDGET: Duration = Duration::from_millis(200);

/// Lines of unchanged context around each hunk in [`TextDiff::unified`],
/// matching the conventional `diff -u` default reviewers expect.
const UNIFIED_CONTEXT_LINES: usize = 3;

/// How a piece of text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffTag {
    /// Present, unchanged, on both sides.
    Equal,
    /// Present only in the newer text.
    Insert,
    /// Present only in the older text.
    Delete,
}

impl From<ChangeTag> for DiffTag {
    fn from(tag: ChangeTag) -> Self {
        match tag {
            ChangeTag::Equal => DiffTag::Equal,
            ChangeTag::Insert => DiffTag::Insert,
            ChangeTag::Delete => DiffTag::Delete,
        }
    }
}

/// One run of a text diff.
///
/// Consecutive tokens with the same tag are merged into one span, so a
/// client can render the spans in order without further grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSpan {
    /// Whether this run was kept, inserted or deleted.
    pub tag: DiffTag,
    /// The text of the run, verbatim (line spans keep their line endings).
    pub value: String,
}

/// Line and word diffs of one text value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDiff {
    /// Line-level diff; concatenating the non-`Insert` spans yields the old
    /// text and the non-`Delete` spans the new text.
    pub lines: Vec<DiffSpan>,
    /// Word-level diff (words and whitespace runs are separate tokens), with
    /// the same reconstruction property as `lines`.
    pub words: Vec<DiffSpan>,
    /// Unified diff of the lines, headed `before`/`after`, with three lines
    /// of context.
    pub unified: String,
}

/// One changed path.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Dotted path: "title", "fields.price", "fields.meta.author" (objects
    /// are walked recursively; arrays are compared as whole values, path
    /// "tagIds"). Keys are not escaped, so a key containing `.` reads like a
    /// nested path. A difference between two non-object roots has path "".
    pub path: String,
    /// None when the path did not exist before.
    pub before: Option<Value>,
    /// None when the path no longer exists.
    pub after: Option<Value>,
    /// Present when both sides are strings, unless either exceeds
    /// [`MAX_TEXT_DIFF_BYTES`].
    pub text: Option<TextDiff>,
}

/// Changes from `before` to `after`, ordered by path (stable, sorted).
///
/// Objects are compared key by key over the union of their keys; any other
/// pair of values (including arrays, and an object against a non-object) is
/// compared as a whole and reported as a single change when unequal. Values
/// are compared as JSON, so `3` and `3.0` count as different. Identical
/// snapshots yield an empty vector.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let deadline = Instant::now().checked_add(TEXT_DIFF_BUDGET);
    let mut changes = Vec::new();
    let mut path = String::new();
    walk(&mut path, Some(before), Some(after), deadline, &mut changes);
    // Depth-first order over sorted keys is not the same as sorting the full
    // paths ("fields-x" sorts before "fields.price"), and callers were promised
    // path order; the sort is stable so duplicate paths keep walk order.
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

/// Compares the values at `path`, recursing only when both sides are objects.
fn walk(
    path: &mut String,
    before: Option<&Value>,
    after: Option<&Value>,
    deadline: Option<Instant>,
    out: &mut Vec<Change>,
) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            walk_objects(path, b, a, deadline, out);
        }
        (b, a) if b == a => {}
        (b, a) => {
            let text = match (b, a) {
                (Some(Value::String(old)), Some(Value::String(new))) => {
                    text_diff(old, new, deadline)
                }
                _ => None,
            };
            out.push(Change {
                path: path.clone(),
                before: b.cloned(),
                after: a.cloned(),
                text,
            });
        }
    }
}

fn walk_objects(
    path: &mut String,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    deadline: Option<Instant>,
    out: &mut Vec<Change>,
) {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    // serde_json's map order depends on its `preserve_order` feature, which any
    // crate in the build can switch on, so don't rely on it.
    keys.sort_unstable();
    keys.dedup();

    // One path buffer is reused across the whole walk; truncating back to the
    // parent's length undoes each child's suffix.
    let parent_len = path.len();
    for key in keys {
        if parent_len > 0 {
            path.push('.');
        }
        path.push_str(key);
        walk(path, before.get(key), after.get(key), deadline, out);
        path.truncate(parent_len);
    }
}

/// Line, word and unified diffs of two strings, or `None` when either is too
/// large to diff cheaply.
fn text_diff(old: &str, new: &str, deadline: Option<Instant>) -> Option<TextDiff> {
    if old.len() > MAX_TEXT_DIFF_BYTES || new.len() > MAX_TEXT_DIFF_BYTES {
        return None;
    }

    let mut config = TextDiffConfig::default();
    if let Some(deadline) = deadline {
        config.deadline(deadline);
    }

    let line_diff = config.diff_lines(old, new);
    let lines = merge_runs(
        line_diff
            .iter_all_changes()
            .map(|change| (change.tag(), change.value())),
    );
    let unified = line_diff
        .unified_diff()
        .context_radius(UNIFIED_CONTEXT_LINES)
        .header("before", "after")
        .to_string();

    let word_diff = config.diff_words(old, new);
    let words = merge_runs(
        word_diff
            .iter_all_changes()
            .map(|change| (change.tag(), change.value())),
    );

    Some(TextDiff {
        lines,
        words,
        unified,
    })
}

/// Collapses consecutive same-tag tokens into single spans.
///
/// `similar` yields one change per token (a line, a word, a whitespace run),
/// which is far too chatty for an API payload and forces every client to
/// regroup them before rendering.
fn merge_runs<'a>(changes: impl Iterator<Item = (ChangeTag, &'a str)>) -> Vec<DiffSpan> {
    let mut spans: Vec<DiffSpan> = Vec::new();
    for (tag, value) in changes {
        let tag = DiffTag::from(tag);
        match spans.last_mut() {
            Some(last) if last.tag == tag => last.value.push_str(value),
            _ => spans.push(DiffSpan {
                tag,
                value: value.to_owned(),
            }),
        }
    }
    spans
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn span(tag: DiffTag, value: &str) -> DiffSpan {
        DiffSpan {
            tag,
            value: value.to_owned(),
        }
    }

    fn snapshot() -> Value {
        json!({
            "title": "Hello",
            "slug": "hello",
            "excerpt": "An excerpt",
            "body": "<p>one</p>\n<p>two</p>\n",
            "bodyFormat": "richText",
            "fields": {"price": 3, "subtitle": "Sub", "meta": {"author": "Ann"}},
            "categoryId": null,
            "tagIds": ["a", "b"],
            "locale": "en"
        })
    }

    fn paths(changes: &[Change]) -> Vec<&str> {
        changes.iter().map(|c| c.path.as_str()).collect()
    }

    #[test]
    fn identical_snapshots_have_no_changes() {
        assert!(diff(&snapshot(), &snapshot()).is_empty());
        assert!(diff(&json!({}), &json!({})).is_empty());
    }

    #[test]
    fn nested_fields_use_dotted_paths() {
        let before = snapshot();
        let mut after = snapshot();
        after["fields"]["price"] = json!(4);
        after["fields"]["meta"]["author"] = json!("Bob");

        let changes = diff(&before, &after);
        assert_eq!(paths(&changes), ["fields.meta.author", "fields.price"]);

        let price = &changes[1];
        assert_eq!(price.before, Some(json!(3)));
        assert_eq!(price.after, Some(json!(4)));
        assert_eq!(price.text, None);

        let author = &changes[0];
        assert_eq!(author.before, Some(json!("Ann")));
        assert_eq!(author.after, Some(json!("Bob")));
        assert!(author.text.is_some());
    }

    #[test]
    fn added_and_removed_keys() {
        let before = snapshot();
        let mut after = snapshot();
        after.as_object_mut().unwrap().remove("excerpt");
        after["fields"]
            .as_object_mut()
            .unwrap()
            .insert("isbn".into(), json!("123"));

        let changes = diff(&before, &after);
        assert_eq!(
            changes,
            vec![
                Change {
                    path: "excerpt".into(),
                    before: Some(json!("An excerpt")),
                    after: None,
                    text: None,
                },
                Change {
                    path: "fields.isbn".into(),
                    before: None,
                    after: Some(json!("123")),
                    text: None,
                },
            ]
        );
    }

    #[test]
    fn arrays_are_compared_whole() {
        let before = snapshot();
        let mut after = snapshot();
        after["tagIds"] = json!(["a", "c"]);

        let changes = diff(&before, &after);
        assert_eq!(
            changes,
            vec![Change {
                path: "tagIds".into(),
                before: Some(json!(["a", "b"])),
                after: Some(json!(["a", "c"])),
                text: None,
            }]
        );
    }

    #[test]
    fn null_is_a_value_not_absence() {
        let before = snapshot();
        let mut after = snapshot();
        after["categoryId"] = json!("c1");

        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].before, Some(Value::Null));
        assert_eq!(changes[0].after, Some(json!("c1")));
    }

    #[test]
    fn object_versus_scalar_is_one_change() {
        let before = snapshot();
        let mut after = snapshot();
        after["fields"] = json!("flattened");

        let changes = diff(&before, &after);
        assert_eq!(paths(&changes), ["fields"]);
        assert_eq!(changes[0].before, Some(before["fields"].clone()));
        assert_eq!(changes[0].after, Some(json!("flattened")));
        assert_eq!(changes[0].text, None);

        // Same in the other direction, and for an object that appears.
        let changes = diff(&after, &before);
        assert_eq!(paths(&changes), ["fields"]);
        let changes = diff(&json!({}), &json!({"fields": {"a": 1}}));
        assert_eq!(paths(&changes), ["fields"]);
        assert_eq!(changes[0].before, None);
    }

    #[test]
    fn changes_are_sorted_by_full_path() {
        let before = json!({"fields": {"price": 1}, "fields-x": 1, "a": 1});
        let after = json!({"fields": {"price": 2}, "fields-x": 2, "a": 2});
        let changes = diff(&before, &after);
        assert_eq!(paths(&changes), ["a", "fields-x", "fields.price"]);
    }

    #[test]
    fn non_object_roots_use_empty_path() {
        let changes = diff(&json!(1), &json!(2));
        assert_eq!(paths(&changes), [""]);
        assert!(diff(&json!([1]), &json!([1])).is_empty());
    }

    #[test]
    fn word_diff_of_sentence() {
        let changes = diff(
            &json!({"title": "the quick brown fox"}),
            &json!({"title": "the slow brown fox"}),
        );
        assert_eq!(changes.len(), 1);
        let text = changes[0].text.as_ref().unwrap();
        assert_eq!(
            text.words,
            vec![
                span(DiffTag::Equal, "the "),
                span(DiffTag::Delete, "quick"),
                span(DiffTag::Insert, "slow"),
                span(DiffTag::Equal, " brown fox"),
            ]
        );
        assert_eq!(
            text.lines,
            vec![
                span(DiffTag::Delete, "the quick brown fox"),
                span(DiffTag::Insert, "the slow brown fox"),
            ]
        );
    }

    #[test]
    fn line_diff_keeps_line_endings_and_merges_runs() {
        let old = "a\nb\nc\nd\n";
        let new = "a\nB\nC\nd\n";
        let changes = diff(&json!({"body": old}), &json!({"body": new}));
        let text = changes[0].text.as_ref().unwrap();
        assert_eq!(
            text.lines,
            vec![
                span(DiffTag::Equal, "a\n"),
                span(DiffTag::Delete, "b\nc\n"),
                span(DiffTag::Insert, "B\nC\n"),
                span(DiffTag::Equal, "d\n"),
            ]
        );
    }

    #[test]
    fn spans_reconstruct_both_sides() {
        let old = "<p>one</p>\n<p>two  words</p>\n<p>three</p>";
        let new = "<p>one</p>\n<p>two new words</p>\n<p>four</p>\n";
        let changes = diff(&json!({"body": old}), &json!({"body": new}));
        let text = changes[0].text.as_ref().unwrap();
        for spans in [&text.lines, &text.words] {
            let side = |skip: DiffTag| -> String {
                spans
                    .iter()
                    .filter(|s| s.tag != skip)
                    .map(|s| s.value.as_str())
                    .collect()
            };
            assert_eq!(side(DiffTag::Insert), old);
            assert_eq!(side(DiffTag::Delete), new);
            // Merged: no two neighbours share a tag.
            assert!(spans.windows(2).all(|w| w[0].tag != w[1].tag));
        }
    }

    #[test]
    fn unified_has_headers_and_plus_minus_lines() {
        let old = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n";
        let new = "l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\nl9\n";
        let changes = diff(&json!({"body": old}), &json!({"body": new}));
        let unified = &changes[0].text.as_ref().unwrap().unified;
        assert_eq!(
            unified,
            "--- before\n+++ after\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n"
        );
    }

    #[test]
    fn large_strings_skip_text_diff() {
        let big = "x".repeat(MAX_TEXT_DIFF_BYTES + 1);
        for (old, new) in [(big.as_str(), "small"), ("small", big.as_str())] {
            let changes = diff(&json!({"body": old}), &json!({"body": new}));
            assert_eq!(changes.len(), 1);
            assert_eq!(changes[0].text, None);
            assert_eq!(changes[0].before, Some(json!(old)));
            assert_eq!(changes[0].after, Some(json!(new)));
        }

        // The limit itself is still diffed.
        let at_limit = "x".repeat(MAX_TEXT_DIFF_BYTES);
        let changes = diff(&json!({"body": at_limit}), &json!({"body": "small"}));
        assert!(changes[0].text.is_some());
    }

    #[test]
    fn spent_budget_still_yields_a_valid_diff() {
        // Once the shared budget is gone similar approximates; the spans must
        // still describe the real texts, just less minimally.
        let old = "a b c d e f\ng h i\n";
        let new = "a x c d y f\ng h j\n";
        let text = text_diff(old, new, Some(Instant::now())).unwrap();
        for spans in [&text.lines, &text.words] {
            let side = |skip: DiffTag| -> String {
                spans
                    .iter()
                    .filter(|s| s.tag != skip)
                    .map(|s| s.value.as_str())
                    .collect()
            };
            assert_eq!(side(DiffTag::Insert), old);
            assert_eq!(side(DiffTag::Delete), new);
        }
        assert!(text.unified.contains("\n-") && text.unified.contains("\n+"));
    }

    #[test]
    fn string_versus_non_string_has_no_text_diff() {
        let changes = diff(&json!({"title": "3"}), &json!({"title": 3}));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].text, None);
    }
}
