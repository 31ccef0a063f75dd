//! How many selections a document holds once every fragment spread is
//! replaced by its fragment, computed without expanding anything.
//!
//! Fragments that spread each other twice (`F1 { ...F0 ...F0 }`,
//! `F2 { ...F1 ...F1 }`, …) double at each level: 26 levels in 1 KB of text
//! make async-graphql's validation walk 2^26 selections while holding a
//! worker for half a minute. Here each fragment's expanded size is counted
//! once (memoised, saturating), in a loop rather than by recursion, and a
//! spread cycle is reported instead of followed.

use std::collections::HashMap;

use async_graphql::Positioned;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// A fragment that spreads itself, directly or through others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cycle {
    /// A fragment on the cycle.
    pub(crate) fragment: String,
}

/// A selection set's own selections and the fragments it spreads.
struct Local<'a> {
    own: u64,
    spreads: Vec<(&'a str, u64)>,
}

/// Counts the selections directly in `set` (fields, spreads and inline
/// fragments, at any depth) and how often it spreads each fragment.
fn local(set: &Positioned<SelectionSet>) -> Local<'_> {
    let mut own = 0u64;
    let mut spreads: HashMap<&str, u64> = HashMap::new();
    let mut stack = vec![set];
    while let Some(set) = stack.pop() {
        for selection in &set.node.items {
            own = own.saturating_add(1);
            match &selection.node {
                Selection::Field(field) => stack.push(&field.node.selection_set),
                Selection::InlineFragment(inline) => stack.push(&inline.node.selection_set),
                Selection::FragmentSpread(spread) => {
                    let count = spreads
                        .entry(spread.node.fragment_name.node.as_str())
                        .or_default();
                    *count = count.saturating_add(1);
                }
            }
        }
    }
    Local {
        own,
        spreads: spreads.into_iter().collect(),
    }
}

/// The expanded size of every operation and every fragment definition,
/// added up: an upper bound of what validation walks. Spreads of unknown
/// fragments count as one selection; validation reports them.
pub(crate) fn expanded_selections(document: &ExecutableDocument) -> Result<u64, Cycle> {
    let fragments: HashMap<&str, Local<'_>> = document
        .fragments
        .iter()
        .map(|(name, f)| (name.as_str(), local(&f.node.selection_set)))
        .collect();
    let sizes = fragment_sizes(&fragments)?;
    let expand = |local: &Local<'_>| {
        local
            .spreads
            .iter()
            .fold(local.own, |total, (name, count)| {
                let size = sizes.get(name).copied().unwrap_or_default();
                total.saturating_add(count.saturating_mul(size))
            })
    };
    let operations = document
        .operations
        .iter()
        .map(|(_, op)| expand(&local(&op.node.selection_set)))
        .fold(0u64, u64::saturating_add);
    Ok(sizes.values().fold(operations, |a, b| a.saturating_add(*b)))
}

/// Each fragment's expanded size, by an iterative depth-first walk of the
/// spread graph (a chain of thousands of fragments must not recurse).
fn fragment_sizes<'a>(
    fragments: &HashMap<&'a str, Local<'a>>,
) -> Result<HashMap<&'a str, u64>, Cycle> {
    #[derive(Clone, Copy)]
    enum Mark {
        OnPath,
        Done(u64),
    }
    let mut marks: HashMap<&str, Mark> = HashMap::with_capacity(fragments.len());
    for (&root, root_local) in fragments {
        if marks.contains_key(root) {
            continue;
        }
        marks.insert(root, Mark::OnPath);
        // Each frame: a fragment, its spreads, and how many were visited.
        let mut path: Vec<(&str, &Local<'_>, usize)> = vec![(root, root_local, 0)];
        while let Some(frame) = path.last_mut() {
            let (name, local, next) = *frame;
            if let Some(&(child, _)) = local.spreads.get(next) {
                frame.2 += 1;
                let Some(child_local) = fragments.get(child) else {
                    continue;
                };
                match marks.get(child) {
                    Some(Mark::OnPath) => {
                        return Err(Cycle {
                            fragment: child.to_string(),
                        });
                    }
                    Some(Mark::Done(_)) => {}
                    None => {
                        marks.insert(child, Mark::OnPath);
                        path.push((child, child_local, 0));
                    }
                }
                continue;
            }
            // Every spread is done: this fragment's size is known.
            let size = local
                .spreads
                .iter()
                .fold(local.own, |total, (child, count)| {
                    let child_size = match marks.get(child) {
                        Some(Mark::Done(size)) => *size,
                        // An unknown fragment: the spread itself was counted.
                        _ => 0,
                    };
                    total.saturating_add(count.saturating_mul(child_size))
                });
            marks.insert(name, Mark::Done(size));
            path.pop();
        }
    }
    Ok(marks
        .into_iter()
        .filter_map(|(name, mark)| match mark {
            Mark::Done(size) => Some((name, size)),
            Mark::OnPath => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(query: &str) -> Result<u64, Cycle> {
        match async_graphql::parser::parse_query(query) {
            Ok(doc) => expanded_selections(&doc),
            Err(e) => panic!("test query must parse: {e}"),
        }
    }

    /// `{ ...F<levels> }` where each fragment spreads the one below twice.
    fn doubling(levels: usize) -> String {
        let mut text = format!("{{ ...F{levels} }} fragment F0 on Query {{ health }}");
        for i in 1..=levels {
            text.push_str(&format!(
                " fragment F{i} on Query {{ ...F{j} ...F{j} }}",
                j = i - 1
            ));
        }
        text
    }

    #[test]
    fn counts_fields_spreads_and_inline_fragments() {
        assert_eq!(size("{ health }"), Ok(1));
        assert_eq!(size("{ a { b c } }"), Ok(3));
        // op: spread (1) + F (2); F itself: 2.
        assert_eq!(
            size("{ ...F } fragment F on Query { health version }"),
            Ok(5)
        );
        assert_eq!(size("{ ... on Query { health } }"), Ok(2));
        assert_eq!(size("{ ...Missing }"), Ok(1));
    }

    #[test]
    fn doubling_fragments_are_counted_not_expanded() {
        // F0 = 1, F_k = 2 spreads + 2 F_(k-1); the operation is 1 + F3.
        let three = size(&doubling(3)).unwrap_or_default();
        assert_eq!(three, (1 + 22) + (1 + 4 + 10 + 22));
        let deep = size(&doubling(26)).unwrap_or_default();
        assert!(deep > 1 << 26, "{deep}");
        // Saturates instead of overflowing.
        assert_eq!(size(&doubling(100)), Ok(u64::MAX));
    }

    #[test]
    fn cycles_are_found_without_recursion() {
        assert!(size("{ ...A } fragment A on Query { ...A }").is_err());
        assert!(
            size("{ health } fragment A on Query { ...B } fragment B on Query { x { ...A } }")
                .is_err()
        );
        // A chain of thousands of fragments is fine, and a cycle at its end found.
        let mut chain = String::from("{ ...F0 }");
        for i in 0..5_000 {
            chain.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
        }
        let open = format!("{chain} fragment F5000 on Query {{ health }}");
        assert!(size(&open).is_ok());
        let closed = format!("{chain} fragment F5000 on Query {{ ...F0 }}");
        assert!(size(&closed).is_err());
    }
}
