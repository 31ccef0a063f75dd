-- The slug the public knows an item by: the slug of its live version, NULL
-- while nothing is live. `slug` stays the working slug, which may run ahead
-- until the next publish; public lookups and the slug shown to the public
-- use `live_slug`, so an unpublished rename changes no public address.
-- A slug is taken in a type while it is any item's working or live slug
-- (checked by the service; the unique index covers the races).
ALTER TABLE content_items ADD COLUMN live_slug text;

-- The backfill must not touch updated_at (it is shown and filtered on).
ALTER TABLE content_items DISABLE TRIGGER content_items_updated_at;

UPDATE content_items i SET live_slug = v.slug
FROM content_versions v
WHERE v.content_id = i.id AND v.version = i.live_version;

-- Until now the public found items by their working slug. Where the live
-- version's slug has since become another item's working slug, or two items
-- went live under one slug, the item keeps the address the public actually
-- had: its working slug (unique, and nobody else's live slug after this).
UPDATE content_items i SET live_slug = i.slug
WHERE i.live_slug IS NOT NULL AND i.live_slug <> i.slug AND EXISTS (
    SELECT 1 FROM content_items o
    WHERE o.type_id = i.type_id AND o.id <> i.id AND o.slug = i.live_slug
);
UPDATE content_items i SET live_slug = i.slug
WHERE i.live_slug IS NOT NULL AND i.live_slug <> i.slug AND EXISTS (
    SELECT 1 FROM content_items o
    WHERE o.type_id = i.type_id AND o.id <> i.id AND o.live_slug = i.live_slug
      AND (o.published_at, o.id) > (i.published_at, i.id)
);

-- The updates queued checks of the deferred version foreign keys; run them
-- now, as a table with pending trigger events cannot be altered.
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE content_items ENABLE TRIGGER content_items_updated_at;

ALTER TABLE content_items
    ADD CONSTRAINT content_items_live_slug_with_live CHECK ((live_slug IS NULL) = (live_version IS NULL)),
    ADD CONSTRAINT content_items_live_slug_format
        CHECK (live_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(live_slug) <= 200);
CREATE UNIQUE INDEX content_items_type_live_slug_key ON content_items (type_id, live_slug)
    WHERE live_slug IS NOT NULL;
