-- Delivered events are pruned after pi.payments.fulfillment.delivered-retention; this index lets the pruner
-- find them without scanning the undelivered ones (which the due index already covers).
CREATE INDEX outbox_event_delivered_idx ON outbox_event (delivered_at) WHERE delivered_at IS NOT NULL;
