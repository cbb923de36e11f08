package dev.piedge.sandbox.horizon;

import java.time.Duration;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.horizon.HorizonTestClient.APP_WALLET;
import static dev.piedge.sandbox.horizon.HorizonTestClient.expectProblem;
import static dev.piedge.sandbox.horizon.HorizonTestClient.expectTransactionFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Faults a payout service must survive on Horizon, injected through the sandbox's fault
 * registry: a submission that times out without landing, one that lands although it
 * answers 504, and a one-off {@code tx_bad_seq}.
 */
@SandboxIntegrationTest
class HorizonFaultIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	private HorizonTestClient horizon;

	private TestEnvelope payout;

	private long startSequence;

	@BeforeEach
	void createPayout() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		horizon = new HorizonTestClient(webTestClient);
		sandbox.reset();
		String identifier = sandbox.createAppToUser();
		String bobWallet = body(sandbox.get(identifier).expectStatus().isOk()).get("to_address").stringValue();
		startSequence = horizon.sequence(APP_WALLET);
		payout = TestEnvelope.payout(startSequence + 1, bobWallet, "1.5", identifier);
	}

	@Test
	void submitThatHangsPastTheClientsTimeoutDoesNotLand() {
		sandbox.addFault("{\"endpoint\":\"horizon.submit\",\"hang\":true,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();
		HorizonTestClient impatient = new HorizonTestClient(
				webTestClient.mutate().responseTimeout(Duration.ofMillis(500)).build());

		assertThatException().isThrownBy(() -> impatient.submit(payout.xdr()).expectBody());

		expectProblem(horizon.transaction(payout.hash()), 404, "not_found");
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence);
		// It never landed, so the same envelope may be sent again.
		horizon.submitOk(payout);
		assertThat(horizon.chain()).hasSize(1);
	}

	@Test
	void submitThatLandsAlthoughItAnswersTimeout() {
		sandbox.addFault("{\"endpoint\":\"horizon.submit\",\"status\":504,\"applied\":true,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		expectProblem(horizon.submit(payout.xdr()), 504, "timeout");

		// A lookup by hash shows it landed; resubmitting the same envelope is safe.
		horizon.transaction(payout.hash()).expectStatus().isOk().expectBody().jsonPath("$.successful").isEqualTo(true);
		JsonNode again = horizon.submitOk(payout);
		assertThat(again.get("hash").stringValue()).isEqualTo(payout.hash());
		assertThat(horizon.chain()).hasSize(1);
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence + 1);
	}

	@Test
	void submitThatLandsAndNeverAnswers() {
		sandbox.addFault("{\"endpoint\":\"horizon.submit\",\"hang\":true,\"applied\":true,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();
		HorizonTestClient impatient = new HorizonTestClient(
				webTestClient.mutate().responseTimeout(Duration.ofMillis(500)).build());

		assertThatException().isThrownBy(() -> impatient.submit(payout.xdr()).expectBody());

		horizon.transaction(payout.hash()).expectStatus().isOk().expectBody();
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence + 1);
	}

	@Test
	void delayedTimeoutWithoutApplyingDoesNotLand() {
		sandbox.addFault("{\"endpoint\":\"horizon.submit\",\"status\":504,\"latencyMs\":200,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		expectProblem(horizon.submit(payout.xdr()), 504, "timeout");

		expectProblem(horizon.transaction(payout.hash()), 404, "not_found");
	}

	@Test
	void badSeqOnceThenTheSameEnvelopeLands() {
		sandbox.addFault("{\"endpoint\":\"horizon.submit\",\"resultCode\":\"tx_bad_seq\",\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		JsonNode problem = expectTransactionFailed(horizon.submit(payout.xdr()), "tx_bad_seq");

		assertThat(problem.get("extras").get("hash").stringValue()).isEqualTo(payout.hash());
		assertThat(horizon.chain()).isEmpty();
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence);
		horizon.submitOk(payout);
	}

	@Test
	void rateLimitIsHorizonsProblemWithRetryAfter() {
		sandbox.addFault("{\"endpoint\":\"horizon.accounts\",\"status\":429,\"retryAfterSeconds\":3,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		WebTestClient.ResponseSpec response = horizon.account(APP_WALLET);

		response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3");
		expectProblem(response, 429, "rate_limit_exceeded");
	}

	@Test
	void serverErrorOnFeeStatsIsAHorizonProblem() {
		sandbox.addFault("{\"endpoint\":\"horizon.fee_stats\",\"status\":503,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		expectProblem(webTestClient.get().uri("/horizon/fee_stats").exchange(), 503, "server_error");
	}

	@Test
	void appliedFaultOnPiCompletesThePaymentButLosesTheAnswer() {
		horizon.submitOk(payout);
		String identifier = payout.memo();
		sandbox.addFault("{\"endpoint\":\"payments.complete\",\"status\":503,\"applied\":true,\"times\":1}")
			.expectStatus()
			.isCreated()
			.expectBody();

		sandbox.complete(identifier, payout.hash()).expectStatus().isEqualTo(503).expectBody();

		assertThat(body(sandbox.get(identifier).expectStatus().isOk()).get("status")
			.get("developer_completed")
			.booleanValue()).isTrue();
	}

	@Test
	void horizonCallsAreCountedPerEndpoint() {
		webTestClient.delete().uri("/sandbox/calls").exchange().expectStatus().isNoContent().expectBody();
		horizon.account(APP_WALLET).expectStatus().isOk().expectBody();
		horizon.submitOk(payout);
		horizon.transaction(payout.hash()).expectStatus().isOk().expectBody();
		webTestClient.get().uri("/horizon/fee_stats").exchange().expectStatus().isOk().expectBody();

		webTestClient.get()
			.uri("/sandbox/calls")
			.exchange()
			.expectBody()
			.jsonPath("$['horizon.accounts']")
			.isEqualTo(1)
			.jsonPath("$['horizon.submit']")
			.isEqualTo(1)
			.jsonPath("$['horizon.transactions']")
			.isEqualTo(1)
			.jsonPath("$['horizon.fee_stats']")
			.isEqualTo(1);
	}

	@Test
	void invalidHorizonFaultRulesAreRejected() {
		for (String rule : new String[] { "{\"endpoint\":\"horizon.accounts\",\"resultCode\":\"tx_bad_seq\"}",
				"{\"endpoint\":\"horizon.submit\",\"resultCode\":\"tx_nonsense\"}",
				"{\"endpoint\":\"horizon.submit\",\"resultCode\":\"tx_bad_seq\",\"status\":500}",
				"{\"endpoint\":\"horizon.submit\",\"applied\":true}",
				"{\"endpoint\":\"horizon.submit\",\"applied\":true,\"latencyMs\":10}",
				"{\"endpoint\":\"horizon.nope\",\"status\":500}" }) {
			sandbox.addFault(rule)
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("invalid_arguments");
		}
	}

}
