//! Schema assembly: the per-domain roots merged into one schema, with the
//! query limits and the observability extension attached.

pub mod limits;
pub mod observe;

use async_graphql::{EmptyMutation, MergedObject, MergedSubscription, SDLExportOptions, Schema};

use crate::config::Limits;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::system::graphql::{SystemQuery, SystemSubscription};

/// The query root: every domain's queries.
#[derive(MergedObject, Default)]
pub struct Query(SystemQuery);

/// The subscription root: every domain's subscriptions.
#[derive(MergedSubscription, Default)]
pub struct Subscription(SystemSubscription);

/// The one schema.
pub type VellumSchema = Schema<Query, EmptyMutation, Subscription>;

/// Builds the schema with its limits. `db` is `None` only for exporting the SDL.
pub fn build_schema(limits: &Limits, db: Option<Db>, metrics: Metrics) -> VellumSchema {
    let mut builder = Schema::build(Query::default(), EmptyMutation, Subscription::default())
        .limit_depth(limits.depth)
        .limit_complexity(limits.complexity)
        .limit_recursive_depth(limits.recursion)
        .limit_directives(limits.directives)
        // "Did you mean" hints reveal field names even with introspection off.
        .disable_suggestions()
        .extension(limits::DocumentLimits {
            max_aliases: limits.aliases,
            max_query_length: limits.query_length,
            introspection: limits.introspection,
        })
        .extension(observe::Observe::new(metrics));
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if let Some(db) = db {
        builder = builder.data(db);
    }
    builder.finish()
}

/// The schema as SDL, sorted so diffs show real changes only.
pub fn sdl(schema: &VellumSchema) -> String {
    schema.sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}

/// The SDL of the schema as the code defines it, without a database.
pub fn export_sdl() -> String {
    sdl(&build_schema(&Limits::default(), None, Metrics::new()))
}
