package dev.piedge.proxy.token;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v2/me} goes through the Pi client's retry for idempotent reads
 * ({@code pi.api.retry.*}), inside {@code pi.auth.timeout}. The other proxy tests make a
 * single attempt, so they can count calls.
 */
@TestPropertySource(properties = { "pi.api.retry.max-attempts=3", "pi.api.retry.min-backoff=10ms",
		"pi.api.retry.max-backoff=50ms" })
class IdentityRetryIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void verifiesATokenWhenPiAnswersOnTheRetryAfterA503() {
		piKnows("blip-token", "uid-blip", "blip", List.of("username"), Duration.ofHours(1));
		// Added later, so it wins while its scenario has not moved on: only the first
		// call fails.
		pi.stubFor(meFor("blip-token").inScenario("blip")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));

		callWith("blip-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);
		assertThat(backendRequests().get(0).getHeader("X-Pi-Uid")).isEqualTo("uid-blip");
	}

	@Test
	void verifiesATokenWhenPiAnswersOnTheRetryAfterAConnectionReset() {
		piKnows("reset-once", "uid-reset", "reset", List.of("username"), Duration.ofHours(1));
		pi.stubFor(meFor("reset-once").inScenario("reset")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("recovered"));

		callWith("reset-once").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void answers503AfterTheLastAttemptFails() {
		pi.stubFor(meFor("down-token").willReturn(aResponse().withStatus(502)));

		callWith("down-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
		assertThat(meCalls()).isEqualTo(3);
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void passesOnPisRetryAfterAtOnceWhenItExceedsTheLongestWait() {
		pi.stubFor(meFor("busy-token").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

		callWith("busy-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("Retry-After", "7");
		assertThat(meCalls()).isEqualTo(1);
	}

	@Test
	void neverRetriesATokenPiRejects() {
		piRejects("rejected-token");

		callWith("rejected-token").expectStatus().isUnauthorized();
		assertThat(meCalls()).isEqualTo(1);
	}

	private WebTestClient.ResponseSpec callWith(String token) {
		return this.client.get().uri("/orders").header("Authorization", "Bearer " + token).exchange();
	}

}
