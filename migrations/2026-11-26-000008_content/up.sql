-- Content core: types with custom fields, items with immutable versions,
-- taxonomy, and the editorial workflow as data.

-- Workflow states are rows so custom workflows can add their own.
CREATE TABLE content_statuses (
    name        text PRIMARY KEY CONSTRAINT content_statuses_name_format CHECK (name ~ '^[A-Z][A-Z_]{1,31}$'),
    description text NOT NULL DEFAULT ''
);
INSERT INTO content_statuses (name, description) VALUES
    ('DRAFT',       'Being written; not submitted.'),
    ('IN_REVIEW',   'Submitted; waiting for an editor.'),
    ('APPROVED',    'Approved; ready to publish.'),
    ('PUBLISHED',   'The working version is the live version.'),
    ('UNPUBLISHED', 'Taken down; nothing is live.'),
    ('ARCHIVED',    'Retired; nothing is live and it cannot be edited.');

-- One row per allowed move. The engine only reads this table: a new
-- workflow (or a multi-step approval) is new rows, not new code.
--   permission      what the actor needs
--   own_permission  what is enough instead when the actor wrote the item
--   effect          go_live: the new version becomes live; take_down: nothing is live
--   requires_live   the move only applies while something is live
CREATE TABLE workflow_transitions (
    workflow         text NOT NULL DEFAULT 'default',
    action           text NOT NULL CONSTRAINT workflow_transitions_action_format CHECK (action ~ '^[a-z][a-z_]{1,31}$'),
    from_status      text NOT NULL REFERENCES content_statuses (name),
    to_status        text NOT NULL REFERENCES content_statuses (name),
    permission       text NOT NULL REFERENCES permissions (name),
    own_permission   text REFERENCES permissions (name),
    comment_required boolean NOT NULL DEFAULT false,
    requires_live    boolean NOT NULL DEFAULT false,
    effect           text NOT NULL DEFAULT 'none'
                     CONSTRAINT workflow_transitions_effect CHECK (effect IN ('none', 'go_live', 'take_down')),
    PRIMARY KEY (workflow, action, from_status)
);
INSERT INTO workflow_transitions
    (action, from_status, to_status, permission, own_permission, comment_required, requires_live, effect)
VALUES
    ('submit',          'DRAFT',       'IN_REVIEW',   'content.update_any', 'content.update_own', false, false, 'none'),
    ('submit',          'UNPUBLISHED', 'IN_REVIEW',   'content.update_any', 'content.update_own', false, false, 'none'),
    ('request_changes', 'IN_REVIEW',   'DRAFT',       'content.review',     NULL, true,  false, 'none'),
    ('request_changes', 'APPROVED',    'DRAFT',       'content.review',     NULL, true,  false, 'none'),
    ('approve',         'IN_REVIEW',   'APPROVED',    'content.review',     NULL, false, false, 'none'),
    ('publish',         'APPROVED',    'PUBLISHED',   'content.publish',    NULL, false, false, 'go_live'),
    ('publish',         'IN_REVIEW',   'PUBLISHED',   'content.publish',    NULL, false, false, 'go_live'),
    ('publish',         'DRAFT',       'PUBLISHED',   'content.publish',    NULL, false, false, 'go_live'),
    ('publish',         'UNPUBLISHED', 'PUBLISHED',   'content.publish',    NULL, false, false, 'go_live'),
    ('unpublish',       'PUBLISHED',   'UNPUBLISHED', 'content.publish',    NULL, false, true,  'take_down'),
    -- A live item with pending edits keeps its working state when taken down.
    ('unpublish',       'DRAFT',       'DRAFT',       'content.publish',    NULL, false, true,  'take_down'),
    ('unpublish',       'IN_REVIEW',   'IN_REVIEW',   'content.publish',    NULL, false, true,  'take_down'),
    ('unpublish',       'APPROVED',    'APPROVED',    'content.publish',    NULL, false, true,  'take_down'),
    ('archive',         'DRAFT',       'ARCHIVED',    'content.publish',    NULL, false, false, 'take_down'),
    ('archive',         'IN_REVIEW',   'ARCHIVED',    'content.publish',    NULL, false, false, 'take_down'),
    ('archive',         'APPROVED',    'ARCHIVED',    'content.publish',    NULL, false, false, 'take_down'),
    ('archive',         'PUBLISHED',   'ARCHIVED',    'content.publish',    NULL, false, false, 'take_down'),
    ('archive',         'UNPUBLISHED', 'ARCHIVED',    'content.publish',    NULL, false, false, 'take_down'),
    ('unarchive',       'ARCHIVED',    'DRAFT',       'content.publish',    NULL, false, false, 'none');

