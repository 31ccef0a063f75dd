//! Random operations from the schema: root fields with arguments of the
//! right shape most of the time and hostile values the rest of it (odd
//! strings, extreme numbers, wrong types, missing or null required values),
//! and a random selection of the result.

use std::fmt::Write;

use async_graphql::parser::types::{BaseType, FieldDefinition, Type, TypeKind};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value};

use super::schema::SchemaIndex;

/// A GraphQL input value, kept apart from JSON because an enum literal is
/// written bare in a document but as a string in variables.
#[derive(Clone, Debug)]
pub enum Lit {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Enum(String),
    List(Vec<Lit>),
    Object(Vec<(String, Lit)>),
}

impl Lit {
    fn write_graphql(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Self::Int(i) => out.push_str(&i.to_string()),
            Self::Float(f) => out.push_str(&format!("{f:e}")),
            // JSON string escapes are valid GraphQL string escapes.
            Self::Str(s) => out.push_str(&Value::String(s.clone()).to_string()),
            Self::Enum(e) => out.push_str(e),
            Self::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_graphql(out);
                }
                out.push(']');
            }
            Self::Object(fields) => {
                out.push('{');
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(name);
                    out.push_str(": ");
                    value.write_graphql(out);
                }
                out.push('}');
            }
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Int(i) => Value::from(*i),
            Self::Float(f) => Value::from(*f),
            Self::Str(s) | Self::Enum(s) => Value::String(s.clone()),
            Self::List(items) => Value::Array(items.iter().map(Self::to_json).collect()),
            Self::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

/// Strings a hostile client likes.
const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "a",
    "hello world",
    "x@example.com",
    "admin@example.com",
    "a\u{0}b",
    "\u{0}",
    "'; DROP TABLE users; --",
    "\" OR 1=1 --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "%00%ff",
    "\u{202e}gnp.exe",
    "\u{feff}bom",
    "😀👍🏽",
    "\u{1F600}\u{200d}",
    "\\",
    "\n\r\t",
    "https://example.com/a?b=c#d",
    "http://[::1]:80/",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "1970-01-01T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "-004713-11-24T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "2026-02-30T00:00:00Z",
    "NaN",
    "-1",
    "1e400",
    "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
    "{\"a\":1}",
    "ARTICLE",
    "title",
    "published",
    "**bold** <b>x</b>",
];

const INTS: &[i64] = &[
    0,
    1,
    -1,
    2,
    10,
    100,
    1000,
    i32::MAX as i64,
    i32::MIN as i64,
    i64::MAX,
    i64::MIN,
];

const FLOATS: &[f64] = &[0.0, -0.0, 1.5, -1e300, 1e308, f64::MIN_POSITIVE];

/// Makes one operation at a time from a seeded generator.
pub struct Generator<'a> {
    pub rng: StdRng,
    schema: &'a SchemaIndex,
    /// Ids seen in earlier answers, so some arguments name things that exist.
    pub known_ids: Vec<String>,
}

/// A generated operation: the document and its variables.
pub struct Operation {
    pub query: String,
    pub variables: Value,
}

impl<'a> Generator<'a> {
    pub fn new(rng: StdRng, schema: &'a SchemaIndex) -> Self {
        Self {
            rng,
            schema,
            known_ids: Vec::new(),
        }
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.random_range(0..100) < percent
    }

    /// One operation on a random field of `root` (`Query` or `Mutation`).
    pub fn operation(&mut self, root: &str) -> Operation {
        let fields = self.schema.fields(root);
        let field = *fields.choose(&mut self.rng).unwrap();
        let mut declarations = Vec::new();
        let mut variables = Map::new();
        let mut body = String::new();
        self.field(field, 0, &mut declarations, &mut variables, &mut body);
        let keyword = if root == "Mutation" {
            "mutation"
        } else {
            "query"
        };
        let mut query = format!("{keyword} Fuzz");
        if !declarations.is_empty() {
            query.push('(');
            query.push_str(&declarations.join(", "));
            query.push(')');
        }
        write!(query, " {{ {body} }}").unwrap();
        Operation {
            query,
            variables: Value::Object(variables),
        }
    }

