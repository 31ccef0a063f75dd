use serde_json::json;

use super::*;

fn def(api_id: &str, kind: FieldKind) -> FieldDef {
    FieldDef {
        api_id: api_id.to_owned(),
        name: api_id.to_owned(),
        kind,
        required: false,
        unique: false,
        min: None,
        max: None,
        pattern: None,
        default: None,
        options: Vec::new(),
        reference_type: None,
        media_types: Vec::new(),
        multiple: false,
    }
}

fn named(name: &str, d: FieldDef) -> FieldDef {
    FieldDef {
        name: name.to_owned(),
        ..d
    }
}

fn select(api_id: &str, kind: FieldKind, options: &[&str]) -> FieldDef {
    FieldDef {
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        ..def(api_id, kind)
    }
}

fn reference(api_id: &str, ty: &str) -> FieldDef {
    FieldDef {
        reference_type: Some(ty.to_owned()),
        ..def(api_id, FieldKind::Reference)
    }
}

fn identity(s: &str) -> String {
    s.to_owned()
}

/// Stands in for the HTML sanitiser: drops `<script>` tags.
fn strip_script(s: &str) -> String {
    s.replace("<script>", "").replace("</script>", "")
}

fn validate(defs: &[FieldDef], values: Value) -> Result<Map<String, Value>, FieldError> {
    validate_values(defs, &values, &identity)
}

/// Validates `value` as the only field `x` and returns it normalised.
fn one(d: FieldDef, value: Value) -> Result<Value, FieldError> {
    let id = d.api_id.clone();
    let mut out = validate(&[d], json!({ id.clone(): value }))?;
    Ok(out.remove(&id).unwrap_or(Value::Null))
}

fn one_err(d: FieldDef, value: Value) -> (String, String) {
    let e = one(d, value).unwrap_err();
    (e.path, e.message)
}

fn defs_err(defs: &[FieldDef]) -> (String, String) {
    let e = check_definitions("input.fields", defs).unwrap_err();
    (e.path, e.message)
}

fn at(path: &str, message: &str) -> (String, String) {
    (path.to_owned(), message.to_owned())
}

// --- serde -------------------------------------------------------------

#[test]
fn definitions_deserialize_from_camel_case_with_defaults() {
    let defs: Vec<FieldDef> = serde_json::from_value(json!([
        {"apiId": "title", "name": "Title", "kind": "text"},
        {"apiId": "body", "name": "Body", "kind": "richText", "required": true},
        {"apiId": "tags", "name": "Tags", "kind": "multiSelect", "options": ["a", "b"], "max": 2},
        {"apiId": "author", "name": "Author", "kind": "reference", "referenceType": "person"},
        {"apiId": "when", "name": "When", "kind": "datetime", "default": null},
    ]))
    .unwrap();
    assert_eq!(defs[0], named("Title", def("title", FieldKind::Text)));
    assert!(defs[1].required);
    assert_eq!(defs[1].kind, FieldKind::RichText);
    assert_eq!(defs[2].kind, FieldKind::MultiSelect);
    assert_eq!(defs[2].max, Some(2.0));
    assert_eq!(defs[3].reference_type.as_deref(), Some("person"));
    assert_eq!(defs[4].default, None);
    check_definitions("input.fields", &defs).unwrap();

    let back = serde_json::to_value(&defs[3]).unwrap();
    assert_eq!(back["apiId"], "author");
    assert_eq!(back["kind"], "reference");
    assert_eq!(back["referenceType"], "person");
}

#[test]
fn kind_names_match_serde() {
    let kinds = [
        FieldKind::Text,
        FieldKind::RichText,
        FieldKind::Markdown,
        FieldKind::Integer,
        FieldKind::Float,
        FieldKind::Boolean,
        FieldKind::Date,
        FieldKind::Datetime,
        FieldKind::Select,
        FieldKind::MultiSelect,
        FieldKind::Json,
        FieldKind::Reference,
    ];
    for kind in kinds {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        assert_eq!(kind.to_string(), kind.as_str());
    }
    assert!(serde_json::from_value::<FieldKind>(json!("RichText")).is_err());
}

#[test]
fn field_error_displays_path_and_message() {
    let e = err("fields.title", "is required");
    assert_eq!(e.to_string(), "fields.title: is required");
}

// --- check_definitions -------------------------------------------------

