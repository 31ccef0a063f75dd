DROP INDEX content_versions_media_ids_idx;
ALTER TABLE content_versions
    DROP COLUMN media_ids,
    DROP COLUMN og_image_id,
    DROP COLUMN cover_image_id;
