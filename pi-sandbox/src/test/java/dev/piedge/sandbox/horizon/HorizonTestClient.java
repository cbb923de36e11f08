package dev.piedge.sandbox.horizon;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.piedge.sandbox.SandboxClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the Horizon emulator the way a payout service does (a form POST of the
 * envelope), plus the admin endpoints that inspect and set the chain.
 */
final class HorizonTestClient {

	static final String APP_WALLET = TestEnvelope.APP_WALLET.getAccountId();

	private final WebTestClient client;

	HorizonTestClient(WebTestClient client) {
		this.client = client;
	}

	WebTestClient.ResponseSpec submit(String envelopeXdr) {
		return client.post()
			.uri("/horizon/transactions")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("tx", envelopeXdr))
			.exchange();
	}

	/** Submits and expects it to land; returns Horizon's transaction. */
	JsonNode submitOk(TestEnvelope envelope) {
		return SandboxClient.body(submit(envelope.xdr()).expectStatus().isOk());
	}

	WebTestClient.ResponseSpec account(String id) {
		return client.get().uri("/horizon/accounts/{id}", id).exchange();
	}

	long sequence(String id) {
		return Long.parseLong(SandboxClient.body(account(id).expectStatus().isOk()).get("sequence").stringValue());
	}

	String balance(String id) {
		return SandboxClient.body(account(id).expectStatus().isOk())
			.get("balances")
			.get(0)
			.get("balance")
			.stringValue();
	}

	WebTestClient.ResponseSpec transaction(String hash) {
		return client.get().uri("/horizon/transactions/{hash}", hash).exchange();
	}

	/** Everything that landed on the emulated chain. */
	JsonNode chain() {
		return SandboxClient.body(client.get().uri("/sandbox/horizon/transactions").exchange().expectStatus().isOk())
			.get("transactions");
	}

	WebTestClient.ResponseSpec setAccount(String id, Map<String, Object> body) {
		return client.put()
			.uri("/sandbox/horizon/accounts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * Asserts Horizon's {@code transaction_failed} with the given result code; returns
	 * the problem.
	 */
	static JsonNode expectTransactionFailed(WebTestClient.ResponseSpec response, String transactionCode) {
		JsonNode problem = SandboxClient.body(response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(problem.get("type").stringValue())
			.isEqualTo("https://stellar.org/horizon-errors/transaction_failed");
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		assertThat(problem.get("extras").get("result_codes").get("transaction").stringValue())
			.isEqualTo(transactionCode);
		assertThat(problem.get("extras").get("result_xdr").stringValue()).isNotBlank();
		return problem;
	}

	/** Asserts Horizon's problem of {@code type} (e.g. {@code not_found}). */
	static JsonNode expectProblem(WebTestClient.ResponseSpec response, int status, String type) {
		JsonNode problem = SandboxClient.body(response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(problem.get("type").stringValue()).isEqualTo("https://stellar.org/horizon-errors/" + type);
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		return problem;
	}

}
