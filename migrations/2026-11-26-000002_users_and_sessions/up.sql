CREATE TABLE users (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored lower-cased so the unique index is case-insensitive without citext.
    email             text NOT NULL
                      CONSTRAINT users_email_lower CHECK (email = lower(email))
                      CONSTRAINT users_email_length CHECK (length(email) BETWEEN 3 AND 254),
    display_name      text NOT NULL
                      CONSTRAINT users_display_name_length CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash     text NOT NULL,
    role_id           uuid NOT NULL REFERENCES roles (id),
    active            boolean NOT NULL DEFAULT true,
    email_verified_at timestamptz,
    last_sign_in_at   timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);
CREATE INDEX users_role_id_idx ON users (role_id);
CREATE INDEX users_created_at_idx ON users (created_at, id);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION vellum_set_updated_at();

-- A session is one sign-in on one device; its refresh tokens rotate on
-- every use and all belong to the session (the "family").
CREATE TABLE sessions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_agent     text,
    ip             text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Only hashes are stored. A token with used_at set has been rotated; seeing
-- it again means it was stolen, and the whole session is revoked.
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL CONSTRAINT refresh_tokens_token_hash_key UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
