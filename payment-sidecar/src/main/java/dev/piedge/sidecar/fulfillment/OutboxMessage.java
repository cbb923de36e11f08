package dev.piedge.sidecar.fulfillment;

import java.util.UUID;

/**
 * A webhook event ready for the outbox, built before the statement that writes it: the
 * ledger writes it in the same statement as the status change it reports, so it exists if
 * and only if that change committed. Built by {@link FulfillmentOutbox}.
 *
 * @param id the event id, sent as {@code Idempotency-Key}
 * @param eventType for example {@code payment.completed}
 * @param userUid the user the event is about, sent as {@code X-Pi-Uid}
 * @param payload the event's {@code data} object as JSON
 */
public record OutboxMessage(UUID id, String eventType, String userUid, String payload) {
}
