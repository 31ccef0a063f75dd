-- S1 reference (b) of script/bench: the same list as three batched
-- statements, as a server with DataLoaders sends them: the page (one row
-- more than asked, to know whether another page follows), then the authors
-- and the tags of the page by id. :authors and :tags (pgbench -D) are the
-- ids the page holds, as uuid array literals.
SELECT i.id, i.author_id, i.published_at, v.title, v.slug, v.excerpt, v.tag_ids
FROM content_items i
JOIN content_versions v ON v.content_id = i.id AND v.version = i.live_version
WHERE i.live_version IS NOT NULL AND i.deleted_at IS NULL
ORDER BY i.published_at DESC, i.id DESC
LIMIT 21;
SELECT id, display_name FROM users WHERE id = ANY (:authors::uuid[]);
SELECT id, name FROM tags WHERE id = ANY (:tags::uuid[]);
