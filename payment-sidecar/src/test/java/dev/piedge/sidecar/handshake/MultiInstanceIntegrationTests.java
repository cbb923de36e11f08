package dev.piedge.sidecar.handshake;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.piedge.sidecar.PaymentSidecarApplication;
import dev.piedge.sidecar.TestIdentities;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several sidecar processes' worth of Spring contexts sharing one real PostgreSQL,
 * configured the way production is (spring.r2dbc.url and Flyway over JDBC), with WireMock
 * as Pi and as the backend.
 */
class MultiInstanceIntegrationTests {

	private static final String ALICE = "uid-alice";

	private static final String TXID = "e".repeat(64);

	private static final TestIdentities identities = TestIdentities.generate("proxy-key");

	private static EmbeddedPostgres postgres;

	@RegisterExtension
	static final WireMockExtension pi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static final WireMockExtension backend = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@BeforeEach
	void stubs() {
		pi.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
			.willReturn(HandshakeIntegrationTestSupport.json(200, identities.jwksJson())));
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoInstancesApproveAndCompleteEachPaymentOnceBetweenThem() {
		WebClient first = client(start("1h"));
		WebClient second = client(start("1h"));
		piState("pay-m-1", false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-m-1/approve")).willReturn(
				HandshakeIntegrationTestSupport.json(200, record("pay-m-1", true, false, null)).withFixedDelay(150)));
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-m-1/complete")).willReturn(
				HandshakeIntegrationTestSupport.json(200, record("pay-m-1", true, true, TXID)).withFixedDelay(150)));

		List<Integer> approves = burst(first, second, "approve", "{\"paymentId\":\"pay-m-1\"}");
		piState("pay-m-1", true, false, TXID);
		List<Integer> completes = burst(first, second, "complete",
				"{\"paymentId\":\"pay-m-1\",\"transactionId\":\"" + TXID + "\"}");

		assertThat(approves).allMatch(status -> status == 200 || status == 202);
		assertThat(completes).allMatch(status -> status == 200 || status == 202);
		assertThat(count("/v2/payments/pay-m-1/approve")).isEqualTo(1);
		assertThat(count("/v2/payments/pay-m-1/complete")).isEqualTo(1);
		HandshakeIntegrationTestSupport.eventually("one webhook").until(() -> webhookCount("pay-m-1") == 1);
		// A second webhook would come from either instance's relay at its next poll
		// (every 200 ms): a second of polls by both without one is enough.
		await("no second webhook").during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> webhookCount("pay-m-1") == 1);
	}

	@Test
	void aRestartedInstanceCompletesAPaymentWhoseTxidWasStoredBeforeACrash() {
		ConfigurableApplicationContext before = start("1h");
		piState("pay-m-crash", false, false, null);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-m-crash/approve"))
			.willReturn(HandshakeIntegrationTestSupport.json(200, record("pay-m-crash", true, false, null))));
		client(before).post()
			.uri("/pi_payment/approve")
			.header("X-Pi-Identity", identities.assertionFor(ALICE))
			.header("Content-Type", "application/json")
			.bodyValue("{\"paymentId\":\"pay-m-crash\"}")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
		// What a crash between storing the txid and calling Pi's complete leaves behind:
		// a claim that expired.
		before.getBean(DatabaseClient.class)
			.sql("UPDATE payment SET txid = :txid, pending_action = 'complete', claim_token = :token, "
					+ "claimed_until = now() - interval '1 minute', updated_at = now() - interval '10 minutes' "
					+ "WHERE pi_payment_id = 'pay-m-crash'")
			.bind("txid", TXID)
			.bind("token", UUID.randomUUID())
			.then()
			.block(Duration.ofSeconds(5));
		before.close();
		this.instances.remove(before);
		piState("pay-m-crash", true, false, TXID);
		pi.stubFor(post(urlEqualTo("/v2/payments/pay-m-crash/complete"))
			.willReturn(HandshakeIntegrationTestSupport.json(200, record("pay-m-crash", true, true, TXID))));

		ConfigurableApplicationContext after = start("200ms");

		HandshakeIntegrationTestSupport.eventually("the reconciler")
			.until(() -> "COMPLETED".equals(status(after, "pay-m-crash")));
		assertThat(count("/v2/payments/pay-m-crash/complete")).isEqualTo(1);
		HandshakeIntegrationTestSupport.eventually("the webhook").until(() -> webhookCount("pay-m-crash") == 1);
	}

	private ConfigurableApplicationContext start(String reconcileDelay) {
		String jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
		Map<String, String> settings = Map.ofEntries(Map.entry("spring.config.import", ""),
				Map.entry("server.port", "0"), Map.entry("management.server.port", "0"),
				Map.entry("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + postgres.getPort() + "/postgres"),
				Map.entry("spring.r2dbc.username", "postgres"), Map.entry("spring.r2dbc.password", ""),
				Map.entry("spring.flyway.url", jdbc), Map.entry("spring.flyway.user", "postgres"),
				Map.entry("spring.flyway.password", ""), Map.entry("pi.api.base-url", pi.baseUrl()),
				Map.entry("pi.api.key", "test-server-key"),
				Map.entry("pi.identity.jwks-uri", pi.baseUrl() + "/.well-known/jwks.json"),
				Map.entry("pi.payments.network", "Pi Testnet"),
				Map.entry("pi.payments.verification.mode", "accept-all"),
				Map.entry("pi.payments.reconcile.initial-delay", reconcileDelay),
				Map.entry("pi.payments.reconcile.interval", "500ms"),
				Map.entry("pi.payments.fulfillment.url", backend.baseUrl() + "/webhooks/pi"),
				Map.entry("pi.payments.fulfillment.secret", "whsec-test-0123456789abcdef0123456789abcdef"),
				Map.entry("pi.payments.fulfillment.poll-interval", "200ms"));
		// Command-line arguments, as an operator would pass them: they outrank
		// application.yml.
		String[] args = settings.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentSidecarApplication.class)
			.run(args);
		this.instances.add(context);
		return context;
	}

	private static WebClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port);
	}

	private static List<Integer> burst(WebClient first, WebClient second, String action, String body) {
		return Flux.range(0, 40)
			.flatMap(
					i -> ((i % 2 == 0) ? first : second).post()
						.uri("/pi_payment/" + action)
						.header("X-Pi-Identity", identities.assertionFor(ALICE))
						.header("Content-Type", "application/json")
						.bodyValue(body)
						.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
					40)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	private static void piState(String id, boolean approved, boolean completed, String txid) {
		pi.stubFor(get(urlEqualTo("/v2/payments/" + id))
			.willReturn(HandshakeIntegrationTestSupport.json(200, record(id, approved, completed, txid))));
	}

	private static String record(String id, boolean approved, boolean completed, String txid) {
		return HandshakeIntegrationTestSupport.paymentJson(id, ALICE, new BigDecimal("1.5"), Map.of("productId", "tea"),
				approved, completed, false, txid, "Pi Testnet");
	}

	private static int count(String path) {
		return pi.countRequestsMatching(postRequestedFor(urlEqualTo(path)).build()).getCount();
	}

	private static long webhookCount(String id) {
		return backend.findAll(postRequestedFor(urlEqualTo("/webhooks/pi")))
			.stream()
			.filter(request -> request.getBodyAsString().contains("\"" + id + "\""))
			.count();
	}

	private static String status(ConfigurableApplicationContext context, String id) {
		return context.getBean(DatabaseClient.class)
			.sql("SELECT status FROM payment WHERE pi_payment_id = :id")
			.bind("id", id)
			.map(row -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

}
