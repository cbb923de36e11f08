package dev.piedge.sidecar.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
 * The SQL of checkout sessions. Every write is one conditional statement, so it succeeds
 * for exactly one caller on any instance; a status change writes its history row and its
 * webhook event in data-modifying CTEs of that same statement.
 */
@Repository
class CheckoutSessionRepository {

	private static final String COLUMNS = "id, owner, uid, line_items, total, memo, success_url, cancel_url, "
			+ "client_reference_id, metadata, network, status, payment_status, pi_payment_id, txid, expires_at, "
			+ "created_at, completed_at";

	// A payment the handshake is still working on (claimed for approve, or approved and
	// awaiting its completion) decides the session itself; expiry leaves it alone.
	private static final String NO_PAYMENT_IN_FLIGHT = "(pi_payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM payment p "
			+ "WHERE p.pi_payment_id = checkout_session.pi_payment_id AND p.status IN ('CREATED', 'APPROVED')))";

	private static final String MOVE = """
			WITH moved AS (
			    UPDATE checkout_session SET status = :to, payment_status = :paymentStatus,
			        txid = COALESCE(:txid, txid), completed_at = CAST(:completedAt AS TIMESTAMPTZ), updated_at = :now
			    WHERE id = :id AND status = 'open' AND %2$s
			    RETURNING %1$s),
			history AS (
			    INSERT INTO checkout_session_event (session_id, from_status, to_status, reason, occurred_at)
			    SELECT id, 'open', :to, :reason, :now FROM moved),
			webhook AS (
			    INSERT INTO outbox_event (id, checkout_session_id, event_type, user_uid, payload, next_attempt_at,
			                              created_at)
			    SELECT :eventId, id, :eventType, :eventUid, CAST(:payload AS JSONB), :now, :now FROM moved
			    ON CONFLICT (checkout_session_id, event_type) WHERE checkout_session_id IS NOT NULL DO NOTHING)
			SELECT %1$s FROM moved""";

	private final DatabaseClient db;

	CheckoutSessionRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Inserts a new open session with its first history row. */
	Mono<CheckoutSession> insert(CheckoutSession session) {
		return this.db
			.sql("""
					WITH inserted AS (
					    INSERT INTO checkout_session (id, owner, uid, line_items, total, memo, success_url, cancel_url,
					        client_reference_id, metadata, network, status, payment_status, expires_at, created_at, updated_at)
					    VALUES (:id, :owner, :uid, :items, :total, :memo, :success, :cancel, :reference, :metadata, :network,
					        'open', 'unpaid', :expires, :now, :now)
					    RETURNING %1$s),
					history AS (
					    INSERT INTO checkout_session_event (session_id, from_status, to_status, reason, occurred_at)
					    SELECT id, NULL, status, 'created by ' || owner, :now FROM inserted)
					SELECT %1$s FROM inserted"""
				.formatted(COLUMNS))
			.bind("id", session.id())
			.bind("owner", session.owner())
			.bind("uid", Parameter.fromOrEmpty(session.uid(), String.class))
			.bind("items", Json.of(CheckoutViews.lineItemsJson(session.lineItems())))
			.bind("total", session.total())
			.bind("memo", session.memo())
			.bind("success", session.successUrl())
			.bind("cancel", session.cancelUrl())
			.bind("reference", Parameter.fromOrEmpty(session.clientReferenceId(), String.class))
			.bind("metadata", Json.of(session.metadataJson()))
			.bind("network", session.network())
			.bind("expires", utc(session.expiresAt()))
			.bind("now", utc(session.createdAt()))
			.map(CheckoutSessionRepository::map)
			.one();
	}

	Mono<CheckoutSession> find(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM checkout_session WHERE id = :id")
			.bind("id", id)
			.map(CheckoutSessionRepository::map)
			.one();
	}

	/** Binds the buyer if none is bound; empty if one was. */
	Mono<CheckoutSession> bindBuyer(String id, String uid, Instant now) {
		return this.db
			.sql("UPDATE checkout_session SET uid = :uid, updated_at = :now WHERE id = :id AND uid IS NULL RETURNING "
					+ COLUMNS)
			.bind("uid", uid)
			.bind("now", utc(now))
			.bind("id", id)
			.map(CheckoutSessionRepository::map)
			.one();
	}

