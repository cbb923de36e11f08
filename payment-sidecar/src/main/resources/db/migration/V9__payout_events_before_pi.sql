-- Payout webhooks for payouts that never got a Pi payment (issue 13 follow-up). A payout Pi refused to create
-- has no payment row, so its payout.failed event names the payout instead: an outbox row is about a payment or
-- about a payout, and one event of each type per payout (the ledger's events keep payment_id).
ALTER TABLE outbox_event ALTER COLUMN payment_id DROP NOT NULL;
ALTER TABLE outbox_event ADD COLUMN payout_id UUID REFERENCES payout (id);
-- V8's rule (a payment or a checkout session) widens to a payout as well.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_has_subject;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_subject_known
    CHECK (payment_id IS NOT NULL OR payout_id IS NOT NULL OR checkout_session_id IS NOT NULL);
CREATE UNIQUE INDEX outbox_event_payout_type_key ON outbox_event (payout_id, event_type) WHERE payout_id IS NOT NULL;
