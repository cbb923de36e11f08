package dev.piedge.sandbox.payment;

import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /sandbox/tamper}: the SDK emulator's payment is created on the sandbox with
 * another amount than the page asked for, as a tampering client would.
 */
@SandboxIntegrationTest
class SdkTamperIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	@BeforeEach
	void reset() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		sandbox.reset();
	}

	@Test
	void theNextSdkPaymentIsCreatedWithTheTamperedAmountThenTheRuleIsUsedUp() {
		tamper("{\"amount\":\"0.01\",\"times\":1}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.amount")
			.isEqualTo("0.01")
			.jsonPath("$.remaining")
			.isEqualTo(1);

		JsonNode tampered = createThroughTheSdk();
		assertThat(tampered.get("amount").decimalValue()).isEqualByComparingTo("0.01");
		assertThat(body(sandbox.get(tampered.get("identifier").stringValue()).expectStatus().isOk()).get("amount")
			.decimalValue()).isEqualByComparingTo("0.01");
		assertThat(tampered.get("memo").stringValue()).isEqualTo("Green tea");

		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("3.14");
		webTestClient.get()
			.uri("/sandbox/tamper")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"tamper\":null}");
	}

	@Test
	void withoutTimesTheRuleHoldsUntilDeleted() {
		tamper("{\"amount\":2.5}").expectStatus().isOk();

		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("2.5");
		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("2.5");
		webTestClient.get()
			.uri("/sandbox/tamper")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"tamper\":{\"amount\":\"2.5\"}}")
			.jsonPath("$.tamper.remaining")
			.doesNotExist();

		webTestClient.delete().uri("/sandbox/tamper").exchange().expectStatus().isNoContent();
		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("3.14");
	}

	@Test
	void aNewRuleReplacesTheOldOne() {
		tamper("{\"amount\":\"0.5\",\"times\":3}").expectStatus().isOk();
		tamper("{\"amount\":\"0.02\",\"times\":1}").expectStatus().isOk();

		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("0.02");
		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("3.14");
	}

	@Test
	void theWalletEndpointOfTheAdminApiIsNotTampered() {
		tamper("{\"amount\":\"0.01\"}").expectStatus().isOk();

		String id = sandbox.startUserToApp();

		assertThat(body(sandbox.get(id).expectStatus().isOk()).get("amount").decimalValue())
			.isEqualByComparingTo("3.14");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[]", "\"0.01\"", "{\"amount\":null}", "{\"amount\":\"abc\"}", "{\"amount\":true}",
			"{\"amount\":0}", "{\"amount\":\"-1\"}", "{\"amount\":\"0.00000001\"}", "{\"amount\":\"1e12\"}",
			"{\"amount\":\"1\",\"times\":0}", "{\"amount\":\"1\",\"times\":1.5}", "{\"amount\":\"1\",\"times\":\"2\"}",
			"{\"amount\":\"1\",\"extra\":1}", "{\"amount\":\" 1\"}" })
	void anInvalidRuleIsRefusedAndNothingChanges(String rule) {
		tamper(rule).expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_arguments");

		assertThat(createThroughTheSdk().get("amount").decimalValue()).isEqualByComparingTo("3.14");
	}

	@Test
	void aRuleWithoutABodyIsRefused() {
		webTestClient.put()
			.uri("/sandbox/tamper")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
	}

	private WebTestClient.ResponseSpec tamper(String rule) {
		return webTestClient.put()
			.uri("/sandbox/tamper")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(rule)
			.exchange();
	}

	/** What the SDK emulator's {@code Pi.createPayment} sends for a 3.14 purchase. */
	private JsonNode createThroughTheSdk() {
		return body(webTestClient.post()
			.uri("/sdk/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ALICE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("amount", 3.14, "memo", "Green tea", "metadata", Map.of("pi_edge_checkout", "cs_1")))
			.exchange()
			.expectStatus()
			.isCreated());
	}

}
