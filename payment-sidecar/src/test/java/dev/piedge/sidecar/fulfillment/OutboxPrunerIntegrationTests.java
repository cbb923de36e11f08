package dev.piedge.sidecar.fulfillment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxPrunerIntegrationTests extends FulfillmentIntegrationTestSupport {

	private static final Duration RETENTION = Duration.ofDays(30);

	@Autowired
	OutboxPruner pruner;

	@Test
	void deletesOnlyDeliveredEventsOlderThanTheRetention() {
		long row = insertPayment("pay-" + UUID.randomUUID(), "uid-prune");
		Instant now = this.clock.instant();
		insertEvents(row, "delivered-long-ago", 1, now.minus(RETENTION).minusSeconds(1));
		insertEvents(row, "delivered-recently", 1, now.minus(RETENTION).plusSeconds(1));
		insertEvents(row, "never-delivered", 1, null);

		Long deleted = this.pruner.prune().block(Duration.ofSeconds(10));

		assertThat(deleted).isEqualTo(1);
		assertThat(eventTypes(row)).containsExactlyInAnyOrder("delivered-recently-1", "never-delivered-1");
		assertThat(this.pruner.prune().block(Duration.ofSeconds(10))).isZero();
	}

	@Test
	void drainsABacklogLargerThanOneBatch() {
		long row = insertPayment("pay-" + UUID.randomUUID(), "uid-backlog");
		int backlog = OutboxPruner.BATCH_SIZE * 2 + 17;
		insertEvents(row, "old", backlog, this.clock.instant().minus(RETENTION).minus(Duration.ofDays(1)));

		Long deleted = this.pruner.prune().block(Duration.ofSeconds(30));

		assertThat(deleted).isEqualTo(backlog);
		assertThat(eventTypes(row)).isEmpty();
	}

	/**
	 * Inserts {@code count} events of types {@code prefix-1…}, delivered at
	 * {@code deliveredAt} (or pending, far in the future).
	 */
	private void insertEvents(long paymentRowId, String prefix, int count, Instant deliveredAt) {
		Instant start = TestClockConfiguration.START;
		OffsetDateTime created = OffsetDateTime.ofInstant(start.minus(Duration.ofDays(365)), ZoneOffset.UTC);
		OffsetDateTime due = OffsetDateTime.ofInstant(start.plus(Duration.ofDays(365)), ZoneOffset.UTC);
		var spec = this.db.sql("""
				INSERT INTO outbox_event (id, payment_id, event_type, user_uid, payload, next_attempt_at,
				    delivered_at, created_at)
				SELECT gen_random_uuid(), :paymentId, :prefix || '-' || n, 'uid', '{}'::jsonb, :due,
				    CAST(:deliveredAt AS TIMESTAMPTZ), :created
				FROM generate_series(1, :count) AS n""")
			.bind("paymentId", paymentRowId)
			.bind("prefix", prefix)
			.bind("due", due)
			.bind("created", created)
			.bind("count", count);
		spec = (deliveredAt != null) ? spec.bind("deliveredAt", OffsetDateTime.ofInstant(deliveredAt, ZoneOffset.UTC))
				: spec.bindNull("deliveredAt", OffsetDateTime.class);
		spec.fetch().rowsUpdated().block(Duration.ofSeconds(30));
	}

	private List<String> eventTypes(long paymentRowId) {
		return this.db.sql("SELECT event_type FROM outbox_event WHERE payment_id = :id")
			.bind("id", paymentRowId)
			.map(r -> r.get("event_type", String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

}
