package dev.piedge.sidecar.handshake;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A status change and its history row are written together or not at all: a database that
 * refuses the history row (as a crash between two statements would leave it) leaves the
 * status as it was.
 */
class PaymentHistoryIntegrationTests extends HandshakeIntegrationTestSupport {

	@AfterEach
	void acceptHistoryAgain() {
		execute("DROP TRIGGER IF EXISTS refuse_history ON payment_event");
		execute("DROP FUNCTION IF EXISTS refuse_history()");
	}

	@Test
	void aPaymentWhoseFirstHistoryRowCannotBeWrittenIsNotRecorded() {
		piHas("pay-h-new", ALICE, "3.14", false, false, false, null);
		refuseHistoryRowsTo("CREATED");

		callback("approve", ALICE, paymentIdBody("pay-h-new")).expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("internal_error");

		assertThat(statusOf("pay-h-new")).isNull();
		assertThat(piCalls("pay-h-new", "approve")).isZero();
	}

	@Test
	void anApprovalWhoseHistoryRowCannotBeWrittenLeavesThePaymentCreatedAndUnclaimed() {
		piHas("pay-h-app", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-h-app", "approve", ALICE, "3.14", true, false, false, null);
		refuseHistoryRowsTo("APPROVED");

		callback("approve", ALICE, paymentIdBody("pay-h-app")).expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

		assertThat(statusOf("pay-h-app")).isEqualTo("CREATED");
		assertThat(historyOf("pay-h-app")).containsExactly("CREATED:read from Pi");
		assertThat(isClaimed("pay-h-app")).as("the claim is given back").isFalse();
	}

	@Test
	void aRejectionWhoseHistoryRowCannotBeWrittenLeavesThePaymentCreated() {
		piHas("pay-h-rej", ALICE, "0.01", false, false, false, null);
		refuseHistoryRowsTo("REJECTED");

		callback("approve", ALICE, paymentIdBody("pay-h-rej")).expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

		assertThat(statusOf("pay-h-rej")).isEqualTo("CREATED");
		assertThat(historyOf("pay-h-rej")).containsExactly("CREATED:read from Pi");
	}

	/**
	 * Until the test ends, the database refuses history rows moving a payment to this
	 * status.
	 */
	private void refuseHistoryRowsTo(String status) {
		execute("CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS "
				+ "'BEGIN IF NEW.to_status = TG_ARGV[0] THEN RAISE EXCEPTION ''history refused by the test''; "
				+ "END IF; RETURN NEW; END'");
		execute("CREATE TRIGGER refuse_history BEFORE INSERT ON payment_event FOR EACH ROW "
				+ "EXECUTE FUNCTION refuse_history('" + status + "')");
	}

	private Boolean isClaimed(String id) {
		return this.db.sql("SELECT claim_token IS NOT NULL FROM payment WHERE pi_payment_id = :id")
			.bind("id", id)
			.map(row -> row.get(0, Boolean.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	private void execute(String sql) {
		this.db.sql(sql).then().block(Duration.ofSeconds(5));
	}

}
