-- S3 reference of script/bench: the writes of one updateContent (a new
-- excerpt) and one publishContent of a live demo article by an editor, as
-- one transaction: lock the item, append the edited version and the
-- published one, move the item's working and live pointers, and write the
-- two audit entries, the two content events and the author's in-app
-- notification with its event, as Vellum does (src/content/items/commit.rs,
-- src/content/workflow/service.rs, src/notifications/rules.rs).
-- Each client edits its own :per_client items (vellum_bench.items);
-- :actor (pgbench -D) is the editor's user id.
\set n :client_id * :per_client + random(1, :per_client)
BEGIN;
SELECT i.id, i.author_id, i.type_id, i.working_version AS wv, v.title
FROM content_items i
JOIN content_versions v ON v.content_id = i.id AND v.version = i.working_version
WHERE i.id = (SELECT id FROM vellum_bench.items WHERE n = :n)
FOR UPDATE OF i \gset
INSERT INTO content_versions (content_id, version, event, status, title, slug, excerpt, body,
                              body_format, body_html, fields, category_id, tag_ids, locale,
                              reading_time, note, actor_id, seo_title, seo_description,
                              canonical_url, no_index)
SELECT v.content_id, v.version + s.k, s.event, s.status, v.title, v.slug,
       'Benchmark edit ' || :n || ' of a demo article.', v.body, v.body_format, v.body_html,
       v.fields, v.category_id, v.tag_ids, v.locale, v.reading_time, NULL, :actor::uuid,
       v.seo_title, v.seo_description, v.canonical_url, v.no_index
FROM content_versions v,
     (VALUES (1, 'updated', 'DRAFT'), (2, 'publish', 'PUBLISHED')) AS s (k, event, status)
WHERE v.content_id = :id::uuid AND v.version = :wv::int;
UPDATE content_items
SET working_version = :wv::int + 2, live_version = :wv::int + 2, status = 'PUBLISHED',
    published_at = now(), first_published_at = coalesce(first_published_at, now()),
    publish_at = NULL, scheduled_by = NULL, live_slug = slug
WHERE id = :id::uuid;
INSERT INTO audit_log (actor_id, actor_kind, action, target_type, target_id, ip, user_agent,
                       request_id, details)
VALUES (:actor::uuid, 'user', 'content.updated', 'content', :id, '127.0.0.1', 'pgbench',
        gen_random_uuid()::text, jsonb_build_object('version', :wv::int + 1)),
       (:actor::uuid, 'user', 'content.publish', 'content', :id, '127.0.0.1', 'pgbench',
        gen_random_uuid()::text,
        jsonb_build_object('from', 'DRAFT', 'to', 'PUBLISHED', 'version', :wv::int + 2,
                           'comment', NULL));
INSERT INTO events (kind, content_id, user_id, actor_id, data)
VALUES ('content.updated', :id::uuid, :author_id::uuid, :actor::uuid,
        jsonb_build_object('typeId', :type_id::uuid, 'authorId', :author_id::uuid,
                           'status', 'DRAFT', 'version', :wv::int + 1, 'liveVersion', :wv::int,
                           'public', true, 'wasPublic', true, 'action', 'updated')),
       ('content.published', :id::uuid, :author_id::uuid, :actor::uuid,
        jsonb_build_object('typeId', :type_id::uuid, 'authorId', :author_id::uuid,
                           'status', 'PUBLISHED', 'version', :wv::int + 2,
                           'liveVersion', :wv::int + 2, 'public', true, 'wasPublic', true,
                           'action', 'publish'));
-- The notification points at the publish event (the last one written).
WITH n AS (
  INSERT INTO notifications (id, user_id, kind, title, body, content_id, event_id, data)
  VALUES (gen_random_uuid(), :author_id::uuid, 'content_published',
          '"' || :title || '" was published', '', :id::uuid,
          currval(pg_get_serial_sequence('events', 'id')),
          jsonb_build_object('action', 'publish', 'actorId', :actor::uuid, 'comment', NULL))
  ON CONFLICT (user_id, event_id) DO NOTHING
  RETURNING id, user_id, content_id, kind
)
INSERT INTO events (kind, content_id, user_id, actor_id, data)
SELECT 'notification.created', n.content_id, n.user_id, :actor::uuid,
       jsonb_build_object('kind', n.kind, 'notificationId', n.id)
FROM n;
COMMIT;
