package dev.piedge.sidecar.handshake;

import java.time.Clock;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiApiKeyRejectedException;
import dev.piedge.pi.client.PiApiUnavailableException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.TxId;
import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.checkout.CheckoutPayments;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.fulfillment.CompletedPayment;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.ledger.Claim;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.ledger.Transition;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The ledger side of Pi's answers: completing (with the webhook event in the same
 * statement), cancelling, failing, and giving a claim back when Pi could not be asked.
 * Shared by the callbacks and the reconciler, so every path settles a payment the same
 * way.
 */
@Service
class SettlementService {

	private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

	private final PaymentLedger ledger;

	private final PiPaymentsClient pi;

	private final FulfillmentOutbox outbox;

	private final CheckoutPayments checkout;

	private final PaymentViews views;

	private final Clock clock;

	SettlementService(PaymentLedger ledger, PiPaymentsClient pi, FulfillmentOutbox outbox, CheckoutPayments checkout,
			PaymentViews views, Clock clock) {
		this.ledger = ledger;
		this.pi = pi;
		this.outbox = outbox;
		this.checkout = checkout;
		this.views = views;
		this.clock = clock;
	}

	/**
	 * Calls Pi's complete for a payment this caller has claimed (its txid already
	 * stored).
	 */
	Mono<LedgerPayment> completeWithPi(LedgerPayment claimed, Claim claim, String txid) {
		return this.pi.complete(PaymentId.of(claimed.piPaymentId()), TxId.of(txid))
			.then(Mono.defer(() -> markCompleted(claimed, claim, txid, "completed on Pi")))
			.onErrorResume(PiApiErrorException.class, ex -> {
				switch (ex.code()) {
					case PiErrorCodes.ALREADY_COMPLETED:
						return markCompleted(claimed, claim, txid, "Pi: " + PiErrorCodes.ALREADY_COMPLETED);
					case PiErrorCodes.TXID_MISMATCH:
						return markFailed(claimed, claim, PiErrorCodes.TXID_MISMATCH)
							.then(Mono.error(CompletionRefusedException.txidMismatch()));
					case PiErrorCodes.VERIFICATION_FAILED:
						String reason = PiErrorCodes.VERIFICATION_FAILED
								+ ex.verificationError().map(v -> ": " + v).orElse("");
						return markFailed(claimed, claim, reason).then(Mono
							.error(CompletionRefusedException.verificationFailed(ex.verificationError().orElse(null))));
					case PiErrorCodes.CANCELLED_PAYMENT:
						return markCancelled(claimed, claim, "Pi: " + PiErrorCodes.CANCELLED_PAYMENT)
							.then(Mono.error(PaymentStateConflictException.of(SidecarProblemCode.PAYMENT_CANCELLED,
									"The payment was cancelled on Pi.", PaymentStatus.CANCELLED)));
					default:
						return giveBack(claim, ex);
				}
			})
			.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> giveBack(claim, ex));
	}

	/**
	 * Calls Pi's cancel for a payment this caller has claimed; never used once a
	 * transaction exists.
	 */
	Mono<LedgerPayment> cancelWithPi(LedgerPayment claimed, Claim claim, String reason) {
		return this.pi.cancel(PaymentId.of(claimed.piPaymentId()))
			.then(Mono.defer(() -> markCancelled(claimed, claim, reason)))
			.onErrorResume(PiApiErrorException.class, ex -> {
				switch (ex.code()) {
					case PiErrorCodes.CANCELLED_PAYMENT:
						return markCancelled(claimed, claim, "Pi: " + PiErrorCodes.CANCELLED_PAYMENT);
					case PiErrorCodes.PAYMENT_TX_PRESENT:
						return release(claim).then(Mono.error(HandshakeChecks.hasTransaction(claimed.status())));
					case PiErrorCodes.ALREADY_COMPLETED:
						return release(claim)
							.then(Mono.error(PaymentStateConflictException.of(SidecarProblemCode.ALREADY_COMPLETED,
									"Pi says the payment is completed.", claimed.status())));
					default:
						return giveBack(claim, ex);
				}
			})
			.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> giveBack(claim, ex));
	}

	/**
	 * Records COMPLETED and, in the same statement, the fulfilment event; exactly one
	 * caller wins the move, and the outbox holds at most one event per payment. A lost
	 * race returns the current row. The event carries the txid the row ends with: the
	 * stored one if there is one (the move is refused if it has changed since), else
	 * {@code txid}. A checkout payment marks its session paid in the same transaction.
	 * @param claim the claim held, or {@code null} when following Pi's record
	 */
	Mono<LedgerPayment> markCompleted(LedgerPayment row, Claim claim, String txid, String reason) {
		String finalTxid = (row.txid() != null) ? row.txid() : txid;
		Mono<LedgerPayment> completed = Mono
			.fromCallable(() -> this.outbox.paymentCompletedMessage(row.userUid(),
					new CompletedPayment(row.piPaymentId(), row.userUid(), row.amount(), row.memo(),
							this.views.metadata(row), finalTxid, row.network(), row.createdAt(), this.clock.instant())))
			.flatMap(webhook -> this.ledger.move(Transition.of(row, PaymentStatus.COMPLETED, reason)
				.underClaim(claim)
				.withTxid(finalTxid)
				.notifying(webhook)));
		return CheckoutPayments.sessionOf(this.views.metadata(row))
			.map(session -> this.checkout.completeWith(completed, session))
			.orElse(completed)
			.doOnNext(done -> {
				this.outbox.written();
				log.info("Payment {} completed (txid {})", done.piPaymentId(), done.txid());
			})
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	/**
	 * Records CANCELLED, under {@code claim}, or with {@code null} following Pi's record.
	 */
	Mono<LedgerPayment> markCancelled(LedgerPayment row, Claim claim, String reason) {
		return this.ledger.move(Transition.of(row, PaymentStatus.CANCELLED, reason).underClaim(claim))
			.flatMap(this::releaseCheckout)
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	Mono<LedgerPayment> markFailed(LedgerPayment row, Claim claim, String reason) {
		log.warn("Payment {} failed: {}", row.piPaymentId(), reason);
		return this.ledger.move(Transition.of(row, PaymentStatus.FAILED, reason).underClaim(claim))
			.flatMap(this::releaseCheckout)
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	/**
	 * A checkout payment that ended unpaid frees its session, so the buyer can try again
	 * with a new payment.
	 */
	private Mono<LedgerPayment> releaseCheckout(LedgerPayment ended) {
		return CheckoutPayments.sessionOf(this.views.metadata(ended))
			.map(session -> this.checkout.released(session, ended.piPaymentId()).thenReturn(ended))
			.orElseGet(() -> Mono.just(ended));
	}

	Mono<Void> release(Claim claim) {
		return this.ledger.release(claim);
	}

	/**
	 * Gives the claim back and answers with what went wrong; the payment stays as it was,
	 * retryable.
	 */
	<T> Mono<T> giveBack(Claim claim, Throwable failure) {
		return release(claim).then(Mono.error(asProblem(failure)));
	}

	/**
	 * How a failed Pi call is told to the client; the payment is unchanged in every case.
	 */
	static Throwable asProblem(Throwable failure) {
		if (failure instanceof ProblemException) {
			return failure;
		}
		if (failure instanceof PiApiUnavailableException unavailable) {
			return PiApiProblemException.unavailable(unavailable.retryAfter().map(d -> d.toSeconds()).orElse(1L));
		}
		if (failure instanceof PiApiKeyRejectedException) {
			log.error("Pi rejected the Server API Key; check PI_API_KEY");
			return PiApiProblemException.refused("key_rejected");
		}
		if (failure instanceof PiApiErrorException error) {
			return PiApiProblemException.refused(error.code());
		}
		return failure;
	}

}