#[test]
fn a_sound_set_of_definitions_passes() {
    let defs = vec![
        FieldDef {
            required: true,
            unique: true,
            min: Some(1.0),
            max: Some(120.0),
            pattern: Some("[a-z-]+".into()),
            default: Some(json!("untitled")),
            ..def("slug", FieldKind::Text)
        },
        FieldDef {
            max: Some(5000.0),
            ..def("body", FieldKind::RichText)
        },
        def("notes", FieldKind::Markdown),
        FieldDef {
            unique: true,
            min: Some(-10.0),
            max: Some(10.0),
            default: Some(json!(0)),
            ..def("rank", FieldKind::Integer)
        },
        FieldDef {
            min: Some(0.5),
            max: Some(99.5),
            ..def("price", FieldKind::Float)
        },
        FieldDef {
            default: Some(json!(false)),
            ..def("featured", FieldKind::Boolean)
        },
        FieldDef {
            unique: true,
            ..def("day", FieldKind::Date)
        },
        def("at", FieldKind::Datetime),
        FieldDef {
            unique: true,
            default: Some(json!("draft")),
            ..select("status", FieldKind::Select, &["draft", "final"])
        },
        FieldDef {
            min: Some(1.0),
            max: Some(2.0),
            default: Some(json!(["a"])),
            ..select("tags", FieldKind::MultiSelect, &["a", "b", "c"])
        },
        def("extra", FieldKind::Json),
        FieldDef {
            unique: true,
            ..reference("author", "blog_author")
        },
    ];
    check_definitions("input.fields", &defs).unwrap();
    check_definitions("input.fields", &[]).unwrap();
}

#[test]
fn at_most_100_fields() {
    let defs: Vec<_> = (0..=MAX_FIELDS)
        .map(|i| def(&format!("f{i}"), FieldKind::Text))
        .collect();
    check_definitions("input.fields", &defs[..MAX_FIELDS]).unwrap();
    assert_eq!(
        defs_err(&defs),
        at("input.fields", "must have at most 100 fields")
    );
}

#[test]
fn api_id_format() {
    let long_ok = format!("a{}", "B".repeat(63));
    for ok in ["a", "title", "heroImage2", long_ok.as_str()] {
        check_definitions("input.fields", &[def(ok, FieldKind::Text)]).unwrap();
    }
    let too_long = format!("a{}", "b".repeat(64));
    for bad in [
        "",
        "Title",
        "1st",
        "hero_image",
        "hero-image",
        "é",
        too_long.as_str(),
    ] {
        let (path, _) = defs_err(&[def("ok", FieldKind::Text), def(bad, FieldKind::Text)]);
        assert_eq!(path, "input.fields[1].apiId", "{bad:?}");
    }
}

#[test]
fn api_ids_are_unique_case_sensitively() {
    let defs = [def("title", FieldKind::Text), def("tiTle", FieldKind::Text)];
    check_definitions("input.fields", &defs).unwrap();
    let defs = [
        def("title", FieldKind::Text),
        def("body", FieldKind::Text),
        def("title", FieldKind::Integer),
    ];
    assert_eq!(
        defs_err(&defs),
        at("input.fields[2].apiId", "is already used by another field")
    );
}

#[test]
fn name_is_1_to_100_characters_after_trimming() {
    for bad in ["", "   ", &"n".repeat(101)] {
        let d = named(bad, def("x", FieldKind::Text));
        assert_eq!(
            defs_err(&[d]),
            at("input.fields[0].name", "must be 1 to 100 characters")
        );
    }
    let d = named(&format!(" {} ", "é".repeat(100)), def("x", FieldKind::Text));
    check_definitions("input.fields", &[d]).unwrap();
}

#[test]
fn unique_only_on_comparable_kinds() {
    for kind in [
        FieldKind::RichText,
        FieldKind::Markdown,
        FieldKind::Boolean,
        FieldKind::Json,
    ] {
        let d = FieldDef {
            unique: true,
            ..def("x", kind)
        };
        assert_eq!(
            defs_err(&[d]),
            at(
                "input.fields[0].unique",
                &format!("is not allowed for {kind} fields")
            )
        );
    }
    let d = FieldDef {
        unique: true,
        ..select("x", FieldKind::MultiSelect, &["a"])
    };
    assert_eq!(
        defs_err(&[d]),
        at(
            "input.fields[0].unique",
            "is not allowed for multiSelect fields"
        )
    );
}

#[test]
fn min_must_not_exceed_max() {
    let d = FieldDef {
        min: Some(10.0),
        max: Some(5.0),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "must not be less than min (10)")
    );
    let d = FieldDef {
        min: Some(5.0),
        max: Some(5.0),
        ..def("x", FieldKind::Text)
    };
    check_definitions("input.fields", &[d]).unwrap();
}

#[test]
fn lengths_and_counts_are_non_negative_whole_numbers() {
    let d = FieldDef {
        min: Some(-1.0),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].min", "must not be negative")
    );
    let d = FieldDef {
        max: Some(-2.0),
        ..select("x", FieldKind::MultiSelect, &["a"])
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "must not be negative")
    );
    let d = FieldDef {
        max: Some(2.5),
        ..def("x", FieldKind::Markdown)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "must be a whole number")
    );
    let d = FieldDef {
        max: Some(100_001.0),
        ..def("x", FieldKind::RichText)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "must be at most 100000")
    );
}

#[test]
fn multi_select_min_cannot_exceed_the_options() {
    let d = FieldDef {
        min: Some(3.0),
        ..select("x", FieldKind::MultiSelect, &["a", "b"])
    };
    assert_eq!(
        defs_err(&[d]),
        at(
            "input.fields[0].min",
            "must not exceed the number of options (2)"
        )
    );
}

