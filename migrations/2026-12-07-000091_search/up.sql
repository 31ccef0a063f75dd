-- Full-text search over content, kept by the database itself.
--
-- `content_search` holds one search document per version an item shows:
-- its live version (what the public searches) and its working version
-- (what those who read drafts search), one row when they are the same.
-- A deferred trigger rebuilds an item's rows at commit after every change
-- to the item, so every writer (editing, workflow, scheduler, trash,
-- import, seeding) keeps it current in the transaction that made the
-- change, and the version rows the item points at exist by then.
--
-- `search_terms` is the vocabulary of live content (words of live
-- versions with how many live items use them): it feeds "did you mean"
-- and autocompletion, so it never holds a word only a draft has.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text search configuration (stemming, stop words) for a locale:
-- the language part of a BCP 47 tag; `simple` (lowercase, no stemming)
-- for languages PostgreSQL has no dictionary for.
CREATE FUNCTION vellum_search_config(locale text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE lower(split_part(locale, '-', 1))
        WHEN 'ar' THEN 'arabic'     WHEN 'hy' THEN 'armenian'   WHEN 'eu' THEN 'basque'
        WHEN 'ca' THEN 'catalan'    WHEN 'da' THEN 'danish'     WHEN 'nl' THEN 'dutch'
        WHEN 'en' THEN 'english'    WHEN 'fi' THEN 'finnish'    WHEN 'fr' THEN 'french'
        WHEN 'de' THEN 'german'     WHEN 'el' THEN 'greek'      WHEN 'hi' THEN 'hindi'
        WHEN 'hu' THEN 'hungarian'  WHEN 'id' THEN 'indonesian' WHEN 'ga' THEN 'irish'
        WHEN 'it' THEN 'italian'    WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali'
        WHEN 'no' THEN 'norwegian'  WHEN 'nb' THEN 'norwegian'  WHEN 'nn' THEN 'norwegian'
        WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian'   WHEN 'ru' THEN 'russian'
        WHEN 'sr' THEN 'serbian'    WHEN 'es' THEN 'spanish'    WHEN 'sv' THEN 'swedish'
        WHEN 'ta' THEN 'tamil'      WHEN 'tr' THEN 'turkish'    WHEN 'yi' THEN 'yiddish'
        ELSE 'simple' END)::regconfig
$$;

