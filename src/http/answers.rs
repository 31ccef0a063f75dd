//! The public answer cache: the response bytes of anonymous queries over
//! published content, kept per (document, operation, variables), so that a
//! hit is a map lookup and a write of bytes, with no SQL and no execution.
//!
//! An answer is valid for one content generation (see
//! [`ContentCache::generation`]): every change that could alter a public
//! answer (content, content types, taxonomy, an author's name) moves the
//! generation on, in the process that made it before its mutation returns
//! and on every other instance when the event arrives. Entries are never
//! cleared: one from an older generation is simply not served. An answer
//! is stored under the generation its execution started in, so an answer
//! computed from rows read before a change can never be served after it.
//! It is also tied to the event listener's connection: while the listener
//! is down, other instances' changes go unseen, so nothing is served, and
//! nothing kept before a lost connection is served after it.
//!
//! Only answers every anonymous caller gets alike are kept: no errors, no
//! cookies set, and every root field one whose answer depends on published
//! content alone (`ROOT_FIELDS`). A field outside that list, say `setupRequired`,
//! changes without a content event and is never kept.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use axum::body::Bytes;
use axum::http::HeaderValue;
use moka::sync::Cache;

use crate::content::items::cache::ContentCache;
use crate::events::EventBus;
use crate::graphql::limits::CheckedDocument;
use crate::metrics::Metrics;

/// Root fields whose answer to an anonymous caller is a function of the
/// published content, the content types and the taxonomy (all of which
/// move the content generation on), or of nothing at all.
const ROOT_FIELDS: &[&str] = &[
    "__typename",
    "__schema",
    "__type",
    "categories",
    "content",
    "contentBySlug",
    "contentType",
    "contentTypes",
    "contents",
    "health",
    "tags",
    "version",
];

/// Bodies larger than this are not kept: rare, costly to tag, and they
/// would crowd out many common answers.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// Fragments spread inside fragments at the root: deeper than this, the
/// answer is simply not kept.
const MAX_FRAGMENT_HOPS: usize = 8;

/// What identifies an answer: the exact document text, the operation
/// chosen and the variables as JSON. Kept whole rather than hashed, so two
/// requests can never share an answer by collision.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct AnswerKey(Arc<str>);

impl AnswerKey {
    pub(crate) fn new(
        text: &str,
        operation_name: Option<&str>,
        variables: &async_graphql::Variables,
    ) -> Option<Self> {
        // `Variables` is a `BTreeMap`: the JSON is canonical.
        let variables = if variables.is_empty() {
            String::new()
        } else {
            serde_json::to_string(variables).ok()?
        };
        let operation = operation_name.unwrap_or_default();
        let mut key = String::with_capacity(text.len() + operation.len() + variables.len() + 2);
        key.push_str(operation);
        key.push('\n');
        key.push_str(&variables);
        key.push('\n');
        key.push_str(text);
        Some(Self(key.into()))
    }
}

/// When an execution started: the content generation and the event
/// listener's connection.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    generation: u64,
    connection: u64,
}

/// A kept answer.
pub(crate) struct Answer {
    stamp: Stamp,
    /// The response body.
    pub(crate) body: Bytes,
    /// Its entity tag.
    pub(crate) etag: HeaderValue,
    /// The content items it shows (`Surrogate-Key`).
    pub(crate) surrogate_key: HeaderValue,
}

/// The cache; cheap to clone.
#[derive(Clone)]
pub(crate) struct AnswerCache {
    answers: Option<Cache<AnswerKey, Arc<Answer>>>,
    content: ContentCache,
    bus: EventBus,
    metrics: Metrics,
}

impl AnswerCache {
    /// Up to `capacity` answers, each for at most `ttl`; `None` turns the
    /// cache off.
    pub(crate) fn new(
        limits: Option<(u64, Duration)>,
        content: ContentCache,
        bus: EventBus,
        metrics: Metrics,
    ) -> Self {
        let answers = limits.map(|(capacity, ttl)| {
            Cache::builder()
                .max_capacity(capacity)
                // Weighed by size: a few huge answers must not pin memory.
                .weigher(|key: &AnswerKey, answer: &Arc<Answer>| {
                    u32::try_from(key.0.len() + answer.body.len()).unwrap_or(u32::MAX)
                })
                .time_to_live(ttl)
                .build()
        });
        Self {
            answers,
            content,
            bus,
            metrics,
        }
    }

    /// Whether answers are kept at all.
    pub(crate) fn enabled(&self) -> bool {
        self.answers.is_some()
    }

    /// When an execution starts; pass it to [`Self::put`]. `None` while
    /// the event listener is down: then nothing is kept or served.
    pub(crate) fn stamp(&self) -> Option<Stamp> {
        // The connection first: a generation read after it can only be
        // newer, never from before a reconnection's replay.
        let connection = self.bus.connection()?;
        Some(Stamp {
            generation: self.content.generation(),
            connection,
        })
    }

