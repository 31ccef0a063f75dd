//! Slugs: checked, and made from free text.

use std::sync::LazyLock;

use regex::Regex;

use crate::error::AppError;

/// Longest slug.
pub const MAX_SLUG: usize = 200;

static SLUG: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern that is known to compile.
    Regex::new("^[a-z0-9]+(?:-[a-z0-9]+)*$").unwrap_or_else(|_| unreachable!())
});

/// Whether `slug` is a well-formed slug.
pub fn is_slug(slug: &str) -> bool {
    slug.len() <= MAX_SLUG && SLUG.is_match(slug)
}

/// A slug from free text: ASCII, lower case, hyphens, at most
/// [`MAX_SLUG`] bytes cut at a hyphen; `fallback` when nothing is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = slug::slugify(text);
    if slug.len() > MAX_SLUG {
        slug.truncate(MAX_SLUG);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Checks a slug from input at `field`.
pub fn check_slug(field: &str, slug: &str) -> Result<String, AppError> {
    let slug = slug.trim();
    if is_slug(slug) {
        Ok(slug.to_string())
    } else {
        Err(AppError::bad_input(
            field,
            format!(
                "must be lower-case letters, digits and single hyphens, at most {MAX_SLUG} characters"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_generated_and_checked() {
        assert_eq!(slugify("Hello, World!", "item"), "hello-world");
        assert_eq!(slugify("Ünïcödé façade", "item"), "unicode-facade");
        assert_eq!(slugify("!!!", "item"), "item");
        let long = "word ".repeat(100);
        let slug = slugify(&long, "item");
        assert!(slug.len() <= MAX_SLUG && is_slug(&slug));
        assert!(check_slug("input.slug", "Bad Slug").is_err());
        assert!(check_slug("input.slug", "a--b").is_err());
        assert_eq!(
            check_slug("input.slug", "ok-1").ok().as_deref(),
            Some("ok-1")
        );
    }
}
