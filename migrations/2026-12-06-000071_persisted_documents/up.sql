-- Trusted documents imported with `vellum persisted import`, shared by every
-- process on the database. The key is the lowercase hex SHA-256 of the
-- document's text, checked at import.
CREATE TABLE persisted_documents (
    hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    document text NOT NULL,
    name text,
    created_at timestamptz NOT NULL DEFAULT now()
);
