package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import dev.piedge.sidecar.fulfillment.OutboxMessage;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger's SQL. Reads are open to any package; every write is package-private, so
 * only {@link PaymentLedger} changes a payment. Each change is one statement: a
 * conditional {@code UPDATE … RETURNING} succeeds for exactly one caller, whichever
 * instance it runs on, and the others see an empty result. A status change writes its
 * {@code payment_event} row (and any webhook event) in data-modifying CTEs of that same
 * statement, so they commit together or not at all, in one round trip.
 */
@Repository
public class PaymentLedgerRepository {

	private static final String COLUMNS = "id, pi_payment_id, user_uid, direction, network, amount, memo, metadata, "
			+ "status, txid, failure_reason, pending_action, claim_token, claimed_until, version, created_at, updated_at";

	// A row another caller inserted after this statement's snapshot is invisible to its
	// SELECT; the caller then reads it with find.
	private static final String RECORD = """
			WITH inserted AS (
			    INSERT INTO payment (pi_payment_id, user_uid, direction, network, amount, memo, metadata, status,
			                         pending_action, claim_token, claimed_until, created_at, updated_at)
			    VALUES (:id, :uid, :direction, :network, :amount, :memo, :metadata, :status,
			            :action, :token, :until, :now, :now)
			    ON CONFLICT (pi_payment_id) DO NOTHING
			    RETURNING %1$s),
			history AS (
			    INSERT INTO payment_event (payment_id, from_status, to_status, reason, occurred_at)
			    SELECT id, NULL, status, :reason, :now FROM inserted)
			SELECT %1$s FROM inserted
			UNION ALL
			SELECT %1$s FROM payment WHERE pi_payment_id = :id AND NOT EXISTS (SELECT 1 FROM inserted)"""
		.formatted(COLUMNS);

	private static final String MOVE = """
			WITH moved AS (
			    UPDATE payment SET status = :to, pending_action = NULL, claim_token = NULL, claimed_until = NULL,
			        txid = COALESCE(txid, :txid), failure_reason = COALESCE(:failure, failure_reason),
			        version = version + 1, updated_at = :now
			    WHERE pi_payment_id = :id AND status = :from%2$s
			      AND (CAST(:txid AS VARCHAR) IS NULL OR txid IS NULL OR txid = :txid)
			    RETURNING %1$s),
			history AS (
			    INSERT INTO payment_event (payment_id, from_status, to_status, reason, occurred_at)
			    SELECT id, :from, :to, :reason, :now FROM moved)%3$s
			SELECT %1$s FROM moved""";

	private static final String UNDER_CLAIM = " AND claim_token = :token";

	// The outbox's own table (fulfillment): written here so the event commits with the
	// change it reports. One event per type and payment, as FulfillmentOutbox does.
	private static final String NOTIFY = """
			,
			webhook AS (
			    INSERT INTO outbox_event (id, payment_id, event_type, user_uid, payload, next_attempt_at, created_at)
			    SELECT :eventId, id, :eventType, :eventUid, CAST(:payload AS JSONB), :now, :now FROM moved
			    ON CONFLICT (payment_id, event_type) DO NOTHING)""";

	private static final BiFunction<Row, RowMetadata, LedgerPayment> MAPPER = PaymentLedgerRepository::map;

	private final DatabaseClient db;

	public PaymentLedgerRepository(DatabaseClient db) {
		this.db = db;
	}

	public Mono<LedgerPayment> find(String piPaymentId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM payment WHERE pi_payment_id = :id")
			.bind("id", piPaymentId)
			.map(MAPPER)
			.one();
	}

