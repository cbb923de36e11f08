package dev.piedge.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13's crash and concurrency guarantees for payouts, with real processes: the
 * packaged payment-sidecar jar pays through the packaged pi-sandbox (Pi's API and the
 * emulated chain) and keeps its state in a PostgreSQL that this test JVM runs, so the
 * database outlives every sidecar the test kills.
 * <p>
 * Each crash parks the sidecar in one step of a payout with a sandbox fault that never
 * answers (after carrying the call out, for the {@code applied} ones), kills it with
 * SIGKILL once the sandbox has the call, and starts a new sidecar on the same database.
 * That one must finish the payout with exactly one transaction on the chain, one
 * completion on Pi and one {@code payout.completed} webhook. The new sidecar then plays
 * the old one for the next crash, so each crash costs one start-up.
 */
class PayoutCrashIntegrationTests {

	private static final String ALICE = "5f0b5a2e-7c1d-4a8e-9d35-6c2f1a9b7e01";

	/**
	 * pi-sandbox's demo app wallet. DEMO ONLY: the seed is public (pi-sandbox/README.md).
	 */
	private static final String DEMO_WALLET_SEED = "SDNMROVIIY4E43P4JQJVF46P2L3N76HVZK6FAHTSL5NAVNW3JHJCH22L";

	private static final String PI_KEY = "Key sandbox-api-key";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static EmbeddedPostgres postgres;

	private static WebhookReceiver webhooks;

	private static RunningJar sandbox;

	private static String sandboxUrl;

	/** The sidecar the next test drives; each crash replaces it. */
	private static Sidecar sidecar;

	private static int sidecars;

	private static String apiKey;

