//! Reading a persisted-document manifest: GraphQL Code Generator's
//! `persisted-documents.json` (`{ "<sha256>": "<document>" }`) or Apollo's
//! `apollo-persisted-query-manifest`. Every hash is checked against its
//! document before anything is stored.

use serde::Deserialize;

use super::sha256_hex;

/// One document of a manifest.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Lowercase hex SHA-256 of `document`.
    pub hash: String,
    /// The document's text.
    pub document: String,
    /// The operation's name, when the manifest gives one.
    pub name: Option<String>,
}

#[derive(Deserialize)]
struct ApolloManifest {
    format: String,
    version: u32,
    operations: Vec<ApolloOperation>,
}

#[derive(Deserialize)]
struct ApolloOperation {
    id: String,
    name: Option<String>,
    body: String,
}

/// Parses a manifest and checks each entry: the hash is the document's
/// SHA-256 and the document is GraphQL. The first problem is the error.
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the manifest is not JSON: {e}"))?;
    let serde_json::Value::Object(object) = value else {
        return Err("the manifest must be a JSON object".into());
    };
    let entries = if object.contains_key("format") && object.contains_key("operations") {
        let manifest: ApolloManifest = serde_json::from_value(serde_json::Value::Object(object))
            .map_err(|e| format!("not an Apollo persisted query manifest: {e}"))?;
        if manifest.format != "apollo-persisted-query-manifest" || manifest.version != 1 {
            return Err(format!(
                "unsupported manifest format {:?} version {}",
                manifest.format, manifest.version
            ));
        }
        manifest
            .operations
            .into_iter()
            .map(|op| Entry {
                hash: op.id,
                document: op.body,
                name: op.name,
            })
            .collect::<Vec<_>>()
    } else {
        object
            .into_iter()
            .map(|(hash, document)| match document {
                serde_json::Value::String(document) => Ok(Entry {
                    // The client preset writes GraphQL over HTTP's document
                    // id, `sha256:<hex>`.
                    hash: match hash.strip_prefix("sha256:") {
                        Some(hex) => hex.to_owned(),
                        None => hash,
                    },
                    document,
                    name: None,
                }),
                _ => Err(format!("the document of {hash} is not a string")),
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    for entry in &entries {
        let actual = sha256_hex(&entry.document);
        if !entry.hash.eq_ignore_ascii_case(&actual) {
            return Err(format!(
                "the hash {} does not match its document (SHA-256 {actual})",
                entry.hash
            ));
        }
        if let Err(err) = async_graphql::parser::parse_query(&entry.document) {
            return Err(format!(
                "the document {} is not valid GraphQL: {err}",
                entry.hash
            ));
        }
    }
    Ok(entries
        .into_iter()
        .map(|e| Entry {
            hash: e.hash.to_ascii_lowercase(),
            ..e
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_parse_and_hashes_are_checked() {
        let doc = "{ health }";
        let hash = sha256_hex(doc);
        let codegen = serde_json::json!({ hash.clone(): doc }).to_string();
        let entries = parse(&codegen).unwrap_or_default();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].hash, hash);

        let apollo = serde_json::json!({
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [{"id": hash.to_uppercase(), "name": "H", "type": "query", "body": doc}]
        })
        .to_string();
        let entries = parse(&apollo).unwrap_or_default();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].hash, hash);
        assert_eq!(entries[0].name.as_deref(), Some("H"));

        let prefixed = serde_json::json!({ format!("sha256:{hash}"): doc }).to_string();
        let entries = parse(&prefixed).unwrap_or_default();
        assert_eq!(
            entries.first().map(|e| e.hash.as_str()),
            Some(hash.as_str())
        );

        let wrong = serde_json::json!({ sha256_hex("{ x }"): doc }).to_string();
        assert!(parse(&wrong).is_err());
        let broken = serde_json::json!({ sha256_hex("{ x"): "{ x" }).to_string();
        assert!(parse(&broken).is_err());
        assert!(parse("[]").is_err());
        assert!(parse("{\"a\": 1}").is_err());
    }
}