#[test]
fn integer_bounds_are_whole_and_may_be_negative() {
    let d = FieldDef {
        min: Some(1.5),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].min", "must be a whole number")
    );
    let d = FieldDef {
        min: Some(-100.0),
        max: Some(-1.0),
        ..def("x", FieldKind::Integer)
    };
    check_definitions("input.fields", &[d]).unwrap();
    let d = FieldDef {
        min: Some(-1.5),
        max: Some(0.25),
        ..def("x", FieldKind::Float)
    };
    check_definitions("input.fields", &[d]).unwrap();
}

#[test]
fn bounds_must_be_finite() {
    let d = FieldDef {
        max: Some(f64::INFINITY),
        ..def("x", FieldKind::Float)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "must be a finite number")
    );
    let d = FieldDef {
        min: Some(f64::NAN),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].min", "must be a finite number")
    );
}

#[test]
fn bounds_not_allowed_where_meaningless() {
    for kind in [
        FieldKind::Date,
        FieldKind::Datetime,
        FieldKind::Boolean,
        FieldKind::Json,
    ] {
        let d = FieldDef {
            min: Some(1.0),
            ..def("x", kind)
        };
        assert_eq!(
            defs_err(&[d]),
            at(
                "input.fields[0].min",
                &format!("is not allowed for {kind} fields")
            )
        );
    }
    let d = FieldDef {
        max: Some(1.0),
        ..def("x", FieldKind::Datetime)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].max", "is not allowed for datetime fields")
    );
    let d = FieldDef {
        max: Some(1.0),
        ..select("x", FieldKind::Select, &["a"])
    };
    assert_eq!(defs_err(&[d]).0, "input.fields[0].max");
    let d = FieldDef {
        max: Some(1.0),
        ..reference("x", "post")
    };
    assert_eq!(defs_err(&[d]).0, "input.fields[0].max");
}

#[test]
fn pattern_only_on_text() {
    for kind in [FieldKind::RichText, FieldKind::Markdown, FieldKind::Integer] {
        let d = FieldDef {
            pattern: Some("a+".into()),
            ..def("x", kind)
        };
        assert_eq!(
            defs_err(&[def("ok", FieldKind::Text), d]),
            at("input.fields[1].pattern", "is only allowed for text fields")
        );
    }
}

#[test]
fn pattern_must_compile_and_be_small() {
    let text = |p: &str| FieldDef {
        pattern: Some(p.to_owned()),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        defs_err(&[text("(")]),
        at(
            "input.fields[0].pattern",
            "is not a valid regular expression"
        )
    );
    assert_eq!(
        defs_err(&[text("a)|(b")]),
        at(
            "input.fields[0].pattern",
            "is not a valid regular expression"
        )
    );
    assert_eq!(
        defs_err(&[text("")]),
        at("input.fields[0].pattern", "must not be empty")
    );
    assert_eq!(
        defs_err(&[text(&"a".repeat(501))]),
        at("input.fields[0].pattern", "must be at most 500 characters")
    );
    check_definitions("input.fields", &[text(&"a".repeat(500))]).unwrap();
    assert_eq!(
        defs_err(&[text(r"\w{1000}{1000}")]),
        at(
            "input.fields[0].pattern",
            "is too large once compiled; simplify it"
        )
    );
}

#[test]
fn options_rules() {
    let d = select("x", FieldKind::Select, &[]);
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].options", "must list at least one option")
    );
    let d = select("x", FieldKind::MultiSelect, &[]);
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].options", "must list at least one option")
    );
    let d = select("x", FieldKind::Select, &["a", "b", "a"]);
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].options[2]", "is listed more than once")
    );
    let long = "o".repeat(101);
    for bad in ["", "  ", long.as_str()] {
        let d = select("x", FieldKind::MultiSelect, &["a", bad]);
        assert_eq!(
            defs_err(&[d]),
            at("input.fields[0].options[1]", "must be 1 to 100 characters")
        );
    }
    // Case matters: these are distinct options.
    let d = select("x", FieldKind::Select, &["A", "a", &"o".repeat(100)]);
    check_definitions("input.fields", &[d]).unwrap();
    let d = select("x", FieldKind::Text, &["a"]);
    assert_eq!(
        defs_err(&[d]),
        at(
            "input.fields[0].options",
            "is only allowed for select and multiSelect fields"
        )
    );
}

#[test]
fn reference_type_rules() {
    assert_eq!(
        defs_err(&[def("x", FieldKind::Reference)]),
        at(
            "input.fields[0].referenceType",
            "is required for reference fields"
        )
    );
    let too_long = format!("a{}", "b".repeat(64));
    for bad in ["", "a", "Post", "1post", "blog-post", too_long.as_str()] {
        let (path, _) = defs_err(&[reference("x", bad)]);
        assert_eq!(path, "input.fields[0].referenceType", "{bad:?}");
    }
    let max_len = format!("a{}", "b".repeat(63));
    for ok in ["ab", "blog_post", "blogPost2", max_len.as_str()] {
        check_definitions("input.fields", &[reference("x", ok)]).unwrap();
    }
    let d = FieldDef {
        reference_type: Some("post".into()),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        defs_err(&[d]),
        at(
            "input.fields[0].referenceType",
            "is only allowed for reference fields"
        )
    );
}

