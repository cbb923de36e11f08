-- Hosted checkout (issue 14). A session is created by the link or the backend API, names catalog products
-- only (prices and the memo are copied from the catalog at creation, never taken from a request), and is paid
-- by at most one Pi payment: pi_payment_id is attached by one conditional UPDATE before Pi's approve, and
-- cleared again if that payment is cancelled.
CREATE TABLE checkout_session (
    id                  VARCHAR(64)    PRIMARY KEY,
    -- The API key id or platform token subject that created it; 'link' for the link.
    owner               VARCHAR(128)   NOT NULL,
    -- The buyer: bound at creation, or by the first signed-in caller who opens the page.
    uid                 VARCHAR(128),
    line_items          JSONB          NOT NULL,
    total               NUMERIC(38, 7) NOT NULL,
    memo                TEXT           NOT NULL,
    success_url         TEXT           NOT NULL,
    cancel_url          TEXT           NOT NULL,
    client_reference_id VARCHAR(200),
    metadata            JSONB          NOT NULL,
    network             VARCHAR(32)    NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    payment_status      VARCHAR(16)    NOT NULL,
    pi_payment_id       VARCHAR(64)    UNIQUE,
    txid                VARCHAR(64),
    expires_at          TIMESTAMPTZ    NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL,
    completed_at        TIMESTAMPTZ,
    CONSTRAINT checkout_session_status_known CHECK (status IN ('open', 'complete', 'expired')),
    CONSTRAINT checkout_session_paid_iff_complete CHECK ((payment_status = 'paid') = (status = 'complete')),
    CONSTRAINT checkout_session_total_positive CHECK (total > 0),
    CONSTRAINT checkout_session_complete_has_payment CHECK (status <> 'complete'
        OR (pi_payment_id IS NOT NULL AND txid IS NOT NULL AND completed_at IS NOT NULL))
);

-- The expiry job's queue: open sessions by expiry.
CREATE INDEX checkout_session_open_idx ON checkout_session (expires_at) WHERE status = 'open';

-- Every status change of a session, written in the same statement as the change.
CREATE TABLE checkout_session_event (
    id           BIGSERIAL    PRIMARY KEY,
    session_id   VARCHAR(64)  NOT NULL REFERENCES checkout_session (id),
    from_status  VARCHAR(16),
    to_status    VARCHAR(16)  NOT NULL,
    reason       TEXT,
    occurred_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX checkout_session_event_session_idx ON checkout_session_event (session_id);

-- Checkout events go through the same signed outbox. A checkout.session.expired event has no payment, and a
-- session created without a uid that nobody opened has no user: both columns become optional, and an event
-- names a payment or a session. One event of each type per session, as per payment.
ALTER TABLE outbox_event ALTER COLUMN payment_id DROP NOT NULL;
ALTER TABLE outbox_event ALTER COLUMN user_uid DROP NOT NULL;
ALTER TABLE outbox_event ADD COLUMN checkout_session_id VARCHAR(64) REFERENCES checkout_session (id);
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_has_subject
    CHECK (payment_id IS NOT NULL OR checkout_session_id IS NOT NULL);
CREATE UNIQUE INDEX outbox_event_checkout_type_key ON outbox_event (checkout_session_id, event_type)
    WHERE checkout_session_id IS NOT NULL;
