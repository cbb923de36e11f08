package dev.piedge.sidecar.fulfillment;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Fulfilment events, each written with the status change it reports, so it commits (or
 * rolls back) with it; the {@link FulfillmentRelay} delivers it after the commit. The
 * ledger writes an {@link OutboxMessage} in the very statement that completes a payment;
 * {@link #paymentCompleted} joins the caller's R2DBC transaction instead.
 */
@Component
public class FulfillmentOutbox {

	private final OutboxEventRepository repository;

	private final FulfillmentRelay relay;

	private final Clock clock;

	FulfillmentOutbox(OutboxEventRepository repository, FulfillmentRelay relay, Clock clock) {
		this.repository = repository;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * Enqueues a payment.completed event for this ledger row. Idempotent per
	 * (paymentRowId, type): a second call is a no-op. Fails with
	 * {@link IllegalArgumentException} if {@code payment} names another user than
	 * {@code userUid}, since the backend would credit the wrong account.
	 * @param paymentRowId the ledger row id ({@code payment.id})
	 * @param userUid the payer, sent as {@code X-Pi-Uid}
	 * @param payment the fields the backend receives
	 * @return completes once the row is written in the caller's transaction (if any)
	 */
	public Mono<Void> paymentCompleted(long paymentRowId, String userUid, CompletedPayment payment) {
		return Mono.fromCallable(() -> paymentCompletedMessage(userUid, payment))
			.flatMap(message -> this.repository.insertIfAbsent(message.id(), paymentRowId, message.eventType(),
					message.userUid(), message.payload(), this.clock.instant()))
			.flatMap(inserted -> inserted ? nudgeAfterCommit() : Mono.<Void>empty());
	}

	/**
	 * The payment.completed event for a statement of the caller's to write (the ledger
	 * writes it with the status change); call {@link #written()} once that statement has
	 * committed.
	 * @param userUid the payer, sent as {@code X-Pi-Uid}
	 * @param payment the fields the backend receives
	 * @throws IllegalArgumentException if a field the backend needs is missing, or
	 * {@code payment} names another user than {@code userUid}
	 */
	public OutboxMessage paymentCompletedMessage(String userUid, CompletedPayment payment) {
		if (userUid == null || userUid.isBlank()) {
			throw new IllegalArgumentException("userUid is required for a payment.completed event");
		}
		if (payment == null || payment.paymentId() == null || payment.amount() == null) {
			throw new IllegalArgumentException(
					"payment, its paymentId and its amount are required for a payment.completed event");
		}
		if (payment.userUid() != null && !Objects.equals(payment.userUid(), userUid)) {
			throw new IllegalArgumentException("payment " + payment.paymentId()
					+ " belongs to another user than the one given for its payment.completed event");
		}
		return new OutboxMessage(UUID.randomUUID(), WebhookCodec.PAYMENT_COMPLETED, userUid,
				WebhookCodec.paymentCompletedData(userUid, payment));
	}

	/**
	 * The {@code payout.completed} event for the ledger to write with the payout's move
	 * to COMPLETED.
	 * @param payout the fields the backend receives
	 */
	public OutboxMessage payoutCompletedMessage(PayoutEventData payout) {
		return payoutMessage(WebhookCodec.PAYOUT_COMPLETED, payout);
	}

	/**
	 * The {@code payout.failed} event for the ledger to write with the payout's move to
	 * FAILED; {@code failure_code} names the Pi or Horizon code.
	 * @param payout the fields the backend receives
	 */
	public OutboxMessage payoutFailedMessage(PayoutEventData payout) {
		return payoutMessage(WebhookCodec.PAYOUT_FAILED, payout);
	}

	/**
	 * The {@code checkout.session.completed} event for the statement that marks the
	 * session paid.
	 * @param userUid the buyer
	 * @param session the session as the API answers it, as JSON
	 */
	public OutboxMessage checkoutSessionCompletedMessage(String userUid, String session) {
		return new OutboxMessage(UUID.randomUUID(), WebhookCodec.CHECKOUT_SESSION_COMPLETED, userUid, session);
	}

	/**
	 * The {@code checkout.session.expired} event for the statement that expires the
	 * session.
	 * @param userUid the buyer, or {@code null} if none was bound
	 * @param session the session as the API answers it, as JSON
	 */
	public OutboxMessage checkoutSessionExpiredMessage(String userUid, String session) {
		return new OutboxMessage(UUID.randomUUID(), WebhookCodec.CHECKOUT_SESSION_EXPIRED, userUid, session);
	}

	private static OutboxMessage payoutMessage(String type, PayoutEventData payout) {
		return new OutboxMessage(UUID.randomUUID(), type, payout.userUid(), WebhookCodec.payoutData(payout));
	}

	/**
	 * A statement that wrote an {@link OutboxMessage} has committed: the relay delivers
	 * it now rather than at its next poll.
	 */
	public void written() {
		this.relay.nudge();
	}

	/**
	 * A nudge before the commit would poll before the row is visible, so it waits for the
	 * commit.
	 */
	private Mono<Void> nudgeAfterCommit() {
		return TransactionSynchronizationManager.forCurrentTransaction().flatMap(transaction -> {
			if (transaction.isSynchronizationActive()) {
				transaction.registerSynchronization(new NudgeOnCommit(this.relay));
			}
			else {
				this.relay.nudge();
			}
			return Mono.<Void>empty();
		}).onErrorResume(NoTransactionException.class, ex -> Mono.fromRunnable(this.relay::nudge));
	}

	private static final class NudgeOnCommit implements TransactionSynchronization {

		private final FulfillmentRelay relay;

		NudgeOnCommit(FulfillmentRelay relay) {
			this.relay = relay;
		}

		@Override
		public Mono<Void> afterCommit() {
			return Mono.fromRunnable(this.relay::nudge);
		}

	}

}
