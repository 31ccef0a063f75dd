-- Files items use: a cover image and a link-preview image on every item,
-- and `media` custom fields. Each version lists every file it uses in
-- `media_ids` (written with the version, so it is never out of step), and
-- "where is this file used" is a look-up in that list over items' working
-- and live versions, through the GIN index.
ALTER TABLE content_versions
    ADD COLUMN cover_image_id uuid REFERENCES media (id),
    ADD COLUMN og_image_id    uuid REFERENCES media (id),
    ADD COLUMN media_ids      uuid[] NOT NULL DEFAULT '{}';

CREATE INDEX content_versions_media_ids_idx ON content_versions USING gin (media_ids);