CREATE TABLE content_types (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    api_id      text NOT NULL CONSTRAINT content_types_api_id_key UNIQUE
                CONSTRAINT content_types_api_id_format CHECK (api_id ~ '^[a-z][a-zA-Z0-9_]{1,63}$'),
    name        text NOT NULL CONSTRAINT content_types_name_length CHECK (length(name) BETWEEN 1 AND 100),
    description text NOT NULL DEFAULT '',
    -- Field definitions (see src/content/fields.rs); validated by the service.
    fields      jsonb NOT NULL DEFAULT '[]' CONSTRAINT content_types_fields_array CHECK (jsonb_typeof(fields) = 'array'),
    workflow    text NOT NULL DEFAULT 'default',
    built_in    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER content_types_updated_at BEFORE UPDATE ON content_types
    FOR EACH ROW EXECUTE FUNCTION vellum_set_updated_at();
INSERT INTO content_types (api_id, name, description, built_in) VALUES
    ('article', 'Article', 'Dated posts: news, blog entries, stories.', true),
    ('page',    'Page',    'Standalone pages: about, contact, landing pages.', true);

CREATE TABLE categories (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CONSTRAINT categories_name_length CHECK (length(name) BETWEEN 1 AND 100),
    slug        text NOT NULL CONSTRAINT categories_slug_key UNIQUE
                CONSTRAINT categories_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text NOT NULL DEFAULT '',
    -- RESTRICT: a category with children cannot vanish from under them.
    parent_id   uuid REFERENCES categories (id) ON DELETE RESTRICT,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT categories_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent_id_idx ON categories (parent_id);
CREATE TRIGGER categories_updated_at BEFORE UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION vellum_set_updated_at();

CREATE TABLE tags (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CONSTRAINT tags_name_length CHECK (length(name) BETWEEN 1 AND 60),
    slug       text NOT NULL CONSTRAINT tags_slug_key UNIQUE
               CONSTRAINT tags_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- An item is identity and pointers; what it says lives in its versions.
-- working_version is the latest version; live_version is what the public
-- sees (NULL: nothing is live).
CREATE TABLE content_items (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type_id            uuid NOT NULL REFERENCES content_types (id),
    author_id          uuid NOT NULL REFERENCES users (id),
    slug               text NOT NULL CONSTRAINT content_items_slug_format
                       CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 200),
    status             text NOT NULL REFERENCES content_statuses (name),
    working_version    integer NOT NULL,
    live_version       integer,
    published_at       timestamptz,
    first_published_at timestamptz,
    publish_at         timestamptz,
    unpublish_at       timestamptz,
    scheduled_by       uuid REFERENCES users (id),
    deleted_at         timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT content_items_type_slug_key UNIQUE (type_id, slug),
    CONSTRAINT content_items_live_not_ahead CHECK (live_version IS NULL OR live_version <= working_version)
);
CREATE INDEX content_items_live_published_idx ON content_items (published_at, id)
    WHERE live_version IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX content_items_updated_at_idx ON content_items (updated_at, id);
CREATE INDEX content_items_created_at_idx ON content_items (created_at, id);
CREATE INDEX content_items_author_id_idx ON content_items (author_id);
CREATE INDEX content_items_status_idx ON content_items (status);
CREATE INDEX content_items_publish_at_idx ON content_items (publish_at) WHERE publish_at IS NOT NULL;
CREATE INDEX content_items_unpublish_at_idx ON content_items (unpublish_at) WHERE unpublish_at IS NOT NULL;
CREATE TRIGGER content_items_updated_at BEFORE UPDATE ON content_items
    FOR EACH ROW EXECUTE FUNCTION vellum_set_updated_at();

-- Versions are never updated or deleted (only with their item). Category
-- and tag ids are kept as they were, without foreign keys, so deleting a
-- tag does not rewrite history.
CREATE TABLE content_versions (
    content_id   uuid NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    version      integer NOT NULL CONSTRAINT content_versions_version_positive CHECK (version > 0),
    event        text NOT NULL,
    status       text NOT NULL REFERENCES content_statuses (name),
    title        text NOT NULL CONSTRAINT content_versions_title_length CHECK (length(title) BETWEEN 1 AND 300),
    slug         text NOT NULL,
    excerpt      text NOT NULL DEFAULT '',
    body         text NOT NULL DEFAULT '',
    body_format  text NOT NULL CONSTRAINT content_versions_body_format CHECK (body_format IN ('richText', 'markdown')),
    body_html    text NOT NULL DEFAULT '',
    fields       jsonb NOT NULL DEFAULT '{}' CONSTRAINT content_versions_fields_object CHECK (jsonb_typeof(fields) = 'object'),
    category_id  uuid,
    tag_ids      uuid[] NOT NULL DEFAULT '{}',
    locale       text NOT NULL DEFAULT 'en',
    reading_time integer NOT NULL DEFAULT 0,
    note         text,
    actor_id     uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (content_id, version)
);
CREATE INDEX content_versions_category_id_idx ON content_versions (category_id);
CREATE INDEX content_versions_tag_ids_idx ON content_versions USING gin (tag_ids);

-- An item may never point at a version that does not exist. Deferred, so
-- the item and its first version can be written in either order inside
-- one transaction; checked at commit.
ALTER TABLE content_items
    ADD CONSTRAINT content_items_working_version_fkey FOREIGN KEY (id, working_version)
        REFERENCES content_versions (content_id, version) DEFERRABLE INITIALLY DEFERRED,
    ADD CONSTRAINT content_items_live_version_fkey FOREIGN KEY (id, live_version)
        REFERENCES content_versions (content_id, version) DEFERRABLE INITIALLY DEFERRED;

-- Old slugs keep resolving after a rename.
CREATE TABLE content_slug_redirects (
    type_id    uuid NOT NULL REFERENCES content_types (id),
    slug       text NOT NULL,
    content_id uuid NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (type_id, slug)
);
CREATE INDEX content_slug_redirects_content_id_idx ON content_slug_redirects (content_id);
