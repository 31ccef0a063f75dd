//! Checks and normalisation of the values items carry.

use super::*;

/// Validates and normalizes item field values against `defs`. `values` must
/// be a JSON object (or null = empty object).
///
/// Errors use paths `fields.<apiId>` (and `fields.<apiId>[i]` for multiSelect
/// items). Returns the normalized object: unknown keys rejected ("unknown
/// field"), missing or null values filled from `default` when set,
/// required-but-missing → error "is required"; null for optional → key
/// omitted. `rich_text` is called on richText values to sanitize them (the
/// caller passes the HTML sanitizer).
///
/// Unknown keys are reported before anything else: a misspelt key would
/// otherwise surface as a confusing "is required" on the real one.
pub fn validate_values(
    defs: &[FieldDef],
    values: &Value,
    rich_text: &dyn Fn(&str) -> String,
) -> Result<Map<String, Value>, FieldError> {
    let empty = Map::new();
    let given = match values {
        Value::Null => &empty,
        Value::Object(map) => map,
        _ => return Err(err("fields", "must be an object")),
    };
    let known: HashSet<&str> = defs.iter().map(|d| d.api_id.as_str()).collect();
    if let Some(key) = given.keys().find(|k| !known.contains(k.as_str())) {
        return Err(err(format!("fields.{key}"), "unknown field"));
    }
    let mut out = Map::new();
    for def in defs {
        let path = format!("fields.{}", def.api_id);
        let value = match given.get(&def.api_id) {
            Some(v) if !v.is_null() => v,
            _ => match def.default_value() {
                // Defaults go through validation too, so they are normalised
                // (and sanitised) exactly like a value the client sent.
                Some(default) => default,
                None if def.required => return Err(err(path, "is required")),
                None => continue,
            },
        };
        let normalized = check_value(def, value, &path, rich_text)?;
        out.insert(def.api_id.clone(), normalized);
    }
    Ok(out)
}

/// Checks one non-null value against `def` and returns its normalised form.
pub(super) fn check_value(
    def: &FieldDef,
    value: &Value,
    path: &str,
    rich_text: &dyn Fn(&str) -> String,
) -> Result<Value, FieldError> {
    match def.kind {
        FieldKind::Text => {
            let s = string(value, path)?;
            check_length(def, s, path)?;
            if let Some(pattern) = &def.pattern {
                let re = compile_pattern(pattern)
                    .map_err(|_| err(path, "cannot be checked: the field's pattern is invalid"))?;
                if !re.is_match(s) {
                    return Err(err(path, format!("must match the pattern {pattern}")));
                }
            }
            Ok(Value::String(s.to_owned()))
        }
        FieldKind::RichText => {
            let raw = string(value, path)?;
            // Cap before sanitising so a huge input costs nothing to reject;
            // the field's own bounds apply to what is actually stored.
            if raw.chars().count() > MAX_STRING_CHARS {
                return Err(err(
                    path,
                    format!("must be at most {MAX_STRING_CHARS} characters"),
                ));
            }
            let clean = rich_text(raw);
            check_length(def, &clean, path)?;
            Ok(Value::String(clean))
        }
        FieldKind::Markdown => {
            let s = string(value, path)?;
            check_length(def, s, path)?;
            Ok(Value::String(s.to_owned()))
        }
        FieldKind::Integer => check_integer(def, value, path),
        FieldKind::Float => check_float(def, value, path),
        FieldKind::Boolean => match value {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            _ => Err(err(path, "must be true or false")),
        },
        FieldKind::Date => value
            .as_str()
            .and_then(parse_date)
            .map(|_| value.clone())
            .ok_or_else(|| err(path, "must be a valid date in the form YYYY-MM-DD")),
        FieldKind::Datetime => value
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| {
                Value::String(
                    t.with_timezone(&Utc)
                        .to_rfc3339_opts(SecondsFormat::Millis, true),
                )
            })
            .ok_or_else(|| {
                err(
                    path,
                    "must be a date and time in RFC 3339 form with an offset, \
                     e.g. 2024-05-01T12:00:00Z",
                )
            }),
        FieldKind::Select => match value.as_str() {
            Some(s) if def.options.iter().any(|o| o == s) => Ok(value.clone()),
            _ => Err(err(path, one_of(&def.options))),
        },
        FieldKind::MultiSelect => check_multi_select(def, value, path),
        FieldKind::Json => {
            let mut counter = ByteCounter(0);
            // The counter errors once past the cap, so an oversized value is
            // never serialised in full just to be measured.
            if serde_json::to_writer(&mut counter, value).is_err() {
                return Err(err(
                    path,
                    format!("must be at most {MAX_JSON_BYTES} bytes as JSON"),
                ));
            }
            Ok(value.clone())
        }
        FieldKind::Reference => value
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .map(|id| Value::String(id.hyphenated().to_string()))
            .ok_or_else(|| err(path, "must be an item id (a UUID)")),
        FieldKind::Media => check_media(def, value, path),
    }
}

/// One file id, or for a `multiple` field a list of distinct ones.
fn check_media(def: &FieldDef, value: &Value, path: &str) -> Result<Value, FieldError> {
    let one = |value: &Value, path: &str| {
        value
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| err(path, "must be a file id (a UUID)"))
    };
    if !def.multiple {
        return Ok(Value::String(one(value, path)?.hyphenated().to_string()));
    }
    let Value::Array(items) = value else {
        return Err(err(path, "must be a list of file ids"));
    };
    if items.len() > MAX_MEDIA_PER_FIELD {
        return Err(err(
            path,
            format!("must hold at most {MAX_MEDIA_PER_FIELD} files"),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let id = one(item, &format!("{path}[{i}]"))?;
        if !seen.insert(id) {
            return Err(err(format!("{path}[{i}]"), "is listed more than once"));
        }
        out.push(Value::String(id.hyphenated().to_string()));
    }
    Ok(Value::Array(out))
}

pub(super) fn string<'v>(value: &'v Value, path: &str) -> Result<&'v str, FieldError> {
    value.as_str().ok_or_else(|| err(path, "must be a string"))
}

