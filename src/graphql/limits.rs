//! Document limits async-graphql does not enforce itself: the length of the
//! query text and the number of aliases (an alias multiplies work the way a
//! list does, so a document of thousands of aliases is a cheap DoS).

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Positioned, ServerError, ServerResult, Variables};

use crate::error::code;

/// Rejects documents that are too long or carry too many aliases.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Maximum aliases in one document.
    pub max_aliases: usize,
    /// Maximum query length in characters.
    pub max_query_length: usize,
    /// Whether `__schema` and `__type` may be queried. async-graphql's own
    /// switch answers them with a silent `null`; we say why instead.
    pub introspection: bool,
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

fn limit_error(message: String) -> ServerError {
    let mut err = ServerError::new(message, None);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", code::GRAPHQL_VALIDATION_FAILED);
    err.extensions = Some(ext);
    err
}

#[async_trait::async_trait]
impl Extension for DocumentLimits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        // Counting chars of a huge string is cheap next to parsing it.
        let length = query.chars().count();
        if length > self.max_query_length {
            return Err(limit_error(format!(
                "query is {length} characters long; the limit is {}",
                self.max_query_length
            )));
        }
        let document = next.run(ctx, query, variables).await?;
        let shape = inspect(&document);
        if !self.introspection && shape.introspects {
            return Err(limit_error(
                "introspection is disabled on this server".into(),
            ));
        }
        let aliases = shape.aliases;
        if aliases > self.max_aliases {
            return Err(limit_error(format!(
                "query uses {aliases} aliases; the limit is {}",
                self.max_aliases
            )));
        }
        Ok(document)
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
