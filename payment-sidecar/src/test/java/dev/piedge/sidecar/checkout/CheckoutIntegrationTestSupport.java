package dev.piedge.sidecar.checkout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.sidecar.PaymentSidecarApplication;
import dev.piedge.sidecar.TestIdentities;
import dev.piedge.test.MutableClock;
import dev.piedge.test.SharedWireMockExtension;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;

/**
 * The sidecar against real PostgreSQL with WireMock as Pi (and the proxy's JWKS) and as
 * the backend that receives the signed webhooks, a hand-moved clock, and a catalog whose
 * display name needs escaping.
 */
@SpringBootTest(classes = { PaymentSidecarApplication.class, CheckoutIntegrationTestSupport.Clocks.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pi.api.key=test-server-key", "pi.api.timeout=1s", "pi.api.retry.min-backoff=10ms",
				"pi.api.retry.max-backoff=50ms", "pi.payments.pi-calls.min-backoff=20ms",
				"pi.payments.pi-calls.max-backoff=100ms", "pi.payments.reconcile.initial-delay=1h",
				"pi.payments.verification.mode=catalog", "pi.payments.verification.catalog.products[0].id=green-tea",
				"pi.payments.verification.catalog.products[0].price=3.14",
				"pi.payments.verification.catalog.products[0].name=<b>Green</b> \"tea\" & co",
				"pi.payments.verification.catalog.products[1].id=cup",
				"pi.payments.verification.catalog.products[1].price=0.1000001",
				"pi.payments.fulfillment.secret=" + CheckoutIntegrationTestSupport.SECRET,
				"pi.payments.fulfillment.poll-interval=200ms", "pi.payments.fulfillment.min-backoff=100ms",
				"pi.checkout.expiry-interval=200ms", "pi.checkout.sdk-url=https://sdk.example/pi-sdk.js" })
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles("test")
abstract class CheckoutIntegrationTestSupport {

	static final String SECRET = "whsec-test-0123456789abcdef0123456789abcdef";

	static final String ALICE = "uid-alice";

	static final String MALLORY = "uid-mallory";

	static final String TXID = "b".repeat(64);

	static final TestIdentities identities = TestIdentities.generate("proxy-key");

	@RegisterExtension
	static final SharedWireMockExtension pi = new SharedWireMockExtension();

