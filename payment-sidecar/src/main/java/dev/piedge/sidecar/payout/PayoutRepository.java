package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.piedge.sidecar.fulfillment.OutboxMessage;
import dev.piedge.sidecar.ledger.PaymentStatus;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * The {@code payout} table and the A2U lease. Each write is one conditional statement, so
 * two instances (or the API and the worker) racing on a payout see exactly one winner.
 * The ledger's status is only read here (a join); {@code PaymentLedger} writes it.
 */
@Repository
class PayoutRepository {

	static final String LEASE = "app_to_user";

	private static final String SELECT = """
			SELECT p.id, p.owner, p.reference, p.user_uid, p.amount, p.memo, p.metadata, p.pi_payment_id, p.network,
			       p.txid, p.envelope_xdr, p.valid_until, p.outcome, p.failure_code, p.cancel_requested,
			       p.created_at, l.status AS ledger_status, l.failure_reason AS ledger_failure
			FROM payout p LEFT JOIN payment l ON l.pi_payment_id = p.pi_payment_id""";

	/** The advisory lock that serialises payout inserts for the daily limit. */
	private static final long DAILY_LIMIT_LOCK = 0x7069656467650001L;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	PayoutRepository(DatabaseClient db, ReactiveTransactionManager transactionManager) {
		this.db = db;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * Inserts the payout if it fits in the day's limit and the owner has not used the
	 * reference. The sum and the insert run under one transaction-scoped advisory lock,
	 * so of two requests at once only one can take the last of the limit: without it both
	 * statements would count the day before either had inserted.
	 * @return the payout, or the reason it was not inserted
	 */
	Mono<Insertion> insertWithinDailyLimit(UUID id, String owner, String reference, String userUid, BigDecimal amount,
			String memo, String metadataJson, Instant now, Instant dayStart, BigDecimal dailyLimit) {
		Mono<Insertion> insert = this.db.sql("SELECT pg_advisory_xact_lock(:key)")
			.bind("key", DAILY_LIMIT_LOCK)
			.then()
			.then(this.db
				.sql("""
						WITH today AS (
						    SELECT COALESCE(SUM(p.amount), 0) AS total FROM payout p
						    LEFT JOIN payment l ON l.pi_payment_id = p.pi_payment_id
						    WHERE p.created_at >= :since AND p.outcome IS NULL
						      AND (l.status IS NULL OR l.status NOT IN ('CANCELLED', 'FAILED'))),
						inserted AS (
						    INSERT INTO payout (id, owner, reference, user_uid, amount, memo, metadata, created_at, updated_at)
						    SELECT :id, :owner, :reference, :uid, :amount, :memo, :metadata, :now, :now FROM today
						    WHERE today.total + :amount <= :limit
						    ON CONFLICT DO NOTHING RETURNING id)
						SELECT (SELECT id FROM inserted) AS id, (SELECT total FROM today) AS total""")
				.bind("since", utc(dayStart))
				.bind("id", id)
				.bind("owner", owner)
				.bind("reference", Parameter.fromOrEmpty(reference, String.class))
				.bind("uid", userUid)
				.bind("amount", amount)
				.bind("memo", memo)
				.bind("metadata", Json.of(metadataJson))
				.bind("now", utc(now))
				.bind("limit", dailyLimit)
				.map(row -> new Insertion(row.get("id", UUID.class), row.get("total", BigDecimal.class)))
				.one());
		return this.transactions.transactional(insert);
	}

	/**
	 * What {@link #insertWithinDailyLimit} did.
	 *
	 * @param id the new payout's id, or null if none was inserted
	 * @param today the day's total before it
	 */
	record Insertion(UUID id, BigDecimal today) {

		boolean inserted() {
			return this.id != null;
		}

	}

	Mono<Payout> find(UUID id) {
		return this.db.sql(SELECT + " WHERE p.id = :id").bind("id", id).map(PayoutRepository::map).one();
	}

	Mono<Payout> findByReference(String owner, String reference) {
		return this.db.sql(SELECT + " WHERE p.owner = :owner AND p.reference = :reference")
			.bind("owner", owner)
			.bind("reference", reference)
			.map(PayoutRepository::map)
			.one();
	}

	Mono<Payout> findByPiPaymentId(String piPaymentId) {
		return this.db.sql(SELECT + " WHERE p.pi_payment_id = :pi")
			.bind("pi", piPaymentId)
			.map(PayoutRepository::map)
			.one();
	}

	/**
	 * The oldest payout still open: Pi allows one open A2U payment, so the worker
	 * finishes the oldest before starting another.
	 */
	Mono<Payout> oldestOpen() {
		return this.db
			.sql(SELECT + " WHERE p.outcome IS NULL AND (l.status IS NULL OR l.status IN ('CREATED', 'SUBMITTED')) "
					+ "ORDER BY p.created_at, p.id LIMIT 1")
			.map(PayoutRepository::map)
			.one();
	}

	/**
	 * The Pi identifier of the newest payout Pi created, whose {@code from_address} names
	 * the app wallet; empty before the first.
	 */
	Mono<String> newestPiPaymentId() {
		return this.db
			.sql("SELECT pi_payment_id FROM payout WHERE pi_payment_id IS NOT NULL ORDER BY created_at DESC LIMIT 1")
			.map(row -> row.get("pi_payment_id", String.class))
			.one();
	}

	/** Stores Pi's identifier, once. */
	Mono<Boolean> storePiPayment(UUID id, String piPaymentId, String network, Instant now) {
		return this.db
			.sql("UPDATE payout SET pi_payment_id = :pi, network = :network, updated_at = :now "
					+ "WHERE id = :id AND pi_payment_id IS NULL")
			.bind("pi", piPaymentId)
			.bind("network", network)
			.bind("now", utc(now))
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	/**
	 * Stores the signed transaction, unless one is stored or the payout was cancelled:
	 * the row's conditions decide a race with a cancel.
	 */
	Mono<Boolean> storeSigned(UUID id, String txid, String envelopeXdr, Instant validUntil, Instant now) {
		return this.db
			.sql("UPDATE payout SET txid = :txid, envelope_xdr = :envelope, valid_until = :until, updated_at = :now "
					+ "WHERE id = :id AND envelope_xdr IS NULL AND NOT cancel_requested AND outcome IS NULL")
			.bind("txid", txid)
			.bind("envelope", envelopeXdr)
			.bind("until", utc(validUntil))
			.bind("now", utc(now))
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	/** Asks for a cancel; false once the payout is signed or has ended. */
	Mono<Boolean> requestCancel(UUID id, String owner, Instant now) {
		return this.db
			.sql("UPDATE payout SET cancel_requested = TRUE, updated_at = :now "
					+ "WHERE id = :id AND owner = :owner AND envelope_xdr IS NULL AND outcome IS NULL "
					+ "AND NOT EXISTS (SELECT 1 FROM payment l WHERE l.pi_payment_id = payout.pi_payment_id "
					+ "AND l.status <> 'CREATED')")
			.bind("now", utc(now))
			.bind("id", id)
			.bind("owner", owner)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	/** Ends a payout Pi never created, without a webhook (cancelled while queued). */
	Mono<Boolean> end(UUID id, String outcome, String failureCode, Instant now) {
		return this.db
			.sql("UPDATE payout SET outcome = :outcome, failure_code = :code, updated_at = :now "
					+ "WHERE id = :id AND outcome IS NULL AND pi_payment_id IS NULL")
			.bind("outcome", outcome)
			.bind("code", Parameter.fromOrEmpty(failureCode, String.class))
			.bind("now", utc(now))
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	/**
	 * Fails a payout Pi refused to create, and writes its {@code payout.failed} event in
	 * the same statement: the event exists if and only if the failure committed.
	 */
	Mono<Boolean> failBeforePi(UUID id, String failureCode, OutboxMessage webhook, Instant now) {
		return this.db.sql("""
				WITH ended AS (
				    UPDATE payout SET outcome = 'FAILED', failure_code = :code, updated_at = :now
				    WHERE id = :id AND outcome IS NULL AND pi_payment_id IS NULL
				    RETURNING id),
				webhook AS (
				    INSERT INTO outbox_event (id, payout_id, event_type, user_uid, payload, next_attempt_at, created_at)
				    SELECT :eventId, id, :eventType, :eventUid, CAST(:payload AS JSONB), :now, :now FROM ended
				    ON CONFLICT DO NOTHING)
				SELECT COUNT(*) AS ended FROM ended""")
			.bind("code", failureCode)
			.bind("now", utc(now))
			.bind("id", id)
			.bind("eventId", webhook.id())
			.bind("eventType", webhook.eventType())
			.bind("eventUid", webhook.userUid())
			.bind("payload", webhook.payload())
			.map(row -> row.get("ended", Long.class))
			.one()
			.map(rows -> rows == 1);
	}

	/**
	 * Takes (or renews) the A2U lease for {@code holder}; false while another holder's
	 * lease runs.
	 */
	Mono<Boolean> takeLease(UUID holder, Instant now, Instant until) {
		return this.db
			.sql("UPDATE payout_lease SET holder = :holder, held_until = :until WHERE name = :name "
					+ "AND (holder IS NULL OR holder = :holder OR held_until < :now)")
			.bind("holder", holder)
			.bind("until", utc(until))
			.bind("now", utc(now))
			.bind("name", LEASE)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	Mono<Void> releaseLease(UUID holder) {
		return this.db
			.sql("UPDATE payout_lease SET holder = NULL, held_until = NULL WHERE name = :name AND holder = :holder")
			.bind("name", LEASE)
			.bind("holder", holder)
			.then();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Payout map(Row row, RowMetadata metadata) {
		String ledgerStatus = row.get("ledger_status", String.class);
		String failure = row.get("failure_code", String.class);
		if (failure == null) {
			failure = row.get("ledger_failure", String.class);
		}
		Json json = row.get("metadata", Json.class);
		OffsetDateTime validUntil = row.get("valid_until", OffsetDateTime.class);
		return new Payout(row.get("id", UUID.class), row.get("owner", String.class), row.get("reference", String.class),
				row.get("user_uid", String.class), row.get("amount", BigDecimal.class), row.get("memo", String.class),
				(json != null) ? json.asString() : "{}", row.get("pi_payment_id", String.class),
				row.get("network", String.class), row.get("txid", String.class), row.get("envelope_xdr", String.class),
				(validUntil != null) ? validUntil.toInstant() : null, row.get("outcome", String.class), failure,
				Boolean.TRUE.equals(row.get("cancel_requested", Boolean.class)),
				(ledgerStatus != null) ? PaymentStatus.valueOf(ledgerStatus) : null,
				row.get("created_at", OffsetDateTime.class).toInstant());
	}

}