    /// Writes `name(args) { selection }` for one field.
    fn field(
        &mut self,
        field: &FieldDefinition,
        depth: usize,
        declarations: &mut Vec<String>,
        variables: &mut Map<String, Value>,
        out: &mut String,
    ) {
        out.push_str(&field.name.node);
        let mut args = Vec::new();
        for arg in &field.arguments {
            let arg = &arg.node;
            let required = !arg.ty.node.nullable && arg.default_value.is_none();
            let include = if required {
                !self.chance(3)
            } else {
                self.chance(50)
            };
            if !include {
                continue;
            }
            let value = self.value(&arg.ty.node, 0);
            if self.chance(50) {
                let name = format!("v{}", declarations.len());
                declarations.push(format!("${name}: {}", arg.ty.node));
                variables.insert(name.clone(), value.to_json());
                args.push(format!("{}: ${name}", arg.name.node));
            } else {
                let mut text = String::new();
                value.write_graphql(&mut text);
                args.push(format!("{}: {text}", arg.name.node));
            }
        }
        if !args.is_empty() {
            write!(out, "({})", args.join(", ")).unwrap();
        }
        let type_name = named(&field.ty.node);
        let selection = self.selection(type_name, depth + 1, declarations, variables);
        if let Some(selection) = selection {
            write!(out, " {{ {selection} }}").unwrap();
        }
    }

    /// The selection set for a value of `type_name`, or `None` for a leaf.
    fn selection(
        &mut self,
        type_name: &str,
        depth: usize,
        declarations: &mut Vec<String>,
        variables: &mut Map<String, Value>,
    ) -> Option<String> {
        let kind = self.schema.get(type_name).map(|t| t.kind.clone());
        match kind {
            Some(TypeKind::Object(_)) | Some(TypeKind::Interface(_)) => {
                let fields = self.schema.fields(type_name);
                let leaves: Vec<&FieldDefinition> = fields
                    .iter()
                    .copied()
                    .filter(|f| self.is_leaf(named(&f.ty.node)))
                    .collect();
                let mut out = String::from("__typename");
                let picks = self.rng.random_range(1..=4);
                for _ in 0..picks {
                    let deep = depth < 3 && self.chance(40);
                    let pool = if deep || leaves.is_empty() {
                        &fields
                    } else {
                        &leaves
                    };
                    let Some(field) = pool.choose(&mut self.rng).copied() else {
                        break;
                    };
                    if depth >= 3 && !self.is_leaf(named(&field.ty.node)) {
                        continue;
                    }
                    out.push(' ');
                    self.field(field, depth, declarations, variables, &mut out);
                }
                Some(out)
            }
            Some(TypeKind::Union(union)) => {
                let member = union
                    .members
                    .choose(&mut self.rng)
                    .map(|m| m.node.to_string());
                let mut out = String::from("__typename");
                if let Some(member) = member
                    && let Some(inner) = self.selection(&member, depth, declarations, variables)
                {
                    write!(out, " ... on {member} {{ {inner} }}").unwrap();
                }
                Some(out)
            }
            _ => None,
        }
    }

    fn is_leaf(&self, type_name: &str) -> bool {
        !matches!(
            self.schema.get(type_name).map(|t| &t.kind),
            Some(TypeKind::Object(_) | TypeKind::Interface(_) | TypeKind::Union(_))
        )
    }

    /// A value for an input of type `ty`: mostly well-formed, sometimes not.
    fn value(&mut self, ty: &Type, depth: usize) -> Lit {
        if ty.nullable && self.chance(10) {
            return Lit::Null;
        }
        if self.chance(3) {
            // A mistake: null where it is required, or a value of another type.
            return match self.rng.random_range(0..3) {
                0 => Lit::Null,
                1 => Lit::Str(self.odd_string()),
                _ => Lit::Int(*INTS.choose(&mut self.rng).unwrap()),
            };
        }
        match &ty.base {
            BaseType::List(inner) => {
                let len = if self.chance(5) {
                    self.rng.random_range(50..300)
                } else {
                    self.rng.random_range(0..4)
                };
                Lit::List((0..len).map(|_| self.value(inner, depth + 1)).collect())
            }
            BaseType::Named(name) => self.named_value(name, depth),
        }
    }

