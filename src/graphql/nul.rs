//! One check for every string a client sends: PostgreSQL cannot store the
//! NUL character (`\u0000`) in `text` or `jsonb`, so a string holding one
//! would reach the database only to fail there as an `INTERNAL` error. The
//! check runs once per operation, after parsing and before anything else,
//! over the variables and every argument written in the document; no
//! resolver needs to think of it.

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{Directive, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Positioned, ServerError, ServerResult, Variables};
use async_graphql_value::{ConstValue, Name, Value};

use crate::error::AppError;

/// Refuses operations carrying a NUL character in any input string.
#[derive(Debug, Clone, Copy, Default)]
pub struct RefuseNul;

impl ExtensionFactory for RefuseNul {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_trait::async_trait]
impl Extension for RefuseNul {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        match find_nul(&document, variables) {
            None => Ok(document),
            Some(field) => {
                let err =
                    AppError::bad_input(field, "must not contain the NUL character (\\u0000)");
                let mut server_error = ServerError::new(err.to_string(), None);
                server_error.extensions = Some(err.extensions());
                Err(server_error)
            }
        }
    }
}

/// A value still to look at, with the path a client would call it by.
enum Pending<'a> {
    /// Written in the document (may name a variable).
    Written(String, &'a Value),
    /// A variable's value or a default.
    Given(String, &'a ConstValue),
}

/// The path of the first input string (or object key) holding a NUL:
/// `input.title`, `filter.tags.0`, or `$name...` for a variable no
/// argument uses. Iterative, so a deeply nested value cannot overflow the
/// stack.
pub(crate) fn find_nul(document: &ExecutableDocument, variables: &Variables) -> Option<String> {
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut sets: Vec<&Positioned<SelectionSet>> = Vec::new();
    let mut directives: Vec<&Positioned<Directive>> = Vec::new();
    for (_, operation) in document.operations.iter() {
        let operation = &operation.node;
        sets.push(&operation.selection_set);
        directives.extend(&operation.directives);
        for definition in &operation.variable_definitions {
            directives.extend(&definition.node.directives);
            if let Some(default) = &definition.node.default_value {
                pending.push(Pending::Given(
                    format!("${}", definition.node.name.node),
                    &default.node,
                ));
            }
        }
    }
    for fragment in document.fragments.values() {
        sets.push(&fragment.node.selection_set);
        directives.extend(&fragment.node.directives);
    }
    while let Some(set) = sets.pop() {
        for selection in &set.node.items {
            match &selection.node {
                Selection::Field(field) => {
                    for (name, value) in &field.node.arguments {
                        pending.push(Pending::Written(name.node.to_string(), &value.node));
                    }
                    directives.extend(&field.node.directives);
                    sets.push(&field.node.selection_set);
                }
                Selection::InlineFragment(fragment) => {
                    directives.extend(&fragment.node.directives);
                    sets.push(&fragment.node.selection_set);
                }
                Selection::FragmentSpread(spread) => directives.extend(&spread.node.directives),
            }
        }
    }
    for directive in directives {
        for (name, value) in &directive.node.arguments {
            pending.push(Pending::Written(name.node.to_string(), &value.node));
        }
    }
    let mut used: HashSet<&Name> = HashSet::new();
    if let Some(path) = search(pending, variables, &mut used) {
        return Some(path);
    }
    // Variables no argument refers to still went through the parser; a
    // document that declares them but never uses them fails validation,
    // but say what is wrong with them first, the same way.
    let unused = variables
        .iter()
        .filter(|(name, _)| !used.contains(name))
        .map(|(name, value)| Pending::Given(format!("${name}"), value))
        .collect();
    search(unused, variables, &mut used)
}

fn search<'a>(
    mut pending: Vec<Pending<'a>>,
    variables: &'a Variables,
    used: &mut HashSet<&'a Name>,
) -> Option<String> {
    while let Some(item) = pending.pop() {
        match item {
            Pending::Written(path, value) => match value {
                Value::Variable(name) => {
                    used.insert(name);
                    if let Some(given) = variables.get(name) {
                        pending.push(Pending::Given(path, given));
                    }
                }
                Value::String(s) if s.contains('\0') => return Some(path),
                Value::Enum(name) if name.contains('\0') => return Some(path),
                Value::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        pending.push(Pending::Written(format!("{path}.{i}"), item));
                    }
                }
                Value::Object(fields) => {
                    for (key, item) in fields {
                        let child = format!("{path}.{key}");
                        if key.contains('\0') {
                            return Some(child);
                        }
                        pending.push(Pending::Written(child, item));
                    }
                }
                _ => {}
            },
            Pending::Given(path, value) => match value {
                ConstValue::String(s) if s.contains('\0') => return Some(path),
                ConstValue::Enum(name) if name.contains('\0') => return Some(path),
                ConstValue::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        pending.push(Pending::Given(format!("{path}.{i}"), item));
                    }
                }
                ConstValue::Object(fields) => {
                    for (key, item) in fields {
                        let child = format!("{path}.{key}");
                        if key.contains('\0') {
                            return Some(child);
                        }
                        pending.push(Pending::Given(child, item));
                    }
                }
                _ => {}
            },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nul_at(query: &str, variables: serde_json::Value) -> Option<String> {
        let document = match async_graphql::parser::parse_query(query) {
            Ok(doc) => doc,
            Err(e) => panic!("test query must parse: {e}"),
        };
        find_nul(&document, &Variables::from_json(variables))
    }

    #[test]
    fn finds_nul_in_inline_arguments_variables_keys_and_defaults() {
        let none = serde_json::json!({});
        assert_eq!(nul_at(r#"{ a(x: "fine") }"#, none.clone()), None);
        assert_eq!(
            nul_at(r#"{ a(input: {title: "a\u0000b"}) }"#, none.clone()),
            Some("input.title".into())
        );
        assert_eq!(
            nul_at(
                r#"query($i: In) { a { b(input: $i) } }"#,
                serde_json::json!({ "i": { "tags": ["ok", "a\u{0}b"] } })
            ),
            Some("input.tags.1".into())
        );
        assert_eq!(
            nul_at(
                r#"query($i: JSON) { a(fields: $i) }"#,
                serde_json::json!({ "i": { "k\u{0}": 1 } })
            ),
            Some("fields.k\u{0}".into())
        );
        assert_eq!(
            nul_at(
                r#"query($s: String = "a\u0000") { a(s: $s) }"#,
                none.clone()
            ),
            Some("$s".into())
        );
        assert_eq!(
            nul_at(
                r#"{ ...F } fragment F on Query { a @include(if: true) { b(x: ["\u0000"]) } }"#,
                none
            ),
            Some("x.0".into())
        );
        assert_eq!(
            nul_at(r#"{ a }"#, serde_json::json!({ "unused": "\u{0}" })),
            Some("$unused".into())
        );
    }
}
