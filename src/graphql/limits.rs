//! Document limits async-graphql does not enforce itself, checked before
//! async-graphql parses or validates anything: the length, tokens and
//! bracket nesting of the query text (a cheap scan, so a deeply nested
//! value never reaches the recursive parser), the nesting of variables, the
//! number of aliases (an alias multiplies work the way a list does), and the
//! size of the document once fragments are expanded (counted, not expanded),
//! and the depth of its fields (see [`depth`]).

use std::any::TypeId;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Positioned, Request, ServerError, ServerResult, Variables};

use super::{depth, expansion, scan, variables};
use crate::config::Limits;
use crate::error::code;

/// Documents longer than this are parsed on a blocking thread, so a large
/// one never holds an async worker that `{ health }` needs.
const PARSE_ON_WORKER_MAX: usize = 4 * 1024;
/// How long parsing may take before the request is refused.
const PARSE_DEADLINE: Duration = Duration::from_secs(5);

/// Rejects documents that are too long, too deep, too big once expanded,
/// or that carry too many aliases.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Maximum aliases in one document.
    pub max_aliases: usize,
    /// Maximum query length in characters.
    pub max_query_length: usize,
    /// Maximum tokens in the query text.
    pub max_tokens: usize,
    /// Maximum nesting of brackets in the text, and of lists and objects in
    /// variables.
    pub max_nesting: usize,
    /// Maximum selections once every fragment spread is expanded.
    pub max_selections: u64,
    /// Maximum depth of fields outside introspection.
    pub max_depth: usize,
    /// Whether `__schema` and `__type` may be queried. async-graphql's own
    /// switch answers them with a silent `null`; we say why instead.
    pub introspection: bool,
}

impl DocumentLimits {
    /// The limits a configuration sets.
    pub fn new(limits: &Limits) -> Self {
        Self {
            max_aliases: limits.aliases,
            max_query_length: limits.query_length,
            max_tokens: limits.tokens,
            max_nesting: limits.nesting,
            max_selections: limits.selections,
            max_depth: limits.depth,
            introspection: limits.introspection,
        }
    }

    /// Checks the query text without parsing it: length, tokens, nesting.
    pub fn check_text(&self, query: &str) -> ServerResult<()> {
        // Counting chars of a huge string is cheap next to parsing it.
        let length = query.chars().count();
        if length > self.max_query_length {
            return Err(limit_error(format!(
                "query is {length} characters long; the limit is {} (VELLUM_MAX_QUERY_LENGTH)",
                self.max_query_length
            )));
        }
        scan::scan(query, self.max_tokens, self.max_nesting)
            .map(|_| ())
            .map_err(|e| limit_error(e.to_string()))
    }

    /// Checks that no variable nests lists or objects deeper than the limit
    /// (they come from JSON, whose own parser stops at 128 levels).
    fn check_variables(&self, variables: &Variables) -> ServerResult<()> {
        let mut stack: Vec<(&async_graphql::Value, usize)> =
            variables.values().map(|v| (v, 0)).collect();
        while let Some((value, depth)) = stack.pop() {
            let children: Box<dyn Iterator<Item = &async_graphql::Value>> = match value {
                async_graphql::Value::List(items) => Box::new(items.iter()),
                async_graphql::Value::Object(fields) => Box::new(fields.values()),
                _ => continue,
            };
            let depth = depth + 1;
            if depth > self.max_nesting {
                return Err(coded(
                    format!(
                        "variables nest lists or objects more than {} levels deep \
                         (VELLUM_MAX_NESTING)",
                        self.max_nesting
                    ),
                    code::BAD_USER_INPUT,
                ));
            }
            stack.extend(children.map(|child| (child, depth)));
        }
        Ok(())
    }

