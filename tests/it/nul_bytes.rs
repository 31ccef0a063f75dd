//! A NUL character (`\u0000`) cannot be stored by PostgreSQL. Generated from
//! `schema.graphql`: every string-ish argument and input-object field of
//! every query and mutation is sent "a\u0000b", anonymously and as a
//! SUPERADMIN, and each answer is `BAD_USER_INPUT` naming that field:
//! never `INTERNAL`, never a 5xx.

use std::collections::HashMap;

use async_graphql::parser::types::{
    BaseType, InputValueDefinition, ServiceDocument, Type, TypeKind, TypeSystemDefinition,
};
use serde_json::{Value, json};

use crate::harness::{TestApp, codes};

const NUL: &str = "a\u{0}b";

/// What the generator needs to know of a named type.
enum Named {
    /// A scalar a string is written in (String, ID, JSON, UUID, DateTime...).
    Stringish(String),
    /// Int, Float, Boolean.
    Other(String),
    Enum(String),
    Input(Vec<InputValueDefinition>),
    /// An object, interface or union: the selection needs `{ __typename }`.
    Composite,
}

struct Sdl {
    types: HashMap<String, Named>,
    roots: Vec<(
        &'static str,
        Vec<async_graphql::parser::types::FieldDefinition>,
    )>,
}

