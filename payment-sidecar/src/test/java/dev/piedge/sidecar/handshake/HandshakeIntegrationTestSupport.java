package dev.piedge.sidecar.handshake;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.sidecar.TestIdentities;
import dev.piedge.test.SharedWireMockExtension;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sidecar against real PostgreSQL, with WireMock as the Pi Platform API (also serving
 * the proxy's JWKS) and as the backend that receives fulfilment webhooks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pi.api.key=test-server-key", "pi.api.timeout=1s", "pi.api.retry.min-backoff=10ms",
				"pi.api.retry.max-backoff=50ms", "pi.payments.pi-calls.min-backoff=20ms",
				"pi.payments.pi-calls.max-backoff=100ms", "pi.payments.pi-calls.max-retry-after=3s",
				"pi.payments.verification.mode=catalog", "pi.payments.verification.catalog.products[0].id=tea",
				"pi.payments.verification.catalog.products[0].price=3.14", "pi.payments.reconcile.initial-delay=1h",
				"pi.payments.fulfillment.secret=whsec-test-0123456789abcdef0123456789abcdef",
				"pi.payments.fulfillment.poll-interval=200ms", "pi.payments.fulfillment.min-backoff=100ms" })
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles("test")
abstract class HandshakeIntegrationTestSupport {

	static final String ALICE = "uid-alice";

	static final String MALLORY = "uid-mallory";

	static final String TXID = "a".repeat(64);

	static final TestIdentities identities = TestIdentities.generate("proxy-key");

	/**
	 * Pi and the backend, for the whole run: the cached context keeps their URLs. Reset
	 * before each test.
	 */
	@RegisterExtension
	static final SharedWireMockExtension pi = new SharedWireMockExtension();