    /// Checks a document's text, parses it and checks what only the parsed
    /// document shows. Nothing here depends on the request's variables or
    /// operation name, so a document that passed once always passes.
    pub(crate) async fn checked_document(&self, query: &str) -> ServerResult<ExecutableDocument> {
        self.check_text(query)?;
        let document = parse(query).await?;
        let shape = inspect(&document);
        if !self.introspection && shape.introspects {
            return Err(limit_error(
                "introspection is disabled on this server".into(),
            ));
        }
        let aliases = shape.aliases;
        if aliases > self.max_aliases {
            return Err(limit_error(format!(
                "query uses {aliases} aliases; the limit is {} (VELLUM_MAX_ALIASES)",
                self.max_aliases
            )));
        }
        let selections = expansion::expanded_selections(&document).map_err(|cycle| {
            limit_error(format!(
                "fragment {} spreads itself, directly or through other fragments",
                cycle.fragment
            ))
        })?;
        if selections > self.max_selections {
            return Err(limit_error(format!(
                "the document expands to more than {} selections once its fragments are \
                 spread (VELLUM_MAX_SELECTIONS)",
                self.max_selections
            )));
        }
        depth::check(&document, self.max_depth).map_err(|e| limit_error(e.to_string()))?;
        Ok(document)
    }
}

/// Parses `query`; a large document on a blocking thread with a deadline.
async fn parse(query: &str) -> ServerResult<ExecutableDocument> {
    let parsed = if query.len() <= PARSE_ON_WORKER_MAX
        || tokio::runtime::Handle::try_current().is_err()
    {
        async_graphql::parser::parse_query(query)
    } else {
        let owned = query.to_owned();
        let job = tokio::task::spawn_blocking(move || async_graphql::parser::parse_query(owned));
        match tokio::time::timeout(PARSE_DEADLINE, job).await {
            Ok(Ok(parsed)) => parsed,
            Ok(Err(_)) | Err(_) => {
                return Err(coded(
                    "the document could not be parsed in time".into(),
                    code::GRAPHQL_PARSE_FAILED,
                ));
            }
        }
    };
    parsed.map_err(|e| {
        let mut err = ServerError::from(e);
        err.extensions = coded(String::new(), code::GRAPHQL_PARSE_FAILED).extensions;
        err
    })
}

/// A document that passed [`DocumentLimits::checked_document`], kept
/// parsed by the persisted-document cache. Put in a request's data, it
/// stands in for the request's text: the extension then skips the scan,
/// the parse and the document checks, and still checks the variables.
#[derive(Clone)]
pub(crate) struct CheckedDocument(pub(crate) Arc<ExecutableDocument>);

impl CheckedDocument {
    /// The document.
    pub(crate) fn document(&self) -> &ExecutableDocument {
        &self.0
    }

    /// The one a request carries in its data.
    fn of(request: &Request) -> Option<&Self> {
        request
            .data
            .get(&TypeId::of::<Self>())
            .and_then(|data| data.downcast_ref::<Self>())
    }
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

fn coded(message: String, code: &str) -> ServerError {
    let mut err = ServerError::new(message, None);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", code);
    err.extensions = Some(ext);
    err
}

fn limit_error(message: String) -> ServerError {
    coded(message, code::GRAPHQL_VALIDATION_FAILED)
}

#[async_trait::async_trait]
impl Extension for DocumentLimits {
    /// Runs before async-graphql parses: it then uses our parsed document,
    /// and its own walks (`limit_recursive_depth`, validation) only ever see
    /// documents whose nesting and expanded size are bounded.
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        self.check_variables(&request.variables)?;
        let document = match CheckedDocument::of(&request) {
            // async-graphql consumes the document it runs: the cached one
            // stays as it is for the next request.
            Some(checked) => ExecutableDocument::clone(checked.document()),
            None => self.checked_document(&request.query).await?,
        };
        let coerced = variables::check(
            &ctx.schema_env.registry,
            &document,
            request.operation_name.as_deref(),
            &request.variables,
        );
        // A NUL anywhere is `RefuseNul`'s to report, with its own code,
        // even where it also spoils a UUID.
        if let Err(why) = coerced
            && super::nul::find_nul(&document, &request.variables).is_none()
        {
            return Err(limit_error(why));
        }
        request.set_parsed_query(document);
        next.run(ctx, request).await
    }
}

