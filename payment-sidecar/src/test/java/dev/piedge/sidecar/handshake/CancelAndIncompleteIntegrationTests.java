package dev.piedge.sidecar.handshake;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class CancelAndIncompleteIntegrationTests extends HandshakeIntegrationTestSupport {

	@Test
	void cancelsOnPiWhenThereIsNoTransaction() {
		piHas("pay-x-1", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-x-1", "cancel", ALICE, "3.14", false, false, true, null);

		callback("cancel", null, paymentIdBody("pay-x-1")).expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-1", "cancel")).isEqualTo(1);
	}

	@Test
	void neverCancelsAPaymentThatHasATransaction() {
		piHas("pay-x-tx", ALICE, "3.14", true, false, false, TXID);

		callback("cancel", null, paymentIdBody("pay-x-tx")).expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody().jsonPath("$.code").isEqualTo("payment_has_transaction");
		assertThat(piCalls("pay-x-tx", "cancel")).isZero();
		assertThat(piCalls("pay-x-tx", "complete")).isZero();
		assertThat(txidOf("pay-x-tx")).isEqualTo(TXID);
	}

	@Test
	void followsAPaymentTheUserAlreadyCancelledWithoutCallingPi() {
		piHas("pay-x-gone", ALICE, "3.14", false, false, true, null);

		callback("cancel", ALICE, paymentIdBody("pay-x-gone")).expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		assertThat(piCalls("pay-x-gone", "cancel")).isZero();
	}

	@Test
	void incompleteWithATransactionCompletesWithPisTxidNotTheClients() {
		piHas("pay-i-1", ALICE, "3.14", true, false, false, TXID);
		piAccepts("pay-i-1", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("incomplete", null, "{\"paymentId\":\"pay-i-1\",\"transactionId\":\"" + "c".repeat(64) + "\"}")
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.txid").isEqualTo(TXID);
		pi.verify(1, postRequestedFor(urlEqualTo("/v2/payments/pay-i-1/complete"))
			.withRequestBody(equalToJson("{\"txid\":\"" + TXID + "\"}")));
	}

	@Test
	void incompleteWithoutATransactionCancelsSoTheUserIsUnblocked() {
		piHas("pay-i-2", ALICE, "3.14", true, false, false, null);
		piAccepts("pay-i-2", "cancel", ALICE, "3.14", true, false, true, null);

		callback("incomplete", ALICE, "{\"paymentId\":\"pay-i-2\",\"transactionId\":null}").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		assertThat(piCalls("pay-i-2", "cancel")).isEqualTo(1);
	}

	@Test
	void incompleteFromTheDemoAppUsesOnlyThePaymentIdentifier() {
		piHas("pay-i-3", ALICE, "3.14", true, false, false, TXID);
		piAccepts("pay-i-3", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("incomplete", null, "{\"payment\":{\"identifier\":\"pay-i-3\",\"amount\":0.0001,\"user_uid\":\"" + MALLORY
				+ "\",\"transaction\":{\"txid\":\"" + "d".repeat(64) + "\"}}}")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("COMPLETED")
			.jsonPath("$.amount").isEqualTo(3.14)
			.jsonPath("$.txid").isEqualTo(TXID);
	}

	@Test
	void incompleteChecksOwnershipWhenACallerIsPresent() {
		piHas("pay-i-4", ALICE, "3.14", true, false, false, TXID);

		callback("incomplete", MALLORY, paymentIdBody("pay-i-4")).expectStatus().isForbidden();
		assertThat(piCalls("pay-i-4", "complete")).isZero();
	}

	@Test
	void recordsClientErrorsInTheHistory() {
		piHas("pay-e-1", ALICE, "3.14", false, false, false, null);

		callback("error", ALICE, "{\"paymentId\":\"pay-e-1\",\"error\":{\"message\":\"wallet closed\"}}").expectStatus().isOk();
		assertThat(historyOf("pay-e-1")).last().asString().contains("client error").contains("wallet closed");
	}

	@Test
	void listsOnlyTheCallersOwnPayments() {
		piHas("pay-l-alice", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-l-alice", "approve", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody("pay-l-alice")).expectStatus().isOk();

		this.client.get().uri("/pi_payment/payments").header("X-Pi-Identity", identities.assertionFor(ALICE)).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[?(@.payment_id == 'pay-l-alice')].status").isEqualTo("APPROVED");
		this.client.get().uri("/pi_payment/payments").header("X-Pi-Identity", identities.assertionFor(MALLORY)).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[?(@.payment_id == 'pay-l-alice')]").isEmpty();
		this.client.get().uri("/pi_payment/payments/pay-l-alice").header("X-Pi-Identity", identities.assertionFor(MALLORY))
			.exchange().expectStatus().isNotFound();
		this.client.get().uri("/pi_payment/payments/pay-l-alice").header("X-Pi-Identity", identities.assertionFor(ALICE))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.metadata.productId").isEqualTo("tea");
		this.client.get().uri("/pi_payment/payments").exchange().expectStatus().isUnauthorized();
	}

}
