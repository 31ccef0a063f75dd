DROP TABLE content_slug_redirects;
ALTER TABLE content_items DROP CONSTRAINT content_items_working_version_fkey,
    DROP CONSTRAINT content_items_live_version_fkey;
DROP TABLE content_versions;
DROP TABLE content_items;
DROP TABLE tags;
DROP TABLE categories;
DROP TABLE content_types;
DROP TABLE workflow_transitions;
DROP TABLE content_statuses;