fn load_sdl() -> Sdl {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql");
    let document: ServiceDocument = async_graphql::parser::parse_schema(&text).expect("SDL parses");
    let mut types = HashMap::new();
    let mut query = Vec::new();
    let mut mutation = Vec::new();
    for definition in document.definitions {
        let TypeSystemDefinition::Type(ty) = definition else {
            continue;
        };
        let name = ty.node.name.node.to_string();
        let named = match ty.node.kind {
            TypeKind::Scalar => match name.as_str() {
                "Int" | "Float" | "Boolean" => Named::Other(name.clone()),
                _ => Named::Stringish(name.clone()),
            },
            TypeKind::Enum(e) => Named::Enum(
                e.values
                    .first()
                    .map(|v| v.node.value.node.to_string())
                    .unwrap_or_default(),
            ),
            TypeKind::InputObject(input) => {
                Named::Input(input.fields.into_iter().map(|f| f.node).collect())
            }
            TypeKind::Object(object) => {
                let fields = object.fields.into_iter().map(|f| f.node).collect();
                match name.as_str() {
                    "Query" => query = fields,
                    "Mutation" => mutation = fields,
                    _ => {}
                }
                Named::Composite
            }
            _ => Named::Composite,
        };
        types.insert(name, named);
    }
    for builtin in ["String", "ID"] {
        types
            .entry(builtin.to_string())
            .or_insert_with(|| Named::Stringish(builtin.to_string()));
    }
    for builtin in ["Int", "Float", "Boolean"] {
        types
            .entry(builtin.to_string())
            .or_insert_with(|| Named::Other(builtin.to_string()));
    }
    Sdl {
        types,
        roots: vec![("query", query), ("mutation", mutation)],
    }
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

impl Sdl {
    /// A harmless value of `ty`, with required input fields filled.
    fn placeholder(&self, ty: &Type, depth: usize) -> Value {
        if let BaseType::List(inner) = &ty.base {
            return if ty.nullable {
                Value::Null
            } else {
                json!([self.placeholder(inner, depth)])
            };
        }
        if ty.nullable {
            return Value::Null;
        }
        match self.types.get(named(ty)) {
            Some(Named::Stringish(name)) => match name.as_str() {
                "UUID" | "ID" => json!("00000000-0000-0000-0000-000000000000"),
                "DateTime" => json!("2026-01-01T00:00:00Z"),
                "JSON" => json!({}),
                _ => json!("x"),
            },
            Some(Named::Other(name)) => match name.as_str() {
                "Boolean" => json!(false),
                _ => json!(1),
            },
            Some(Named::Enum(first)) => json!(first),
            Some(Named::Input(fields)) if depth < 6 => {
                let mut object = serde_json::Map::new();
                for field in fields {
                    if !field.ty.node.nullable && field.default_value.is_none() {
                        object.insert(
                            field.name.node.to_string(),
                            self.placeholder(&field.ty.node, depth + 1),
                        );
                    }
                }
                Value::Object(object)
            }
            _ => Value::Null,
        }
    }

    /// Every way to put a NUL into a value of `ty`: (path below the value,
    /// the value carrying it).
    fn poisoned(&self, ty: &Type, depth: usize) -> Vec<(String, Value)> {
        if let BaseType::List(inner) = &ty.base {
            return self
                .poisoned(inner, depth)
                .into_iter()
                .map(|(path, value)| (join("0", &path), json!([value])))
                .collect();
        }
        match self.types.get(named(ty)) {
            Some(Named::Stringish(name)) if name == "JSON" => {
                vec![("k".into(), json!({ "k": NUL }))]
            }
            Some(Named::Stringish(_)) => vec![(String::new(), json!(NUL))],
            Some(Named::Input(fields)) if depth < 4 => {
                let base = self.placeholder(
                    &Type {
                        base: ty.base.clone(),
                        nullable: false,
                    },
                    depth,
                );
                let mut out = Vec::new();
                for field in fields {
                    let name = field.name.node.to_string();
                    for (path, value) in self.poisoned(&field.ty.node, depth + 1) {
                        let mut object = base.clone();
                        object[&name] = value;
                        out.push((join(&name, &path), object));
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }
}

fn join(head: &str, tail: &str) -> String {
    if tail.is_empty() {
        head.to_string()
    } else {
        format!("{head}.{tail}")
    }
}

/// One generated call: the document, its variables, the field it poisons.
struct Case {
    query: String,
    variables: Value,
    field: String,
}

fn cases(sdl: &Sdl) -> Vec<Case> {
    let mut out = Vec::new();
    for (operation, fields) in &sdl.roots {
        for field in fields {
            let selection = match sdl.types.get(named(&field.ty.node)) {
                Some(Named::Composite) => " { __typename }",
                _ => "",
            };
            let declared: Vec<String> = field
                .arguments
                .iter()
                .map(|a| format!("${}: {}", a.node.name.node, a.node.ty.node))
                .collect();
            let passed: Vec<String> = field
                .arguments
                .iter()
                .map(|a| format!("{0}: ${0}", a.node.name.node))
                .collect();
            let query = if declared.is_empty() {
                continue;
            } else {
                format!(
                    "{operation}({}) {{ {}({}){selection} }}",
                    declared.join(", "),
                    field.name.node,
                    passed.join(", ")
                )
            };
            for target in &field.arguments {
                for (path, value) in sdl.poisoned(&target.node.ty.node, 0) {
                    let mut variables = serde_json::Map::new();
                    for argument in &field.arguments {
                        let name = argument.node.name.node.to_string();
                        let value = if argument.node.name.node == target.node.name.node {
                            value.clone()
                        } else {
                            sdl.placeholder(&argument.node.ty.node, 0)
                        };
                        variables.insert(name, value);
                    }
                    out.push(Case {
                        query: query.clone(),
                        variables: Value::Object(variables),
                        field: join(&target.node.name.node, &path),
                    });
                }
            }
        }
    }
    out
}

fn assert_refused(who: &str, case: &Case, status: u16, body: &Value) {
    let context = format!("{who} {} {} -> {status} {body}", case.query, case.variables);
    assert!(status < 500, "{context}");
    assert_eq!(codes(body), ["BAD_USER_INPUT"], "{context}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        json!(case.field),
        "{context}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_string_argument_refuses_nul_with_bad_user_input() {
    let sdl = load_sdl();
    let cases = cases(&sdl);
    // Enough to know the generator reached the schema's inputs.
    assert!(cases.len() > 100, "only {} cases", cases.len());
    for probe in [
        "signIn",
        "requestPasswordReset",
        "contentBySlug",
        "contents",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c.query.contains(&format!(" {probe}("))),
            "no case for {probe}"
        );
    }
    let app = TestApp::spawn_with(&["--requests-per-minute", "1000000"]).await;
    let admin = app
        .user_with_role("nul-admin@example.com", "SUPERADMIN")
        .await;
    for case in &cases {
        let (status, body) = app.gql(&case.query, case.variables.clone()).await;
        assert_refused("anonymous", case, status, &body);
        let (status, body) = app
            .gql_as(&admin.access, &case.query, case.variables.clone())
            .await;
        assert_refused("admin", case, status, &body);
    }
    // Written inline rather than in a variable, too.
    let (status, body) = app
        .gql(
            "mutation { signIn(input: { email: \"a\\u0000b@example.com\", password: \"x\" }) { __typename } }",
            json!({}),
        )
        .await;
    assert!(status < 500, "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        json!("input.email")
    );
    // The server still answers.
    let (_, body) = app.gql("{ health }", json!({})).await;
    assert_eq!(body["data"]["health"], json!("ok"), "{body}");
}
