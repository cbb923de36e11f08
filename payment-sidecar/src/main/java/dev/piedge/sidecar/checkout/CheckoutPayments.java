package dev.piedge.sidecar.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.piedge.pi.client.PiPayment;
import dev.piedge.sidecar.checkout.CheckoutRefusedException.Refusal;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.ledger.LedgerPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * What the handshake asks of checkout about a Pi payment whose metadata names a session
 * ({@value #METADATA_KEY}). Pi's record, read server-side with the Server API Key, must
 * match the session before Pi's approve and again before Pi's complete; the session is
 * paid in the same transaction as the payment's completion, and freed again by a payment
 * that ends unpaid.
 */
@Service
public class CheckoutPayments {

	/** The Pi payment metadata key that names the checkout session. */
	public static final String METADATA_KEY = "pi_edge_checkout";

	private static final Logger log = LoggerFactory.getLogger(CheckoutPayments.class);

	private static final String USER_TO_APP = "user_to_app";

	private final CheckoutSessionRepository repository;

	private final FulfillmentOutbox outbox;

	private final TransactionalOperator transactions;

	private final Clock clock;

	CheckoutPayments(CheckoutSessionRepository repository, FulfillmentOutbox outbox,
			ReactiveTransactionManager transactionManager, Clock clock) {
		this.repository = repository;
		this.outbox = outbox;
		this.transactions = TransactionalOperator.create(transactionManager);
		this.clock = clock;
	}

	/** The session a payment's metadata names, if it is a checkout payment. */
	public static Optional<String> sessionOf(Map<String, Object> metadata) {
		Object value = (metadata != null) ? metadata.get(METADATA_KEY) : null;
		return (value != null) ? Optional.of(String.valueOf(value)) : Optional.empty();
	}

	/**
	 * Before Pi's approve: the session exists, is open and unexpired, and Pi's record
	 * matches it (direction, network, buyer, exact total); then the payment is attached
	 * to it, unless another payment is. Fails with a {@link CheckoutRefusedException}.
	 */
	public Mono<Void> approving(PiPayment record, String sessionId) {
		Instant now = this.clock.instant();
		return session(sessionId).flatMap(session -> {
			Optional<CheckoutRefusedException> refusal = refusal(record, session, now, false);
			if (refusal.isPresent()) {
				return Mono.error(refusal.get());
			}
			return this.repository.attach(sessionId, record.identifier(), record.userUid(), record.amount(), now)
				// Lost to another payment or to the clock between the read and the write.
				.switchIfEmpty(Mono.defer(() -> session(sessionId).flatMap(current -> Mono
					.error(refusal(record, current, now, false).orElseGet(() -> CheckoutRefusedException
						.of(Refusal.ALREADY_PAID, "Another payment is attached to the checkout session."))))))
				.then();
		});
	}

	/**
	 * Before Pi's complete: the same checks, this payment attached (an attached payment
	 * may complete after the session's expiry time: it resolves the session), and Pi's
	 * record carries exactly this txid.
	 */
	public Mono<Void> completing(PiPayment record, String sessionId, String txid) {
		return session(sessionId).flatMap(session -> {
			Optional<CheckoutRefusedException> refusal = refusal(record, session, this.clock.instant(), true);
			if (refusal.isPresent()) {
				return Mono.error(refusal.get());
			}
			String recorded = (record.transaction() != null) ? record.transaction().txid() : null;
			if (recorded == null || !recorded.equalsIgnoreCase(txid)) {
				return Mono.error(CheckoutRefusedException.of(Refusal.TXID_MISMATCH,
						"Pi's record of the payment does not carry this transaction."));
			}
			return Mono.empty();
		});
	}

	/**
	 * Runs the payment's move to COMPLETED and, in the same transaction, marks the
	 * session paid by it with its {@code checkout.session.completed} event.
	 */
	public Mono<LedgerPayment> completeWith(Mono<LedgerPayment> paymentCompleted, String sessionId) {
		return paymentCompleted.flatMap(done -> paid(sessionId, done).thenReturn(done))
			.as(this.transactions::transactional);
	}

	/** A payment that ended unpaid frees its session for another attempt. */
	public Mono<Void> released(String sessionId, String piPaymentId) {
		return this.repository.detach(sessionId, piPaymentId, this.clock.instant());
	}

	private Mono<Void> paid(String sessionId, LedgerPayment payment) {
		Instant now = this.clock.instant();
		return this.repository.find(sessionId).flatMap(session -> {
			CheckoutSession completed = new CheckoutSession(session.id(), session.owner(), session.uid(),
					session.lineItems(), session.total(), session.memo(), session.successUrl(), session.cancelUrl(),
					session.clientReferenceId(), session.metadataJson(), session.network(), CheckoutSession.COMPLETE,
					CheckoutSession.PAID, payment.piPaymentId(), payment.txid(), session.expiresAt(),
					session.createdAt(), now);
			return this.repository.complete(sessionId, payment.piPaymentId(), payment.txid(),
					this.outbox.checkoutSessionCompletedMessage(session.uid(), CheckoutViews.json(completed)), now);
		})
			.doOnNext(done -> log.info("Checkout session {} paid by {}", done.id(), payment.piPaymentId()))
			.switchIfEmpty(Mono.fromRunnable(() -> log.warn(
					"Payment {} completed, but checkout session {} was not open with it attached; the session is unchanged",
					payment.piPaymentId(), sessionId)))
			.then();
	}

	private Mono<CheckoutSession> session(String sessionId) {
		Mono<CheckoutSession> found = CheckoutService.isSessionId(sessionId) ? this.repository.find(sessionId)
				: Mono.empty();
		return found.switchIfEmpty(Mono.error(() -> CheckoutRefusedException.of(Refusal.SESSION_NOT_FOUND,
				"The payment names a checkout session that does not exist.")));
	}

	/**
	 * The first check Pi's record fails, in a fixed order. With {@code attached}, the
	 * payment must already be the session's, and the expiry time no longer counts.
	 */
	private static Optional<CheckoutRefusedException> refusal(PiPayment record, CheckoutSession session, Instant now,
			boolean attached) {
		if (!USER_TO_APP.equals(record.direction())) {
			return refuse(Refusal.WRONG_DIRECTION, "A checkout payment must be user_to_app.");
		}
		if (!session.network().equals(record.network())) {
			return refuse(Refusal.WRONG_NETWORK, "The payment is not on " + session.network() + ".");
		}
		if (CheckoutSession.COMPLETE.equals(session.status())) {
			return refuse(Refusal.NOT_OPEN, "The checkout session is already paid.");
		}
		if (CheckoutSession.EXPIRED.equals(session.status()) || (!attached && !now.isBefore(session.expiresAt()))) {
			return refuse(Refusal.SESSION_EXPIRED, "The checkout session has expired.");
		}
		if (session.uid() == null || !session.uid().equals(record.userUid())) {
			return refuse(Refusal.BUYER_MISMATCH, "The payer is not the checkout session's buyer.");
		}
		if (record.amount() == null || record.amount().compareTo(session.total()) != 0) {
			return refuse(Refusal.AMOUNT_MISMATCH,
					"The amount is not the checkout session's total " + CheckoutViews.amount(session.total()) + ".");
		}
		boolean mine = record.identifier().equals(session.piPaymentId());
		if (attached ? !mine : (session.piPaymentId() != null && !mine)) {
			return refuse(Refusal.ALREADY_PAID, "Another payment is attached to the checkout session.");
		}
		return Optional.empty();
	}

	private static Optional<CheckoutRefusedException> refuse(Refusal refusal, String detail) {
		return Optional.of(CheckoutRefusedException.of(refusal, detail));
	}

}
