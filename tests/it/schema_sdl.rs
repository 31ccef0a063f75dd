//! `schema.graphql` is the exported schema: this fails when it drifts.
//! Run with `UPDATE_SCHEMA=1` to rewrite it after an intended change.

#[test]
fn schema_graphql_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let sdl = vellum::graphql::export_sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &sdl).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == sdl,
        "schema.graphql is out of date: run `UPDATE_SCHEMA=1 cargo test schema_graphql` \
         (or `vellum print-schema > schema.graphql`) and commit the result"
    );
}
