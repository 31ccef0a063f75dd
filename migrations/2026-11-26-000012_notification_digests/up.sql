-- When each user last had a notification digest queued. A row is made the
-- first time a user with a daily or weekly digest is considered; digest
-- workers claim rows with FOR UPDATE SKIP LOCKED, so several processes never
-- send one digest twice.
CREATE TABLE notification_digests (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_sent_at timestamptz
);
