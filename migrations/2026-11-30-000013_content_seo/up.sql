-- SEO fields of an item, versioned with the rest of its editable fields.
-- Existing versions get the neutral values: no SEO title or description
-- (front ends fall back to the title and excerpt), no canonical URL, indexed.
ALTER TABLE content_versions
    ADD COLUMN seo_title text NOT NULL DEFAULT ''
        CONSTRAINT content_versions_seo_title_length CHECK (char_length(seo_title) <= 200),
    ADD COLUMN seo_description text NOT NULL DEFAULT ''
        CONSTRAINT content_versions_seo_description_length CHECK (char_length(seo_description) <= 500),
    ADD COLUMN canonical_url text
        CONSTRAINT content_versions_canonical_url_format CHECK (
            canonical_url ~ '^https?://' AND octet_length(canonical_url) <= 2048
        ),
    ADD COLUMN no_index boolean NOT NULL DEFAULT false;
