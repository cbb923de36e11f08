-- One row per Pi payment. The row's status moves only through conditional updates (compare-and-set on
-- status and version), which is what makes duplicate and concurrent callbacks call Pi at most once.
CREATE TABLE payment (
    id              BIGSERIAL PRIMARY KEY,
    pi_payment_id   VARCHAR(64)    NOT NULL UNIQUE,
    user_uid        VARCHAR(128)   NOT NULL,
    direction       VARCHAR(16)    NOT NULL,
    network         VARCHAR(32),
    amount          NUMERIC(38, 7) NOT NULL,
    memo            TEXT,
    metadata        JSONB,
    status          VARCHAR(16)    NOT NULL,
    txid            VARCHAR(64),
    failure_reason  TEXT,
    version         BIGINT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ    NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL,
    CONSTRAINT payment_status_known
        CHECK (status IN ('CREATED', 'APPROVED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'))
);

CREATE INDEX payment_user_uid_idx ON payment (user_uid, created_at DESC);

-- Append-only history: every transition, with who or what caused it.
CREATE TABLE payment_event (
    id           BIGSERIAL PRIMARY KEY,
    payment_id   BIGINT       NOT NULL REFERENCES payment (id),
    from_status  VARCHAR(16),
    to_status    VARCHAR(16)  NOT NULL,
    reason       TEXT,
    occurred_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX payment_event_payment_idx ON payment_event (payment_id, occurred_at);
