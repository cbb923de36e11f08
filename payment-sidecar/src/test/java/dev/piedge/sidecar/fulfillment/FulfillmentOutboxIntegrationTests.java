package dev.piedge.sidecar.fulfillment;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

class FulfillmentOutboxIntegrationTests extends FulfillmentIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	FulfillmentOutbox outbox;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Test
	void enqueuesOneEventPerPaymentEvenWhenCalledTwice() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-twice");

		StepVerifier
			.create(this.outbox.paymentCompleted(row, "uid-twice", completedPayment(piPaymentId, "uid-twice", "1.5"))
				.then(this.outbox.paymentCompleted(row, "uid-twice", completedPayment(piPaymentId, "uid-twice", "99"))))
			.expectComplete()
			.verify(WAIT);

		Map<String, Object> event = event(row);
		assertThat(event.get("event_type")).isEqualTo("payment.completed");
		assertThat(event.get("user_uid")).isEqualTo("uid-twice");
		// The first call wins; the second is a no-op, not an update.
		assertThat((String) event.get("payload")).contains("\"amount\": 1.5");
		assertThat(event.get("created_at")).isNotNull();
	}

	@Test
	void leavesNoEventWhenTheCallersTransactionRollsBack() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-rollback");
		TransactionalOperator transaction = TransactionalOperator.create(this.transactionManager);

		Mono<Void> failingCompletion = this.db.sql("UPDATE payment SET status = 'COMPLETED' WHERE id = :id")
			.bind("id", row)
			.fetch()
			.rowsUpdated()
			.then(this.outbox.paymentCompleted(row, "uid-rollback", completedPayment(piPaymentId, "uid-rollback", "2")))
			.then(Mono.<Void>error(new IllegalStateException("handshake failed after enqueue")))
			.as(transaction::transactional);

		StepVerifier.create(failingCompletion).expectErrorMessage("handshake failed after enqueue").verify(WAIT);

		assertThat(events(row)).isEmpty();
		assertThat(status(row)).isEqualTo("APPROVED");
	}

	@Test
	void commitsTheEventWithTheCallersStatusChangeAndDeliversItAfterCommit() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-commit");
		TransactionalOperator transaction = TransactionalOperator.create(this.transactionManager);

		Mono<Void> completion = this.db.sql("UPDATE payment SET status = 'COMPLETED' WHERE id = :id")
			.bind("id", row)
			.fetch()
			.rowsUpdated()
			.then(this.outbox.paymentCompleted(row, "uid-commit", completedPayment(piPaymentId, "uid-commit", "3")))
			.as(transaction::transactional);

		StepVerifier.create(completion).expectComplete().verify(WAIT);

		assertThat(status(row)).isEqualTo("COMPLETED");
		eventually("the committed event is delivered").until(() -> event(row).get("delivered_at") != null);
		assertThat(requestsFor(id(event(row)))).hasSize(1);
	}

	@Test
	void storesAmountsExactlyWithoutPassingThroughADouble() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-exact");

		StepVerifier
			.create(this.outbox.paymentCompleted(row, "uid-exact",
					completedPayment(piPaymentId, "uid-exact", "12345678901234567890.1234567")))
			.expectComplete()
			.verify(WAIT);

		String amount = this.db.sql("SELECT payload->>'amount' AS amount FROM outbox_event WHERE payment_id = :id")
			.bind("id", row)
			.map(r -> r.get("amount", String.class))
			.one()
			.block(WAIT);
		assertThat(amount).isEqualTo("12345678901234567890.1234567");
	}

	@Test
	void refusesAPaymentThatBelongsToAnotherUser() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-owner");

		StepVerifier
			.create(this.outbox.paymentCompleted(row, "uid-owner", completedPayment(piPaymentId, "uid-other", "1")))
			.expectError(IllegalArgumentException.class)
			.verify(WAIT);

		assertThat(events(row)).isEmpty();
	}

	private String status(long row) {
		return this.db.sql("SELECT status FROM payment WHERE id = :id")
			.bind("id", row)
			.map(r -> r.get("status", String.class))
			.one()
			.block(WAIT);
	}

}