	/**
	 * Attaches the payment if the session is open, unexpired, this buyer's, of exactly
	 * this total, and has no other payment; empty otherwise.
	 */
	Mono<CheckoutSession> attach(String id, String piPaymentId, String uid, BigDecimal amount, Instant now) {
		return this.db
			.sql("UPDATE checkout_session SET pi_payment_id = :payment, updated_at = :now "
					+ "WHERE id = :id AND status = 'open' AND expires_at > :now AND uid = :uid AND total = :amount "
					+ "AND (pi_payment_id IS NULL OR pi_payment_id = :payment) RETURNING " + COLUMNS)
			.bind("payment", piPaymentId)
			.bind("now", utc(now))
			.bind("id", id)
			.bind("uid", uid)
			.bind("amount", amount)
			.map(CheckoutSessionRepository::map)
			.one();
	}

	/** Frees an open session from a payment that ended unpaid. */
	Mono<Void> detach(String id, String piPaymentId, Instant now) {
		return this.db
			.sql("UPDATE checkout_session SET pi_payment_id = NULL, updated_at = :now "
					+ "WHERE id = :id AND pi_payment_id = :payment AND status = 'open'")
			.bind("now", utc(now))
			.bind("id", id)
			.bind("payment", piPaymentId)
			.then();
	}

	/**
	 * Marks the session complete and paid by this payment, with its history row and
	 * {@code webhook}; empty unless it is open with this payment attached.
	 */
	Mono<CheckoutSession> complete(String id, String piPaymentId, String txid, OutboxMessage webhook, Instant now) {
		return move(id, "pi_payment_id = :payment", CheckoutSession.COMPLETE, CheckoutSession.PAID, txid, now,
				"paid by " + piPaymentId, webhook, now)
			.bind("payment", piPaymentId)
			.map(CheckoutSessionRepository::map)
			.one();
	}

	/**
	 * Expires the session with its history row and {@code webhook}; empty unless it is
	 * open, past its expiry, and no payment for it is in flight.
	 */
	Mono<CheckoutSession> expire(String id, OutboxMessage webhook, Instant now) {
		return move(id, "expires_at <= :now AND " + NO_PAYMENT_IN_FLIGHT, CheckoutSession.EXPIRED,
				CheckoutSession.UNPAID, null, null, "expired", webhook, now)
			.map(CheckoutSessionRepository::map)
			.one();
	}

	/** Open sessions past their expiry with no payment in flight, oldest first. */
	Flux<CheckoutSession> findExpirable(Instant now, int limit) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM checkout_session WHERE status = 'open' AND expires_at <= :now AND "
					+ NO_PAYMENT_IN_FLIGHT + " ORDER BY expires_at LIMIT :limit")
			.bind("now", utc(now))
			.bind("limit", limit)
			.map(CheckoutSessionRepository::map)
			.all();
	}

	private DatabaseClient.GenericExecuteSpec move(String id, String condition, String to, String paymentStatus,
			String txid, Instant completedAt, String reason, OutboxMessage webhook, Instant now) {
		return this.db.sql(MOVE.formatted(COLUMNS, condition))
			.bind("now", utc(now))
			.bind("to", to)
			.bind("paymentStatus", paymentStatus)
			.bind("txid", Parameter.fromOrEmpty(txid, String.class))
			.bind("completedAt",
					Parameter.fromOrEmpty((completedAt != null) ? utc(completedAt) : null, OffsetDateTime.class))
			.bind("id", id)
			.bind("reason", reason)
			.bind("eventId", webhook.id())
			.bind("eventType", webhook.eventType())
			.bind("eventUid", Parameter.fromOrEmpty(webhook.userUid(), String.class))
			.bind("payload", webhook.payload());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	private static CheckoutSession map(Row row, RowMetadata metadata) {
		Json items = row.get("line_items", Json.class);
		Json meta = row.get("metadata", Json.class);
		return new CheckoutSession(row.get("id", String.class), row.get("owner", String.class),
				row.get("uid", String.class), CheckoutViews.lineItems(items.asString()),
				row.get("total", BigDecimal.class), row.get("memo", String.class), row.get("success_url", String.class),
				row.get("cancel_url", String.class), row.get("client_reference_id", String.class),
				(meta != null) ? meta.asString() : "{}", row.get("network", String.class),
				row.get("status", String.class), row.get("payment_status", String.class),
				row.get("pi_payment_id", String.class), row.get("txid", String.class),
				instant(row.get("expires_at", OffsetDateTime.class)),
				instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("completed_at", OffsetDateTime.class)));
	}

}
