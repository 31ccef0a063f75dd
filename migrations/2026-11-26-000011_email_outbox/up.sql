-- The email outbox. A mail is written in the same transaction as its cause
-- (a reset token, a sign-up), already rendered, so a rollback sends nothing
-- and a later template change cannot alter a queued mail. A worker claims
-- due rows with FOR UPDATE SKIP LOCKED, marks them 'sending' and commits
-- before it talks to the server, so a crash mid-send leaves the row in
-- 'sending' (later marked dead, "outcome unknown") instead of sending twice.
CREATE TABLE email_outbox (
    id              uuid PRIMARY KEY,
    to_address      text NOT NULL,
    to_name         text NOT NULL,
    template        text NOT NULL,
    subject         text NOT NULL,
    html            text NOT NULL,
    text            text NOT NULL,
    -- Extra headers (name -> value), e.g. List-Unsubscribe.
    headers         jsonb NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'pending'
        CONSTRAINT email_outbox_status CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0 CONSTRAINT email_outbox_attempts CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- When the current attempt started: a lease, for rows stuck in 'sending'.
    sending_since   timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    -- Idempotency for a cause that might enqueue twice.
    dedupe_key      text CONSTRAINT email_outbox_dedupe_key UNIQUE
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_sending_idx ON email_outbox (sending_since) WHERE status = 'sending';
