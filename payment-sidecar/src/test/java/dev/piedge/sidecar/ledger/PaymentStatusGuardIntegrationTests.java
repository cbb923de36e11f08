package dev.piedge.sidecar.ledger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database holds the same table of allowed moves as the code ({@code V5}), so SQL
 * written by hand or by a future bug cannot move a payment where the code never would.
 */
class PaymentStatusGuardIntegrationTests extends LedgerIntegrationTestSupport {

	@Test
	void refusesAMoveOutsideTheTable() {
		insertRaw("pay-g-move", "user_to_app", "CREATED");

		assertThatThrownBy(() -> rowsUpdated("UPDATE payment SET status = 'FAILED' WHERE pi_payment_id = 'pay-g-move'"))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("CREATED -> FAILED");
		assertThat(statusOf("pay-g-move")).isEqualTo("CREATED");
	}

	@Test
	void refusesToReopenAFinishedPayment() {
		insertRaw("pay-g-reopen", "user_to_app", "COMPLETED");

		assertThatThrownBy(
				() -> rowsUpdated("UPDATE payment SET status = 'APPROVED' WHERE pi_payment_id = 'pay-g-reopen'"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(statusOf("pay-g-reopen")).isEqualTo("COMPLETED");
	}

	@Test
	void allowsAMoveInTheTable() {
		insertRaw("pay-g-ok", "user_to_app", "CREATED");

		assertThat(rowsUpdated("UPDATE payment SET status = 'APPROVED' WHERE pi_payment_id = 'pay-g-ok'")).isOne();
	}

	@Test
	void refusesAStatusItsDirectionDoesNotHave() {
		assertThatThrownBy(() -> insertRaw("pay-g-unknown", "user_to_app", "SUBMITTED"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> insertRaw("pay-g-a2u", "app_to_user", "APPROVED"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(statusOf("pay-g-unknown")).isNull();
		assertThat(statusOf("pay-g-a2u")).isNull();
	}

	@Test
	void refusesToChangeAPaymentsDirection() {
		insertRaw("pay-g-dir", "user_to_app", "CREATED");

		assertThatThrownBy(
				() -> rowsUpdated("UPDATE payment SET direction = 'app_to_user' WHERE pi_payment_id = 'pay-g-dir'"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

}
