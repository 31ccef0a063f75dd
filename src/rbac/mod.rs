//! Role-based access control: the permission names code refers to, the
//! caller's identity, and the schema guard that checks one against the other.
//!
//! Roles and their grants are rows (see the roles migration); code only
//! names permissions, so custom roles need no code change.

pub mod guard;
pub mod principal;

/// Permission names as stored in the `permissions` table.
pub mod perm {
    /// Create content items.
    pub const CONTENT_CREATE: &str = "content.create";
    /// Edit own content items.
    pub const CONTENT_UPDATE_OWN: &str = "content.update_own";
    /// Edit any content item.
    pub const CONTENT_UPDATE_ANY: &str = "content.update_any";
    /// Move own items to the trash.
    pub const CONTENT_DELETE_OWN: &str = "content.delete_own";
    /// Move any item to the trash.
    pub const CONTENT_DELETE_ANY: &str = "content.delete_any";
    /// Approve content or request changes.
    pub const CONTENT_REVIEW: &str = "content.review";
    /// Publish, unpublish and schedule content.
    pub const CONTENT_PUBLISH: &str = "content.publish";
    /// Create and change content types.
    pub const CONTENT_TYPES_MANAGE: &str = "content_types.manage";
    /// Manage categories and tags.
    pub const TAXONOMY_MANAGE: &str = "taxonomy.manage";
    /// Read drafts and unpublished versions of any item.
    pub const CONTENT_READ_DRAFT: &str = "content.read_draft";
    /// List and read user accounts.
    pub const USERS_READ: &str = "users.read";
    /// Change users' roles and deactivate them.
    pub const USERS_MANAGE: &str = "users.manage";
    /// Create and revoke API keys.
    pub const API_KEYS_MANAGE: &str = "api_keys.manage";
    /// Read the audit log.
    pub const AUDIT_READ: &str = "audit.read";
    /// Upload files to the media library.
    pub const MEDIA_UPLOAD: &str = "media.upload";
    /// See every file in the media library.
    pub const MEDIA_READ_ANY: &str = "media.read_any";
    /// Edit and delete own uploads.
    pub const MEDIA_UPDATE_OWN: &str = "media.update_own";
    /// Edit, move and delete any file.
    pub const MEDIA_UPDATE_ANY: &str = "media.update_any";
    /// Read search analytics.
    pub const SEARCH_INSIGHTS: &str = "search.insights";
}
