-- Single-use tokens mailed to a user to prove they control their address:
-- password reset links and email verification links. Only a SHA-256 hash
-- of the token is stored; the token itself exists only in the email.
CREATE TABLE one_time_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL
               CONSTRAINT one_time_tokens_purpose CHECK (purpose IN ('password_reset', 'email_verification')),
    token_hash bytea NOT NULL CONSTRAINT one_time_tokens_token_hash_key UNIQUE,
    -- The address the token was mailed to: a token stops working when the
    -- account's email has changed since.
    email      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT one_time_tokens_expiry CHECK (expires_at > created_at)
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose) WHERE used_at IS NULL;
CREATE INDEX one_time_tokens_expires_at_idx ON one_time_tokens (expires_at);
