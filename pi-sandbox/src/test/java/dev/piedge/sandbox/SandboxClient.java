package dev.piedge.sandbox;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives the sandbox the way the wallet, the app backend and a test harness would. Tests
 * end every exchange with {@code expectBody()} even when only the status matters: an
 * unread body leaks the test client's buffers.
 */
public final class SandboxClient {

	public static final String API_KEY = "Key sandbox-api-key";

	public static final String ALICE = "sandbox-token-alice";

	public static final String ALICE_UID = "5f0b5a2e-7c1d-4a8e-9d35-6c2f1a9b7e01";

	public static final String BOB = "sandbox-token-bob";

	public static final String BOB_UID = "9a3c7e14-2b6f-4d0a-8e51-3f7d2c8b1a02";

	public static final String CAROL_EXPIRED = "sandbox-token-expired";

	public static final String CAROL_UID = "c4e8d2f6-0a1b-4c3d-9e7f-5a6b8c0d2e03";

	private final WebTestClient client;

	public SandboxClient(WebTestClient client) {
		this.client = client;
	}

	/**
	 * Forgets payments, faults, the tamper rule and call counts, and resets the emulated
	 * chain.
	 */
	public void reset() {
		client.delete().uri("/sandbox/tamper").exchange().expectStatus().isNoContent().expectBody();
		client.delete().uri("/sandbox/payments").exchange().expectStatus().isNoContent().expectBody();
		client.delete().uri("/sandbox/horizon").exchange().expectStatus().isNoContent().expectBody();
		client.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent().expectBody();
		client.delete().uri("/sandbox/calls").exchange().expectStatus().isNoContent().expectBody();
	}

	public WebTestClient.ResponseSpec startUserToApp(String token, Object body) {
		return client.post()
			.uri("/sandbox/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * A U2A payment of 3.14 by alice, as {@code Pi.createPayment} starts it; returns its
	 * identifier.
	 */
	public String startUserToApp() {
		return identifier(
				startUserToApp(ALICE, Map.of("amount", 3.14, "memo", "Coffee", "metadata", Map.of("orderId", 1)))
					.expectStatus()
					.isCreated());
	}

	public WebTestClient.ResponseSpec createAppToUser(Object body) {
		return client.post()
			.uri("/v2/payments")
			.header(HttpHeaders.AUTHORIZATION, API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** An A2U payment of 1.5 to bob; returns its identifier. */
	public String createAppToUser() {
		return identifier(createAppToUser(Map.of("payment",
				Map.of("amount", 1.5, "memo", "Refund", "metadata", Map.of("refund", 7), "uid", BOB_UID)))
			.expectStatus()
			.isOk());
	}

	public WebTestClient.ResponseSpec get(String id) {
		return client.get().uri("/v2/payments/{id}", id).header(HttpHeaders.AUTHORIZATION, API_KEY).exchange();
	}

	public WebTestClient.ResponseSpec approve(String id) {
		return client.post().uri("/v2/payments/{id}/approve", id).header(HttpHeaders.AUTHORIZATION, API_KEY).exchange();
	}

	public WebTestClient.ResponseSpec complete(String id, String txid) {
		return client.post()
			.uri("/v2/payments/{id}/complete", id)
			.header(HttpHeaders.AUTHORIZATION, API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("txid", txid))
			.exchange();
	}

	public WebTestClient.ResponseSpec cancel(String id) {
		return client.post().uri("/v2/payments/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, API_KEY).exchange();
	}

	public WebTestClient.ResponseSpec incompleteServerPayments() {
		return client.get()
			.uri("/v2/payments/incomplete_server_payments")
			.header(HttpHeaders.AUTHORIZATION, API_KEY)
			.exchange();
	}

	public WebTestClient.ResponseSpec submitTransaction(String id) {
		return client.post().uri("/sandbox/payments/{id}/transaction", id).exchange();
	}

	public WebTestClient.ResponseSpec submitTransactionWithMemo(String id, String memo) {
		return client.post()
			.uri("/sandbox/payments/{id}/transaction", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("memo", memo))
			.exchange();
	}

	/** Submits the tx with the right memo; returns its txid. */
	public String submitTransactionOk(String id) {
		return body(submitTransaction(id).expectStatus().isOk()).get("transaction").get("txid").stringValue();
	}

	public WebTestClient.ResponseSpec userCancel(String id) {
		return client.post().uri("/sandbox/payments/{id}/user_cancel", id).exchange();
	}

	public WebTestClient.ResponseSpec me(String authorization) {
		WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/v2/me");
		if (authorization != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.exchange();
	}

	public WebTestClient.ResponseSpec addFault(String json) {
		return client.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	public static JsonNode body(WebTestClient.ResponseSpec response) {
		return response.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private static String identifier(WebTestClient.ResponseSpec response) {
		return body(response).get("identifier").stringValue();
	}

}
