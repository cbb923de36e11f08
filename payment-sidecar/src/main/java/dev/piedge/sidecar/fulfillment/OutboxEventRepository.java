package dev.piedge.sidecar.fulfillment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for the {@code outbox_event} table. Every statement goes through
 * {@link DatabaseClient}, which joins the caller's reactive transaction when there is
 * one.
 */
@Component
class OutboxEventRepository {

	// One statement, so one short transaction: lock due rows (skipping rows another
	// instance is claiming right
	// now), stamp the claim and return them. A claim that outlives a crashed instance
	// simply expires.
	private static final String CLAIM_DUE = """
			UPDATE outbox_event SET claimed_until = :claimedUntil
			WHERE id IN (
			    SELECT id FROM outbox_event
			    WHERE delivered_at IS NULL AND next_attempt_at <= :now
			      AND (claimed_until IS NULL OR claimed_until < :now)
			    ORDER BY next_attempt_at
			    LIMIT :batchSize
			    FOR UPDATE SKIP LOCKED)
			RETURNING id, payment_id, event_type, user_uid, payload::text AS payload, attempts, created_at""";

	private final DatabaseClient db;

	private final Duration timeout;

	OutboxEventRepository(DatabaseClient db, FulfillmentProperties properties) {
		this.db = db;
		this.timeout = properties.claimTimeout();
	}

	/**
	 * Inserts the event unless one of the same type exists for the payment; emits whether
	 * a row was added.
	 */
	Mono<Boolean> insertIfAbsent(UUID id, long paymentId, String eventType, String userUid, String payload,
			Instant now) {
		return this.db.sql("""
				INSERT INTO outbox_event (id, payment_id, event_type, user_uid, payload, next_attempt_at, created_at)
				VALUES (:id, :paymentId, :eventType, :userUid, CAST(:payload AS JSONB), :now, :now)
				ON CONFLICT (payment_id, event_type) DO NOTHING""")
			.bind("id", id)
			.bind("paymentId", paymentId)
			.bind("eventType", eventType)
			.bind("userUid", userUid)
			.bind("payload", payload)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows > 0)
			.timeout(this.timeout);
	}

	/** Claims up to {@code batchSize} due events until {@code claimedUntil}. */
	Flux<OutboxEvent> claimDue(Instant now, Instant claimedUntil, int batchSize) {
		return this.db.sql(CLAIM_DUE)
			.bind("now", now)
			.bind("claimedUntil", claimedUntil)
			.bind("batchSize", batchSize)
			.map(OutboxEventRepository::event)
			.all()
			.timeout(this.timeout);
	}

	Mono<Void> markDelivered(UUID id, Instant now) {
		return this.db
			.sql("UPDATE outbox_event SET delivered_at = :now, claimed_until = NULL, last_error = NULL "
					+ "WHERE id = :id AND delivered_at IS NULL")
			.bind("id", id)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.timeout(this.timeout)
			.then();
	}

	Mono<Void> markFailed(UUID id, String error, Instant nextAttemptAt) {
		return this.db
			.sql("UPDATE outbox_event SET attempts = attempts + 1, last_error = :error, "
					+ "next_attempt_at = :nextAttemptAt, claimed_until = NULL WHERE id = :id AND delivered_at IS NULL")
			.bind("id", id)
			.bind("error", error)
			.bind("nextAttemptAt", nextAttemptAt)
			.fetch()
			.rowsUpdated()
			.timeout(this.timeout)
			.then();
	}

	/**
	 * Deletes up to {@code limit} events delivered before {@code cutoff}; emits how many
	 * went. Undelivered events are never touched, however old.
	 */
	Mono<Long> deleteDeliveredBefore(Instant cutoff, int limit) {
		return this.db
			.sql("DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event "
					+ "WHERE delivered_at IS NOT NULL AND delivered_at < :cutoff LIMIT :limit)")
			.bind("cutoff", cutoff)
			.bind("limit", limit)
			.fetch()
			.rowsUpdated()
			.timeout(this.timeout);
	}

	/** Events not delivered yet, due or not. */
	Mono<Long> countPending() {
		return this.db.sql("SELECT count(*) FROM outbox_event WHERE delivered_at IS NULL")
			.map(row -> row.get(0, Long.class))
			.one()
			.timeout(this.timeout);
	}

	private static OutboxEvent event(Readable row) {
		Integer attempts = row.get("attempts", Integer.class);
		Long paymentId = row.get("payment_id", Long.class);
		return new OutboxEvent(row.get("id", UUID.class), paymentId == null ? 0 : paymentId,
				row.get("event_type", String.class), row.get("user_uid", String.class),
				row.get("payload", String.class), attempts == null ? 0 : attempts,
				row.get("created_at", Instant.class));
	}

}
