-- A claim marks the one instance allowed to call Pi for a payment right now (approve, complete or
-- cancel). It is taken and released with conditional updates and expires, so a crashed instance never
-- blocks a payment: the reconciler converges expired claims with Pi's record.
ALTER TABLE payment
    ADD COLUMN pending_action VARCHAR(16),
    ADD COLUMN claim_token    UUID,
    ADD COLUMN claimed_until  TIMESTAMPTZ;

CREATE INDEX payment_reconcile_idx ON payment (status, claimed_until)
    WHERE status IN ('CREATED', 'APPROVED');