	@BeforeAll
	static void startSandboxAndDatabase() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		webhooks = new WebhookReceiver();
		int port = freePort();
		sandboxUrl = "http://127.0.0.1:" + port;
		sandbox = RunningJar.start("payout-crash-sandbox", "pi-sandbox",
				Map.of("PI_SANDBOX_PORT", String.valueOf(port), "PI_EDGE_CONFIG_DIR", configDir()), Map.of(),
				sandboxUrl + "/actuator/health");
		sidecar = startSidecar();
		HttpResponse<String> created = send(
				HttpRequest.newBuilder(URI.create(sidecar.managementUrl + "/actuator/apikeys"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"label\":\"payout crash tests\",\"permissions\":\"payouts:write\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		apiKey = JsonPath.read(created.body(), "$.key");
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (sidecar != null) {
			sidecar.jar.kill();
		}
		if (sandbox != null) {
			sandbox.stop();
		}
		if (webhooks != null) {
			webhooks.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	static Stream<Crash> crashes() {
		return Stream.of(
				new Crash("Pi create hangs before creating", "payments.create", false,
						PayoutCrashIntegrationTests::createdNowhere),
				new Crash("Pi create is applied, then hangs", "payments.create", true,
						PayoutCrashIntegrationTests::createdOnPiOnly),
				new Crash("Horizon account read hangs after the Pi id is stored", "horizon.accounts", false,
						PayoutCrashIntegrationTests::createdButNotSigned),
				new Crash("Horizon submit hangs without landing", "horizon.submit", false,
						PayoutCrashIntegrationTests::signedButNotLanded),
				new Crash("Horizon submit lands, then hangs", "horizon.submit", true,
						PayoutCrashIntegrationTests::landed),
				new Crash("Pi complete hangs before completing", "payments.complete", false,
						payout -> assertCompletedOnPi(payout, false)),
				new Crash("Pi complete is applied, then hangs", "payments.complete", true,
						payout -> assertCompletedOnPi(payout, true)));
	}

	private static void createdNowhere(String payout) {
		assertThat(incompleteOnPi()).as("payments open on Pi").isEmpty();
		assertThat(JsonPath.<String>read(payoutJson(payout), "$.pi_payment_id")).isNull();
	}

	private static void createdOnPiOnly(String payout) {
		assertThat(incompleteOnPi()).as("payments open on Pi")
			.singleElement()
			.satisfies(payment -> assertThat(JsonPath.<String>read(payment, "$.metadata.pi_edge_payout_id"))
				.isEqualTo(payout));
		assertThat(JsonPath.<String>read(payoutJson(payout), "$.pi_payment_id"))
			.as("the sidecar never learnt Pi's identifier")
			.isNull();
	}

	private static void createdButNotSigned(String payout) {
		String view = payoutJson(payout);
		assertThat(JsonPath.<String>read(view, "$.pi_payment_id")).as(view).isNotNull();
		assertThat(JsonPath.<String>read(view, "$.txid")).as(view).isNull();
	}

	private static void signedButNotLanded(String payout) {
		String txid = JsonPath.read(payoutJson(payout), "$.txid");
		assertThat(txid).as("txid, stored before the submit").isNotNull();
		assertThat(chainHashes()).as("transactions on the chain").doesNotContain(txid);
	}

	private static void landed(String payout) {
		assertThat(chainHashes()).as("transactions on the chain")
			.contains(JsonPath.<String>read(payoutJson(payout), "$.txid"));
	}

	private static void assertCompletedOnPi(String payout, boolean completed) {
		assertThat(JsonPath.<Boolean>read(piPaymentOf(payout), "$.status.developer_completed")).as("completed on Pi")
			.isEqualTo(completed);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("crashes")
	void aSidecarKilledAtThisStepIsResumedByANewOneAndPaysOnce(Crash crash) throws Exception {
		deleteOnSandbox("/sandbox/faults");
		deleteOnSandbox("/sandbox/calls");
		String fault = "{\"endpoint\":\"" + crash.endpoint + "\",\"hang\":true,\"applied\":" + crash.applied
				+ ",\"times\":1}";
		HttpResponse<String> installed = send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/faults"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(fault)));
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);

		String payout = requestPayout(sidecar, "crash-" + UUID.randomUUID());
		await(crash.endpoint + " reaching the sandbox").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> calls(crash.endpoint) >= 1);
		await(crash.name + ", as the sandbox shows").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> crash.reached.check(payout));
		String storedTxid = JsonPath.read(payoutJson(payout), "$.txid");
		sidecar.jar.kill();
		deleteOnSandbox("/sandbox/faults");

		sidecar = startSidecar();
		assertPaidOnce(payout);
		if (storedTxid != null) {
			assertThat(JsonPath.<String>read(payoutJson(payout), "$.txid"))
				.as("the transaction signed and stored before the crash is the one paid")
				.isEqualTo(storedTxid);
		}
	}

	/**
	 * Issue 13: two instances asked for payouts at once still keep Pi's one open A2U
	 * payment. Without the lease both workers would create on Pi together, and Pi would
	 * answer one of them {@code ongoing_payment_found}: every create must be the first
	 * for its payout.
	 */
	@Test
	void twoSidecarsAskedForPayoutsAtOnceCreateEachOnPiOnceAndPayEachOnce() throws Exception {
		Sidecar second = startSidecar();
		try {
			deleteOnSandbox("/sandbox/faults");
			deleteOnSandbox("/sandbox/calls");
			List<CompletableFuture<String>> requests = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Sidecar target = (i % 2 == 0) ? sidecar : second;
				requests.add(CompletableFuture.supplyAsync(() -> requestPayout(target, "pair-" + UUID.randomUUID())));
			}
			List<String> payouts = requests.stream().map(CompletableFuture::join).toList();
			for (String payout : payouts) {
				assertPaidOnce(payout);
			}
			assertThat(calls("payments.create")).as("creates on Pi, one per payout (no ongoing_payment_found)")
				.isEqualTo(6);
		}
		finally {
			second.jar.stop();
		}
	}

	private static void assertPaidOnce(String payout) {
		await("payout " + payout + " completed").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(payoutJson(payout), "$.status"))
				.as(() -> sidecar.jar.logTail())
				.isEqualTo("completed"));
		String view = payoutJson(payout);
		String piPaymentId = JsonPath.read(view, "$.pi_payment_id");
		String txid = JsonPath.read(view, "$.txid");
		List<Map<String, Object>> paid = JsonPath.read(getOnSandbox("/sandbox/horizon/transactions"),
				"$.transactions[?(@.memo == '" + piPaymentId + "')]");
		assertThat(paid).as("transactions on the chain for Pi payment " + piPaymentId)
			.singleElement()
			.satisfies(tx -> assertThat(tx).containsEntry("hash", txid).containsEntry("successful", true));
		String onPi = piPayment(piPaymentId);
		assertThat(JsonPath.<Boolean>read(onPi, "$.status.developer_completed")).as(onPi).isTrue();
		assertThat(JsonPath.<String>read(onPi, "$.transaction.txid")).isEqualTo(txid);
		// Delivered and marked so: a later crash cannot make the outbox send it again.
		await("payout.completed for " + payout + " delivered").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> webhooks.count("payout.completed", payout) >= 1 && undeliveredEvents() == 0);
		assertThat(webhooks.count("payout.completed", payout)).isEqualTo(1);
	}

	private static Sidecar startSidecar() throws IOException {
		int port = freePort();
		int management = freePort();
		String name = "payout-crash-sidecar-" + (++sidecars);
		Map<String, String> environment = Map.ofEntries(Map.entry("PI_SIDECAR_PORT", String.valueOf(port)),
				Map.entry("PI_SIDECAR_MANAGEMENT_PORT", String.valueOf(management)),
				Map.entry("PI_EDGE_CONFIG_DIR", configDir()), Map.entry("PI_API_BASE_URL", sandboxUrl),
				Map.entry("PI_API_KEY", "sandbox-api-key"), Map.entry("PI_DB_HOST", "127.0.0.1"),
				Map.entry("PI_DB_PORT", String.valueOf(postgres.getPort())), Map.entry("PI_DB_NAME", "postgres"),
				Map.entry("PI_DB_USER", "postgres"), Map.entry("PI_PAYOUTS_ENABLED", "true"),
				Map.entry("PI_WALLET_SEED", DEMO_WALLET_SEED),
				Map.entry("PI_HORIZON_TESTNET_URL", sandboxUrl + "/horizon"),
				// Nothing here calls the sidecar as the proxy; it only has to be a valid
				// URL.
				Map.entry("PI_IDENTITY_JWKS_URI", "http://127.0.0.1:9/.well-known/jwks.json"),
				Map.entry("PI_FULFILLMENT_URL", webhooks.url()),
				Map.entry("PI_FULFILLMENT_SECRET", "payout-crash-test-secret-0123456789abcdef"));
		// The shortest lease the sidecar accepts: a new sidecar takes a killed one's
		// payout
		// over once it ends (its start-up takes most of it). Short polls resume at once.
		Map<String, String> fast = Map.of("pi.payouts.lease", "10s", "pi.payouts.poll-interval", "500ms");
		RunningJar jar = RunningJar.start(name, "payment-sidecar", environment, fast,
				"http://127.0.0.1:" + management + "/actuator/health/readiness");
		return new Sidecar(jar, "http://127.0.0.1:" + port, "http://127.0.0.1:" + management);
	}

	private static String requestPayout(Sidecar target, String reference) {
		String body = "{\"uid\":\"" + ALICE + "\",\"amount\":1.5,\"memo\":\"Crash test reward\",\"reference\":\""
				+ reference + "\"}";
		HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(target.apiUrl + "/pi-edge/api/payouts"))
			.header("Authorization", "Bearer " + apiKey)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return JsonPath.read(accepted.body(), "$.id");
	}

	private static String payoutJson(String payout) {
		HttpResponse<String> found = send(
				HttpRequest.newBuilder(URI.create(sidecar.apiUrl + "/pi-edge/api/payouts/" + payout))
					.header("Authorization", "Bearer " + apiKey));
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		return found.body();
	}

	private static String piPaymentOf(String payout) {
		return piPayment(JsonPath.read(payoutJson(payout), "$.pi_payment_id"));
	}

	private static String piPayment(String piPaymentId) {
		HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/v2/payments/" + piPaymentId))
			.header("Authorization", PI_KEY));
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		return found.body();
	}

	/** Pi's open A2U payments, as JSON objects. */
	private static List<String> incompleteOnPi() {
		HttpResponse<String> found = send(
				HttpRequest.newBuilder(URI.create(sandboxUrl + "/v2/payments/incomplete_server_payments"))
					.header("Authorization", PI_KEY));
		List<Map<String, Object>> payments = JsonPath.read(found.body(), "$.incomplete_server_payments");
		return payments.stream().map(payment -> JsonPath.parse(payment).jsonString()).toList();
	}

	private static List<String> chainHashes() {
		return JsonPath.read(getOnSandbox("/sandbox/horizon/transactions"), "$.transactions[*].hash");
	}

	private static int calls(String endpoint) {
		Map<String, Integer> counts = JsonPath.read(getOnSandbox("/sandbox/calls"), "$");
		return counts.getOrDefault(endpoint, 0);
	}

	private static long undeliveredEvents() throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT count(*) FROM outbox_event WHERE delivered_at IS NULL")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String getOnSandbox(String path) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandboxUrl + path)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	private static void deleteOnSandbox(String path) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandboxUrl + path)).DELETE());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String configDir() {
		return RepositoryRoot.path().resolve("config").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record Sidecar(RunningJar jar, String apiUrl, String managementUrl) {
	}

	/**
	 * One step a sidecar dies in: the sandbox endpoint that never answers, whether the
	 * sandbox carries the call out first, and what the sandbox shows once the sidecar is
	 * parked there (checked before the kill).
	 */
	private record Crash(String name, String endpoint, boolean applied, Reached reached) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	@FunctionalInterface
	private interface Reached {

		void check(String payout);

	}

}
