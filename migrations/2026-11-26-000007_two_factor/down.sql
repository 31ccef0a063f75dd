DROP TABLE two_factor_challenges;
DROP TABLE backup_codes;
ALTER TABLE users
    DROP COLUMN totp_secret,
    DROP COLUMN totp_pending_secret,
    DROP COLUMN totp_enabled_at,
    DROP COLUMN totp_last_step;
