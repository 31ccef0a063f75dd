-- S1 reference (a) of script/bench: the anonymous 20-item list with author
-- and tags (bench/content.lua's list query) as the GraphQL answer's JSON,
-- built by PostgreSQL in one statement: the 20 newest live items, the live
-- version of each, its author's name, its tags in their order.
SELECT json_build_object('data', json_build_object('contents', json_build_object('edges',
         coalesce(json_agg(json_build_object('node', json_build_object(
           'id', p.id,
           'title', p.title,
           'slug', p.slug,
           'excerpt', p.excerpt,
           'author', CASE WHEN u.id IS NOT NULL
                     THEN json_build_object('displayName', u.display_name) END,
           'tags', (SELECT coalesce(json_agg(json_build_object('name', t.name) ORDER BY k.ord),
                                    '[]'::json)
                    FROM unnest(p.tag_ids) WITH ORDINALITY AS k (id, ord)
                    JOIN tags t ON t.id = k.id)))
           ORDER BY p.published_at DESC, p.id DESC), '[]'::json))))
FROM (
  SELECT i.id, i.author_id, i.published_at, v.title, v.slug, v.excerpt, v.tag_ids
  FROM content_items i
  JOIN content_versions v ON v.content_id = i.id AND v.version = i.live_version
  WHERE i.live_version IS NOT NULL AND i.deleted_at IS NULL
  ORDER BY i.published_at DESC, i.id DESC
  LIMIT 20
) p
LEFT JOIN users u ON u.id = p.author_id;
