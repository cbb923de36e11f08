-- Backend API keys (pek_<id>_<secret>). The secret is never stored: only its SHA-256, so neither this table nor
-- a backup of it can be used to call the API. The whole key is shown once, when it is created. Revoked keys
-- stay, so the list shows when each was revoked.
CREATE TABLE api_key (
    id             VARCHAR(32)   PRIMARY KEY,
    secret_sha256  BYTEA         NOT NULL,
    label          VARCHAR(100)  NOT NULL,
    -- resource:action strings as granted, before implication (so a change to what implies what applies to
    -- existing keys).
    permissions    TEXT[]        NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    -- Written at most once a minute per key, not on every request.
    last_used_at   TIMESTAMPTZ,
    revoked_at     TIMESTAMPTZ,
    CONSTRAINT api_key_secret_sha256_size CHECK (octet_length(secret_sha256) = 32)
);

-- One row per caller and Idempotency-Key on the backend API's POSTs: taken before the request runs (a lease
-- that expires, so a crashed instance never blocks a key for good), completed with the answer to replay.
CREATE TABLE api_idempotency (
    -- key:<api key id> or platform:<sub>: keys are never shared between callers.
    principal         VARCHAR(300)  NOT NULL,
    idempotency_key   VARCHAR(255)  NOT NULL,
    -- SHA-256 of the method, path and body: the same key with another request is refused.
    request_sha256    BYTEA         NOT NULL,
    -- While the request runs: only the holder of the lease may complete or release it.
    lease_token       UUID,
    leased_until      TIMESTAMPTZ,
    -- The answer, once there is one.
    response_status   SMALLINT,
    response_headers  JSONB,
    response_body     BYTEA,
    created_at        TIMESTAMPTZ   NOT NULL,
    completed_at      TIMESTAMPTZ,
    PRIMARY KEY (principal, idempotency_key),
    CONSTRAINT api_idempotency_completed_has_answer CHECK ((completed_at IS NULL) = (response_status IS NULL)),
    CONSTRAINT api_idempotency_open_has_lease CHECK (completed_at IS NOT NULL OR leased_until IS NOT NULL)
);

-- The pruner deletes rows kept past pi.api-idempotency.retention, counted from the answer (or, for a request that
-- never finished, from its start).
CREATE INDEX api_idempotency_retention_idx ON api_idempotency ((COALESCE(completed_at, created_at)));
