-- TOTP second factor. totp_last_step makes each code usable once: a code is
-- accepted only if its time step is later than the last accepted one,
-- checked and stored in one UPDATE.
ALTER TABLE users
    ADD COLUMN totp_secret         text,
    ADD COLUMN totp_pending_secret text,
    ADD COLUMN totp_enabled_at     timestamptz,
    ADD COLUMN totp_last_step      bigint;

-- Ten single-use codes for when the authenticator is lost; hashes only.
CREATE TABLE backup_codes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    CONSTRAINT backup_codes_user_code_key UNIQUE (user_id, code_hash)
);

-- Between a correct password and the second factor: single use, bound to
-- the user, short-lived, with a bounded number of tries.
CREATE TABLE two_factor_challenges (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL CONSTRAINT two_factor_challenges_token_hash_key UNIQUE,
    attempts   integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX two_factor_challenges_user_id_idx ON two_factor_challenges (user_id);
