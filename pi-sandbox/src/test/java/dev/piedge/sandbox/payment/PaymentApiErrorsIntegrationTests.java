package dev.piedge.sandbox.payment;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.payment.UserToAppPaymentIntegrationTests.expectError;

/**
 * Authorization and malformed requests on the payment API: always the Pi error shape,
 * never a stack trace.
 */
@SandboxIntegrationTest
class PaymentApiErrorsIntegrationTests {

	private static final String AUTH_MESSAGE = "This endpoint requires either a Server API Key or Access Token authorization.";

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
	void missingKeyIsUnauthorized() {
		String id = sandbox.startUserToApp();

		expectError(webTestClient.get().uri("/v2/payments/{id}", id).exchange(), 401, "unauthorized")
			.jsonPath("$.error_message")
			.isEqualTo(AUTH_MESSAGE);
		expectError(webTestClient.post().uri("/v2/payments/{id}/approve", id).exchange(), 401, "unauthorized");
		expectError(webTestClient.get().uri("/v2/payments/incomplete_server_payments").exchange(), 401, "unauthorized");
	}

	@Test
	void wrongKeyIsUnauthorized() {
		String id = sandbox.startUserToApp();

		expectError(webTestClient.post()
			.uri("/v2/payments/{id}/approve", id)
			.header(HttpHeaders.AUTHORIZATION, "Key wrong-key")
			.exchange(), 401, "unauthorized").jsonPath("$.error_message").isEqualTo(AUTH_MESSAGE);
		sandbox.get(id).expectBody().jsonPath("$.status.developer_approved").isEqualTo(false);
	}

	@Test
	void userTokenIsNotAServerApiKey() {
		expectError(webTestClient.get()
			.uri("/v2/payments/incomplete_server_payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SandboxClient.ALICE)
			.exchange(), 401, "unauthorized");
	}

	@Test
	void malformedJsonIsBadRequest() {
		expectError(webTestClient.post()
			.uri("/v2/payments")
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"payment\": {")
			.exchange(), 400, "invalid_arguments");
	}

	@Test
	void bodyWithoutJsonContentTypeIsStillRead() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		String txid = sandbox.submitTransactionOk(id);

		// curl -d sends application/x-www-form-urlencoded; the sandbox reads the JSON
		// anyway.
		webTestClient.post()
			.uri("/v2/payments/{id}/complete", id)
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("{\"txid\":\"" + txid + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	@Test
	void oversizedBodyIsPayloadTooLarge() {
		expectError(webTestClient.post()
			.uri("/v2/payments")
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"payment\":{\"memo\":\"" + "x".repeat(70 * 1024) + "\"}}")
			.exchange(), 413, "payload_too_large");
	}

	@Test
	void unknownPathIsNotFoundJson() {
		expectError(webTestClient.get().uri("/v2/nothing-here").exchange(), 404, "not_found");
		expectError(webTestClient.delete().uri("/v2/me").exchange(), 404, "not_found");
	}

	@Test
	void healthIsUp() {
		webTestClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

}
