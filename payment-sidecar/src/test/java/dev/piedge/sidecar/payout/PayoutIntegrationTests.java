package dev.piedge.sidecar.payout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.sidecar.api.ApiIntegrationTestSupport;
import dev.piedge.sidecar.chain.AppWallet;
import dev.piedge.sidecar.chain.HorizonClient;
import dev.piedge.sidecar.chain.PayoutTransactionSigner;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payouts end to end on the real sidecar and PostgreSQL, against {@link FakePiChain}
 * (Pi's A2U API and a Horizon that checks the real signature): the API, the worker's
 * steps, a crash at each step resumed by a fresh worker, and two workers at once.
 */
@TestPropertySource(properties = { "pi.payouts.enabled=true", "pi.payouts.wallet.seed=" + FakePiChain.APP_SEED,
		"pi.payouts.poll-interval=1h", "pi.payouts.max-amount=50", "pi.payouts.daily-limit=100",
		"pi.payouts.horizon.submit-timeout=1s", "pi.payouts.horizon.timeout=2s", "pi.api.timeout=2s" })
class PayoutIntegrationTests extends ApiIntegrationTestSupport {

	static final FakePiChain fake = new FakePiChain();

	@Autowired
	PayoutWorker worker;

	@Autowired
	PayoutRepository payouts;

	@Autowired
	PaymentLedger ledger;

	@Autowired
	PiPlatformClient pi;

	@Autowired
	PiPaymentsClient piPayments;

	@Autowired
	HorizonClient horizon;

	@Autowired
	PayoutTransactionSigner signer;

	@Autowired
	AppWallet wallet;

	@Autowired
	FulfillmentOutbox outbox;

	@Autowired
	PayoutProperties properties;

	String key;

	@DynamicPropertySource
	static void fakeUrls(DynamicPropertyRegistry registry) {
		registry.add("pi.api.base-url", fake::piUrl);
		registry.add("pi.payouts.horizon.urls.[Pi Testnet]", fake::horizonUrl);
	}

	@AfterAll
	static void stopFake() {
		// The cached context may outlive this class; it only polls hourly.
	}

	@BeforeEach
	void cleanSlate() {
		fake.reset();
		this.db.sql("DELETE FROM outbox_event WHERE event_type LIKE 'payout.%'").then().block(Duration.ofSeconds(5));
		this.db.sql("DELETE FROM payout").then().block(Duration.ofSeconds(5));
		this.db.sql("UPDATE payout_lease SET holder = NULL, held_until = NULL").then().block(Duration.ofSeconds(5));
		this.key = createKey("payouts", "payouts:write").key();
	}

	@Test
	void aPayoutIsCreatedSignedSubmittedAndCompletedOnce() {
		Map<String, Object> accepted = post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "3.1415926", "memo", "Prize", "metadata", Map.of("round", 7),
						"reference", "prize-7"))
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(accepted).containsEntry("uid", "uid-alice").containsEntry("reference", "prize-7");
		assertThat(accepted.get("status")).isIn("queued", "created", "submitted", "completed");
		String id = (String) accepted.get("id");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> "completed".equals(get("/pi-edge/api/payouts/" + id).get("status")));

		Map<String, Object> completed = get("/pi-edge/api/payouts/" + id);
		assertThat(completed.get("amount").toString()).isEqualTo("3.1415926");
		assertThat(completed.get("pi_payment_id")).isNotNull();
		assertThat(completed.get("txid")).isNotNull();
		assertThat(completed.get("network")).isEqualTo("Pi Testnet");
		assertThat(get("/pi-edge/api/payouts?reference=prize-7")).containsEntry("id", id);
		assertThat(fake.transactions()).isEqualTo(1);
		assertThat(fake.completions()).isEqualTo(1);
		assertThat(webhooks()).containsExactly("payout.completed");
	}

	Map<String, Object> get(String path) {
		return getApi(path, this.key).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
	}

	WebTestClient.ResponseSpec post(String path, String idempotencyKey, Object body) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri(path)
			.header("Authorization", "Bearer " + this.key)
			.contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.bodyValue(body).exchange();
	}

	List<String> webhooks() {
		return this.db.sql("SELECT event_type FROM outbox_event WHERE event_type LIKE 'payout.%' ORDER BY created_at")
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(5));
	}

	/** A worker of its own, as a freshly started instance has. */
	PayoutWorker freshWorker() {
		return new PayoutWorker(this.payouts, this.ledger, this.pi, this.piPayments, this.horizon, this.signer,
				this.wallet, this.outbox, this.properties, this.clock);
	}

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
