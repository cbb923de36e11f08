package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentTests {

	private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void unapprovedUserToAppPaymentIsCancelledOnceTheTimeoutPassed() {
		Payment payment = payment(Direction.USER_TO_APP);

		assertThat(payment.settle(CREATED.plusSeconds(59), TIMEOUT).cancelled()).isFalse();
		assertThat(payment.settle(CREATED.plusSeconds(60), TIMEOUT).cancelled()).isTrue();
	}

	@Test
	void approvedOrFinishedPaymentsAreNotTouchedByTheTimeout() {
		Instant late = CREATED.plus(Duration.ofHours(1));

		assertThat(payment(Direction.USER_TO_APP).withApproved().settle(late, TIMEOUT).cancelled()).isFalse();
		assertThat(payment(Direction.USER_TO_APP).withUserCancelled().settle(late, TIMEOUT).cancelled()).isFalse();
		assertThat(payment(Direction.APP_TO_USER).settle(late, TIMEOUT).cancelled()).isFalse();
	}

	@Test
	void appToUserPaymentStartsApproved() {
		assertThat(payment(Direction.APP_TO_USER).developerApproved()).isTrue();
		assertThat(payment(Direction.USER_TO_APP).developerApproved()).isFalse();
	}

	@Test
	void completingVerifiesTheTransaction() {
		Payment completed = payment(Direction.APP_TO_USER)
			.withTransaction(new Payment.Transaction("ab", "id", false, "link"))
			.withCompleted();

		assertThat(completed.developerCompleted()).isTrue();
		assertThat(completed.transactionVerified()).isTrue();
		assertThat(completed.transaction().verified()).isTrue();
		assertThat(completed.isOpen()).isFalse();
	}

	@Test
	void createdAtIsWrittenWithMilliseconds() {
		assertThat(PaymentDto.of(payment(Direction.USER_TO_APP)).createdAt()).isEqualTo("2030-01-01T00:00:00.000Z");
	}

	private static Payment payment(Direction direction) {
		return Payment.open("id", "uid", new BigDecimal("1.5"), "memo", JsonNodeFactory.instance.objectNode(), "GFROM",
				"GTO", direction, CREATED, "Pi Testnet");
	}

}
