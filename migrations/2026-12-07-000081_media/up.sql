-- The media library: folders (a tree) and uploaded files. A file's bytes
-- live in storage under a key derived from their SHA-256, so identical
-- uploads share one stored object; each upload is still its own row (its
-- own title, alt text and uploader).
CREATE TABLE media_folders (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id   uuid REFERENCES media_folders (id) ON DELETE RESTRICT,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_folders_parent_name_key UNIQUE NULLS NOT DISTINCT (parent_id, name)
);

CREATE TABLE media (
    id           uuid PRIMARY KEY,
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    title        text NOT NULL DEFAULT '' CHECK (length(title) <= 500),
    alt          text NOT NULL DEFAULT '' CHECK (length(alt) <= 1000),
    caption      text NOT NULL DEFAULT '' CHECK (length(caption) <= 5000),
    -- Sniffed from the bytes, never taken from the client.
    mime_type    text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    checksum     text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
    storage_key  text NOT NULL,
    width        integer CHECK (width > 0),
    height       integer CHECK (height > 0),
    focal_x      real CHECK (focal_x BETWEEN 0 AND 1),
    focal_y      real CHECK (focal_y BETWEEN 0 AND 1),
    duration_ms  bigint CHECK (duration_ms >= 0),
    placeholder  text,
    uploader_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    folder_id    uuid REFERENCES media_folders (id) ON DELETE RESTRICT,
    tag_ids      uuid[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);

CREATE INDEX media_listing_idx ON media (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX media_checksum_idx ON media (checksum);
CREATE INDEX media_folder_idx ON media (folder_id) WHERE folder_id IS NOT NULL;
CREATE INDEX media_uploader_idx ON media (uploader_id);

-- Each permission is granted to every built-in role from min_level up.
WITH seed (name, min_level, description) AS (VALUES
    ('media.upload',     20, 'Upload files to the media library.'),
    ('media.read_any',   20, 'See every file in the media library, public or not.'),
    ('media.update_own', 20, 'Edit and delete own uploads.'),
    ('media.update_any', 30, 'Edit, move and delete any file; manage media folders.')
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
