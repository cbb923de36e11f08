package dev.piedge.sidecar.handshake;

import dev.piedge.sidecar.SqlRoundTrips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many times a callback waits for the database (issue 16 budgets three per callback):
 * each statement, and each {@code BEGIN} and {@code COMMIT}, counted at the R2DBC
 * connection factory. Before the ledger wrote each move with its history row in one
 * statement these were 6, 1, 7, 6 and 10.
 */
@Import(SqlRoundTrips.Configuration.class)
class SqlRoundTripsIntegrationTests extends HandshakeIntegrationTestSupport {

	@Autowired
	SqlRoundTrips roundTrips;

	@BeforeEach
	void reset() {
		this.roundTrips.reset();
	}

	@Test
	void approvingAPaymentSeenForTheFirstTimeTakesThreeRoundTrips() {
		piHas("pay-rt-a", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-rt-a", "approve", ALICE, "3.14", true, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-rt-a")).expectStatus().isOk();

		assertThat(this.roundTrips.statements()).hasSize(3);
	}

	@Test
	void aRepeatedApproveTakesOneRoundTrip() {
		piHas("pay-rt-r", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-rt-r", "approve", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody("pay-rt-r")).expectStatus().isOk();
		this.roundTrips.reset();

		callback("approve", ALICE, paymentIdBody("pay-rt-r")).expectStatus().isOk();

		assertThat(this.roundTrips.statements()).hasSize(1);
	}

	@Test
	void completingAnApprovedPaymentTakesThreeRoundTrips() {
		piHas("pay-rt-c", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-rt-c", "approve", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-rt-c", "complete", ALICE, "3.14", true, true, false, TXID);
		callback("approve", ALICE, paymentIdBody("pay-rt-c")).expectStatus().isOk();
		this.roundTrips.reset();

		callback("complete", ALICE, "{\"paymentId\":\"pay-rt-c\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isOk();

		assertThat(this.roundTrips.statements()).hasSize(3);
	}

	@Test
	void cancellingAnApprovedPaymentTakesThreeRoundTrips() {
		piHas("pay-rt-x", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-rt-x", "approve", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-rt-x", "cancel", ALICE, "3.14", true, false, true, null);
		callback("approve", ALICE, paymentIdBody("pay-rt-x")).expectStatus().isOk();
		piHas("pay-rt-x", ALICE, "3.14", true, false, false, null);
		this.roundTrips.reset();

		callback("cancel", ALICE, paymentIdBody("pay-rt-x")).expectStatus().isOk();

		assertThat(this.roundTrips.statements()).hasSize(3);
	}

	@Test
	void anIncompletePaymentWithATransactionSeenForTheFirstTimeTakesFourRoundTrips() {
		piHas("pay-rt-i", ALICE, "3.14", true, false, false, TXID);
		piAccepts("pay-rt-i", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("incomplete", null, paymentIdBody("pay-rt-i")).expectStatus().isOk();

		assertThat(this.roundTrips.statements()).hasSize(4);
	}

}
