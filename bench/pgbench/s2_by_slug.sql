-- S2 reference of script/bench: one live article by slug with its body,
-- author, category and tags, in one statement. The slug is drawn at random
-- from vellum_bench.slugs (the slugs Vellum's run cycles through; pgbench
-- has no string variables, so the draw is a primary-key lookup in the same
-- statement). :type_id (pgbench -D) is the article type's id: content
-- types are served from memory. :slugs is how many slugs there are.
\set n random(1, :slugs)
SELECT i.id, v.title, v.slug, v.excerpt, v.body_html, i.published_at, v.reading_time,
       u.display_name AS author, c.name AS category,
       ARRAY(SELECT t.name
             FROM unnest(v.tag_ids) WITH ORDINALITY AS k (id, ord)
             JOIN tags t ON t.id = k.id
             ORDER BY k.ord) AS tags
FROM vellum_bench.slugs s
JOIN content_items i ON i.type_id = :type_id::uuid AND i.live_slug = s.slug
JOIN content_versions v ON v.content_id = i.id AND v.version = i.live_version
LEFT JOIN users u ON u.id = i.author_id
LEFT JOIN categories c ON c.id = v.category_id
WHERE s.n = :n AND i.deleted_at IS NULL;
