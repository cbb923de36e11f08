package dev.piedge.sidecar.fulfillment;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row a relay has claimed for delivery.
 *
 * @param id the event id (the backend's idempotency key)
 * @param paymentId the ledger row ({@code payment.id}) the event is about
 * @param eventType for example {@code payment.completed}
 * @param userUid sent as {@code X-Pi-Uid}
 * @param payload the {@code data} object as JSON text
 * @param attempts failed attempts so far
 * @param createdAt when the event was recorded
 */
record OutboxEvent(UUID id, long paymentId, String eventType, String userUid, String payload, int attempts,
		Instant createdAt) {
}
