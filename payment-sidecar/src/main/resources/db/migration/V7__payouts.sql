-- App-to-User payouts (issue 13, item 4). A payout is asked for before Pi knows it, so its request lives in
-- its own table, keyed by our id; the payment ledger gets the app_to_user row once Pi has created the
-- payment, and from then on the ledger owns its status. The signed envelope is stored here, with its txid,
-- BEFORE it is submitted: after a crash the same envelope is what may be submitted again.
CREATE TABLE payout (
    id               UUID           PRIMARY KEY,
    -- The API key id or platform token subject that asked for it: references are unique per caller.
    owner            VARCHAR(128)   NOT NULL,
    reference        VARCHAR(128),
    user_uid         VARCHAR(128)   NOT NULL,
    amount           NUMERIC(38, 7) NOT NULL,
    memo             TEXT           NOT NULL,
    metadata         JSONB          NOT NULL,
    pi_payment_id    VARCHAR(64)    UNIQUE,
    network          VARCHAR(32),
    txid             VARCHAR(64),
    envelope_xdr     TEXT,
    valid_until      TIMESTAMPTZ,
    -- Terminal before Pi knew the payout (cancelled while queued, refused by Pi's create).
    outcome          VARCHAR(16),
    failure_code     VARCHAR(64),
    cancel_requested BOOLEAN        NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ    NOT NULL,
    updated_at       TIMESTAMPTZ    NOT NULL,
    CONSTRAINT payout_outcome_known CHECK (outcome IS NULL OR outcome IN ('FAILED', 'CANCELLED')),
    -- A signed payout is never cancelled.
    CONSTRAINT payout_signed_not_cancelled CHECK (envelope_xdr IS NULL OR NOT cancel_requested)
);

CREATE UNIQUE INDEX payout_reference_key ON payout (owner, reference) WHERE reference IS NOT NULL;

-- The worker's queue: payouts not yet finished, oldest first.
CREATE INDEX payout_open_idx ON payout (created_at) WHERE outcome IS NULL;

-- Pi allows one open A2U payment per app: one lease row, taken with a conditional update, serialises the
-- payout worker across every sidecar instance. An expired lease is taken over (its holder is presumed dead).
CREATE TABLE payout_lease (
    name        VARCHAR(32)  PRIMARY KEY,
    holder      UUID,
    held_until  TIMESTAMPTZ
);

INSERT INTO payout_lease (name) VALUES ('app_to_user');

-- The moves of app_to_user payments, as AllowedTransition's A2U rows. Pi's create records the payment
-- CREATED; SUBMITTED once its transaction is signed and stored (the txid with it); COMPLETED once Pi confirmed
-- our complete. CANCELLED before signing; FAILED with the Pi or Horizon code.
INSERT INTO payment_transition (direction, from_status, to_status) VALUES
    ('app_to_user', NULL,        'CREATED'),
    ('app_to_user', 'CREATED',   'SUBMITTED'),
    ('app_to_user', 'CREATED',   'CANCELLED'),
    ('app_to_user', 'CREATED',   'FAILED'),
    ('app_to_user', 'SUBMITTED', 'COMPLETED'),
    ('app_to_user', 'SUBMITTED', 'FAILED');

DROP INDEX payment_reconcile_idx;
CREATE INDEX payment_reconcile_idx ON payment (status, claimed_until)
    WHERE status IN ('CREATED', 'APPROVED', 'SUBMITTED');
