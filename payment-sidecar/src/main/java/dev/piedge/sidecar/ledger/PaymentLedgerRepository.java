package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.BiFunction;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger's SQL. Every change of status or claim is one conditional
 * {@code UPDATE … RETURNING}: it succeeds for exactly one caller, whichever instance it
 * runs on, and the others see an empty result. Each status change also appends a
 * {@code payment_event} row; callers wrap both in one transaction.
 */
@Repository
public class PaymentLedgerRepository {

	private static final String COLUMNS = "id, pi_payment_id, user_uid, direction, network, amount, memo, metadata, "
			+ "status, txid, failure_reason, pending_action, claim_token, claimed_until, version, created_at, updated_at";

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

	/** The caller's own payments, newest first. */
	public Flux<LedgerPayment> findByUser(String userUid, int limit) {
		return this.db
			.sql("SELECT " + COLUMNS
					+ " FROM payment WHERE user_uid = :uid ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("uid", userUid)
			.bind("limit", limit)
			.map(MAPPER)
			.all();
	}

	/** Inserts the payment as CREATED unless a row exists; either way returns the row. */
	public Mono<LedgerPayment> insertIfAbsent(NewLedgerPayment payment, Instant now) {
		Mono<LedgerPayment> inserted = this.db
			.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, network, amount, memo, metadata, status, "
					+ "created_at, updated_at) VALUES (:id, :uid, :direction, :network, :amount, :memo, :metadata, "
					+ "'CREATED', :now, :now) ON CONFLICT (pi_payment_id) DO NOTHING RETURNING " + COLUMNS)
			.bind("id", payment.piPaymentId())
			.bind("uid", payment.userUid())
			.bind("direction", payment.direction())
			.bind("network", Parameter.fromOrEmpty(payment.network(), String.class))
			.bind("amount", payment.amount())
			.bind("memo", Parameter.fromOrEmpty(payment.memo(), String.class))
			.bind("metadata", Json.of(payment.metadataJson() != null ? payment.metadataJson() : "{}"))
			.bind("now", utc(now))
			.map(MAPPER)
			.one()
			.flatMap(row -> recordEvent(row.id(), null, PaymentStatus.CREATED, "read from Pi", now).thenReturn(row));
		return inserted.switchIfEmpty(Mono.defer(() -> find(payment.piPaymentId())));
	}

	/**
	 * Claims the right to call Pi for this payment, if it is in {@code expected} status
	 * and nobody holds an unexpired claim. With a {@code txid}, also stores it, unless a
	 * different one is already stored.
	 */
	public Mono<LedgerPayment> claim(String piPaymentId, PaymentStatus expected, String action, String txid, UUID token,
			Instant now, Duration lease) {
		return this.db
			.sql("UPDATE payment SET pending_action = :action, claim_token = :token, claimed_until = :until, "
					+ "txid = COALESCE(:txid, txid), version = version + 1, updated_at = :now "
					+ "WHERE pi_payment_id = :id AND status = :expected "
					+ "AND (claimed_until IS NULL OR claimed_until < :now) "
					+ "AND (CAST(:txid AS VARCHAR) IS NULL OR txid IS NULL OR txid = :txid) RETURNING " + COLUMNS)
			.bind("action", action)
			.bind("token", token)
			.bind("until", utc(now.plus(lease)))
			.bind("txid", Parameter.fromOrEmpty(txid, String.class))
			.bind("now", utc(now))
			.bind("id", piPaymentId)
			.bind("expected", expected.name())
			.map(MAPPER)
			.one();
	}

	/**
	 * Stores a txid learnt outside a claim (e.g. from Pi's record), unless one is stored.
	 */
	public Mono<LedgerPayment> storeTxid(String piPaymentId, String txid, Instant now) {
		return this.db
			.sql("UPDATE payment SET txid = :txid, version = version + 1, updated_at = :now "
					+ "WHERE pi_payment_id = :id AND txid IS NULL RETURNING " + COLUMNS)
			.bind("txid", txid)
			.bind("now", utc(now))
			.bind("id", piPaymentId)
			.map(MAPPER)
			.one();
	}

	/**
	 * Moves the payment from {@code from} to {@code to}, drops any claim, and stores
	 * {@code txid} if none is stored yet. With a token, only the holder of that claim may
	 * do so. Empty when another caller got there first.
	 */
	public Mono<LedgerPayment> transition(String piPaymentId, PaymentStatus from, PaymentStatus to, UUID token,
			String txid, String reason, Instant now) {
		String tokenCondition = (token != null) ? " AND claim_token = :token" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("UPDATE payment SET status = :to, pending_action = NULL, claim_token = NULL, claimed_until = NULL, "
					+ "txid = COALESCE(txid, :txid), failure_reason = COALESCE(:reason, failure_reason), "
					+ "version = version + 1, updated_at = :now " + "WHERE pi_payment_id = :id AND status = :from"
					+ tokenCondition + " RETURNING " + COLUMNS)
			.bind("to", to.name())
			.bind("txid", Parameter.fromOrEmpty(txid, String.class))
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("now", utc(now))
			.bind("id", piPaymentId)
			.bind("from", from.name());
		if (token != null) {
			spec = spec.bind("token", token);
		}
		return spec.map(MAPPER).one().flatMap(row -> recordEvent(row.id(), from, to, reason, now).thenReturn(row));
	}

	/**
	 * Gives up a claim without changing status, so the next callback or the reconciler
	 * can retry.
	 */
	public Mono<Void> release(String piPaymentId, UUID token, Instant now) {
		return this.db.sql(
				"UPDATE payment SET pending_action = NULL, claim_token = NULL, claimed_until = NULL, updated_at = :now "
						+ "WHERE pi_payment_id = :id AND claim_token = :token")
			.bind("now", utc(now))
			.bind("id", piPaymentId)
			.bind("token", token)
			.then();
	}

	/**
	 * Appends to the payment's history; a note with no status change repeats the current
	 * status.
	 */
	public Mono<Void> recordEvent(long paymentRowId, PaymentStatus from, PaymentStatus to, String reason, Instant now) {
		return this.db
			.sql("INSERT INTO payment_event (payment_id, from_status, to_status, reason, occurred_at) "
					+ "VALUES (:payment, :from, :to, :reason, :now)")
			.bind("payment", paymentRowId)
			.bind("from", Parameter.fromOrEmpty(from != null ? from.name() : null, String.class))
			.bind("to", to.name())
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("now", utc(now))
			.then();
	}

	/**
	 * Rows the reconciler should converge: claims that expired mid-call, and open
	 * payments (CREATED or APPROVED) untouched since {@code quietSince}.
	 */
	public Flux<LedgerPayment> findUnsettled(Instant now, Instant quietSince, int limit) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM payment WHERE status IN ('CREATED', 'APPROVED') "
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
		return new LedgerPayment(row.get("id", Long.class), row.get("pi_payment_id", String.class),
				row.get("user_uid", String.class), row.get("direction", String.class), row.get("network", String.class),
				row.get("amount", BigDecimal.class), row.get("memo", String.class),
				(json != null) ? json.asString() : null, PaymentStatus.valueOf(row.get("status", String.class)),
				row.get("txid", String.class), row.get("failure_reason", String.class),
				row.get("pending_action", String.class), row.get("claim_token", UUID.class),
				instant(row.get("claimed_until", OffsetDateTime.class)), row.get("version", Long.class),
				instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("updated_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
