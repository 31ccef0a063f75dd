// @generated automatically by Diesel CLI.

diesel::table! {
    api_keys (id) {
        id -> Uuid,
        user_id -> Uuid,
        name -> Text,
        prefix -> Text,
        secret_hash -> Bytea,
        scopes -> Array<Nullable<Text>>,
        created_at -> Timestamptz,
        expires_at -> Nullable<Timestamptz>,
        last_used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Uuid,
        occurred_at -> Timestamptz,
        actor_id -> Nullable<Uuid>,
        actor_kind -> Text,
        action -> Text,
        target_type -> Nullable<Text>,
        target_id -> Nullable<Text>,
        ip -> Nullable<Text>,
        request_id -> Nullable<Text>,
        details -> Jsonb,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    backup_codes (id) {
        id -> Uuid,
        user_id -> Uuid,
        code_hash -> Bytea,
        created_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    categories (id) {
        id -> Uuid,
        name -> Text,
        slug -> Text,
        description -> Text,
        parent_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    content_items (id) {
        id -> Uuid,
        type_id -> Uuid,
        author_id -> Uuid,
        slug -> Text,
        status -> Text,
        working_version -> Int4,
        live_version -> Nullable<Int4>,
        published_at -> Nullable<Timestamptz>,
        first_published_at -> Nullable<Timestamptz>,
        publish_at -> Nullable<Timestamptz>,
        unpublish_at -> Nullable<Timestamptz>,
        scheduled_by -> Nullable<Uuid>,
        deleted_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        live_slug -> Nullable<Text>,
    }
}

diesel::table! {
    content_slug_redirects (type_id, slug) {
        type_id -> Uuid,
        slug -> Text,
        content_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    content_statuses (name) {
        name -> Text,
        description -> Text,
    }
}

diesel::table! {
    content_types (id) {
        id -> Uuid,
        api_id -> Text,
        name -> Text,
        description -> Text,
        fields -> Jsonb,
        workflow -> Text,
        built_in -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    content_versions (content_id, version) {
        content_id -> Uuid,
        version -> Int4,
        event -> Text,
        status -> Text,
        title -> Text,
        slug -> Text,
        excerpt -> Text,
        body -> Text,
        body_format -> Text,
        body_html -> Text,
        fields -> Jsonb,
        category_id -> Nullable<Uuid>,
        tag_ids -> Array<Nullable<Uuid>>,
        locale -> Text,
        reading_time -> Int4,
        note -> Nullable<Text>,
        actor_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        seo_title -> Text,
        seo_description -> Text,
        canonical_url -> Nullable<Text>,
        no_index -> Bool,
        cover_image_id -> Nullable<Uuid>,
        og_image_id -> Nullable<Uuid>,
        media_ids -> Array<Nullable<Uuid>>,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Uuid,
        to_address -> Text,
        to_name -> Text,
        template -> Text,
        subject -> Text,
        html -> Text,
        text -> Text,
        headers -> Jsonb,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        sending_since -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        dedupe_key -> Nullable<Text>,
    }
}

diesel::table! {
    events (id) {
        id -> Int8,
        txid -> Int8,
        kind -> Text,
        content_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        actor_id -> Nullable<Uuid>,
        data -> Jsonb,
        occurred_at -> Timestamptz,
    }
}

diesel::table! {
    media (id) {
        id -> Uuid,
        filename -> Text,
        title -> Text,
        alt -> Text,
        caption -> Text,
        mime_type -> Text,
        size_bytes -> Int8,
        checksum -> Text,
        storage_key -> Text,
        width -> Nullable<Int4>,
        height -> Nullable<Int4>,
        focal_x -> Nullable<Float4>,
        focal_y -> Nullable<Float4>,
        duration_ms -> Nullable<Int8>,
        placeholder -> Nullable<Text>,
        uploader_id -> Nullable<Uuid>,
        folder_id -> Nullable<Uuid>,
        tag_ids -> Array<Nullable<Uuid>>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    media_folders (id) {
        id -> Uuid,
        name -> Text,
        parent_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notification_digests (user_id) {
        user_id -> Uuid,
        last_sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    notification_preferences (user_id) {
        user_id -> Uuid,
        in_app -> Jsonb,
        email -> Jsonb,
        digest -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Uuid,
        user_id -> Uuid,
        kind -> Text,
        title -> Text,
        body -> Text,
        content_id -> Nullable<Uuid>,
        event_id -> Nullable<Int8>,
        data -> Jsonb,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        purpose -> Text,
        token_hash -> Bytea,
        email -> Text,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    pending_sign_ups (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    permissions (id) {
        id -> Uuid,
        name -> Text,
        description -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        session_id -> Uuid,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    role_permissions (role_id, permission_id) {
        role_id -> Uuid,
        permission_id -> Uuid,
        granted_at -> Timestamptz,
    }
}

diesel::table! {
    roles (id) {
        id -> Uuid,
        name -> Text,
        level -> Int4,
        description -> Text,
        built_in -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
        created_at -> Timestamptz,
        last_seen_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    tags (id) {
        id -> Uuid,
        name -> Text,
        slug -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    two_factor_challenges (id) {
        id -> Uuid,
        user_id -> Uuid,
        token_hash -> Bytea,
        attempts -> Int4,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role_id -> Uuid,
        active -> Bool,
        email_verified_at -> Nullable<Timestamptz>,
        last_sign_in_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        totp_secret -> Nullable<Text>,
        totp_pending_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamptz>,
        totp_last_step -> Nullable<Int8>,
    }
}

diesel::table! {
    workflow_transitions (workflow, action, from_status) {
        workflow -> Text,
        action -> Text,
        from_status -> Text,
        to_status -> Text,
        permission -> Text,
        own_permission -> Nullable<Text>,
        comment_required -> Bool,
        requires_live -> Bool,
        effect -> Text,
    }
}

diesel::joinable!(api_keys -> users (user_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(backup_codes -> users (user_id));
diesel::joinable!(content_items -> content_statuses (status));
diesel::joinable!(content_items -> content_types (type_id));
diesel::joinable!(content_slug_redirects -> content_items (content_id));
diesel::joinable!(content_slug_redirects -> content_types (type_id));
diesel::joinable!(content_versions -> content_statuses (status));
diesel::joinable!(content_versions -> users (actor_id));
diesel::joinable!(media -> media_folders (folder_id));
diesel::joinable!(media -> users (uploader_id));
diesel::joinable!(notification_digests -> users (user_id));
diesel::joinable!(notification_preferences -> users (user_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(one_time_tokens -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(role_permissions -> permissions (permission_id));
diesel::joinable!(role_permissions -> roles (role_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(two_factor_challenges -> users (user_id));
diesel::joinable!(users -> roles (role_id));

diesel::allow_tables_to_appear_in_same_query!(
    api_keys,
    audit_log,
    backup_codes,
    categories,
    content_items,
    content_slug_redirects,
    content_statuses,
    content_types,
    content_versions,
    email_outbox,
    events,
    media,
    media_folders,
    notification_digests,
    notification_preferences,
    notifications,
    one_time_tokens,
    pending_sign_ups,
    permissions,
    refresh_tokens,
    role_permissions,
    roles,
    sessions,
    tags,
    two_factor_challenges,
    users,
    workflow_transitions,
);
