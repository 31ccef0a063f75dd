-- Sign-ups waiting for their owner to click the link mailed to the address.
-- The account is created only then, so `signUp` answers the same whether or
-- not the address already has an account, and nobody can sign in to (or
-- squat) an address they do not read. Only a SHA-256 hash of the link's
-- token is stored.
CREATE TABLE pending_sign_ups (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    display_name  text NOT NULL,
    password_hash text NOT NULL,
    token_hash    bytea NOT NULL CONSTRAINT pending_sign_ups_token_hash_key UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    CONSTRAINT pending_sign_ups_expiry CHECK (expires_at > created_at)
);
CREATE INDEX pending_sign_ups_email_idx ON pending_sign_ups (email);
CREATE INDEX pending_sign_ups_expires_at_idx ON pending_sign_ups (expires_at);
