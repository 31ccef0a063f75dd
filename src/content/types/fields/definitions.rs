//! Checks of the field definitions a content type declares.

use super::*;

/// Checks a list of definitions; `base` is the input path prefix, e.g.
/// `input.fields`; errors use paths like `input.fields[2].pattern`.
///
/// Stops at the first problem, in field order.
pub fn check_definitions(base: &str, defs: &[FieldDef]) -> Result<(), FieldError> {
    if defs.len() > MAX_FIELDS {
        return Err(err(base, format!("must have at most {MAX_FIELDS} fields")));
    }
    let mut seen = HashSet::new();
    for (i, def) in defs.iter().enumerate() {
        let at = format!("{base}[{i}]");
        if !is_field_api_id(&def.api_id) {
            return Err(err(
                format!("{at}.apiId"),
                "must start with a lowercase letter and contain only letters and digits, \
                 at most 64 characters",
            ));
        }
        if !seen.insert(def.api_id.as_str()) {
            return Err(err(
                format!("{at}.apiId"),
                "is already used by another field",
            ));
        }
        check_definition(&at, def)?;
    }
    Ok(())
}

/// Checks one definition apart from its api id; `at` is its input path.
pub(super) fn check_definition(at: &str, def: &FieldDef) -> Result<(), FieldError> {
    let name_chars = def.name.trim().chars().count();
    if name_chars == 0 || name_chars > MAX_NAME_CHARS {
        return Err(err(
            format!("{at}.name"),
            format!("must be 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    if def.unique && !def.kind.allows_unique() {
        return Err(err(
            format!("{at}.unique"),
            format!("is not allowed for {} fields", def.kind),
        ));
    }
    // Options before bounds: a multiSelect `min` is checked against them.
    check_options(at, def)?;
    check_bounds(at, def)?;
    if let Some(pattern) = &def.pattern {
        let path = format!("{at}.pattern");
        if def.kind != FieldKind::Text {
            return Err(err(path, "is only allowed for text fields"));
        }
        if pattern.is_empty() {
            // Would match only the empty string; almost surely meant "none".
            return Err(err(path, "must not be empty"));
        }
        if pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err(err(
                path,
                format!("must be at most {MAX_PATTERN_CHARS} characters"),
            ));
        }
        // The bare pattern is compiled too: `a)|(b` is not a regex, yet
        // wrapped it becomes `^(?:a)|(b)$`, which is, and is unanchored.
        RegexBuilder::new(pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .and_then(|_| compile_pattern(pattern))
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => {
                    err(path.clone(), "is too large once compiled; simplify it")
                }
                _ => err(path.clone(), "is not a valid regular expression"),
            })?;
    }
    match (def.kind == FieldKind::Reference, &def.reference_type) {
        (true, None) => {
            return Err(err(
                format!("{at}.referenceType"),
                "is required for reference fields",
            ));
        }
        (true, Some(ty)) if !is_type_api_id(ty) => {
            return Err(err(
                format!("{at}.referenceType"),
                "must be a content type api id: a lowercase letter, then 1 to 63 letters, \
                 digits or underscores",
            ));
        }
        (false, Some(_)) => {
            return Err(err(
                format!("{at}.referenceType"),
                "is only allowed for reference fields",
            ));
        }
        _ => {}
    }
    check_media_definition(at, def)?;
    // Last, because checking the default relies on the rest being sound. Rich
    // text is not sanitised here (no sanitiser at hand); it is on every use.
    if let Some(default) = def.default_value() {
        check_value(def, default, &format!("{at}.default"), &|s| s.to_owned())?;
    }
    Ok(())
}

/// `mediaTypes` and `multiple` belong to media fields, which take no
/// default (a default would name one file for every item, unchecked).
fn check_media_definition(at: &str, def: &FieldDef) -> Result<(), FieldError> {
    if def.kind != FieldKind::Media {
        if !def.media_types.is_empty() {
            return Err(err(
                format!("{at}.mediaTypes"),
                "is only allowed for media fields",
            ));
        }
        if def.multiple {
            return Err(err(
                format!("{at}.multiple"),
                "is only allowed for media fields",
            ));
        }
        return Ok(());
    }
    if def.default_value().is_some() {
        return Err(err(
            format!("{at}.default"),
            "is not allowed for media fields",
        ));
    }
    if def.media_types.len() > MAX_MEDIA_TYPES {
        return Err(err(
            format!("{at}.mediaTypes"),
            format!("must list at most {MAX_MEDIA_TYPES} types"),
        ));
    }
    for (j, mime) in def.media_types.iter().enumerate() {
        let well_formed = mime.len() <= 100
            && mime.split_once('/').is_some_and(|(family, sub)| {
                let token = |t: &str| {
                    !t.is_empty()
                        && t.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                };
                token(family) && (sub == "*" || token(sub))
            });
        if !well_formed {
            return Err(err(
                format!("{at}.mediaTypes[{j}]"),
                "must be a type such as image/png, or a family such as image/*",
            ));
        }
    }
    Ok(())
}

pub(super) fn check_options(at: &str, def: &FieldDef) -> Result<(), FieldError> {
    if !matches!(def.kind, FieldKind::Select | FieldKind::MultiSelect) {
        if def.options.is_empty() {
            return Ok(());
        }
        return Err(err(
            format!("{at}.options"),
            "is only allowed for select and multiSelect fields",
        ));
    }
    if def.options.is_empty() {
        return Err(err(
            format!("{at}.options"),
            "must list at least one option",
        ));
    }
    let mut seen = HashSet::new();
    for (j, option) in def.options.iter().enumerate() {
        if option.trim().is_empty() || option.chars().count() > MAX_NAME_CHARS {
            return Err(err(
                format!("{at}.options[{j}]"),
                format!("must be 1 to {MAX_NAME_CHARS} characters"),
            ));
        }
        if !seen.insert(option.as_str()) {
            return Err(err(
                format!("{at}.options[{j}]"),
                "is listed more than once",
            ));
        }
    }
    Ok(())
}

pub(super) fn check_bounds(at: &str, def: &FieldDef) -> Result<(), FieldError> {
    let bounds = def.kind.bounds();
    for (name, bound) in [("min", def.min), ("max", def.max)] {
        let Some(bound) = bound else { continue };
        let path = format!("{at}.{name}");
        if bounds == Bounds::None {
            return Err(err(path, format!("is not allowed for {} fields", def.kind)));
        }
        // JSON cannot carry NaN or infinity, but definitions built in code can.
        if !bound.is_finite() {
            return Err(err(path, "must be a finite number"));
        }
        let whole = matches!(
            bounds,
            Bounds::Length | Bounds::Count | Bounds::Value { whole: true }
        );
        if whole && bound.fract() != 0.0 {
            return Err(err(path, "must be a whole number"));
        }
        if matches!(bounds, Bounds::Length | Bounds::Count) && bound < 0.0 {
            return Err(err(path, "must not be negative"));
        }
        if bounds == Bounds::Length && bound > MAX_STRING_CHARS as f64 {
            return Err(err(path, format!("must be at most {MAX_STRING_CHARS}")));
        }
        // Selections are distinct options, so more could never be chosen.
        if bounds == Bounds::Count && name == "min" && bound > def.options.len() as f64 {
            return Err(err(
                path,
                format!(
                    "must not exceed the number of options ({})",
                    def.options.len()
                ),
            ));
        }
    }
    if let (Some(min), Some(max)) = (def.min, def.max)
        && min > max
    {
        return Err(err(
            format!("{at}.max"),
            format!("must not be less than min ({})", num(min)),
        ));
    }
    Ok(())
}

/// `^[a-z][a-zA-Z0-9]{0,63}$`, without paying for a regex on every write.
pub(super) fn is_field_api_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && s.len() <= MAX_API_ID_CHARS
}

/// `^[a-z][a-zA-Z0-9_]{1,63}$`, the content type api id format.
pub(super) fn is_type_api_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (2..=64).contains(&s.len())
}

/// Anchors the author's pattern so it must match the whole value; the group
/// keeps a top-level `a|b` from anchoring only one side.
pub(super) fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}
