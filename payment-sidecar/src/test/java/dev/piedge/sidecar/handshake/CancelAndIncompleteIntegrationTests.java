package dev.piedge.sidecar.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class CancelAndIncompleteIntegrationTests extends HandshakeIntegrationTestSupport {

	@Test
	void cancelsOnPiWhenThereIsNoTransaction() {
		piHas("pay-x-1", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-x-1", "cancel", ALICE, "3.14", false, false, true, null);

		callback("cancel", null, paymentIdBody("pay-x-1")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-1", "cancel")).isEqualTo(1);
	}

	@Test
	void neverCancelsAPaymentThatHasATransaction() {
		piHas("pay-x-tx", ALICE, "3.14", true, false, false, TXID);

		callback("cancel", null, paymentIdBody("pay-x-tx")).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payment_has_transaction");
		assertThat(piCalls("pay-x-tx", "cancel")).isZero();
		assertThat(piCalls("pay-x-tx", "complete")).isZero();
		assertThat(txidOf("pay-x-tx")).isEqualTo(TXID);
	}

	@Test
	void followsAPaymentTheUserAlreadyCancelledWithoutCallingPi() {
		piHas("pay-x-gone", ALICE, "3.14", false, false, true, null);

		callback("cancel", ALICE, paymentIdBody("pay-x-gone")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-gone", "cancel")).isZero();
	}

	@Test
	void refusesACancelFromAVerifiedCallerWhoIsNotThePayer() {
		piHas("pay-x-own", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-x-own", "cancel", ALICE, "3.14", true, false, true, null);
		callback("approve", ALICE, paymentIdBody("pay-x-own")).expectStatus().isOk();
		List<String> history = historyOf("pay-x-own");

		callback("cancel", MALLORY, paymentIdBody("pay-x-own")).expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(piCalls("pay-x-own", "cancel")).isZero();
		assertThat(statusOf("pay-x-own")).isEqualTo("APPROVED");
		assertThat(historyOf("pay-x-own")).isEqualTo(history);

		callback("cancel", ALICE, paymentIdBody("pay-x-own")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-own", "cancel")).isEqualTo(1);
	}

	@Test
	void refusesACancelFromANonPayerBeforeTheLedgerHasThePayment() {
		piHas("pay-x-new", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-x-new", "cancel", ALICE, "3.14", false, false, true, null);

		callback("cancel", MALLORY, paymentIdBody("pay-x-new")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(piCalls("pay-x-new", "cancel")).isZero();
		assertThat(statusOf("pay-x-new")).as("a non-payer's callback stores nothing").isNull();
	}

	@Test
	void anonymousAndPayerCancelsStillWork() {
		piHas("pay-x-anon", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-x-anon", "cancel", ALICE, "3.14", true, false, true, null);
		piHas("pay-x-payer", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-x-payer", "cancel", ALICE, "3.14", false, false, true, null);

		callback("cancel", null, paymentIdBody("pay-x-anon")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		callback("cancel", ALICE, paymentIdBody("pay-x-payer")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-anon", "cancel")).isEqualTo(1);
		assertThat(piCalls("pay-x-payer", "cancel")).isEqualTo(1);
	}

	@Test
	void incompleteWithATransactionCompletesWithPisTxidNotTheClients() {
		piHas("pay-i-1", ALICE, "3.14", true, false, false, TXID);
		piAccepts("pay-i-1", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("incomplete", null, "{\"paymentId\":\"pay-i-1\",\"transactionId\":\"" + "c".repeat(64) + "\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED")
			.jsonPath("$.txid")
			.isEqualTo(TXID);
		pi.verify(1, postRequestedFor(urlEqualTo("/v2/payments/pay-i-1/complete"))
			.withRequestBody(equalToJson("{\"txid\":\"" + TXID + "\"}")));
	}

	@Test
	void incompleteWithoutATransactionCancelsSoTheUserIsUnblocked() {
		piHas("pay-i-2", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-i-2", "cancel", ALICE, "3.14", true, false, true, null);

		callback("incomplete", ALICE, "{\"paymentId\":\"pay-i-2\",\"transactionId\":null}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-i-2", "cancel")).isEqualTo(1);
	}

	@Test
	void incompleteFromTheDemoAppUsesOnlyThePaymentIdentifier() {
		piHas("pay-i-3", ALICE, "3.14", true, false, false, TXID);
		piAccepts("pay-i-3", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("incomplete", null,
				"{\"payment\":{\"identifier\":\"pay-i-3\",\"amount\":0.0001,\"user_uid\":\"" + MALLORY
						+ "\",\"transaction\":{\"txid\":\"" + "d".repeat(64) + "\"}}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED")
			.jsonPath("$.amount")
			.isEqualTo(3.14)
			.jsonPath("$.txid")
			.isEqualTo(TXID);
	}

	@Test
	void incompleteChecksOwnershipWhenACallerIsPresent() {
		piHas("pay-i-4", ALICE, "3.14", true, false, false, TXID);

		callback("incomplete", MALLORY, paymentIdBody("pay-i-4")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(piCalls("pay-i-4", "complete")).isZero();
		assertThat(statusOf("pay-i-4")).isNull();
	}

	@Test
	void incompleteFromANonPayerNeverCancelsOnPi() {
		piHas("pay-i-5", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody("pay-i-5")).expectStatus().isOk();
		List<String> history = historyOf("pay-i-5");

		callback("incomplete", MALLORY, paymentIdBody("pay-i-5")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(piCalls("pay-i-5", "cancel")).isZero();
		assertThat(statusOf("pay-i-5")).isEqualTo("APPROVED");
		assertThat(historyOf("pay-i-5")).isEqualTo(history);
	}

	@Test
	void refusesAClientErrorFromANonPayerAndRecordsNothing() {
		piHas("pay-e-2", ALICE, "3.14", false, false, false, null);

		callback("error", MALLORY, "{\"paymentId\":\"pay-e-2\",\"error\":\"forged\"}").expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(statusOf("pay-e-2")).isNull();
	}

	@Test
	void recordsClientErrorsInTheHistory() {
		piHas("pay-e-1", ALICE, "3.14", false, false, false, null);

		callback("error", ALICE, "{\"paymentId\":\"pay-e-1\",\"error\":{\"message\":\"wallet closed\"}}").expectStatus()
			.isOk();
		assertThat(historyOf("pay-e-1")).last().asString().contains("client error").contains("wallet closed");
	}

	@Test
	void listsOnlyTheCallersOwnPayments() {
		piHas("pay-l-alice", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-l-alice", "approve", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody("pay-l-alice")).expectStatus().isOk();

		this.client.get()
			.uri("/pi_payment/payments")
			.header("X-Pi-Identity", identities.assertionFor(ALICE))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.payment_id == 'pay-l-alice')].status")
			.isEqualTo("APPROVED");
		this.client.get()
			.uri("/pi_payment/payments")
			.header("X-Pi-Identity", identities.assertionFor(MALLORY))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.payment_id == 'pay-l-alice')]")
			.isEmpty();
		this.client.get()
			.uri("/pi_payment/payments/pay-l-alice")
			.header("X-Pi-Identity", identities.assertionFor(MALLORY))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/pi_payment/payments/pay-l-alice")
			.header("X-Pi-Identity", identities.assertionFor(ALICE))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.metadata.productId")
			.isEqualTo("tea");
		this.client.get().uri("/pi_payment/payments").exchange().expectStatus().isUnauthorized();
	}

}