-- Sanitized HTML as plain text: tags dropped, the entities the sanitizer
-- writes decoded (highlights are escaped again by the server).
CREATE FUNCTION vellum_html_text(html text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(html, '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&#x27;', ''''),
        '&amp;', '&')
$$;

-- The words of a version the vocabulary counts: lowercase, unstemmed,
-- letters only, 3 to 40 characters, no stop words of the version's
-- language. A function of the version row alone, so the words a version
-- added can be taken away again exactly.
CREATE FUNCTION vellum_search_words(locale text, title text, excerpt text, seo_description text, body_html text)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(w.lexeme), '{}')
    FROM unnest(to_tsvector('simple', title || ' ' || excerpt || ' ' || seo_description || ' ' || body_html)) w
    WHERE char_length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme ~ '^[[:alpha:]]+$'
      AND to_tsvector(vellum_search_config(locale), w.lexeme) <> ''::tsvector
$$;

-- A search query: web-search syntax (`"phrase"`, `-word`, `or`) for
-- `head`, and `prefix`, the word being typed, matched as a prefix (both
-- as stemmed and as written, since a stem may be shorter than the word),
-- joined to the head with `or` when `prefix_or`.
CREATE FUNCTION vellum_search_query(cfg regconfig, head text, prefix text, prefix_or boolean)
RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
-- A query of stop words only is no error; PostgreSQL's notice about it
-- would only go to the client's log.
SET client_min_messages = warning AS $$
DECLARE
    q tsquery := websearch_to_tsquery(cfg, head);
    stemmed tsquery;
    written tsquery;
    p tsquery;
BEGIN
    IF prefix = '' THEN
        RETURN q;
    END IF;
    stemmed := plainto_tsquery(cfg, prefix);
    written := plainto_tsquery('simple', prefix);
    IF numnode(written) <> 1 THEN
        -- Not one word (punctuation inside): match it as written.
        p := websearch_to_tsquery(cfg, prefix);
    ELSE
        p := (written::text || ':*')::tsquery;
        IF numnode(stemmed) = 1 AND stemmed <> written THEN
            p := p || (stemmed::text || ':*')::tsquery;
        END IF;
    END IF;
    IF numnode(q) = 0 THEN
        RETURN p;
    ELSIF numnode(p) = 0 THEN
        RETURN q;
    ELSIF prefix_or THEN
        RETURN q || p;
    END IF;
    RETURN q && p;
END
$$;

CREATE TABLE content_search (
    content_id   uuid NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    version      integer NOT NULL,
    is_live      boolean NOT NULL,
    is_working   boolean NOT NULL,
    type_id      uuid NOT NULL,
    author_id    uuid NOT NULL,
    category_id  uuid,
    tag_ids      uuid[] NOT NULL,
    locale       text NOT NULL,
    config       regconfig NOT NULL,
    -- The item's publication time (facets and filters).
    published_at timestamptz,
    -- What recency ranks by: publication for the live version, writing
    -- for a working version.
    ranked_at    timestamptz NOT NULL,
    title        text NOT NULL,
    -- Title A, excerpt and SEO description B, body C, tags and text
    -- custom fields D, in the item's language.
    document     tsvector NOT NULL,
    -- The title's part alone: small, never toasted, so autocompletion and
    -- "does the title match" never read the whole document.
    title_document tsvector NOT NULL,
    PRIMARY KEY (content_id, version)
);
CREATE INDEX content_search_document_idx ON content_search USING gin (document);
CREATE INDEX content_search_title_document_idx ON content_search USING gin (title_document);
CREATE INDEX content_search_title_trgm_idx ON content_search USING gin (title gin_trgm_ops);
CREATE INDEX content_search_tag_ids_idx ON content_search USING gin (tag_ids);
CREATE INDEX content_search_config_idx ON content_search (config);

-- The configurations (languages) the documents use, found by skipping
-- through the index on `config` instead of reading every row. PL/pgSQL and
-- ROWS 1, so the planner takes it for the one or two rows it is and looks
-- each language's query up in the document index (with a good estimate of
-- how many documents match, it would rather read them all, and their
-- documents with them).
CREATE FUNCTION vellum_search_configs() RETURNS SETOF regconfig
LANGUAGE plpgsql STABLE ROWS 1 AS $$
BEGIN
    RETURN QUERY
    WITH RECURSIVE c (config) AS (
        (SELECT s.config FROM content_search s ORDER BY s.config LIMIT 1)
        UNION ALL
        SELECT (SELECT n.config FROM content_search n WHERE n.config > c.config ORDER BY n.config LIMIT 1)
        FROM c WHERE c.config IS NOT NULL
    )
    SELECT c.config FROM c WHERE c.config IS NOT NULL;
END
$$;

CREATE TABLE search_terms (
    term text COLLATE "C" PRIMARY KEY,
    docs integer NOT NULL
);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops);

-- Rebuilds the search documents of `ids` from the items and their
-- versions as they are now (`removing`: as if the items were gone), and
-- moves the vocabulary by the words of live versions that came and went.
-- Set-based: bulk writers switch the trigger off and call it per batch.
CREATE FUNCTION vellum_search_refresh(ids uuid[], removing boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH old AS (
        SELECT content_id, version FROM content_search WHERE content_id = ANY (ids) AND is_live
    ), new AS (
        SELECT id AS content_id, live_version AS version FROM content_items
        WHERE id = ANY (ids) AND NOT removing AND live_version IS NOT NULL AND deleted_at IS NULL
    ), moved AS (
        SELECT content_id, version, -1 AS d FROM (SELECT * FROM old EXCEPT SELECT * FROM new) gone
        UNION ALL
        SELECT content_id, version, 1 FROM (SELECT * FROM new EXCEPT SELECT * FROM old) came
    ), delta AS (
        SELECT w.term, sum(m.d)::integer AS d
        FROM moved m
        JOIN content_versions v ON v.content_id = m.content_id AND v.version = m.version
        CROSS JOIN LATERAL unnest(vellum_search_words(v.locale, v.title, v.excerpt, v.seo_description, v.body_html)) w (term)
        GROUP BY w.term
        HAVING sum(m.d) <> 0
    )
    -- In term order, so concurrent publishes lock shared terms in one order.
    INSERT INTO search_terms AS t (term, docs)
    SELECT term, d FROM delta ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = t.docs + EXCLUDED.docs;
    DELETE FROM search_terms WHERE docs <= 0;

    DELETE FROM content_search WHERE content_id = ANY (ids);
    IF removing THEN
        RETURN;
    END IF;
    INSERT INTO content_search (content_id, version, is_live, is_working, type_id, author_id,
        category_id, tag_ids, locale, config, published_at, ranked_at, title, document, title_document)
    SELECT i.id, v.version, v.version IS NOT DISTINCT FROM i.live_version, v.version = i.working_version,
        i.type_id, i.author_id, v.category_id, v.tag_ids, v.locale, c.cfg, i.published_at,
        CASE WHEN v.version IS NOT DISTINCT FROM i.live_version
             THEN coalesce(i.published_at, v.created_at) ELSE v.created_at END,
        v.title,
        setweight(to_tsvector(c.cfg, v.title), 'A')
        || setweight(to_tsvector(c.cfg, v.excerpt || ' ' || v.seo_description), 'B')
        || setweight(to_tsvector(c.cfg, v.body_html), 'C')
        || setweight(to_tsvector(c.cfg, coalesce(tags.names, '') || ' ' || coalesce(extra.text, '')), 'D'),
        setweight(to_tsvector(c.cfg, v.title), 'A')
    FROM content_items i
    JOIN content_versions v ON v.content_id = i.id
        AND (v.version = i.working_version OR v.version = i.live_version)
    CROSS JOIN LATERAL (SELECT vellum_search_config(v.locale) AS cfg) c
    LEFT JOIN LATERAL (
        SELECT string_agg(t.name, ' ') AS names FROM tags t WHERE t.id = ANY (v.tag_ids)
    ) tags ON true
    LEFT JOIN LATERAL (
        SELECT string_agg(vellum_html_text(v.fields ->> (f ->> 'apiId')), ' ') AS text
        FROM content_types ct CROSS JOIN LATERAL jsonb_array_elements(ct.fields) f
        WHERE ct.id = i.type_id AND f ->> 'kind' IN ('text', 'richText', 'markdown', 'select', 'multiSelect')
    ) extra ON true
    WHERE i.id = ANY (ids) AND i.deleted_at IS NULL
    -- Another transaction may have rebuilt the same item since this
    -- statement's snapshot (a tag rename beside an edit): keep the newer.
    ON CONFLICT (content_id, version) DO UPDATE SET
        is_live = EXCLUDED.is_live, is_working = EXCLUDED.is_working,
        type_id = EXCLUDED.type_id, author_id = EXCLUDED.author_id,
        category_id = EXCLUDED.category_id, tag_ids = EXCLUDED.tag_ids,
        locale = EXCLUDED.locale, config = EXCLUDED.config,
        published_at = EXCLUDED.published_at, ranked_at = EXCLUDED.ranked_at,
        title = EXCLUDED.title, document = EXCLUDED.document,
        title_document = EXCLUDED.title_document;
END
$$;

-- Deferred to commit: an item and its first version may be written in
-- either order, and several changes to one item in a transaction are one
-- rebuild's worth of work (each run reads the state as it is then).
-- `vellum.search_bulk = on` (SET LOCAL) leaves the rebuild to the writer.
CREATE FUNCTION vellum_search_item_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('vellum.search_bulk', true), '') <> 'on' THEN
        PERFORM vellum_search_refresh(ARRAY[NEW.id], false);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER content_search_item_changed
    AFTER INSERT OR UPDATE ON content_items
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION vellum_search_item_changed();

-- Before the versions go with the item, take its live words away.
CREATE FUNCTION vellum_search_item_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM vellum_search_refresh(ARRAY[OLD.id], true);
    RETURN OLD;
END
$$;
CREATE TRIGGER content_search_item_deleted
    BEFORE DELETE ON content_items
    FOR EACH ROW EXECUTE FUNCTION vellum_search_item_deleted();

-- Tag names are searchable: a renamed tag rebuilds the documents using it.
CREATE FUNCTION vellum_search_tag_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
BEGIN
    -- Locked in id order, as every writer of an item holds its row: the
    -- rebuild does not race an edit of the same item.
    ids := ARRAY(
        SELECT i.id FROM content_items i
        WHERE i.id IN (SELECT content_id FROM content_search WHERE tag_ids @> ARRAY[NEW.id])
        ORDER BY i.id FOR UPDATE OF i);
    PERFORM vellum_search_refresh(ids, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER content_search_tag_renamed
    AFTER UPDATE OF name ON tags
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION vellum_search_tag_renamed();

SELECT vellum_search_refresh(coalesce(array_agg(id), '{}'), false) FROM content_items;

-- Search analytics: per day and normalised query, no person, no address.
CREATE TABLE search_query_stats (
    day          date NOT NULL,
    query        text NOT NULL CONSTRAINT search_query_stats_query_length CHECK (char_length(query) <= 200),
    searches     integer NOT NULL DEFAULT 0,
    zero_results integer NOT NULL DEFAULT 0,
    clicks       integer NOT NULL DEFAULT 0,
    -- Sum of the 1-based positions clicked, for the mean position.
    click_positions bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, query)
);
CREATE TABLE search_click_stats (
    day        date NOT NULL,
    content_id uuid NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    clicks     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, content_id)
);
CREATE INDEX search_click_stats_content_id_idx ON search_click_stats (content_id);

-- Reading the analytics: editors and up.
WITH seed (name, min_level, description) AS (VALUES
    ('search.insights', 30, 'Read search analytics: what readers search for, find and click.')
), inserted AS (
    INSERT INTO permissions (name, description)
    SELECT name, description FROM seed
    RETURNING id, name
)
INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, i.id
FROM inserted i
JOIN seed s ON s.name = i.name
JOIN roles r ON r.built_in AND r.level >= s.min_level;