    /// The answer kept for `key`, if nothing has changed since.
    pub(crate) fn get(&self, key: &AnswerKey) -> Option<Arc<Answer>> {
        let answers = self.answers.as_ref()?;
        let now = self.stamp();
        let found = answers.get(key).filter(|answer| Some(answer.stamp) == now);
        self.metrics.cache_lookup("public_answer", found.is_some());
        found
    }

    /// Keeps an answer computed by an execution that started at `stamp`,
    /// unless something has changed since.
    pub(crate) fn put(
        &self,
        key: AnswerKey,
        stamp: Stamp,
        body: Bytes,
        etag: HeaderValue,
        surrogate_key: HeaderValue,
    ) {
        let Some(answers) = &self.answers else {
            return;
        };
        if self.stamp() != Some(stamp) {
            return;
        }
        answers.insert(
            key,
            Arc::new(Answer {
                stamp,
                body,
                etag,
                surrogate_key,
            }),
        );
    }
}

/// The document an execution ran: parsed already when known by hash.
pub(crate) enum RunDocument {
    Checked(CheckedDocument),
    Text(String),
}

/// An anonymous execution whose answer may be kept.
pub(crate) struct SharedRun {
    pub(crate) key: AnswerKey,
    /// When the execution started.
    pub(crate) stamp: Stamp,
    pub(crate) operation_name: Option<String>,
    pub(crate) document: RunDocument,
}

impl SharedRun {
    /// Keeps the answer of an execution that succeeded without errors or
    /// cookies, if its operation is one every anonymous caller shares.
    pub(crate) fn keep(
        self,
        cache: &AnswerCache,
        body: Bytes,
        etag: HeaderValue,
        surrogate_key: HeaderValue,
    ) {
        let operation_name = self.operation_name.as_deref();
        let shareable = match &self.document {
            RunDocument::Checked(checked) => shareable(checked.document(), operation_name),
            // It executed, so it parses and passed the limits.
            RunDocument::Text(text) => async_graphql::parser::parse_query(text)
                .is_ok_and(|document| shareable(&document, operation_name)),
        };
        if shareable {
            cache.put(self.key, self.stamp, body, etag, surrogate_key);
        }
    }
}

/// Whether the answer to `operation_name` in `document` may be shared by
/// every anonymous caller: a query whose root fields are all in
/// [`ROOT_FIELDS`].
pub(crate) fn shareable(document: &ExecutableDocument, operation_name: Option<&str>) -> bool {
    let Some(operation) = crate::graphql::selected_operation(document, operation_name) else {
        return false;
    };
    operation.node.ty == OperationType::Query
        && root_fields_shareable(document, &operation.node.selection_set.node, 0)
}

fn root_fields_shareable(document: &ExecutableDocument, set: &SelectionSet, hops: usize) -> bool {
    if hops > MAX_FRAGMENT_HOPS {
        return false;
    }
    set.items.iter().all(|selection| match &selection.node {
        Selection::Field(field) => ROOT_FIELDS.contains(&field.node.name.node.as_str()),
        Selection::InlineFragment(fragment) => {
            root_fields_shareable(document, &fragment.node.selection_set.node, hops + 1)
        }
        Selection::FragmentSpread(spread) => document
            .fragments
            .get(&spread.node.fragment_name.node)
            .is_some_and(|fragment| {
                root_fields_shareable(document, &fragment.node.selection_set.node, hops + 1)
            }),
    })
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn shared(query: &str, operation: Option<&str>) -> bool {
        let document = async_graphql::parser::parse_query(query).expect("parses");
        shareable(&document, operation)
    }

    #[test]
    fn only_queries_of_published_reads_are_shared() {
        assert!(shared("{ contents { totalCount } tags { name } }", None));
        assert!(shared(
            "query A { me { id } } query B { ...F } fragment F on Query { version ... on Query { health } }",
            Some("B")
        ));
        assert!(!shared("{ contents { totalCount } setupRequired }", None));
        assert!(!shared("{ ...F } fragment F on Query { signUpOpen }", None));
        assert!(!shared(
            "query A { me { id } } query B { version }",
            Some("A")
        ));
        assert!(!shared("mutation { signOut { ok } }", None));
        assert!(!shared("{ version }", Some("Missing")));
    }

    #[test]
    fn keys_tell_operations_and_variables_apart() {
        let vars = |json: serde_json::Value| async_graphql::Variables::from_json(json);
        let a = AnswerKey::new("q", Some("A"), &vars(serde_json::json!({"x": 1})));
        let b = AnswerKey::new("q", Some("A"), &vars(serde_json::json!({"x": 2})));
        let c = AnswerKey::new("q", None, &vars(serde_json::json!({"x": 1})));
        let d = AnswerKey::new("q", Some("A"), &vars(serde_json::json!({"x": 1})));
        assert!(a != b && a != c && a == d);
    }
}
