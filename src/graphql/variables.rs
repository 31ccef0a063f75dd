//! Variables coerced against the operation's variable definitions before
//! anything executes.
//!
//! async-graphql parses a variable only when a resolver reads its argument,
//! so `$id: UUID! = "nope"` surfaced as a field error with `data` beside
//! it, after other root fields (mutations too) had already run. The spec
//! makes a variable that fails coercion a request error: nothing executes.
//! Types come from the schema's registry; scalars whose own check accepts
//! any string (`UUID`, `DateTime`) are parsed here.

use async_graphql::parser::types::{BaseType, ExecutableDocument, Type};
use async_graphql::registry::{MetaType, Registry};
use async_graphql::{Value as ConstValue, Variables};

/// Checks the variables of the operation `operation_name` selects. An
/// operation that cannot be selected is left to validation to report.
pub(crate) fn check(
    registry: &Registry,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
) -> Result<(), String> {
    let Some(operation) = super::selected_operation(document, operation_name) else {
        return Ok(());
    };
    for definition in &operation.node.variable_definitions {
        let name = definition.node.name.node.as_str();
        let ty = &definition.node.var_type.node;
        match variables.get(name) {
            Some(value) => check_value(registry, ty, value)
                .map_err(|why| format!("variable `${name}` of type `{ty}`: {why}"))?,
            None if !ty.nullable && definition.node.default_value.is_none() => {
                return Err(format!(
                    "variable `${name}` of required type `{ty}` was not provided"
                ));
            }
            None => {}
        }
    }
    Ok(())
}

/// Whether `value` coerces to `ty`; the reason when it does not.
fn check_value(registry: &Registry, ty: &Type, value: &ConstValue) -> Result<(), String> {
    if matches!(value, ConstValue::Null) {
        return if ty.nullable {
            Ok(())
        } else {
            Err("null is not allowed".into())
        };
    }
    match &ty.base {
        BaseType::List(item) => match value {
            ConstValue::List(items) => items.iter().enumerate().try_for_each(|(i, v)| {
                check_value(registry, item, v).map_err(|why| format!("item {i}: {why}"))
            }),
            // A single value coerces to a list of one.
            other => check_value(registry, item, other),
        },
        BaseType::Named(name) => check_named(registry, name.as_str(), value),
    }
}

fn check_named(registry: &Registry, name: &str, value: &ConstValue) -> Result<(), String> {
    let invalid = || Err(format!("{value} is not a valid `{name}`"));
    match registry.types.get(name) {
        Some(MetaType::Scalar { is_valid, .. }) => {
            let ok = match (name, value) {
                ("Int", ConstValue::Number(n)) => {
                    n.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
                }
                ("Int", _) => false,
                ("Float", v) => matches!(v, ConstValue::Number(_)),
                ("String", v) => matches!(v, ConstValue::String(_)),
                ("Boolean", v) => matches!(v, ConstValue::Boolean(_)),
                ("ID", ConstValue::Number(n)) => n.is_i64() || n.is_u64(),
                ("ID", v) => matches!(v, ConstValue::String(_)),
                ("UUID", ConstValue::String(s)) => uuid::Uuid::parse_str(s).is_ok(),
                ("DateTime", ConstValue::String(s)) => {
                    s.parse::<chrono::DateTime<chrono::Utc>>().is_ok()
                }
                ("UUID" | "DateTime", _) => false,
                (_, v) => is_valid.as_ref().is_none_or(|valid| valid(v)),
            };
            if ok { Ok(()) } else { invalid() }
        }
        Some(MetaType::Enum { enum_values, .. }) => match value {
            ConstValue::String(s) if enum_values.contains_key(s.as_str()) => Ok(()),
            ConstValue::Enum(s) if enum_values.contains_key(s.as_str()) => Ok(()),
            _ => invalid(),
        },
        Some(MetaType::InputObject {
            input_fields,
            oneof,
            ..
        }) => {
            let ConstValue::Object(fields) = value else {
                return Err(format!("`{name}` must be an object"));
            };
            if let Some(unknown) = fields
                .keys()
                .find(|k| !input_fields.contains_key(k.as_str()))
            {
                return Err(format!("`{name}` has no field `{unknown}`"));
            }
            if *oneof
                && (fields.len() != 1 || fields.values().any(|v| matches!(v, ConstValue::Null)))
            {
                return Err(format!("`{name}` takes exactly one non-null field"));
            }
            for (field, meta) in input_fields {
                // The registry writes types as GraphQL does; one it cannot
                // read is left to the resolver.
                let Some(ty) = Type::new(&meta.ty) else {
                    continue;
                };
                match fields.get(field.as_str()) {
                    Some(v) => check_value(registry, &ty, v)
                        .map_err(|why| format!("field `{field}`: {why}"))?,
                    None if !ty.nullable && meta.default_value.is_none() => {
                        return Err(format!("field `{field}` of `{name}` is required"));
                    }
                    None => {}
                }
            }
            Ok(())
        }
        // Unknown or output types: validation refuses them.
        _ => Ok(()),
    }
}