/// Applies `min`, `max` and [`MAX_STRING_CHARS`] to a string's character count.
pub(super) fn check_length(def: &FieldDef, s: &str, path: &str) -> Result<(), FieldError> {
    let len = s.chars().count() as f64;
    if let Some(min) = def.min
        && len < min
    {
        return Err(err(
            path,
            format!("must be at least {}", plural(min, "character")),
        ));
    }
    // Report whichever limit is tighter, so the message states the real one.
    let cap = MAX_STRING_CHARS as f64;
    let max = def.max.map_or(cap, |m| m.min(cap));
    if len > max {
        return Err(err(
            path,
            format!("must be at most {}", plural(max, "character")),
        ));
    }
    Ok(())
}

pub(super) fn check_integer(
    def: &FieldDef,
    value: &Value,
    path: &str,
) -> Result<Value, FieldError> {
    let Some(number) = value.as_number() else {
        return Err(err(path, "must be a whole number"));
    };
    let out_of_range = || {
        err(
            path,
            format!("must be between {} and {}", i64::MIN, i64::MAX),
        )
    };
    let n = if let Some(n) = number.as_i64() {
        n
    } else if number.is_u64() {
        return Err(out_of_range());
    } else {
        // Clients that only have doubles send 3.0; accept it as 3.
        let f = number.as_f64().unwrap_or(f64::NAN);
        if !f.is_finite() || f.fract() != 0.0 {
            return Err(err(path, "must be a whole number"));
        }
        if !(I64_MIN_F..I64_END_F).contains(&f) {
            return Err(out_of_range());
        }
        f as i64
    };
    if let Some(min) = def.min
        && int_cmp(n, min).is_lt()
    {
        return Err(err(path, format!("must be at least {}", num(min))));
    }
    if let Some(max) = def.max
        && int_cmp(n, max).is_gt()
    {
        return Err(err(path, format!("must be at most {}", num(max))));
    }
    Ok(Value::from(n))
}

/// Compares an integer with a bound exactly: `n as f64` rounds past 2^53, so
/// whole bounds in range are compared as integers.
pub(super) fn int_cmp(n: i64, bound: f64) -> std::cmp::Ordering {
    if bound.fract() == 0.0 && (I64_MIN_F..I64_END_F).contains(&bound) {
        n.cmp(&(bound as i64))
    } else {
        (n as f64).total_cmp(&bound)
    }
}

pub(super) fn check_float(def: &FieldDef, value: &Value, path: &str) -> Result<Value, FieldError> {
    let Some(f) = value.as_f64().filter(|f| f.is_finite()) else {
        return Err(err(path, "must be a number"));
    };
    if let Some(min) = def.min
        && f < min
    {
        return Err(err(path, format!("must be at least {}", num(min))));
    }
    if let Some(max) = def.max
        && f > max
    {
        return Err(err(path, format!("must be at most {}", num(max))));
    }
    // Stored as a double so `2` and `2.0` are the same value to the unique
    // check; a float field keeps no more precision than that anyway.
    Ok(Value::from(f))
}

/// Parses exactly `YYYY-MM-DD`; chrono alone would also take `2024-1-5` or a
/// signed five-digit year, which would then not compare as strings.
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    let shaped = matches!(
        s.as_bytes(),
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2]
            if [y1, y2, y3, y4, m1, m2, d1, d2].iter().all(|b| b.is_ascii_digit())
    );
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

pub(super) fn check_multi_select(
    def: &FieldDef,
    value: &Value,
    path: &str,
) -> Result<Value, FieldError> {
    let Some(items) = value.as_array() else {
        return Err(err(path, "must be a list of options"));
    };
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.as_str().filter(|s| def.options.iter().any(|o| o == s)) else {
            return Err(err(format!("{path}[{i}]"), one_of(&def.options)));
        };
        if !seen.insert(s) {
            return Err(err(format!("{path}[{i}]"), "is selected more than once"));
        }
    }
    let count = items.len() as f64;
    if let Some(min) = def.min
        && count < min
    {
        return Err(err(
            path,
            format!("must have at least {}", plural(min, "item")),
        ));
    }
    if let Some(max) = def.max
        && count > max
    {
        return Err(err(
            path,
            format!("must have at most {}", plural(max, "item")),
        ));
    }
    Ok(value.clone())
}

pub(super) fn one_of(options: &[String]) -> String {
    if options.len() > MAX_LISTED_OPTIONS {
        format!("must be one of the field's {} options", options.len())
    } else {
        format!("must be one of: {}", options.join(", "))
    }
}

/// Formats a bound the way the author wrote it: `3`, not `3.0`.
pub(super) fn num(n: f64) -> String {
    format!("{n}")
}

pub(super) fn plural(n: f64, unit: &str) -> String {
    if n == 1.0 {
        format!("1 {unit}")
    } else {
        format!("{} {unit}s", num(n))
    }
}

/// Counts serialised bytes and fails once past [`MAX_JSON_BYTES`].
pub(super) struct ByteCounter(usize);

impl io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        if self.0 > MAX_JSON_BYTES {
            return Err(io::Error::other("json value too large"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