	@RegisterExtension
	static final SharedWireMockExtension backend = new SharedWireMockExtension();

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient db;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		registry.add("pi.api.base-url", pi::baseUrl);
		registry.add("pi.identity.jwks-uri", () -> pi.baseUrl() + "/.well-known/jwks.json");
		registry.add("pi.payments.fulfillment.url", () -> backend.baseUrl() + "/webhooks/pi");
	}

	@BeforeEach
	void stubFakes() {
		pi.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(identities.jwksJson())));
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
	}

	/**
	 * After every test, whatever it did: each payment's status changes form one unbroken
	 * chain of history rows that starts where the payment was recorded and ends at its
	 * current status. A status written without its row, or a row written twice, breaks
	 * the chain. Notes (a client's error) repeat the status and are left out.
	 */
	@AfterEach
	void everyStatusChangeHasExactlyItsHistoryRow() {
		List<String> broken = this.db.sql("""
				WITH change AS (
				    SELECT payment_id, from_status, to_status,
				           LAG(to_status) OVER (PARTITION BY payment_id ORDER BY id) AS previous,
				           ROW_NUMBER() OVER (PARTITION BY payment_id ORDER BY id DESC) AS from_last
				    FROM payment_event WHERE from_status IS DISTINCT FROM to_status)
				SELECT p.pi_payment_id FROM payment p
				WHERE NOT EXISTS (SELECT 1 FROM change c
				                  WHERE c.payment_id = p.id AND c.from_last = 1 AND c.to_status = p.status)
				   OR EXISTS (SELECT 1 FROM change c
				              WHERE c.payment_id = p.id AND c.from_status IS DISTINCT FROM c.previous)""")
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(broken).as("payments whose status changes and history rows disagree").isEmpty();
	}

	WebTestClient.ResponseSpec callback(String action, String uid, String json) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/pi_payment/" + action)
			.header("Content-Type", "application/json");
		if (uid != null) {
			request = request.header("X-Pi-Identity", identities.assertionFor(uid));
		}
		return request.bodyValue(json).exchange();
	}

	static String paymentIdBody(String id) {
		return "{\"paymentId\":\"" + id + "\"}";
	}

	/**
	 * The number of POSTs "Pi" received for this payment and action (approve, complete,
	 * cancel).
	 */
	static int piCalls(String id, String action) {
		return pi.countRequestsMatching(postRequestedFor(urlEqualTo("/v2/payments/" + id + "/" + action)).build())
			.getCount();
	}

	static List<LoggedRequest> webhooks() {
		return backend.findAll(postRequestedFor(urlEqualTo("/webhooks/pi")));
	}

	String statusOf(String id) {
		return this.db.sql("SELECT status FROM payment WHERE pi_payment_id = :id")
			.bind("id", id)
			.map(row -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	String txidOf(String id) {
		return this.db.sql("SELECT txid FROM payment WHERE pi_payment_id = :id")
			.bind("id", id)
			.map(row -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	List<String> historyOf(String id) {
		return this.db
			.sql("SELECT e.to_status || ':' || COALESCE(e.reason, '') FROM payment_event e JOIN payment p "
					+ "ON p.id = e.payment_id WHERE p.pi_payment_id = :id ORDER BY e.id")
			.bind("id", id)
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(5));
	}

	/**
	 * Waits up to 15 seconds for an outcome of the relay's or the reconciler's background
	 * work, looking every 50 ms.
	 */
	static ConditionFactory eventually(String what) {
		return await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
	}

	/** Pi's GET of the payment answers with this state. */
	static void piHas(String id, String uid, String amount, boolean approved, boolean completed, boolean cancelled,
			String txid) {
		pi.stubFor(
				get(urlEqualTo("/v2/payments/" + id)).willReturn(json(200, paymentJson(id, uid, new BigDecimal(amount),
						Map.of("productId", "tea"), approved, completed, cancelled, txid, "Pi Testnet"))));
	}

	/**
	 * Pi's GET of the payment answers with an App-to-User payment (a payout) to this
	 * user, created and not yet completed.
	 */
	static void piHasPayout(String id, String uid, String amount, String txid) {
		pi.stubFor(get(urlEqualTo("/v2/payments/" + id)).willReturn(
				json(200, paymentJson(id, uid, new BigDecimal(amount), Map.of(), true, false, false, txid, "Pi Testnet")
					.replace("\"direction\":\"user_to_app\"", "\"direction\":\"app_to_user\""))));
	}

	/** Pi's POST of this action answers 200 with the payment in the given state. */
	static void piAccepts(String id, String action, String uid, String amount, boolean approved, boolean completed,
			boolean cancelled, String txid) {
		pi.stubFor(post(urlEqualTo("/v2/payments/" + id + "/" + action))
			.willReturn(json(200, paymentJson(id, uid, new BigDecimal(amount), Map.of("productId", "tea"), approved,
					completed, cancelled, txid, "Pi Testnet"))));
	}

	/** Pi's POST of this action answers with a documented error code. */
	static void piRefuses(String id, String action, int status, String code) {
		pi.stubFor(post(urlEqualTo("/v2/payments/" + id + "/" + action))
			.willReturn(json(status, "{\"error\":\"" + code + "\",\"error_message\":\"refused\"}")));
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** Builds PaymentDTO JSON as Pi sends it. */
	static String paymentJson(String id, String uid, BigDecimal amount, Map<String, String> metadata, boolean approved,
			boolean completed, boolean cancelled, String txid, String network) {
		StringBuilder meta = new StringBuilder("{");
		metadata.forEach((k, v) -> meta.append(meta.length() > 1 ? "," : "")
			.append('"')
			.append(k)
			.append("\":\"")
			.append(v)
			.append('"'));
		meta.append('}');
		String transaction = (txid == null) ? "null" : "{\"txid\":\"" + txid + "\",\"verified\":" + completed
				+ ",\"_link\":\"https://horizon/tx/" + txid + "\"}";
		return "{\"identifier\":\"" + id + "\",\"user_uid\":\"" + uid + "\",\"amount\":" + amount.toPlainString()
				+ ",\"memo\":\"Green tea\",\"metadata\":" + meta + ",\"from_address\":\"GUSER\",\"to_address\":\"GAPP\""
				+ ",\"direction\":\"user_to_app\",\"created_at\":\"" + Instant.parse("2026-11-22T10:00:00Z")
				+ "\",\"network\":\"" + network + "\",\"status\":{\"developer_approved\":" + approved
				+ ",\"transaction_verified\":" + completed + ",\"developer_completed\":" + completed + ",\"cancelled\":"
				+ cancelled + ",\"user_cancelled\":false},\"transaction\":" + transaction + "}";
	}

}
