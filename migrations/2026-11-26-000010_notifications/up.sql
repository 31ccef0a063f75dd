-- In-app notifications, written by rules in the transaction of their cause.
-- `event_id` is the event that caused one: unique per user, so a rule run
-- twice for the same event never notifies twice.
CREATE TABLE notifications (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CONSTRAINT notifications_kind_format CHECK (kind ~ '^[a-z][a-z_]{1,63}$'),
    title       text NOT NULL,
    body        text NOT NULL DEFAULT '',
    -- No foreign key: a notification outlives the item it was about.
    content_id  uuid,
    event_id    bigint,
    data        jsonb NOT NULL DEFAULT '{}',
    read_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_user_event_key UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, created_at DESC, id DESC)
    WHERE read_at IS NULL;

-- One row per user who changed anything; no row means the defaults. The
-- per-kind switches are JSON objects `{kind: bool}` so a new kind needs no
-- migration: a kind missing from the object takes its default (in-app on,
-- email off; security kinds are always on and ignore these).
CREATE TABLE notification_preferences (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    in_app     jsonb NOT NULL DEFAULT '{}' CONSTRAINT notification_preferences_in_app_object CHECK (jsonb_typeof(in_app) = 'object'),
    email      jsonb NOT NULL DEFAULT '{}' CONSTRAINT notification_preferences_email_object CHECK (jsonb_typeof(email) = 'object'),
    digest     text NOT NULL DEFAULT 'never'
               CONSTRAINT notification_preferences_digest CHECK (digest IN ('immediate', 'daily', 'weekly', 'never')),
    updated_at timestamptz NOT NULL DEFAULT now()
);
