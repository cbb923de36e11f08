package dev.piedge.proxy;

import java.time.Duration;
import java.util.List;

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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests extends GatewayIntegrationTestSupport {

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

		String metrics = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).contains("pi_edge_identity_me_calls_total{outcome=\"verified\"}")
			.contains("pi_edge_identity_cache_total{result=\"hit\"}")
			.contains("pi_edge_identity_cache_total{result=\"miss\"}")
			.contains("pi_edge_identity_cache_total{result=\"coalesced\"}")
			.contains("pi_edge_route_decisions_total{outcome=\"verified\",route=\"catch-all\"}")
			.contains("pi_edge_route_decisions_total{outcome=\"missing_token\",route=\"catch-all\"}")
			.doesNotContain("pi_edge_route_decisions_total{outcome=\"anonymous\",route=\"catch-all\"}");
	}

	@Test
	void logsOneAccessLineWithUidButNeverTheToken(CapturedOutput output) throws InterruptedException {
		piKnows("secret-token-value", "uid-log", "leo", List.of("username"), Duration.ofHours(1));

		this.client.get().uri("/orders/7?access_token=query-secret").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/orders/7")
			.header("Authorization", "Bearer secret-token-value")
			.exchange()
			.expectStatus()
			.isOk();

		// The access log is written asynchronously, off the event loop.
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!output.getOut().contains("route=catch-all status=200") && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(output.getOut()).contains("path=/orders/7 route=catch-all status=200")
			.contains("uid=uid-log")
			.contains("status=401")
			.doesNotContain("secret-token-value")
			.doesNotContain("query-secret");
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

}