#[test]
fn default_must_be_a_valid_value() {
    let d = FieldDef {
        default: Some(json!("nope")),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(
        defs_err(&[def("a", FieldKind::Text), d]),
        at("input.fields[1].default", "must be a whole number")
    );
    let d = FieldDef {
        default: Some(json!("draft")),
        ..select("x", FieldKind::Select, &["a", "b"])
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].default", "must be one of: a, b")
    );
    let d = FieldDef {
        default: Some(json!(["a", "z"])),
        ..select("x", FieldKind::MultiSelect, &["a", "b"])
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].default[1]", "must be one of: a, b")
    );
    let d = FieldDef {
        pattern: Some("[A-Z]+".into()),
        default: Some(json!("abc")),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].default", "must match the pattern [A-Z]+")
    );
    let d = FieldDef {
        max: Some(3.0),
        default: Some(json!("abcd")),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        defs_err(&[d]),
        at("input.fields[0].default", "must be at most 3 characters")
    );
    // A null default is no default, not an invalid one.
    let d = FieldDef {
        required: true,
        default: Some(Value::Null),
        ..def("x", FieldKind::Integer)
    };
    check_definitions("input.fields", &[d]).unwrap();
}

// --- validate_values: the object ----------------------------------------

#[test]
fn values_must_be_an_object_or_null() {
    let defs = [def("title", FieldKind::Text)];
    for bad in [json!([]), json!("x"), json!(1), json!(true)] {
        let e = validate(&defs, bad).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("fields", "must be an object")
        );
    }
    assert!(validate(&defs, Value::Null).unwrap().is_empty());
    assert!(validate(&defs, json!({})).unwrap().is_empty());
}

#[test]
fn unknown_keys_are_rejected_first() {
    let defs = [FieldDef {
        required: true,
        ..def("title", FieldKind::Text)
    }];
    let e = validate(&defs, json!({"titel": "Hello"})).unwrap_err();
    assert_eq!((e.path, e.message), at("fields.titel", "unknown field"));
    // Case-sensitive, like the api ids.
    let e = validate(&defs, json!({"title": "a", "Title": "b"})).unwrap_err();
    assert_eq!(e.path, "fields.Title");
    let e = validate(&[], json!({"x": null})).unwrap_err();
    assert_eq!((e.path, e.message), at("fields.x", "unknown field"));
}

#[test]
fn required_fields_must_be_present_and_not_null() {
    let defs = [
        def("subtitle", FieldKind::Text),
        FieldDef {
            required: true,
            ..def("title", FieldKind::Text)
        },
    ];
    for values in [json!({}), json!({"title": null}), Value::Null] {
        let e = validate(&defs, values).unwrap_err();
        assert_eq!((e.path, e.message), at("fields.title", "is required"));
    }
    // An empty string is a value; `min: 1` is how to forbid it.
    let out = validate(&defs, json!({"title": ""})).unwrap();
    assert_eq!(Value::Object(out), json!({"title": ""}));
}

#[test]
fn null_or_missing_optional_values_are_omitted() {
    let defs = [def("a", FieldKind::Text), def("b", FieldKind::Json)];
    let out = validate(&defs, json!({"a": null})).unwrap();
    assert!(out.is_empty());
    let out = validate(&defs, json!({"b": null, "a": "x"})).unwrap();
    assert_eq!(Value::Object(out), json!({"a": "x"}));
}

#[test]
fn defaults_fill_missing_and_null_values() {
    let defs = [
        FieldDef {
            required: true,
            default: Some(json!("draft")),
            ..select("status", FieldKind::Select, &["draft", "final"])
        },
        FieldDef {
            default: Some(json!(7)),
            ..def("count", FieldKind::Integer)
        },
        FieldDef {
            default: Some(Value::Null),
            ..def("none", FieldKind::Integer)
        },
    ];
    let out = validate(&defs, json!({})).unwrap();
    assert_eq!(Value::Object(out), json!({"status": "draft", "count": 7}));
    let out = validate(&defs, json!({"status": null, "count": 2})).unwrap();
    assert_eq!(Value::Object(out), json!({"status": "draft", "count": 2}));
    let out = validate(&defs, json!({"status": "final"})).unwrap();
    assert_eq!(Value::Object(out), json!({"status": "final", "count": 7}));
}

