package dev.piedge.sandbox.fault;

import java.time.Duration;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults injected through {@code /sandbox/faults} and the call counts of
 * {@code /sandbox/calls}.
 */
@SandboxIntegrationTest
class FaultInjectionIntegrationTests {

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
	void latencyDelaysTheRealAnswer() {
		sandbox.addFault("{\"endpoint\":\"me\",\"latencyMs\":400}").expectStatus().isCreated().expectBody();

		long start = System.nanoTime();
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo("alice");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void latencyDoesNotBlockOtherEndpoints() {
		sandbox.addFault("{\"endpoint\":\"me\",\"latencyMs\":3000}").expectStatus().isCreated().expectBody();

		long start = System.nanoTime();
		sandbox.incompleteServerPayments().expectStatus().isOk().expectBody();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void status429AnswersTooManyRequestsWithRetryAfter() {
		sandbox.addFault("{\"endpoint\":\"payments.approve\",\"status\":429,\"retryAfterSeconds\":2}")
			.expectStatus()
			.isCreated()
			.expectBody();
		String id = sandbox.startUserToApp();

		sandbox.approve(id)
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("too_many_requests");
		// The fault answered instead of the handler: the payment is still unapproved.
		sandbox.get(id).expectBody().jsonPath("$.status.developer_approved").isEqualTo(false);
	}

	@Test
	void status503AnswersWithAnHtmlPage() {
		sandbox.addFault("{\"endpoint\":\"payments.get\",\"status\":503}").expectStatus().isCreated().expectBody();
		String id = sandbox.startUserToApp();

		sandbox.get(id)
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("503 Service Unavailable"));
	}

	@Test
	void wildcardAppliesToEveryPiEndpoint() {
		sandbox.addFault("{\"endpoint\":\"*\",\"status\":502}").expectStatus().isCreated().expectBody();

		sandbox.me("Bearer " + ALICE).expectStatus().isEqualTo(502).expectBody();
		sandbox.incompleteServerPayments().expectStatus().isEqualTo(502).expectBody();
	}

	@Test
	void hangNeverAnswers() {
		sandbox.addFault("{\"endpoint\":\"me\",\"hang\":true,\"times\":1}").expectStatus().isCreated().expectBody();
		WebTestClient impatient = webTestClient.mutate().responseTimeout(Duration.ofMillis(500)).build();

		assertThatThrownBy(() -> new SandboxClient(impatient).me("Bearer " + ALICE).expectStatus().isOk())
			.hasMessageContaining("Timeout");
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();
	}

	@Test
	void timesLimitsTheFaultToTheNextCalls() {
		sandbox.addFault("{\"endpoint\":\"me\",\"status\":500,\"times\":2}").expectStatus().isCreated().expectBody();

		sandbox.me("Bearer " + ALICE).expectStatus().isEqualTo(500).expectBody();
		webTestClient.get()
			.uri("/sandbox/faults")
			.exchange()
			.expectBody()
			.jsonPath("$.faults[0].remaining")
			.isEqualTo(1);
		sandbox.me("Bearer " + ALICE).expectStatus().isEqualTo(500).expectBody();
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();
		webTestClient.get().uri("/sandbox/faults").exchange().expectBody().jsonPath("$.faults.length()").isEqualTo(0);
	}

	@Test
	void faultOnOneEndpointLeavesOthersAlone() {
		sandbox.addFault("{\"endpoint\":\"payments.complete\",\"status\":500}").expectStatus().isCreated().expectBody();

		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();
	}

	@Test
	void clearRemovesAllFaults() {
		sandbox.addFault("{\"endpoint\":\"me\",\"status\":500}").expectStatus().isCreated().expectBody();
		sandbox.addFault("{\"endpoint\":\"*\",\"latencyMs\":100}").expectStatus().isCreated().expectBody();
		webTestClient.get()
			.uri("/sandbox/faults")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.faults.length()")
			.isEqualTo(2)
			.jsonPath("$.faults[0].endpoint")
			.isEqualTo("me")
			.jsonPath("$.faults[0].status")
			.isEqualTo(500)
			.jsonPath("$.faults[1].latencyMs")
			.isEqualTo(100);

		webTestClient.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent().expectBody();

		webTestClient.get().uri("/sandbox/faults").exchange().expectBody().jsonPath("$.faults.length()").isEqualTo(0);
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();
	}

	@Test
	void invalidFaultRulesAreRejected() {
		for (String rule : new String[] { "{\"endpoint\":\"payments.nope\",\"status\":500}", "{\"endpoint\":\"me\"}",
				"{\"endpoint\":\"me\",\"status\":200}", "{\"endpoint\":\"me\",\"latency\":100}",
				"{\"endpoint\":\"me\",\"status\":500,\"times\":0}",
				"{\"endpoint\":\"me\",\"hang\":true,\"status\":500}", "not json", "" }) {
			sandbox.addFault(rule)
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("invalid_arguments");
		}
		webTestClient.get().uri("/sandbox/faults").exchange().expectBody().jsonPath("$.faults.length()").isEqualTo(0);
	}

	@Test
	void callsAreCountedPerEndpointIncludingFaultedAndRefusedOnes() {
		sandbox.addFault("{\"endpoint\":\"me\",\"status\":429,\"times\":1}").expectStatus().isCreated().expectBody();
		sandbox.me("Bearer " + ALICE).expectStatus().isEqualTo(429).expectBody();
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();
		sandbox.me(null).expectStatus().isUnauthorized().expectBody();
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.get("unknownpaymentidentifier0000").expectStatus().isNotFound().expectBody();

		webTestClient.get()
			.uri("/sandbox/calls")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.me")
			.isEqualTo(3)
			.jsonPath("$['payments.approve']")
			.isEqualTo(1)
			.jsonPath("$['payments.get']")
			.isEqualTo(1)
			.jsonPath("$['payments.complete']")
			.doesNotExist();
	}

	@Test
	void resetCallsStartsCountingAfresh() {
		sandbox.me("Bearer " + ALICE).expectStatus().isOk().expectBody();

		webTestClient.delete().uri("/sandbox/calls").exchange().expectStatus().isNoContent().expectBody();

		webTestClient.get().uri("/sandbox/calls").exchange().expectBody(String.class).isEqualTo("{}");
	}

}
