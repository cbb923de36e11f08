-- Transactional outbox for the backend webhooks. The handshake inserts a row in the same transaction that
-- marks the payment COMPLETED, so an event exists if and only if the status change committed. The relay
-- delivers each row at least once; the backend deduplicates on the row id (sent as Idempotency-Key).
-- No secret is stored here: the webhook signature is computed at delivery time from configuration.
CREATE TABLE outbox_event (
    id               UUID          PRIMARY KEY,
    payment_id       BIGINT        NOT NULL REFERENCES payment (id),
    event_type       VARCHAR(64)   NOT NULL,
    user_uid         VARCHAR(128)  NOT NULL,
    -- The event's "data" object exactly as the backend receives it (snake_case payment fields).
    payload          JSONB         NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    -- A relay instance owns the row until this time; a crashed instance's claim simply expires.
    claimed_until    TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    -- Status code or error class of the last failed attempt; never the backend's response body.
    last_error       TEXT,
    created_at       TIMESTAMPTZ   NOT NULL,
    -- One event of each type per payment: a repeated completion is a no-op (INSERT ... ON CONFLICT DO NOTHING).
    CONSTRAINT outbox_event_payment_type_key UNIQUE (payment_id, event_type),
    CONSTRAINT outbox_event_attempts_not_negative CHECK (attempts >= 0)
);

-- The relay's poll only looks at undelivered rows, ordered by due time; delivered rows drop out of the index.
CREATE INDEX outbox_event_due_idx ON outbox_event (next_attempt_at) WHERE delivered_at IS NULL;
