package dev.piedge.sidecar.handshake;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CompleteIntegrationTests extends HandshakeIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Test
	void completesOnceStoresTheTxidAndSendsOneWebhook() {
		approved("pay-c-1");
		piAccepts("pay-c-1", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-1\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED")
			.jsonPath("$.txid")
			.isEqualTo(TXID);

		pi.verify(1,
				postRequestedFor(urlEqualTo("/v2/payments/pay-c-1/complete"))
					.withHeader("Authorization",
							com.github.tomakehurst.wiremock.client.WireMock.equalTo("Key test-server-key"))
					.withRequestBody(equalToJson("{\"txid\":\"" + TXID + "\"}")));
		assertThat(statusOf("pay-c-1")).isEqualTo("COMPLETED");
		eventually("the webhook").until(() -> webhooksFor("pay-c-1").size() == 1);
		LoggedRequest webhook = webhooksFor("pay-c-1").get(0);
		assertThat(webhook.getHeader("X-Pi-Uid")).isEqualTo(ALICE);
		assertThat(webhook.getHeader("Pi-Edge-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
		assertThat(webhook.getBodyAsString()).contains("\"type\":\"payment.completed\"").contains(TXID);
	}

	@Test
	void acceptsTheDemoAppsTxidField() {
		approved("pay-c-demo");
		piAccepts("pay-c-demo", "complete", ALICE, "3.14", true, true, false, TXID);

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-demo\",\"txid\":\"" + TXID + "\"}").expectStatus().isOk();
		assertThat(piCalls("pay-c-demo", "complete")).isEqualTo(1);
	}

	@Test
	void fiftyConcurrentDuplicateCompletesCallPiOnceAndSendOneWebhook() {
		approved("pay-c-burst");
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-c-burst/complete")).willReturn(json(200,
				paymentJson("pay-c-burst", ALICE, new java.math.BigDecimal("3.14"),
						java.util.Map.of("productId", "tea"), true, true, false, TXID, "Pi Testnet"))
			.withFixedDelay(200)));
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);

		List<Integer> statuses = Flux.range(0, 50)
			.flatMap(
					i -> web.post()
						.uri("/pi_payment/complete")
						.header("X-Pi-Identity", identities.assertionFor(ALICE))
						.header("Content-Type", "application/json")
						.bodyValue("{\"paymentId\":\"pay-c-burst\",\"transactionId\":\"" + TXID + "\"}")
						.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
					50)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).hasSize(50).allMatch(status -> status == 200 || status == 202);
		assertThat(piCalls("pay-c-burst", "complete")).isEqualTo(1);
		eventually("the webhook").until(() -> webhooksFor("pay-c-burst").size() == 1);
		// A second webhook would go out on the nudge after its commit or at the relay's
		// next
		// poll (every 200 ms here): three polls without one are enough.
		await("no second webhook").during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(5))
			.until(() -> webhooksFor("pay-c-burst").size() == 1);
	}

	@Test
	void storesTheTxidBeforeCallingPiSoAFailedCallKeepsIt() {
		approved("pay-c-keep");
		piRefuses("pay-c-keep", "complete", 503, "down");

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-keep\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("pi_api_unavailable");
		assertThat(txidOf("pay-c-keep")).isEqualTo(TXID);
		assertThat(statusOf("pay-c-keep")).isEqualTo("APPROVED");
	}

	@Test
	void refusesADifferentTxidOnceOneIsStoredWithoutCallingPi() {
		approved("pay-c-other");
		piRefuses("pay-c-other", "complete", 503, "down");
		callback("complete", ALICE, "{\"paymentId\":\"pay-c-other\",\"transactionId\":\"" + TXID + "\"}");
		int callsBefore = piCalls("pay-c-other", "complete");

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-other\",\"transactionId\":\"" + "b".repeat(64) + "\"}")
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("txid_conflict");
		assertThat(piCalls("pay-c-other", "complete")).isEqualTo(callsBefore);
	}

	@Test
	void convergesWhenPiSaysAlreadyCompleted() {
		approved("pay-c-done");
		piRefuses("pay-c-done", "complete", 400, "already_completed");

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-done\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED");
		eventually("the webhook").until(() -> webhooksFor("pay-c-done").size() == 1);
	}

	@Test
	void failsThePaymentOnTxidMismatch() {
		approved("pay-c-mis");
		piRefuses("pay-c-mis", "complete", 400, "txid_mismatch");

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-mis\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("txid_mismatch");
		assertThat(statusOf("pay-c-mis")).isEqualTo("FAILED");
		assertThat(historyOf("pay-c-mis")).last().asString().isEqualTo("FAILED:txid_mismatch");
		assertThat(webhooksFor("pay-c-mis")).isEmpty();
	}

	@Test
	void failsThePaymentWhenPiCannotVerifyTheTransaction() {
		approved("pay-c-ver");
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-c-ver/complete")).willReturn(json(400,
				"{\"error\":\"verification_failed\",\"error_message\":\"x\",\"verification_error\":\"tx_memo_payment_identifier_mismatch\"}")));

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-ver\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("verification_failed");
		assertThat(statusOf("pay-c-ver")).isEqualTo("FAILED");
		assertThat(historyOf("pay-c-ver")).last().asString().contains("tx_memo_payment_identifier_mismatch");
	}

	@Test
	void refusesToCompleteAPaymentNobodyApproved() {
		piHas("pay-c-early", ALICE, "3.14", false, false, false, null);

		callback("complete", ALICE, "{\"paymentId\":\"pay-c-early\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payment_not_approved");
		assertThat(piCalls("pay-c-early", "complete")).isZero();
	}

	@Test
	void refusesMalformedTxids() {
		approved("pay-c-bad");
		for (String txid : List.of("abc", "g".repeat(64), "../" + "a".repeat(61), "")) {
			callback("complete", ALICE, "{\"paymentId\":\"pay-c-bad\",\"transactionId\":\"" + txid + "\"}")
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_txid");
		}
		assertThat(piCalls("pay-c-bad", "complete")).isZero();
	}

	@Test
	void refusesACompleteFromSomeoneElse() {
		approved("pay-c-own");

		callback("complete", MALLORY, "{\"paymentId\":\"pay-c-own\",\"transactionId\":\"" + TXID + "\"}").expectStatus()
			.isForbidden();
		assertThat(piCalls("pay-c-own", "complete")).isZero();
	}

	private void approved(String id) {
		piHas(id, ALICE, "3.14", false, false, false, null);
		piAccepts(id, "approve", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody(id)).expectStatus().isOk();
		piHas(id, ALICE, "3.14", true, false, false, TXID);
	}

	static List<LoggedRequest> webhooksFor(String id) {
		return webhooks().stream().filter(request -> request.getBodyAsString().contains("\"" + id + "\"")).toList();
	}

}