	@RegisterExtension
	static final SharedWireMockExtension backend = new SharedWireMockExtension();

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		registry.add("pi.api.base-url", pi::baseUrl);
		registry.add("pi.identity.jwks-uri", () -> pi.baseUrl() + "/.well-known/jwks.json");
		registry.add("pi.payments.fulfillment.url", () -> backend.baseUrl() + "/webhooks/pi");
	}

	@BeforeEach
	void resetFakes() {
		// The proxy's assertions are signed against the wall clock.
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		pi.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(identities.jwksJson())));
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
	}

	/** A new session created through the link by {@code uid}; returns its id. */
	String linkSession(String uid, String product, int quantity) {
		String location = this.client.get()
			.uri(uri -> uri.path("/pi-edge/checkout")
				.queryParam("product", product)
				.queryParam("quantity", quantity)
				.queryParam("success_url", "/thanks")
				.queryParam("cancel_url", "/shop")
				.build())
			.header("X-Pi-Identity", buyer(uid))
			.exchange()
			.expectStatus()
			.isSeeOther()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		return location.substring("/pi-edge/checkout/".length());
	}

	/** The proxy's assertion on its payments route, which carries the callbacks. */
	String identity(String uid) {
		return identities.sign(uid, "payments", this.clock.instant().plus(Duration.ofMinutes(10)));
	}

	/**
	 * The proxy's assertion on its checkout route, which leads to the link and the page.
	 */
	String buyer(String uid) {
		return identities.sign(uid, "checkout", this.clock.instant().plus(Duration.ofMinutes(10)));
	}

	WebTestClient.ResponseSpec callback(String action, String uid, String json) {
		return this.client.post()
			.uri("/pi_payment/" + action)
			.header("Content-Type", "application/json")
			.header("X-Pi-Identity", identity(uid))
			.bodyValue(json)
			.exchange();
	}

	/** Pi's record of a payment for a checkout session. */
	static void piHas(String id, String uid, String amount, String session, String direction, String network,
			boolean approved, String txid) {
		pi.stubFor(get(urlEqualTo("/v2/payments/" + id))
			.willReturn(json(200, paymentJson(id, uid, amount, session, direction, network, approved, false, txid))));
	}

	static void piAccepts(String id, String action, String uid, String amount, String session, boolean completed,
			String txid) {
		pi.stubFor(post(urlEqualTo("/v2/payments/" + id + "/" + action)).willReturn(
				json(200, paymentJson(id, uid, amount, session, "user_to_app", "Pi Testnet", true, completed, txid))));
	}

	static int piCalls(String id, String action) {
		return pi.countRequestsMatching(postRequestedFor(urlEqualTo("/v2/payments/" + id + "/" + action)).build())
			.getCount();
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	static String paymentJson(String id, String uid, String amount, String session, String direction, String network,
			boolean approved, boolean completed, String txid) {
		String transaction = (txid == null) ? "null"
				: "{\"txid\":\"" + txid + "\",\"verified\":" + completed + ",\"_link\":\"https://horizon/tx\"}";
		String dir = (direction == null) ? "" : ",\"direction\":\"" + direction + "\"";
		return "{\"identifier\":\"" + id + "\",\"user_uid\":\"" + uid + "\",\"amount\":" + amount
				+ ",\"memo\":\"tea\",\"metadata\":{\"pi_edge_checkout\":\"" + session + "\"},"
				+ "\"from_address\":\"GUSER\",\"to_address\":\"GAPP\"" + dir
				+ ",\"created_at\":\"2026-11-22T10:00:00Z\"" + ",\"network\":\"" + network
				+ "\",\"status\":{\"developer_approved\":" + approved + ",\"transaction_verified\":" + completed
				+ ",\"developer_completed\":" + completed
				+ ",\"cancelled\":false,\"user_cancelled\":false},\"transaction\":" + transaction + "}";
	}

	/** The column as text, {@code null} when it is NULL. */
	String sessionColumn(String id, String column) {
		return this.db.sql("SELECT CAST(" + column + " AS TEXT) FROM checkout_session WHERE id = :id")
			.bind("id", id)
			.map(row -> Optional.ofNullable(row.get(0, String.class)))
			.one()
			.block(Duration.ofSeconds(5))
			.orElse(null);
	}

	/** The webhooks the backend received of this type, oldest first. */
	static List<LoggedRequest> webhooks(String type) {
		return backend.findAll(postRequestedFor(urlEqualTo("/webhooks/pi")))
			.stream()
			.filter(request -> request.getBodyAsString().contains("\"type\":\"" + type + "\""))
			.toList();
	}

	/** Whether the request carries a valid signature of its exact body. */
	static boolean signed(LoggedRequest request) throws Exception {
		String header = request.getHeader("Pi-Edge-Signature");
		String timestamp = header.substring(2, header.indexOf(','));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		return header.endsWith(",v1=" + HexFormat.of().formatHex(mac.doFinal(request.getBody())));
	}

	static ConditionFactory eventually(String what) {
		return await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
	}

	WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** A backend API key with these permissions. */
	String apiKey(String... permissions) {
		Map<String, Object> created = management().post()
			.uri("/actuator/apikeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("label", "shop", "permissions", String.join(",", permissions)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CREATED)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return (String) created.get("key");
	}

	WebTestClient.ResponseSpec createSession(String key, String idempotencyKey, String body) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/pi-edge/api/checkout/sessions")
			.contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			request = request.header("Authorization", "Bearer " + key);
		}
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.bodyValue(body).exchange();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

	}

}