#[test]
fn defaults_are_normalised_and_sanitised() {
    let defs = [
        FieldDef {
            default: Some(json!("2024-05-01T14:00:00+02:00")),
            ..def("at", FieldKind::Datetime)
        },
        FieldDef {
            default: Some(json!(3.0)),
            ..def("n", FieldKind::Integer)
        },
        FieldDef {
            default: Some(json!("<script>hi</script>")),
            ..def("body", FieldKind::RichText)
        },
    ];
    check_definitions("input.fields", &defs).unwrap();
    let out = validate_values(&defs, &json!({}), &strip_script).unwrap();
    assert_eq!(
        Value::Object(out),
        json!({"at": "2024-05-01T12:00:00.000Z", "n": 3, "body": "hi"})
    );
}

#[test]
fn an_invalid_default_fails_at_write_time_without_panicking() {
    let defs = [FieldDef {
        default: Some(json!("x")),
        ..def("n", FieldKind::Integer)
    }];
    let e = validate(&defs, json!({})).unwrap_err();
    assert_eq!(
        (e.path, e.message),
        at("fields.n", "must be a whole number")
    );
}

#[test]
fn the_first_failing_field_in_definition_order_is_reported() {
    let defs = [def("a", FieldKind::Integer), def("b", FieldKind::Boolean)];
    let e = validate(&defs, json!({"b": 1, "a": "x"})).unwrap_err();
    assert_eq!(e.path, "fields.a");
}

// --- validate_values: per kind -------------------------------------------

#[test]
fn text() {
    let d = def("x", FieldKind::Text);
    assert_eq!(one(d.clone(), json!("hello")).unwrap(), json!("hello"));
    assert_eq!(
        one(d.clone(), json!("  kept  ")).unwrap(),
        json!("  kept  ")
    );
    for bad in [json!(1), json!(true), json!(["a"]), json!({"a": 1})] {
        assert_eq!(one_err(d.clone(), bad), at("fields.x", "must be a string"));
    }
}

