ALTER TABLE content_items DROP COLUMN live_slug;
