ALTER TABLE content_versions
    DROP COLUMN seo_title,
    DROP COLUMN seo_description,
    DROP COLUMN canonical_url,
    DROP COLUMN no_index;
