package dev.piedge.sidecar.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class ApproveIntegrationTests extends HandshakeIntegrationTestSupport {

	@Test
	void approvesAVerifiedOrderOnceAndRecordsIt() {
		piHas("pay-ok-1", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-ok-1", "approve", ALICE, "3.14", true, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-ok-1")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.payment_id")
			.isEqualTo("pay-ok-1")
			.jsonPath("$.status")
			.isEqualTo("APPROVED")
			.jsonPath("$.amount")
			.isEqualTo(3.14)
			.jsonPath("$.metadata.productId")
			.isEqualTo("tea");

		assertThat(piCalls("pay-ok-1", "approve")).isEqualTo(1);
		assertThat(statusOf("pay-ok-1")).isEqualTo("APPROVED");
		assertThat(historyOf("pay-ok-1")).containsExactly("CREATED:read from Pi", "APPROVED:approved on Pi");
	}

	@Test
	void anApprovedPaymentCarriesNoFailureReason() {
		piHas("pay-ok-2", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-ok-2", "approve", ALICE, "3.14", true, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-ok-2")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.failure_reason")
			.doesNotExist();
		this.client.get()
			.uri("/pi_payment/payments/pay-ok-2")
			.header("X-Pi-Identity", identities.assertionFor(ALICE))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("APPROVED")
			.jsonPath("$.failure_reason")
			.doesNotExist();
	}

	@Test
	void repeatedApproveAnswersFromTheLedgerWithoutCallingPiAgain() {
		piHas("pay-rep-1", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-rep-1", "approve", ALICE, "3.14", true, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-rep-1")).expectStatus().isOk();
		callback("approve", ALICE, paymentIdBody("pay-rep-1")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("APPROVED");
		assertThat(piCalls("pay-rep-1", "approve")).isEqualTo(1);
	}

	@Test
	void fiftyConcurrentDuplicateApprovesCallPiOnce() {
		piHas("pay-burst-1", ALICE, "3.14", false, false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-burst-1/approve")).willReturn(json(200,
				paymentJson("pay-burst-1", ALICE, new java.math.BigDecimal("3.14"),
						java.util.Map.of("productId", "tea"), true, false, false, null, "Pi Testnet"))
			.withFixedDelay(200)));
		WebClient web = WebClient.create("http://127.0.0.1:" + port());

		List<Integer> statuses = Flux.range(0, 50)
			.flatMap(
					i -> web.post()
						.uri("/pi_payment/approve")
						.header("X-Pi-Identity", identities.assertionFor(ALICE))
						.header("Content-Type", "application/json")
						.bodyValue(paymentIdBody("pay-burst-1"))
						.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
					50)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).hasSize(50).allMatch(status -> status == 200 || status == 202);
		assertThat(piCalls("pay-burst-1", "approve")).isEqualTo(1);
		assertThat(statusOf("pay-burst-1")).isEqualTo("APPROVED");
	}

	@Test
	void requiresAVerifiedCallerAndNeverCallsPiWithoutOne() {
		callback("approve", null, paymentIdBody("pay-anon-1")).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_required");
		assertThat(pi.getAllServeEvents()).isEmpty();
	}

	@Test
	void ignoresABareXPiUidHeader() {
		this.client.post()
			.uri("/pi_payment/approve")
			.header("X-Pi-Uid", ALICE)
			.header("Content-Type", "application/json")
			.bodyValue(paymentIdBody("pay-bare-1"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_required");
	}

	@Test
	void refusesAnIdentityNotSignedByTheProxy() {
		String forged = dev.piedge.sidecar.TestIdentities.generate("proxy-key").assertionFor(ALICE);
		this.client.post()
			.uri("/pi_payment/approve")
			.header("X-Pi-Identity", forged)
			.header("Content-Type", "application/json")
			.bodyValue(paymentIdBody("pay-forged-1"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_identity");
		assertThat(piCalls("pay-forged-1", "approve")).isZero();
	}

	@Test
	void refusesAnExpiredOrMisaddressedIdentity() {
		for (String assertion : List.of(identities.sign(ALICE, "payments", Instant.now().minusSeconds(120)),
				identities.sign(ALICE, "some-other-route", Instant.now().plusSeconds(60)))) {
			this.client.post()
				.uri("/pi_payment/approve")
				.header("X-Pi-Identity", assertion)
				.header("Content-Type", "application/json")
				.bodyValue(paymentIdBody("pay-exp-1"))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_identity");
		}
	}

	@Test
	void refusesACallerWhoIsNotThePayerAndNeverApproves() {
		piHas("pay-other-1", ALICE, "3.14", false, false, false, null);

		callback("approve", MALLORY, paymentIdBody("pay-other-1")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_payment_owner");
		assertThat(piCalls("pay-other-1", "approve")).isZero();
	}

	@Test
	void rejectsATamperedAmountWithoutApprovingAndRemembersIt() {
		piHas("pay-cheap-1", ALICE, "0.01", false, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-cheap-1")).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("order_mismatch")
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("0.01").contains("3.14"));
		callback("approve", ALICE, paymentIdBody("pay-cheap-1")).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

		assertThat(piCalls("pay-cheap-1", "approve")).isZero();
		assertThat(statusOf("pay-cheap-1")).isEqualTo("REJECTED");
	}

	@Test
	void acceptsTheCatalogPriceWrittenWithMoreDecimals() {
		piHas("pay-scale-1", ALICE, "3.1400000", false, false, false, null);
		piAccepts("pay-scale-1", "approve", ALICE, "3.1400000", true, false, false, null);

		callback("approve", ALICE, paymentIdBody("pay-scale-1")).expectStatus().isOk();
		assertThat(piCalls("pay-scale-1", "approve")).isEqualTo(1);
	}

	@Test
	void rejectsAPaymentOnAnotherNetwork() {
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-main-1"))
			.willReturn(json(200, paymentJson("pay-main-1", ALICE, new java.math.BigDecimal("3.14"),
					java.util.Map.of("productId", "tea"), false, false, false, null, "Pi Network"))));

		callback("approve", ALICE, paymentIdBody("pay-main-1")).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("network"));
		assertThat(piCalls("pay-main-1", "approve")).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../admin", "a/b", "a%2Fb", "",
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "pay id" })
	void refusesMalformedPaymentIdsBeforeAnyPiCall(String id) {
		callback("approve", ALICE, "{\"paymentId\":\"" + id + "\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_payment_id");
		assertThat(pi.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesABodyThatIsNotAJsonObject() {
		callback("approve", ALICE, "[1,2]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request");
		callback("approve", ALICE, "{not json").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request");
	}

	@Test
	void answers404ForAPaymentPiDoesNotKnow() {
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-ghost-1"))
			.willReturn(json(404, "{\"error\":\"payment_not_found\",\"error_message\":\"nope\"}")));

		callback("approve", ALICE, paymentIdBody("pay-ghost-1")).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payment_not_found");
	}

	@Test
	void honoursRetryAfterOn429AndApprovesOnTheNextAttempt() {
		piHas("pay-429-1", ALICE, "3.14", false, false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-429-1/approve")).inScenario("rate")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("open"));
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-429-1/approve")).inScenario("rate")
			.whenScenarioStateIs("open")
			.willReturn(json(200, paymentJson("pay-429-1", ALICE, new java.math.BigDecimal("3.14"),
					java.util.Map.of("productId", "tea"), true, false, false, null, "Pi Testnet"))));

		long start = System.nanoTime();
		callback("approve", ALICE, paymentIdBody("pay-429-1")).expectStatus().isOk();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(piCalls("pay-429-1", "approve")).isEqualTo(2);
		assertThat(statusOf("pay-429-1")).isEqualTo("APPROVED");
	}

	@Test
	void answers503AndStaysRetryableWhenPiKeepsFailing() {
		piHas("pay-down-1", ALICE, "3.14", false, false, false, null);
		piRefuses("pay-down-1", "approve", 503, "unavailable");

		callback("approve", ALICE, paymentIdBody("pay-down-1")).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("pi_api_unavailable");
		assertThat(piCalls("pay-down-1", "approve")).isEqualTo(3);
		assertThat(statusOf("pay-down-1")).isEqualTo("CREATED");

		piAccepts("pay-down-1", "approve", ALICE, "3.14", true, false, false, null);
		callback("approve", ALICE, paymentIdBody("pay-down-1")).expectStatus().isOk();
		assertThat(statusOf("pay-down-1")).isEqualTo("APPROVED");
	}

	@Test
	void recognisesAnApproveThatTookEffectDespiteATimeout() {
		piHas("pay-slow-1", ALICE, "3.14", false, false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-slow-1/approve"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
		// After the timed-out approve, Pi's record shows it approved: no second approve
		// is sent.
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-slow-1"))
			.inScenario("slow")
			.whenScenarioStateIs(STARTED)
			.willReturn(json(200,
					paymentJson("pay-slow-1", ALICE, new java.math.BigDecimal("3.14"),
							java.util.Map.of("productId", "tea"), false, false, false, null, "Pi Testnet")))
			.willSetStateTo("approved"));
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-slow-1"))
			.inScenario("slow")
			.whenScenarioStateIs("approved")
			.willReturn(json(200, paymentJson("pay-slow-1", ALICE, new java.math.BigDecimal("3.14"),
					java.util.Map.of("productId", "tea"), true, false, false, null, "Pi Testnet"))));

		callback("approve", ALICE, paymentIdBody("pay-slow-1")).expectStatus().isOk();
		assertThat(piCalls("pay-slow-1", "approve")).isEqualTo(1);
		assertThat(statusOf("pay-slow-1")).isEqualTo("APPROVED");
	}

	@Test
	void neverRepeatsAnApproveWhilePisRecordCannotBeRead() {
		// The read before the approve succeeds; every read after it fails, so whether the
		// timed-out approve took effect stays unknown.
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-blind-1"))
			.inScenario("blind")
			.whenScenarioStateIs(STARTED)
			.willReturn(json(200,
					paymentJson("pay-blind-1", ALICE, new java.math.BigDecimal("3.14"),
							java.util.Map.of("productId", "tea"), false, false, false, null, "Pi Testnet")))
			.willSetStateTo("unreadable"));
		pi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v2/payments/pay-blind-1"))
			.inScenario("blind")
			.whenScenarioStateIs("unreadable")
			.willReturn(aResponse().withStatus(503)));
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-blind-1/approve"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(1500)));

		callback("approve", ALICE, paymentIdBody("pay-blind-1")).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("pi_api_unavailable");
		assertThat(piCalls("pay-blind-1", "approve")).isEqualTo(1);
		assertThat(statusOf("pay-blind-1")).isEqualTo("CREATED");
	}

	@Test
	void answers503AtOnceWithPisRetryAfterWhenItExceedsMaxRetryAfter() {
		piHas("pay-429-2", ALICE, "3.14", false, false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-429-2/approve"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

		callback("approve", ALICE, paymentIdBody("pay-429-2")).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("Retry-After", "30")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("pi_api_unavailable");
		assertThat(piCalls("pay-429-2", "approve")).isEqualTo(1);
		assertThat(statusOf("pay-429-2")).isEqualTo("CREATED");
	}

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	int port() {
		return this.port;
	}

}
