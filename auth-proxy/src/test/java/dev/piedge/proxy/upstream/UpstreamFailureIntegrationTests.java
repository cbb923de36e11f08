package dev.piedge.proxy.upstream;

import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.piedge.proxy.EdgeLimitsIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backend that is down, resets, closes early or never answers gets a bounded, typed
 * answer: 502 {@code upstream_unavailable} or 504 {@code upstream_timeout}, and one WARN
 * line naming the route.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamFailureIntegrationTests extends EdgeLimitsIntegrationTestSupport {

	@Test
	void answers504WithinTheResponseTimeoutWhenTheBackendNeverAnswers() {
		long start = System.nanoTime();

		expectProblem(this.client.get().uri("/silent/orders").exchange(), 504, "upstream_timeout");

		// The test profile's response timeout is 2 s; the bound leaves room for a slow
		// machine.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
		// And the proxy lets go of the backend it gave up on.
		await().atMost(Duration.ofSeconds(5)).until(() -> silentBackend.openConnections() == 0);
	}

	@Test
	void routeResponseTimeoutOverridesTheGlobalOne() {
		backend.stubFor(any(urlPathEqualTo("/patient/report"))
			.willReturn(aResponse().withStatus(200).withBody("late but fine").withFixedDelay(3500)));
		backend.stubFor(any(urlPathEqualTo("/public/report"))
			.willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(3500)));

		this.client.get()
			.uri("/patient/report")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("late but fine");
		expectProblem(this.client.get().uri("/public/report").exchange(), 504, "upstream_timeout");
	}

	@Test
	void answers504WhenConnectingToTheBackendTimesOut(CapturedOutput output) {
		expectProblem(this.client.get().uri("/unreachable/orders").exchange(), 504, "upstream_timeout");

		assertThat(warnLineFor("unreachable", output)).contains("ConnectTimeoutException");
	}

	@Test
	void answers502WhenTheBackendRefusesTheConnection() {
		expectProblem(this.client.get().uri("/refused/orders").exchange(), 502, "upstream_unavailable");
	}

	@Test
	void answers502WhenTheBackendResetsTheConnection(CapturedOutput output) {
		backend.stubFor(
				any(urlPathEqualTo("/public/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		expectProblem(this.client.get().uri("/public/reset").exchange(), 502, "upstream_unavailable");

		assertThat(warnLineFor("public", output)).contains("Connection reset");
		// Reactor Netty's own WARN about the broken connection would be a second,
		// multi-line report.
		assertThat(output.getOut()).doesNotContain("HttpClientConnect");
	}

	@Test
	void answers502WhenTheBackendClosesWithoutAnswering() {
		backend.stubFor(any(urlPathEqualTo("/public/empty")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

		expectProblem(this.client.post().uri("/public/empty").bodyValue("{}").exchange(), 502, "upstream_unavailable");
	}

	@Test
	void logsOneWarnLineWithTheRouteAndNoStackTraceOrQuery(CapturedOutput output) {
		expectProblem(this.client.get().uri("/refused/orders?access_token=query-secret").exchange(), 502,
				"upstream_unavailable");
		expectProblem(this.client.get().uri("/silent/orders?access_token=query-secret").exchange(), 504,
				"upstream_timeout");

		assertThat(warnLineFor("refused", output)).contains("ConnectException").contains("Connection refused");
		assertThat(warnLineFor("silent", output)).contains("TimeoutException");
		assertThat(output.getOut()).doesNotContain("query-secret")
			.doesNotContain("ERROR")
			.doesNotContainPattern("\\n\\s+at [a-z]");
	}

	@Test
	void keepsTheRouteAndTheCauseOutOfTheAnswer() {
		String body = this.client.get()
			.uri("/refused/orders")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).doesNotContain("\"route\"")
			.doesNotContain("127.0.0.1")
			.doesNotContain("Exception")
			.doesNotContain("Connection refused");
	}

	private static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code)
			.jsonPath("$.status")
			.isEqualTo(status);
	}

	/**
	 * The single WARN line this route's failure produced; a second one would fail the
	 * test.
	 */
	private static String warnLineFor(String routeId, CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter(line -> line.contains(" WARN ") && line.contains("route=" + routeId + " "))
			.reduce((first, second) -> {
				throw new AssertionError(
						"More than one WARN line for route " + routeId + ":\n" + first + "\n" + second);
			})
			.orElseThrow(() -> new AssertionError("No WARN line for route " + routeId + " in:\n" + output.getOut()));
	}

}