    fn named_value(&mut self, name: &str, depth: usize) -> Lit {
        match name {
            "String" => Lit::Str(self.odd_string()),
            "ID" | "UUID" => {
                if !self.known_ids.is_empty() && self.chance(60) {
                    Lit::Str(self.known_ids.choose(&mut self.rng).unwrap().clone())
                } else if self.chance(70) {
                    Lit::Str(uuid::Uuid::new_v4().to_string())
                } else {
                    Lit::Str(self.odd_string())
                }
            }
            "Int" => Lit::Int(if self.chance(60) {
                self.rng.random_range(-2..50)
            } else {
                *INTS.choose(&mut self.rng).unwrap()
            }),
            "Float" => Lit::Float(*FLOATS.choose(&mut self.rng).unwrap()),
            "Boolean" => Lit::Bool(self.rng.random()),
            "DateTime" => Lit::Str(
                [
                    "2026-01-01T00:00:00Z",
                    "2030-06-01T12:00:00+02:00",
                    "1900-01-01T00:00:00Z",
                    "+275760-09-13T00:00:00Z",
                    "9999-12-31T23:59:59Z",
                    "yesterday",
                ]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            ),
            "JSON" => self.json(depth),
            _ => match self.schema.get(name).map(|t| t.kind.clone()) {
                Some(TypeKind::Enum(e)) => {
                    if self.chance(5) {
                        Lit::Enum("NOT_A_VALUE".into())
                    } else {
                        Lit::Enum(
                            e.values
                                .choose(&mut self.rng)
                                .map(|v| v.node.value.node.to_string())
                                .unwrap_or_default(),
                        )
                    }
                }
                Some(TypeKind::InputObject(_)) if depth < 4 => {
                    let fields: Vec<_> = self
                        .schema
                        .input_fields(name)
                        .into_iter()
                        .map(|f| {
                            (
                                f.name.node.to_string(),
                                f.ty.node.clone(),
                                f.default_value.is_some(),
                            )
                        })
                        .collect();
                    let mut out = Vec::new();
                    for (field, ty, has_default) in fields {
                        let required = !ty.nullable && !has_default;
                        if (required && !self.chance(3)) || (!required && self.chance(40)) {
                            out.push((field, self.value(&ty, depth + 1)));
                        }
                    }
                    if self.chance(3) {
                        out.push(("notAField".into(), Lit::Int(1)));
                    }
                    Lit::Object(out)
                }
                Some(TypeKind::InputObject(_)) => Lit::Object(Vec::new()),
                _ => Lit::Str(self.odd_string()),
            },
        }
    }

    fn json(&mut self, depth: usize) -> Lit {
        match self.rng.random_range(0..6) {
            0 if depth < 6 => Lit::Object(
                (0..self.rng.random_range(0..4))
                    .map(|_| {
                        let key = self.odd_string();
                        (format!("k{}", key.len()), self.json(depth + 1))
                    })
                    .collect(),
            ),
            1 if depth < 6 => Lit::List(
                (0..self.rng.random_range(0..4))
                    .map(|_| self.json(depth + 1))
                    .collect(),
            ),
            2 => Lit::Int(*INTS.choose(&mut self.rng).unwrap()),
            3 => Lit::Bool(self.rng.random()),
            4 => Lit::Null,
            _ => Lit::Str(self.odd_string()),
        }
    }

    fn odd_string(&mut self) -> String {
        if self.chance(3) {
            let len = self.rng.random_range(1_000..70_000);
            return "x".repeat(len);
        }
        (*ODD_STRINGS.choose(&mut self.rng).unwrap()).to_string()
    }
}

/// The named type under any list and non-null wrappers.
fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name,
        BaseType::List(inner) => named(inner),
    }
}
