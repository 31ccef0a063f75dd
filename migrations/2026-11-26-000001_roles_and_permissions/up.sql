-- Shared trigger: keeps updated_at honest whatever code path writes a row.
CREATE FUNCTION vellum_set_updated_at() RETURNS trigger AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Roles are data, so custom roles can be added later without code changes.
-- A higher level outranks a lower one (nobody grants a role at or above their own).
CREATE TABLE roles (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CONSTRAINT roles_name_key UNIQUE
                CONSTRAINT roles_name_format CHECK (name ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    level       integer NOT NULL CONSTRAINT roles_level_range CHECK (level BETWEEN 0 AND 1000),
    description text NOT NULL DEFAULT '',
    built_in    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER roles_updated_at BEFORE UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION vellum_set_updated_at();

CREATE TABLE permissions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CONSTRAINT permissions_name_key UNIQUE
                CONSTRAINT permissions_name_format CHECK (name ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_permissions (
    role_id       uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission_id uuid NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (role_id, permission_id)
);
CREATE INDEX role_permissions_permission_id_idx ON role_permissions (permission_id);

INSERT INTO roles (name, level, description, built_in) VALUES
    ('VIEWER',     10, 'Reads published content.', true),
    ('AUTHOR',     20, 'Writes and submits their own content.', true),
    ('EDITOR',     30, 'Reviews, publishes and organises all content.', true),
    ('ADMIN',      40, 'Manages users, keys, settings and reads the audit log.', true),
    ('SUPERADMIN', 50, 'Everything, including roles.', true);

-- Each permission is granted to every built-in role from min_level up.
WITH seed (name, min_level, description) AS (VALUES
    ('content.create',        20, 'Create content items.'),
    ('content.update_own',    20, 'Edit own content items.'),
    ('content.delete_own',    20, 'Move own content items to the trash.'),
    ('content.read_draft',    30, 'Read drafts and unpublished versions of any item.'),
    ('content.update_any',    30, 'Edit any content item.'),
    ('content.delete_any',    30, 'Move any content item to the trash.'),
    ('content.review',        30, 'Approve content or request changes.'),
    ('content.publish',       30, 'Publish, unpublish and schedule content.'),
    ('content_types.manage',  30, 'Create and change content types.'),
    ('taxonomy.manage',       30, 'Manage categories and tags.'),
    ('users.read',            30, 'List and read user accounts.'),
    ('users.manage',          40, 'Change users'' roles and deactivate them.'),
    ('audit.read',            40, 'Read the audit log.'),
    ('settings.manage',       40, 'Change site settings.'),
    ('api_keys.manage',       40, 'Create and revoke API keys.'),
    ('roles.manage',          50, 'Create roles and change their permissions.')
), inserted AS (
    INSERT INTO permissions (name, description)
    SELECT name, description FROM seed
    RETURNING id, name
)
INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, i.id
FROM inserted i
JOIN seed s ON s.name = i.name
JOIN roles r ON r.built_in AND r.level >= s.min_level;
