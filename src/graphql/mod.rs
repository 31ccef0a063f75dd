//! Schema assembly: the per-domain roots merged into one schema, with the
//! query limits and the observability extension attached.

pub(crate) mod admission;
pub(crate) mod depth;
pub(crate) mod expansion;
pub(crate) mod limits;
pub(crate) mod nul;
pub(crate) mod observe;
pub(crate) mod order;
pub mod persisted;
pub(crate) mod relay;
pub(crate) mod request;
pub(crate) mod scan;
pub(crate) mod variables;

use async_graphql::parser::types::{ExecutableDocument, OperationDefinition};
use async_graphql::{MergedObject, MergedSubscription, Positioned, SDLExportOptions, Schema};

use crate::apikeys::graphql::{ApiKeyMutation, ApiKeyQuery};
use crate::apikeys::service::ApiKeyService;
use crate::audit::graphql::AuditQuery;
use crate::auth::access::Access;
use crate::auth::graphql::{AuthMutation, AuthQuery};
use crate::auth::reset::AccountEmailService;
use crate::auth::reset_graphql::AccountEmailMutation;
use crate::auth::service::AuthService;
use crate::auth::setup::SetupService;
use crate::auth::setup_graphql::{SetupMutation, SetupQuery};
use crate::auth::two_factor_graphql::TwoFactorMutation;
use crate::config::Limits;
use crate::content::history::graphql::{HistoryMutation, HistoryQuery};
use crate::content::items::graphql::subscription::ContentSubscription;
use crate::content::items::graphql::{ContentMutation, ContentQuery};
use crate::content::service::ContentService;
use crate::content::taxonomy::graphql::{TaxonomyMutation, TaxonomyQuery};
use crate::content::types::graphql::{ContentTypeMutation, ContentTypeQuery};
use crate::content::workflow::graphql::WorkflowMutation;
use crate::db::Db;
use crate::mail::Mailer;
use crate::media::graphql::{MediaMutation, MediaQuery};
use crate::metrics::Metrics;
use crate::notifications::graphql::{
    NotificationMutation, NotificationQuery, NotificationSubscription,
};
use crate::notifications::service::NotificationService;
use crate::search::graphql::{SearchMutation, SearchQuery};
use crate::system::graphql::{SystemQuery, SystemSubscription};
use crate::users::graphql::{UserMutation, UserQuery};

/// The query root: every domain's queries.
#[derive(MergedObject, Default)]
pub struct Query(
    SystemQuery,
    SetupQuery,
    AuthQuery,
    UserQuery,
    AuditQuery,
    ApiKeyQuery,
    ContentQuery,
    HistoryQuery,
    ContentTypeQuery,
    TaxonomyQuery,
    NotificationQuery,
    MediaQuery,
    SearchQuery,
);

/// The mutation root: every domain's mutations.
#[derive(MergedObject, Default)]
pub struct Mutation(
    SetupMutation,
    AuthMutation,
    AccountEmailMutation,
    UserMutation,
    ApiKeyMutation,
    TwoFactorMutation,
    ContentMutation,
    WorkflowMutation,
    HistoryMutation,
    ContentTypeMutation,
    TaxonomyMutation,
    NotificationMutation,
    MediaMutation,
    SearchMutation,
);

/// The subscription root: every domain's subscriptions.
#[derive(MergedSubscription, Default)]
pub struct Subscription(
    SystemSubscription,
    ContentSubscription,
    NotificationSubscription,
);

/// The one schema.
pub type VellumSchema = Schema<Query, Mutation, Subscription>;

/// What resolvers reach through the context.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub db: Db,
    /// Authentication and sessions.
    pub auth: AuthService,
    /// First-run setup.
    pub setup: SetupService,
    /// The caller's principal, re-checked, and the caches behind it.
    pub access: Access,
    /// Email delivery.
    pub mailer: Mailer,
    /// Password reset and email verification.
    pub account_email: AccountEmailService,
    /// API keys.
    pub api_keys: ApiKeyService,
    /// Two-factor authentication.
    pub two_factor: crate::auth::two_factor::TwoFactorService,
    /// Content.
    pub content: ContentService,
    /// Domain events from every instance.
    pub bus: crate::events::EventBus,
    /// The caller's notifications.
    pub notifications: NotificationService,
    /// The media library.
    pub media: crate::media::service::MediaService,
    /// Search.
    pub search: crate::search::service::SearchService,
}

/// Adds the per-request DataLoaders to a request's data. Loaders are made
/// per request: a shared one would leak one caller's view to another.
pub fn request_loaders(
    data: &mut async_graphql::Data,
    db: &Db,
    principal: &crate::rbac::principal::Principal,
) {
    use async_graphql::dataloader::DataLoader;
    data.insert(DataLoader::new(
        crate::users::loaders::UserLoader::new(db.clone()),
        tokio::spawn,
    ));
    data.insert(DataLoader::new(
        crate::content::items::loaders::ContentLoader::new(
            db.clone(),
            crate::content::service::visibility(principal),
        ),
        tokio::spawn,
    ));
}

/// The operation a request runs: the one named, or the only one when none
/// is (several and no name is an error the executor reports).
pub(crate) fn selected_operation<'a>(
    document: &'a ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'a Positioned<OperationDefinition>> {
    let mut operations = document.operations.iter();
    match operation_name {
        Some(wanted) => operations
            .find(|(name, _)| name.is_some_and(|name| name.as_str() == wanted))
            .map(|(_, op)| op),
        None => {
            let (_, first) = operations.next()?;
            operations.next().is_none().then_some(first)
        }
    }
}

/// Builds the schema with its limits. Depth is not async-graphql's to
/// check: [`depth`] exempts introspection from it. `services` is `None` only for
/// exporting the SDL.
pub fn build_schema(limits: &Limits, services: Option<Services>, metrics: Metrics) -> VellumSchema {
    let mut builder = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .limit_complexity(limits.complexity)
    .limit_recursive_depth(limits.recursion)
    .limit_directives(limits.directives)
    // "Did you mean" hints reveal field names even with introspection off.
    .disable_suggestions()
    .extension(limits::DocumentLimits::new(limits))
    .extension(order::ResponseOrder)
    .extension(nul::RefuseNul)
    .extension(admission::HeavyGate::new(limits.heavy_queries))
    .extension(observe::Observe::new(metrics));
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if let Some(services) = services {
        builder = builder
            .data(services.db)
            .data(services.auth)
            .data(services.setup)
            .data(services.access)
            .data(services.mailer)
            .data(services.account_email)
            .data(services.api_keys)
            .data(services.two_factor)
            .data(services.content)
            .data(services.bus)
            .data(services.notifications)
            .data(services.media)
            .data(services.search);
    }
    builder.finish()
}

/// The schema as SDL, sorted so diffs show real changes only.
pub fn sdl(schema: &VellumSchema) -> String {
    schema.sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items()
            // Introspection reports the scalars' specifiedByURL: the SDL
            // describes the same schema.
            .include_specified_by(),
    )
}

/// The SDL of the schema as the code defines it, without a database.
pub fn export_sdl() -> String {
    sdl(&build_schema(&Limits::default(), None, Metrics::new()))
}