#[test]
fn text_length_counts_characters_not_bytes() {
    let d = FieldDef {
        min: Some(2.0),
        max: Some(3.0),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(one(d.clone(), json!("ééé")).unwrap(), json!("ééé"));
    assert_eq!(one(d.clone(), json!("ab")).unwrap(), json!("ab"));
    assert_eq!(
        one_err(d.clone(), json!("a")),
        at("fields.x", "must be at least 2 characters")
    );
    assert_eq!(
        one_err(d, json!("éééé")),
        at("fields.x", "must be at most 3 characters")
    );
    let d = FieldDef {
        min: Some(1.0),
        max: Some(1.0),
        ..def("x", FieldKind::Markdown)
    };
    assert_eq!(
        one_err(d.clone(), json!("")),
        at("fields.x", "must be at least 1 character")
    );
    assert_eq!(
        one_err(d, json!("ab")),
        at("fields.x", "must be at most 1 character")
    );
}

#[test]
fn strings_have_a_hard_cap() {
    let at_cap = "a".repeat(MAX_STRING_CHARS);
    let over = "a".repeat(MAX_STRING_CHARS + 1);
    for kind in [FieldKind::Text, FieldKind::RichText, FieldKind::Markdown] {
        let d = def("x", kind);
        assert_eq!(one(d.clone(), json!(at_cap)).unwrap(), json!(at_cap));
        assert_eq!(
            one_err(d, json!(over)),
            at("fields.x", "must be at most 100000 characters")
        );
    }
    // A larger max in the definition does not lift the cap.
    let d = FieldDef {
        max: Some(1e9),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(
        one_err(d, json!(over)),
        at("fields.x", "must be at most 100000 characters")
    );
}

#[test]
fn text_pattern_must_match_the_whole_value() {
    let d = FieldDef {
        pattern: Some("^[A-Z]+$".into()),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(one(d.clone(), json!("ABC")).unwrap(), json!("ABC"));
    assert_eq!(
        one_err(d, json!("ABc")),
        at("fields.x", "must match the pattern ^[A-Z]+$")
    );
    // Unanchored patterns are anchored for the author, alternation too.
    let d = FieldDef {
        pattern: Some("cat|dog".into()),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(one(d.clone(), json!("dog")).unwrap(), json!("dog"));
    for bad in ["cats", "hotdog", "cat dog"] {
        assert_eq!(
            one_err(d.clone(), json!(bad)),
            at("fields.x", "must match the pattern cat|dog")
        );
    }
}

#[test]
fn a_broken_pattern_is_an_error_not_a_panic() {
    let d = FieldDef {
        pattern: Some("(".into()),
        ..def("x", FieldKind::Text)
    };
    assert_eq!(one_err(d, json!("a")).0, "fields.x");
}

#[test]
fn rich_text_is_sanitised_and_measured_after() {
    let d = FieldDef {
        max: Some(5.0),
        ..def("x", FieldKind::RichText)
    };
    let check =
        |v: Value| validate_values(std::slice::from_ref(&d), &json!({ "x": v }), &strip_script);
    let out = check(json!("<script>hello</script>")).unwrap();
    assert_eq!(out["x"], json!("hello"));
    let e = check(json!("<script>hello!</script>")).unwrap_err();
    assert_eq!(
        (e.path, e.message),
        at("fields.x", "must be at most 5 characters")
    );
    let e = check(json!(5)).unwrap_err();
    assert_eq!((e.path, e.message), at("fields.x", "must be a string"));
}

#[test]
fn markdown_is_stored_as_written() {
    let d = def("x", FieldKind::Markdown);
    let md = "# Title\n\n<script>x</script> *hi*";
    let out =
        validate_values(std::slice::from_ref(&d), &json!({ "x": md }), &strip_script).unwrap();
    assert_eq!(out["x"], json!(md));
    assert_eq!(one_err(d, json!(1)), at("fields.x", "must be a string"));
}

#[test]
fn integer() {
    let d = def("x", FieldKind::Integer);
    assert_eq!(one(d.clone(), json!(42)).unwrap(), json!(42));
    assert_eq!(one(d.clone(), json!(-7)).unwrap(), json!(-7));
    assert_eq!(one(d.clone(), json!(i64::MAX)).unwrap(), json!(i64::MAX));
    assert_eq!(one(d.clone(), json!(i64::MIN)).unwrap(), json!(i64::MIN));
    let three = one(d.clone(), json!(3.0)).unwrap();
    assert_eq!(three, json!(3));
    assert!(three.is_i64());
    assert_eq!(one(d.clone(), json!(-0.0)).unwrap(), json!(0));
    for bad in [json!(3.5), json!("3"), json!(true), json!([1])] {
        assert_eq!(
            one_err(d.clone(), bad),
            at("fields.x", "must be a whole number")
        );
    }
    let range = "must be between -9223372036854775808 and 9223372036854775807";
    assert_eq!(one_err(d.clone(), json!(u64::MAX)), at("fields.x", range));
    assert_eq!(one_err(d.clone(), json!(1e19)), at("fields.x", range));
    assert_eq!(one_err(d, json!(-1e300)), at("fields.x", range));
}

#[test]
fn integer_bounds() {
    let d = FieldDef {
        min: Some(-5.0),
        max: Some(10.0),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(one(d.clone(), json!(-5)).unwrap(), json!(-5));
    assert_eq!(one(d.clone(), json!(10.0)).unwrap(), json!(10));
    assert_eq!(
        one_err(d.clone(), json!(-6)),
        at("fields.x", "must be at least -5")
    );
    assert_eq!(one_err(d, json!(11)), at("fields.x", "must be at most 10"));
    // Exact past 2^53, where `as f64` would round the value onto the bound.
    let d = FieldDef {
        max: Some(9_007_199_254_740_992.0),
        ..def("x", FieldKind::Integer)
    };
    assert_eq!(
        one_err(d, json!(9_007_199_254_740_993_i64)),
        at("fields.x", "must be at most 9007199254740992")
    );
}

#[test]
fn float() {
    let d = def("x", FieldKind::Float);
    assert_eq!(one(d.clone(), json!(1.25)).unwrap(), json!(1.25));
    let two = one(d.clone(), json!(2)).unwrap();
    assert_eq!(two, json!(2.0));
    assert!(two.is_f64());
    assert_eq!(one(d.clone(), json!(-1e300)).unwrap(), json!(-1e300));
    for bad in [json!("1.5"), json!(false), json!({})] {
        assert_eq!(one_err(d.clone(), bad), at("fields.x", "must be a number"));
    }
    let d = FieldDef {
        min: Some(0.5),
        max: Some(1.5),
        ..def("x", FieldKind::Float)
    };
    assert_eq!(one(d.clone(), json!(0.5)).unwrap(), json!(0.5));
    assert_eq!(one(d.clone(), json!(1)).unwrap(), json!(1.0));
    assert_eq!(
        one_err(d.clone(), json!(0.49)),
        at("fields.x", "must be at least 0.5")
    );
    assert_eq!(one_err(d, json!(2)), at("fields.x", "must be at most 1.5"));
}

#[test]
fn boolean() {
    let d = def("x", FieldKind::Boolean);
    assert_eq!(one(d.clone(), json!(true)).unwrap(), json!(true));
    assert_eq!(one(d.clone(), json!(false)).unwrap(), json!(false));
    for bad in [json!("true"), json!(1), json!(0)] {
        assert_eq!(
            one_err(d.clone(), bad),
            at("fields.x", "must be true or false")
        );
    }
}

#[test]
fn date() {
    let d = def("x", FieldKind::Date);
    for ok in ["2024-05-01", "2024-02-29", "0001-01-01", "9999-12-31"] {
        assert_eq!(one(d.clone(), json!(ok)).unwrap(), json!(ok));
    }
    let msg = "must be a valid date in the form YYYY-MM-DD";
    for bad in [
        json!("2023-02-29"),
        json!("2024-13-01"),
        json!("2024-04-31"),
        json!("2024-5-01"),
        json!("2024-05-1"),
        json!("+2024-05-01"),
        json!("2024/05/01"),
        json!("2024-05-01T00:00:00Z"),
        json!(" 2024-05-01"),
        json!("２０２４-05-01"),
        json!(""),
        json!(20240501),
    ] {
        assert_eq!(one_err(d.clone(), bad), at("fields.x", msg));
    }
}

#[test]
fn datetime_is_normalised_to_utc_milliseconds() {
    let d = def("x", FieldKind::Datetime);
    for (input, stored) in [
        ("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000Z"),
        ("2024-05-01T14:30:00+02:30", "2024-05-01T12:00:00.000Z"),
        ("2024-05-01T00:30:00-01:00", "2024-05-01T01:30:00.000Z"),
        ("2024-05-01T12:00:00.123456Z", "2024-05-01T12:00:00.123Z"),
        ("2024-05-01t12:00:00z", "2024-05-01T12:00:00.000Z"),
        ("2024-12-31T23:00:00-02:00", "2025-01-01T01:00:00.000Z"),
    ] {
        assert_eq!(
            one(d.clone(), json!(input)).unwrap(),
            json!(stored),
            "{input}"
        );
    }
    for bad in [
        json!("2024-05-01T12:00:00"),
        json!("2024-05-01"),
        json!("2024-02-30T12:00:00Z"),
        json!("yesterday"),
        json!(1714564800),
    ] {
        let (path, message) = one_err(d.clone(), bad);
        assert_eq!(path, "fields.x");
        assert!(message.starts_with("must be a date and time in RFC 3339"));
    }
}

#[test]
fn select_one_option() {
    let d = select("x", FieldKind::Select, &["draft", "final"]);
    assert_eq!(one(d.clone(), json!("final")).unwrap(), json!("final"));
    for bad in [json!("Final"), json!("other"), json!(1), json!(["draft"])] {
        assert_eq!(
            one_err(d.clone(), bad),
            at("fields.x", "must be one of: draft, final")
        );
    }
    let many: Vec<String> = (0..30).map(|i| format!("o{i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let d = select("x", FieldKind::Select, &refs);
    assert_eq!(
        one_err(d, json!("nope")),
        at("fields.x", "must be one of the field's 30 options")
    );
}

#[test]
fn multi_select_options() {
    let d = select("x", FieldKind::MultiSelect, &["a", "b", "c"]);
    assert_eq!(
        one(d.clone(), json!(["c", "a"])).unwrap(),
        json!(["c", "a"])
    );
    assert_eq!(one(d.clone(), json!([])).unwrap(), json!([]));
    for bad in [json!("a"), json!({"a": true}), json!(1)] {
        assert_eq!(
            one_err(d.clone(), bad),
            at("fields.x", "must be a list of options")
        );
    }
    assert_eq!(
        one_err(d.clone(), json!(["a", "z"])),
        at("fields.x[1]", "must be one of: a, b, c")
    );
    assert_eq!(
        one_err(d.clone(), json!(["a", null])),
        at("fields.x[1]", "must be one of: a, b, c")
    );
    assert_eq!(
        one_err(d, json!(["a", "b", "a"])),
        at("fields.x[2]", "is selected more than once")
    );
}

#[test]
fn multi_select_count_bounds() {
    let d = FieldDef {
        min: Some(1.0),
        max: Some(2.0),
        ..select("x", FieldKind::MultiSelect, &["a", "b", "c"])
    };
    assert_eq!(one(d.clone(), json!(["b"])).unwrap(), json!(["b"]));
    assert_eq!(
        one_err(d.clone(), json!([])),
        at("fields.x", "must have at least 1 item")
    );
    assert_eq!(
        one_err(d, json!(["a", "b", "c"])),
        at("fields.x", "must have at most 2 items")
    );
}

#[test]
fn json_takes_anything_up_to_64_kib() {
    let d = def("x", FieldKind::Json);
    for ok in [
        json!({"a": [1, 2, {"b": null}]}),
        json!([]),
        json!("s"),
        json!(0),
        json!(false),
    ] {
        assert_eq!(one(d.clone(), ok.clone()).unwrap(), ok);
    }
    // `"` + n bytes + `"` is exactly the cap.
    let fits = json!("a".repeat(MAX_JSON_BYTES - 2));
    assert_eq!(one(d.clone(), fits.clone()).unwrap(), fits);
    let over = json!("a".repeat(MAX_JSON_BYTES - 1));
    assert_eq!(
        one_err(d, over),
        at("fields.x", "must be at most 65536 bytes as JSON")
    );
}

#[test]
fn reference_is_a_normalised_uuid() {
    let d = reference("x", "post");
    let id = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    for input in [
        id.to_owned(),
        id.to_uppercase(),
        id.replace('-', ""),
        format!("{{{id}}}"),
        format!("urn:uuid:{id}"),
    ] {
        assert_eq!(one(d.clone(), json!(input)).unwrap(), json!(id), "{input}");
    }
    for bad in [json!("not-a-uuid"), json!(""), json!(42), json!({"id": id})] {
        assert_eq!(
            one_err(d.clone(), bad),
            at("fields.x", "must be an item id (a UUID)")
        );
    }
}

// --- references, unique_values, removed_fields -------------------------

#[test]
fn references_lists_present_reference_values() {
    let defs = [
        reference("author", "person"),
        reference("editor", "person"),
        def("title", FieldKind::Text),
        reference("cover", "media_asset"),
    ];
    let a = Uuid::new_v4();
    let c = Uuid::new_v4();
    let values = validate(
        &defs,
        json!({"author": a.to_string().to_uppercase(), "title": "t", "cover": c.to_string()}),
    )
    .unwrap();
    assert_eq!(
        references(&defs, &values),
        vec![
            ("fields.author".to_owned(), "person".to_owned(), a),
            ("fields.cover".to_owned(), "media_asset".to_owned(), c),
        ]
    );
    assert!(references(&defs, &Map::new()).is_empty());
}

#[test]
fn unique_values_lists_present_unique_fields() {
    let defs = [
        FieldDef {
            unique: true,
            ..def("slug", FieldKind::Text)
        },
        def("title", FieldKind::Text),
        FieldDef {
            unique: true,
            ..def("sku", FieldKind::Integer)
        },
        FieldDef {
            unique: true,
            ..def("isbn", FieldKind::Text)
        },
    ];
    let values = validate(
        &defs,
        json!({"slug": "hello", "title": "Hello", "sku": 4.0}),
    )
    .unwrap();
    assert_eq!(
        unique_values(&defs, &values),
        vec![("slug", &json!("hello")), ("sku", &json!(4))]
    );
}

#[test]
fn removed_fields_are_old_ids_missing_from_new() {
    let old = [
        def("title", FieldKind::Text),
        def("body", FieldKind::RichText),
        def("rank", FieldKind::Integer),
    ];
    let new = [
        def("title", FieldKind::Text),
        def("rank", FieldKind::Float),
        def("extra", FieldKind::Json),
    ];
    assert_eq!(removed_fields(&old, &new), vec!["body".to_owned()]);
    assert!(removed_fields(&new, &new).is_empty());
    assert_eq!(
        removed_fields(&old, &[]),
        vec!["title".to_owned(), "body".to_owned(), "rank".to_owned()]
    );
}

#[test]
fn media_fields_take_file_ids_and_their_own_options() {
    let gallery = FieldDef {
        media_types: vec!["image/*".into()],
        multiple: true,
        ..def("gallery", FieldKind::Media)
    };
    let file = def("file", FieldKind::Media);
    assert!(check_definitions("f", &[gallery.clone(), file.clone()]).is_ok());
    let id = "6f1c4f52-8a0f-4f58-9a43-7e1c2b1f0a11";
    let values = validate_values(
        &[gallery.clone(), file.clone()],
        &json!({ "gallery": [id], "file": id.to_uppercase() }),
        &|s| s.to_owned(),
    );
    assert_eq!(
        values.map(Value::Object).ok(),
        Some(json!({ "gallery": [id], "file": id }))
    );
    let refs_of = |values: Value| {
        let Value::Object(map) = values else {
            return Vec::new();
        };
        media_refs(&[gallery.clone(), file.clone()], &map)
            .into_iter()
            .map(|(path, _, types)| (path, types.to_vec()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        refs_of(json!({ "gallery": [id], "file": id })),
        [
            ("fields.gallery[0]".to_string(), vec!["image/*".to_string()]),
            ("fields.file".to_string(), Vec::new())
        ]
    );
    for (bad, path) in [
        (json!({ "gallery": id }), "fields.gallery"),
        (json!({ "gallery": [id, id] }), "fields.gallery[1]"),
        (json!({ "gallery": ["x"] }), "fields.gallery[0]"),
        (json!({ "file": [id] }), "fields.file"),
    ] {
        let got = validate_values(&[gallery.clone(), file.clone()], &bad, &|s| s.to_owned());
        assert_eq!(got.err().map(|e| e.path), Some(path.to_string()), "{bad}");
    }
    for (bad, path) in [
        (
            FieldDef {
                media_types: vec!["image".into()],
                ..def("x", FieldKind::Media)
            },
            "f[0].mediaTypes[0]",
        ),
        (
            FieldDef {
                multiple: true,
                ..def("x", FieldKind::Text)
            },
            "f[0].multiple",
        ),
        (
            FieldDef {
                media_types: vec!["image/*".into()],
                ..def("x", FieldKind::Reference)
            },
            "f[0].referenceType",
        ),
        (
            FieldDef {
                default: Some(json!(id)),
                ..def("x", FieldKind::Media)
            },
            "f[0].default",
        ),
    ] {
        assert_eq!(
            check_definitions("f", &[bad]).err().map(|e| e.path),
            Some(path.to_string())
        );
    }
    assert!(media_type_allowed(&["image/*".into()], "image/png"));
    assert!(!media_type_allowed(&["image/*".into()], "video/mp4"));
    assert!(media_type_allowed(
        &["application/pdf".into()],
        "application/pdf"
    ));
    assert!(media_type_allowed(&[], "text/plain"));
}
