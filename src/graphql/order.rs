//! Puts every object of a response back in the order of the selection set.
//!
//! The spec orders a response's fields as the query selects them, but
//! async-graphql 7 inserts sibling fields as they finish (its parallel
//! resolver polls a `FuturesUnordered`), so two fields served by DataLoaders
//! came back in either order. Besides surprising clients, that gave one
//! answer several ETags, and GET caching rarely saw a 304.

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextSubscribe,
};
use async_graphql::futures_util::StreamExt as _;
use async_graphql::futures_util::stream::BoxStream;
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, Response, Value};

/// The document a request runs, kept in its data for [`ResponseOrder`].
#[derive(Clone)]
pub(crate) struct SelectionOrder(pub(crate) Arc<ExecutableDocument>);

/// The extension that reorders responses (and subscription events).
pub(crate) struct ResponseOrder;

impl ExtensionFactory for ResponseOrder {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ResponseOrder)
    }
}

#[async_trait::async_trait]
impl Extension for ResponseOrder {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        if let Some(order) = ctx.data_opt::<SelectionOrder>() {
            order.apply(operation_name, &mut response.data);
        }
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        let order = ctx.data_opt::<SelectionOrder>().cloned();
        let stream = next.run(ctx, stream);
        match order {
            Some(order) => stream
                .map(move |mut response| {
                    // A subscription document has one operation to run.
                    order.apply(None, &mut response.data);
                    response
                })
                .boxed(),
            None => stream,
        }
    }
}

impl SelectionOrder {
    /// Reorders `data`, the answer to `operation_name` of the document.
    fn apply(&self, operation_name: Option<&str>, data: &mut Value) {
        let operation = match (&self.0.operations, operation_name) {
            (DocumentOperations::Single(op), _) => op,
            (DocumentOperations::Multiple(ops), Some(name)) => match ops.get(name) {
                Some(op) => op,
                None => return,
            },
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
                match ops.values().next() {
                    Some(op) => op,
                    None => return,
                }
            }
            (DocumentOperations::Multiple(_), None) => return,
        };
        reorder(&self.0, &[&operation.node.selection_set.node], data);
    }
}

/// The response keys at one point of a response, in order, each with the
/// selection sets of every field answering to it.
type Keys<'d> = IndexMap<Name, Vec<&'d SelectionSet>>;

/// Orders each object in `value` as `selections` (all the selection sets
/// that apply at this point of the response) select its keys.
fn reorder(document: &ExecutableDocument, selections: &[&SelectionSet], value: &mut Value) {
    if matches!(value, Value::List(_) | Value::Object(_)) {
        arrange(document, &response_keys(document, selections), value);
    }
}

/// Orders `value` by `keys`: every element of a list shares them, so a
/// long list computes them once.
fn arrange(document: &ExecutableDocument, keys: &Keys<'_>, value: &mut Value) {
    match value {
        Value::List(items) => {
            for item in items {
                arrange(document, keys, item);
            }
        }
        Value::Object(map) => {
            let mut old = std::mem::take(map);
            map.reserve(old.len());
            for (key, children) in keys {
                if let Some(mut child) = old.shift_remove(key) {
                    if !children.is_empty() {
                        reorder(document, children, &mut child);
                    }
                    map.insert(key.clone(), child);
                }
            }
            // Nothing should be left; keep whatever is rather than lose it.
            map.extend(old);
        }
        _ => {}
    }
}

/// The response keys `selections` select, in document order (fragments
/// expanded where they are spread).
fn response_keys<'d>(
    document: &'d ExecutableDocument,
    selections: &[&'d SelectionSet],
) -> Keys<'d> {
    let mut keys = Keys::new();
    let mut spread: HashSet<&Name> = HashSet::new();
    let mut stack: Vec<&Positioned<Selection>> = Vec::new();
    for set in selections.iter().rev() {
        stack.extend(set.items.iter().rev());
    }
    // Depth-first in document order; a fragment spread twice at one level
    // adds nothing new (and a cycle, refused earlier, cannot loop here).
    while let Some(selection) = stack.pop() {
        match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                let children = &field.selection_set.node;
                let sets = keys.entry(field.response_key().node.clone()).or_default();
                if !children.items.is_empty() {
                    sets.push(children);
                }
            }
            Selection::FragmentSpread(spread_node) => {
                let name = &spread_node.node.fragment_name.node;
                if spread.insert(name)
                    && let Some(fragment) = document.fragments.get(name)
                {
                    stack.extend(fragment.node.selection_set.node.items.iter().rev());
                }
            }
            Selection::InlineFragment(inline) => {
                stack.extend(inline.node.selection_set.node.items.iter().rev());
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(pairs: &[(&str, Value)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (Name::new(k), v.clone()))
                .collect(),
        )
    }

    fn keys(value: &Value) -> Vec<String> {
        match value {
            Value::Object(map) => map.keys().map(|k| k.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn objects_follow_the_selection_order_through_fragments_aliases_and_lists() {
        let document = async_graphql::parser::parse_query(
            "query Q { b: contents { nodes { ...Card tags { name id } } } a: health } \
             fragment Card on Content { title ... on Content { author { displayName id } } id }",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let order = SelectionOrder(Arc::new(document));
        let node = object(&[
            ("id", Value::from(1)),
            (
                "tags",
                Value::List(vec![object(&[("id", 1.into()), ("name", "t".into())])]),
            ),
            (
                "author",
                object(&[("id", 2.into()), ("displayName", "d".into())]),
            ),
            ("title", "x".into()),
        ]);
        let mut data = object(&[
            ("a", "ok".into()),
            (
                "b",
                object(&[("nodes", Value::List(vec![node.clone(), node]))]),
            ),
        ]);
        order.apply(Some("Q"), &mut data);
        assert_eq!(keys(&data), ["b", "a"]);
        let Value::Object(top) = &data else {
            panic!("{data}")
        };
        let Some(Value::Object(b)) = top.get("b") else {
            panic!("{data}")
        };
        let Some(Value::List(nodes)) = b.get("nodes") else {
            panic!("{data}")
        };
        for node in nodes {
            assert_eq!(keys(node), ["title", "author", "id", "tags"]);
            let Value::Object(node) = node else {
                panic!("{node}")
            };
            assert_eq!(keys(&node["author"]), ["displayName", "id"]);
            let Some(Value::List(tags)) = node.get("tags") else {
                panic!()
            };
            assert_eq!(keys(&tags[0]), ["name", "id"]);
        }
    }
}
