//! Query depth, counted outside introspection, and a bound on what
//! introspection may nest instead.
//!
//! Tools fetch the schema with graphql-js's `getIntrospectionQuery()`, whose
//! `TypeRef` fragment nests `ofType` nine levels deep: 14 levels in all, past
//! any sensible depth limit for data. Introspection is cheap and bounded
//! except through its list fields, so below `__schema` and `__type` the
//! depth limit gives way to graphql-js's `MaxIntrospectionDepthRule` (no
//! more than two of `fields`, `interfaces`, `possibleTypes`, `inputFields`
//! on one path) and a cap on `ofType`.
//!
//! Runs after the expanded size of the document was bounded and its
//! fragment cycles refused, so following spreads here ends and costs at
//! most that size. Iterative: a deep document cannot overflow the stack.

use async_graphql::Positioned;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// `fields`-like lists on one introspection path from which a query is
/// refused (graphql-js's `MAX_LISTS_DEPTH`).
const MAX_INTROSPECTION_LISTS: usize = 3;
/// `ofType` on one introspection path: the standard query needs nine.
const MAX_OF_TYPE: usize = 16;

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DepthError {
    /// Fields outside introspection nest deeper than the limit.
    TooDeep { limit: usize },
    /// Introspection nests list fields or `ofType` too deep.
    Introspection,
}

impl std::fmt::Display for DepthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooDeep { limit } => write!(
                f,
                "the query nests fields more than {limit} levels deep (VELLUM_MAX_DEPTH)"
            ),
            Self::Introspection => write!(
                f,
                "introspection nests `fields`, `interfaces`, `possibleTypes` or \
                 `inputFields` more than {} levels deep, or `ofType` more than \
                 {MAX_OF_TYPE}",
                MAX_INTROSPECTION_LISTS - 1
            ),
        }
    }
}

/// Where a walk is: the depth of fields above, and inside introspection
/// the lists and `ofType` above.
#[derive(Debug, Clone, Copy)]
struct Place {
    depth: usize,
    introspection: Option<(usize, usize)>,
}

/// Checks every operation (fragments through their spreads).
pub(crate) fn check(document: &ExecutableDocument, max_depth: usize) -> Result<(), DepthError> {
    let top = Place {
        depth: 0,
        introspection: None,
    };
    let mut stack: Vec<(&Positioned<SelectionSet>, Place)> = document
        .operations
        .iter()
        .map(|(_, op)| (&op.node.selection_set, top))
        .collect();
    while let Some((set, place)) = stack.pop() {
        for selection in &set.node.items {
            match &selection.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let inner = enter_field(name, place, max_depth)?;
                    stack.push((&field.node.selection_set, inner));
                }
                Selection::InlineFragment(inline) => {
                    stack.push((&inline.node.selection_set, place))
                }
                Selection::FragmentSpread(spread) => {
                    // Unknown fragments are validation's to report.
                    if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node)
                    {
                        stack.push((&fragment.node.selection_set, place));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The place below a field named `name` selected at `place`.
fn enter_field(name: &str, place: Place, max_depth: usize) -> Result<Place, DepthError> {
    match place.introspection {
        Some((lists, of_type)) => {
            let lists = lists
                + usize::from(matches!(
                    name,
                    "fields" | "interfaces" | "possibleTypes" | "inputFields"
                ));
            let of_type = of_type + usize::from(name == "ofType");
            if lists >= MAX_INTROSPECTION_LISTS || of_type > MAX_OF_TYPE {
                return Err(DepthError::Introspection);
            }
            Ok(Place {
                introspection: Some((lists, of_type)),
                ..place
            })
        }
        None => {
            let depth = place.depth + 1;
            if depth > max_depth {
                return Err(DepthError::TooDeep { limit: max_depth });
            }
            let introspects = name == "__schema" || name == "__type";
            Ok(Place {
                depth,
                introspection: introspects.then_some((0, 0)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(query: &str, max: usize) -> Result<(), DepthError> {
        match async_graphql::parser::parse_query(query) {
            Ok(doc) => check(&doc, max),
            Err(e) => panic!("test query must parse: {e}"),
        }
    }

    #[test]
    fn counts_fields_through_fragments() {
        assert_eq!(depth("{ a { b { c } } }", 3), Ok(()));
        assert_eq!(
            depth("{ a { b { c { d } } } }", 3),
            Err(DepthError::TooDeep { limit: 3 })
        );
        assert_eq!(
            depth(
                "{ a { ...F } } fragment F on A { b { ... on B { c { d } } } }",
                3
            ),
            Err(DepthError::TooDeep { limit: 3 })
        );
    }

    #[test]
    fn introspection_is_bounded_by_its_own_rule() {
        let of_type = format!("{}name{}", "ofType { ".repeat(9), " }".repeat(9));
        let deep = format!("{{ __schema {{ types {{ fields {{ type {{ {of_type} }} }} }} }} }}");
        assert_eq!(depth(&deep, 3), Ok(()));
        assert_eq!(
            depth(
                "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
                12
            ),
            Err(DepthError::Introspection)
        );
        assert_eq!(
            depth(
                "{ __type(name: \"Q\") { fields { type { fields { name } } } } }",
                12
            ),
            Ok(())
        );
        assert_eq!(
            depth(
                "{ __type(name: \"Q\") { interfaces { possibleTypes { inputFields { name } } } } }",
                12
            ),
            Err(DepthError::Introspection)
        );
        let too_many = format!(
            "{{ __type(name: \"Q\") {{ {}name{} }} }}",
            "ofType { ".repeat(17),
            " }".repeat(17)
        );
        assert_eq!(depth(&too_many, 12), Err(DepthError::Introspection));
    }
}
