package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiApiKeyRejectedException;
import dev.piedge.pi.client.PiApiUnavailableException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.TxId;
import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.fulfillment.CompletedPayment;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedgerRepository;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * The ledger side of Pi's answers: completing (with the outbox event in the same
 * transaction), cancelling, failing, and giving a claim back when Pi could not be asked.
 * Shared by the callbacks and the reconciler, so every path settles a payment the same
 * way.
 */
@Service
class SettlementService {

	private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

	private final PaymentLedgerRepository ledger;

	private final PiPaymentsClient pi;

	private final FulfillmentOutbox outbox;

	private final TransactionalOperator transaction;

	private final PaymentViews views;

	private final Clock clock;

	SettlementService(PaymentLedgerRepository ledger, PiPaymentsClient pi, FulfillmentOutbox outbox,
			ReactiveTransactionManager transactions, PaymentViews views, Clock clock) {
		this.ledger = ledger;
		this.pi = pi;
		this.outbox = outbox;
		this.transaction = TransactionalOperator.create(transactions);
		this.views = views;
		this.clock = clock;
	}

	/**
	 * Calls Pi's complete for a payment this caller has claimed (its txid already
	 * stored).
	 */
	Mono<LedgerPayment> completeWithPi(LedgerPayment claimed, UUID token, String txid) {
		return this.pi.complete(PaymentId.of(claimed.piPaymentId()), TxId.of(txid))
			.then(Mono.defer(() -> markCompleted(claimed, token, txid, "completed on Pi")))
			.onErrorResume(PiApiErrorException.class, ex -> {
				switch (ex.code()) {
					case PiErrorCodes.ALREADY_COMPLETED:
						return markCompleted(claimed, token, txid, "Pi: " + PiErrorCodes.ALREADY_COMPLETED);
					case PiErrorCodes.TXID_MISMATCH:
						return markFailed(claimed, token, PiErrorCodes.TXID_MISMATCH)
							.then(Mono.error(CompletionRefusedException.txidMismatch()));
					case PiErrorCodes.VERIFICATION_FAILED:
						String reason = PiErrorCodes.VERIFICATION_FAILED
								+ ex.verificationError().map(v -> ": " + v).orElse("");
						return markFailed(claimed, token, reason).then(Mono
							.error(CompletionRefusedException.verificationFailed(ex.verificationError().orElse(null))));
					case PiErrorCodes.CANCELLED_PAYMENT:
						return markCancelled(claimed, token, "Pi: " + PiErrorCodes.CANCELLED_PAYMENT)
							.then(Mono.error(PaymentStateConflictException.of(SidecarProblemCode.PAYMENT_CANCELLED,
									"The payment was cancelled on Pi.", PaymentStatus.CANCELLED)));
					default:
						return giveBack(claimed, token, ex);
				}
			})
			.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> giveBack(claimed, token, ex));
	}

	/**
	 * Calls Pi's cancel for a payment this caller has claimed; never used once a
	 * transaction exists.
	 */
	Mono<LedgerPayment> cancelWithPi(LedgerPayment claimed, UUID token, String reason) {
		return this.pi.cancel(PaymentId.of(claimed.piPaymentId()))
			.then(Mono.defer(() -> markCancelled(claimed, token, reason)))
			.onErrorResume(PiApiErrorException.class, ex -> {
				switch (ex.code()) {
					case PiErrorCodes.CANCELLED_PAYMENT:
						return markCancelled(claimed, token, "Pi: " + PiErrorCodes.CANCELLED_PAYMENT);
					case PiErrorCodes.PAYMENT_TX_PRESENT:
						return release(claimed, token)
							.then(Mono.error(HandshakeChecks.hasTransaction(claimed.status())));
					case PiErrorCodes.ALREADY_COMPLETED:
						return release(claimed, token)
							.then(Mono.error(PaymentStateConflictException.of(SidecarProblemCode.ALREADY_COMPLETED,
									"Pi says the payment is completed.", claimed.status())));
					default:
						return giveBack(claimed, token, ex);
				}
			})
			.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> giveBack(claimed, token, ex));
	}

	/**
	 * Records COMPLETED and, in the same transaction, the fulfilment event; exactly one
	 * caller wins the transition, and the outbox holds at most one event per payment. A
	 * lost race returns the current row.
	 */
	Mono<LedgerPayment> markCompleted(LedgerPayment row, UUID token, String txid, String reason) {
		Instant now = this.clock.instant();
		Mono<LedgerPayment> completeAndEnqueue = this.ledger
			.transition(row.piPaymentId(), row.status(), PaymentStatus.COMPLETED, token, txid, reason, now)
			.flatMap(done -> this.outbox
				.paymentCompleted(done.id(), done.userUid(),
						new CompletedPayment(done.piPaymentId(), done.userUid(), done.amount(), done.memo(),
								this.views.metadata(done), done.txid(), done.network(), done.createdAt(), now))
				.thenReturn(done));
		return this.transaction.transactional(completeAndEnqueue)
			.doOnNext(done -> log.info("Payment {} completed (txid {})", done.piPaymentId(), done.txid()))
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	Mono<LedgerPayment> markCancelled(LedgerPayment row, UUID token, String reason) {
		return this.transaction
			.transactional(this.ledger.transition(row.piPaymentId(), row.status(), PaymentStatus.CANCELLED, token, null,
					reason, this.clock.instant()))
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	Mono<LedgerPayment> markFailed(LedgerPayment row, UUID token, String reason) {
		log.warn("Payment {} failed: {}", row.piPaymentId(), reason);
		return this.transaction
			.transactional(this.ledger.transition(row.piPaymentId(), row.status(), PaymentStatus.FAILED, token, null,
					reason, this.clock.instant()))
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	Mono<Void> release(LedgerPayment claimed, UUID token) {
		return this.ledger.release(claimed.piPaymentId(), token, this.clock.instant());
	}

	/**
	 * Gives the claim back and answers with what went wrong; the payment stays as it was,
	 * retryable.
	 */
	<T> Mono<T> giveBack(LedgerPayment claimed, UUID token, Throwable failure) {
		return release(claimed, token).then(Mono.error(asProblem(failure)));
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