/// What the limits need to know about a document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Aliases in every operation and fragment.
    pub aliases: usize,
    /// Whether it selects `__schema` or `__type` anywhere.
    pub introspects: bool,
}

/// Walks every operation and fragment. Iterative, so a deeply nested
/// document cannot overflow the stack before the depth limit runs.
pub fn inspect(document: &ExecutableDocument) -> Shape {
    let mut stack: Vec<&Positioned<SelectionSet>> = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set)
        .chain(document.fragments.values().map(|f| &f.node.selection_set))
        .collect();
    let mut shape = Shape::default();
    while let Some(set) = stack.pop() {
        for selection in &set.node.items {
            match &selection.node {
                Selection::Field(field) => {
                    shape.aliases += usize::from(field.node.alias.is_some());
                    let name = field.node.name.node.as_str();
                    shape.introspects |= name == "__schema" || name == "__type";
                    stack.push(&field.node.selection_set);
                }
                Selection::InlineFragment(fragment) => stack.push(&fragment.node.selection_set),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(query: &str) -> Shape {
        match async_graphql::parser::parse_query(query) {
            Ok(doc) => inspect(&doc),
            Err(e) => panic!("test query must parse: {e}"),
        }
    }

    #[test]
    fn counts_aliases_in_operations_fragments_and_inline_fragments() {
        assert_eq!(shape("{ health }").aliases, 0);
        assert_eq!(shape("{ a: health b: health }").aliases, 2);
        assert_eq!(
            shape("query Q { x: health ...F ... on Query { y: version } } fragment F on Query { z: version }").aliases,
            3
        );
    }

    /// Runs `text` on a schema without services, with `checked` standing in
    /// for it when given.
    async fn run(
        text: &str,
        checked: Option<&str>,
        variables: serde_json::Value,
    ) -> async_graphql::Response {
        let schema =
            super::super::build_schema(&Limits::default(), None, crate::metrics::Metrics::new());
        let mut request = Request::new(text).variables(Variables::from_json(variables));
        if let Some(checked) = checked {
            let document = match async_graphql::parser::parse_query(checked) {
                Ok(document) => document,
                Err(e) => panic!("test document must parse: {e}"),
            };
            request = request.data(CheckedDocument(Arc::new(document)));
        }
        schema.execute(request).await
    }

    #[tokio::test]
    async fn a_checked_document_stands_in_for_the_text() {
        // The text is never parsed: the checked document runs.
        let response = run("{ health", Some("{ health }"), serde_json::Value::Null).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        assert_eq!(
            response.data.into_json().ok(),
            Some(serde_json::json!({ "health": "ok" }))
        );
        let response = run("{ health", None, serde_json::Value::Null).await;
        assert!(!response.errors.is_empty());
        // What depends on the request is still checked: variables' types
        // and nesting, and async-graphql's own validation.
        let typed = "query Q($n: Boolean!) { health @include(if: $n) }";
        let response = run("", Some(typed), serde_json::json!({ "n": true })).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let response = run("", Some(typed), serde_json::json!({ "n": "one" })).await;
        assert!(!response.errors.is_empty());
        let mut deep = serde_json::json!(1);
        for _ in 0..=Limits::default().nesting {
            deep = serde_json::json!([deep]);
        }
        let response = run("", Some(typed), serde_json::json!({ "n": deep })).await;
        assert!(
            response.errors[0].message.contains("VELLUM_MAX_NESTING"),
            "{:?}",
            response.errors
        );
        let response = run("", Some("{ nope }"), serde_json::Value::Null).await;
        assert!(!response.errors.is_empty());
    }

    #[test]
    fn spots_introspection_anywhere_but_allows_typename() {
        assert!(!shape("{ __typename health }").introspects);
        assert!(shape("{ __schema { types { name } } }").introspects);
        assert!(
            shape("{ ...F } fragment F on Query { x: __type(name: \"Query\") { name } }")
                .introspects
        );
    }
}
