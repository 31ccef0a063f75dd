//! The committed `schema.graphql`, indexed by type name, for the generator.

use std::collections::HashMap;

use async_graphql::parser::types::{
    FieldDefinition, InputValueDefinition, TypeDefinition, TypeKind, TypeSystemDefinition,
};

/// Every type of the schema by name.
pub struct SchemaIndex {
    types: HashMap<String, TypeDefinition>,
}

impl SchemaIndex {
    /// Parses the committed SDL (a test elsewhere keeps it equal to the server's).
    pub fn load() -> Self {
        let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
            .unwrap();
        let document = async_graphql::parser::parse_schema(&sdl).unwrap();
        let types = document
            .definitions
            .into_iter()
            .filter_map(|definition| match definition {
                TypeSystemDefinition::Type(ty) => Some((ty.node.name.node.to_string(), ty.node)),
                _ => None,
            })
            .collect();
        Self { types }
    }

    /// The type called `name`, if the schema defines it (built-in scalars are not).
    pub fn get(&self, name: &str) -> Option<&TypeDefinition> {
        self.types.get(name)
    }

    /// The fields of an object or interface type (empty for anything else).
    pub fn fields(&self, name: &str) -> Vec<&FieldDefinition> {
        match self.get(name).map(|t| &t.kind) {
            Some(TypeKind::Object(o)) => o.fields.iter().map(|f| &f.node).collect(),
            Some(TypeKind::Interface(i)) => i.fields.iter().map(|f| &f.node).collect(),
            _ => Vec::new(),
        }
    }

    /// The fields of an input object type.
    pub fn input_fields(&self, name: &str) -> Vec<&InputValueDefinition> {
        match self.get(name).map(|t| &t.kind) {
            Some(TypeKind::InputObject(o)) => o.fields.iter().map(|f| &f.node).collect(),
            _ => Vec::new(),
        }
    }
}