	/** The user's own payments, newest first. */
	public Flux<LedgerPayment> findByUser(String userUid, int limit) {
		return this.db
			.sql("SELECT " + COLUMNS
					+ " FROM payment WHERE user_uid = :uid ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("uid", userUid)
			.bind("limit", limit)
			.map(MAPPER)
			.all();
	}

	/**
	 * Inserts the payment in {@code status}, with its first history row and, if given,
	 * already claimed; a payment already recorded is returned as it is. Empty only when
	 * another caller recorded it at the same moment.
	 */
	Mono<LedgerPayment> record(NewLedgerPayment payment, PaymentStatus status, String reason, Claim claim,
			Instant now) {
		return this.db.sql(RECORD)
			.bind("id", payment.piPaymentId())
			.bind("uid", payment.userUid())
			.bind("direction", payment.direction().column())
			.bind("network", Parameter.fromOrEmpty(payment.network(), String.class))
			.bind("amount", payment.amount())
			.bind("memo", Parameter.fromOrEmpty(payment.memo(), String.class))
			.bind("metadata", Json.of(payment.metadataJson() != null ? payment.metadataJson() : "{}"))
			.bind("status", status.name())
			.bind("action", Parameter.fromOrEmpty((claim != null) ? claim.action().column() : null, String.class))
			.bind("token", Parameter.fromOrEmpty((claim != null) ? claim.token() : null, UUID.class))
			.bind("until", Parameter.fromOrEmpty((claim != null) ? utc(claim.until()) : null, OffsetDateTime.class))
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("now", utc(now))
			.map(MAPPER)
			.one();
	}

	/**
	 * Takes the claim if the payment is in {@code expected} status and nobody holds an
	 * unexpired claim. With a {@code txid}, also stores it, unless a different one is
	 * already stored.
	 */
	Mono<LedgerPayment> claim(Claim claim, PaymentStatus expected, String txid, Instant now) {
		return this.db
			.sql("UPDATE payment SET pending_action = :action, claim_token = :token, claimed_until = :until, "
					+ "txid = COALESCE(:txid, txid), version = version + 1, updated_at = :now "
					+ "WHERE pi_payment_id = :id AND status = :expected "
					+ "AND (claimed_until IS NULL OR claimed_until < :now) "
					+ "AND (CAST(:txid AS VARCHAR) IS NULL OR txid IS NULL OR txid = :txid) RETURNING " + COLUMNS)
			.bind("action", claim.action().column())
			.bind("token", claim.token())
			.bind("until", utc(claim.until()))
			.bind("txid", Parameter.fromOrEmpty(txid, String.class))
			.bind("now", utc(now))
			.bind("id", claim.piPaymentId())
			.bind("expected", expected.name())
			.map(MAPPER)
			.one();
	}

	/**
	 * Stores a txid learnt outside a claim (e.g. from Pi's record), unless one is stored.
	 */
	Mono<LedgerPayment> storeTxid(String piPaymentId, String txid, Instant now) {
		return this.db
			.sql("UPDATE payment SET txid = :txid, version = version + 1, updated_at = :now "
					+ "WHERE pi_payment_id = :id AND txid IS NULL RETURNING " + COLUMNS)
			.bind("txid", txid)
			.bind("now", utc(now))
			.bind("id", piPaymentId)
			.map(MAPPER)
			.one();
	}

	/** Makes the move, if it still applies; empty when it does not. */
	Mono<LedgerPayment> move(Transition move, Instant now) {
		OutboxMessage webhook = move.webhook();
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql(MOVE.formatted(COLUMNS, (move.claim() != null) ? UNDER_CLAIM : "", (webhook != null) ? NOTIFY : ""))
			.bind("to", move.to().name())
			.bind("txid", Parameter.fromOrEmpty(move.txid(), String.class))
			.bind("failure", Parameter.fromOrEmpty(move.to().endsUnpaid() ? move.reason() : null, String.class))
			.bind("reason", Parameter.fromOrEmpty(move.reason(), String.class))
			.bind("now", utc(now))
			.bind("id", move.piPaymentId())
			.bind("from", move.from().name());
		if (move.claim() != null) {
			spec = spec.bind("token", move.claim().token());
		}
		if (webhook != null) {
			spec = spec.bind("eventId", webhook.id())
				.bind("eventType", webhook.eventType())
				.bind("eventUid", webhook.userUid())
				.bind("payload", webhook.payload());
		}
		return spec.map(MAPPER).one();
	}

	/**
	 * Gives up a claim without changing status, so the next callback or the reconciler
	 * can retry.
	 */
	Mono<Void> release(Claim claim, Instant now) {
		return this.db.sql(
				"UPDATE payment SET pending_action = NULL, claim_token = NULL, claimed_until = NULL, updated_at = :now "
						+ "WHERE pi_payment_id = :id AND claim_token = :token")
			.bind("now", utc(now))
			.bind("id", claim.piPaymentId())
			.bind("token", claim.token())
			.then();
	}

	/**
	 * A history row that repeats the current status: something happened, nothing moved.
	 */
	Mono<Void> note(LedgerPayment row, String reason, Instant now) {
		return this.db
			.sql("INSERT INTO payment_event (payment_id, from_status, to_status, reason, occurred_at) "
					+ "VALUES (:payment, :status, :status, :reason, :now)")
			.bind("payment", row.id())
			.bind("status", row.status().name())
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("now", utc(now))
			.then();
	}

	/**
	 * Open payments of these directions to converge: claims that expired mid-call, and
	 * payments untouched since {@code quietSince}. The open statuses come from
	 * {@link AllowedTransition} and are written into the SQL, so PostgreSQL can use the
	 * partial index on them.
	 */
	Flux<LedgerPayment> findUnsettled(Set<PaymentDirection> directions, Instant now, Instant quietSince, int limit) {
		String open = directions.stream()
			.filter(direction -> !AllowedTransition.open(direction).isEmpty())
			.map(direction -> "(direction = '" + direction.column() + "' AND status IN ("
					+ AllowedTransition.open(direction)
						.stream()
						.map(status -> "'" + status.name() + "'")
						.collect(Collectors.joining(", "))
					+ "))")
			.collect(Collectors.joining(" OR "));
		if (open.isEmpty()) {
			return Flux.empty();
		}
		return this.db
			.sql("SELECT " + COLUMNS + " FROM payment WHERE (" + open + ") "
					+ "AND ((pending_action IS NOT NULL AND claimed_until < :now) "
					+ "OR (pending_action IS NULL AND updated_at < :quiet)) ORDER BY updated_at LIMIT :limit")
			.bind("now", utc(now))
			.bind("quiet", utc(quietSince))
			.bind("limit", limit)
			.map(MAPPER)
			.all();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static LedgerPayment map(Row row, RowMetadata metadata) {
		Json json = row.get("metadata", Json.class);
		String piPaymentId = row.get("pi_payment_id", String.class);
		UUID token = row.get("claim_token", UUID.class);
		Claim claim = (token != null) ? new Claim(piPaymentId, ClaimAction.of(row.get("pending_action", String.class)),
				token, instant(row.get("claimed_until", OffsetDateTime.class))) : null;
		return new LedgerPayment(row.get("id", Long.class), piPaymentId, row.get("user_uid", String.class),
				row.get("direction", String.class), row.get("network", String.class),
				row.get("amount", BigDecimal.class), row.get("memo", String.class),
				(json != null) ? json.asString() : null, PaymentStatus.valueOf(row.get("status", String.class)),
				row.get("txid", String.class), row.get("failure_reason", String.class), claim,
				row.get("version", Long.class), instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("updated_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
