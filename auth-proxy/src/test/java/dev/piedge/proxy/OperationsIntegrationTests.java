package dev.piedge.proxy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests extends GatewayIntegrationTestSupport {

	private static final String CACHE_HIT = "pi_edge_identity_cache_total{result=\"hit\"}";

	private static final String CACHE_MISS = "pi_edge_identity_cache_total{result=\"miss\"}";

	private static final String CACHE_COALESCED = "pi_edge_identity_cache_total{result=\"coalesced\"}";

	private static final String ME_VERIFIED = "pi_edge_identity_me_calls_total{outcome=\"verified\"}";

	private static final String ME_REJECTED = "pi_edge_identity_me_calls_total{outcome=\"rejected\"}";

	private static final String ME_UNAVAILABLE = "pi_edge_identity_me_calls_total{outcome=\"unavailable\"}";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void servesHealthProbesOnTheManagementPortOnly() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		management().get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management().get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void keepsTheGatewayActuatorEndpointOffAndRoutesOffTheManagementPort() {
		management().get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
		management().get().uri("/orders").exchange().expectStatus().isNotFound();
		assertThat(backendRequests()).isEmpty();
	}

	/**
	 * A fixed port, as in production: the gateway only recognises a management port it
	 * knows.
	 */
	@DynamicPropertySource
	static void fixedManagementPort(DynamicPropertyRegistry registry) {
		int port = TestSocketUtils.findAvailableTcpPort();
		registry.add("management.server.port", () -> port);
	}

	@Test
	void exportsIdentityAndDecisionMetrics() {
		piKnows("metrics-token", "uid-m", "mia", List.of("username"), Duration.ofHours(1));
		Map<String, Double> before = scrape();

		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer metrics-token")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer metrics-token")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/orders").exchange().expectStatus().isUnauthorized();

		// Every counter is registered at start-up, so only the increments say anything.
		Map<String, Double> after = scrape();
		assertThat(increase(before, after, CACHE_MISS)).isEqualTo(1);
		assertThat(increase(before, after, CACHE_HIT)).isEqualTo(1);
		assertThat(increase(before, after, CACHE_COALESCED)).isZero();
		assertThat(increase(before, after, ME_VERIFIED)).isEqualTo(1);
		assertThat(increase(before, after, ME_REJECTED)).isZero();
		assertThat(increase(before, after, ME_UNAVAILABLE)).isZero();
		assertThat(increase(before, after, "pi_edge_route_decisions_total{outcome=\"verified\",route=\"catch-all\"}"))
			.isEqualTo(2);
		assertThat(
				increase(before, after, "pi_edge_route_decisions_total{outcome=\"missing_token\",route=\"catch-all\"}"))
			.isEqualTo(1);
		assertThat(after).doesNotContainKey("pi_edge_route_decisions_total{outcome=\"anonymous\",route=\"catch-all\"}");
		assertThat(meCalls()).isEqualTo(1);
	}

	@Test
	void measuresEachRoutedRequestOnceByRouteAndStatus() {
		piKnows("route-metrics-token", "uid-r", "rita", List.of("username"), Duration.ofHours(1));
		Map<String, Double> before = scrape();

		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer route-metrics-token")
			.exchange()
			.expectStatus()
			.isOk();

		Map<String, Double> after = scrape();
		assertThat(after.entrySet()).anySatisfy((sample) -> {
			assertThat(sample.getKey()).startsWith("spring_cloud_gateway_requests_seconds_count{")
				.contains("routeId=\"catch-all\"")
				.contains("httpStatusCode=\"200\"");
			assertThat(sample.getValue() - before.getOrDefault(sample.getKey(), 0.0)).isEqualTo(1);
		});
		// The server's and the backend hop's observations measured the same requests
		// again, at a sixth of the proxy's CPU per request (issue 16).
		assertThat(after.keySet()).noneMatch((name) -> name.startsWith("http_server_requests"))
			.noneMatch((name) -> name.startsWith("http_client_requests"));
	}

	@Test
	void exportsLookupsThatWaitedOnAnInFlightCallAsCoalesced() {
		// Pi answers this new token after a second (the proxy waits 1.5 s): long enough
		// for the followers, sent within about 10 ms of the first call reaching Pi, to
		// find it in flight.
		pi.stubFor(meFor("coalesced-token").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withFixedDelay(1000)
			.withBody("{\"uid\":\"uid-c\",\"credentials\":{\"scopes\":[],\"valid_until\":{\"timestamp\":"
					+ this.clock.instant().plusSeconds(3600).getEpochSecond() + ",\"iso8601\":\"x\"}}}")));
		Map<String, Double> before = scrape();
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);

		Mono<Integer> first = status(web, "coalesced-token").cache();
		first.subscribe();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> meCalls() == 1);
		List<Integer> followers = Flux.range(0, 4)
			.flatMap(i -> status(web, "coalesced-token"))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(first.block(Duration.ofSeconds(10))).isEqualTo(200);
		assertThat(followers).containsExactly(200, 200, 200, 200);
		Map<String, Double> after = scrape();
		assertThat(increase(before, after, CACHE_MISS)).isEqualTo(1);
		assertThat(increase(before, after, CACHE_COALESCED)).isEqualTo(4);
		assertThat(increase(before, after, CACHE_HIT)).isZero();
		assertThat(increase(before, after, ME_VERIFIED)).isEqualTo(1);
		assertThat(meCalls()).isEqualTo(1);
	}

	@Test
	void logsOneAccessLineWithUidButNeverTheToken(CapturedOutput output) {
		piKnows("secret-token-value", "uid-log", "leo", List.of("username"), Duration.ofHours(1));

		this.client.get().uri("/orders/7?access_token=query-secret").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/orders/7")
			.header("Authorization", "Bearer secret-token-value")
			.exchange()
			.expectStatus()
			.isOk();

		// The access log is written asynchronously, off the event loop.
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("route=catch-all status=200"));
		assertThat(output.getOut()).contains("path=/orders/7 route=catch-all status=200")
			.contains("uid=uid-log")
			.contains("status=401")
			.doesNotContain("secret-token-value")
			.doesNotContain("query-secret");
	}

	private static Mono<Integer> status(WebClient web, String token) {
		return web.get()
			.uri("/orders")
			.header("Authorization", "Bearer " + token)
			.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

	/** Every sample on the Prometheus page, by name and labels as printed. */
	private Map<String, Double> scrape() {
		String page = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Map<String, Double> samples = new HashMap<>();
		for (String line : page.split("\n")) {
			int space = line.lastIndexOf(' ');
			if (!line.startsWith("#") && space > 0) {
				samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
			}
		}
		return samples;
	}

	private static double increase(Map<String, Double> before, Map<String, Double> after, String sample) {
		assertThat(after).as("exported samples").containsKey(sample);
		return after.get(sample) - before.getOrDefault(sample, 0.0);
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

}
