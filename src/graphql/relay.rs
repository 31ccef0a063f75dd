//! Relay connections in the schema: the complexity of a page (page size
//! times what each node costs). Cursors and page arguments live in
//! [`crate::pagination`].

use crate::pagination::{DEFAULT_PAGE, MAX_PAGE};

/// Complexity of a connection field: page size times a node's cost, so a
/// client cannot ask for 100 nodes of something expensive under the limit.
pub fn complexity(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .or(last)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(DEFAULT_PAGE)
        .min(MAX_PAGE);
    size.saturating_mul(child_complexity.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complexity_multiplies_by_page_size() {
        assert_eq!(complexity(Some(50), None, 3), 150);
        assert_eq!(complexity(None, None, 2), 40);
        assert_eq!(complexity(Some(10_000), None, 2), 200);
    }
}
