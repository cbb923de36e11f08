package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.sidecar.api.ApiIntegrationTestSupport;
import dev.piedge.sidecar.api.ApiTestConfiguration;
import dev.piedge.sidecar.chain.AppWallet;
import dev.piedge.sidecar.chain.HorizonClient;
import dev.piedge.sidecar.chain.PayoutTransactionSigner;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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

	@Autowired
	PayoutWalletCheck walletCheck;

	String key;

	@DynamicPropertySource
	static void fakeUrls(DynamicPropertyRegistry registry) {
		registry.add("pi.api.base-url", fake::piUrl);
		registry.add("pi.payouts.horizon.urls.[Pi Testnet]", fake::horizonUrl);
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

	@Test
	void theSameIdempotencyKeyAndBodyReplaysTheFirstAnswerAndPaysOnce() {
		String idempotencyKey = UUID.randomUUID().toString();
		Map<String, Object> body = Map.of("uid", "uid-alice", "amount", "1", "memo", "Refund");
		String first = (String) post("/pi-edge/api/payouts", idempotencyKey, body).expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody()
			.get("id");
		Map<String, Object> replay = post("/pi-edge/api/payouts", idempotencyKey, body).expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(replay).containsEntry("id", first);
		awaitStatus(first, "completed");
		assertThat(countPayouts()).isEqualTo(1);
		assertThat(fake.transactions()).isEqualTo(1);
	}

	@Test
	void theSameIdempotencyKeyWithAnotherBodyIs422() {
		String idempotencyKey = UUID.randomUUID().toString();
		holdLeaseElsewhere();
		post("/pi-edge/api/payouts", idempotencyKey, Map.of("uid", "uid-alice", "amount", "1", "memo", "a"))
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED);
		post("/pi-edge/api/payouts", idempotencyKey, Map.of("uid", "uid-alice", "amount", "2", "memo", "a"))
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_reused");
		assertThat(countPayouts()).isEqualTo(1);
	}

	@Test
	void aPayoutWithoutIdempotencyKeyIsRefused() {
		post("/pi-edge/api/payouts", null, Map.of("uid", "uid-alice", "amount", "1", "memo", "a")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_required");
		assertThat(countPayouts()).isZero();
	}

	@Test
	void aReferenceIsUsedOnceEvenWithAnotherIdempotencyKey() {
		holdLeaseElsewhere();
		Map<String, Object> body = Map.of("uid", "uid-alice", "amount", "1", "memo", "a", "reference", "job-1");
		String first = (String) post("/pi-edge/api/payouts", UUID.randomUUID().toString(), body).expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody()
			.get("id");
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(), body).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("reference_already_used")
			.jsonPath("$.payout_id")
			.isEqualTo(first);
		assertThat(countPayouts()).isEqualTo(1);
	}

	@Test
	void limitsPerPayoutAndPerDayAreEnforced() {
		holdLeaseElsewhere();
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "50.0000001", "memo", "a"))
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payout_limit_exceeded");
		for (int i = 0; i < 2; i++) {
			post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
					Map.of("uid", "uid-alice", "amount", "45", "memo", "a"))
				.expectStatus()
				.isEqualTo(HttpStatus.ACCEPTED);
		}
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "10.5", "memo", "a"))
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payout_limit_exceeded");
		assertThat(countPayouts()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsCannotBothTakeTheLastOfTheDailyLimit() {
		holdLeaseElsewhere();
		accept("45");
		accept("45");
		// 10 Pi are left today: of these requests at once, exactly one may be accepted.
		List<Integer> statuses = Flux.range(0, 12)
			.parallel(12)
			.runOn(Schedulers.boundedElastic())
			.map(i -> post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
					Map.of("uid", "uid-alice", "amount", "10", "memo", "a"))
				.returnResult(String.class)
				.getStatus()
				.value())
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
		assertThat(statuses).filteredOn(status -> status == 422).hasSize(11);
		assertThat(countPayouts()).isEqualTo(3);
	}

	@Test
	void amountsAreAnsweredExactlyWithoutPadding() {
		String accepted = post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "1.50", "memo", "a"))
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(accepted).contains("\"amount\":1.5,");
		String id = (String) JSON.readValue(accepted, Map.class).get("id");
		awaitStatus(id, "completed");
		assertThat(rawGet("/pi-edge/api/payouts/" + id)).contains("\"amount\":1.5,");
		assertThat(this.db.sql("SELECT payload ->> 'amount' FROM outbox_event WHERE event_type = 'payout.completed'")
			.map(row -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(5))).isEqualTo("1.5");
		String whole = accept("10");
		assertThat(rawGet("/pi-edge/api/payouts/" + whole)).contains("\"amount\":10,");
	}

	@Test
	void anAmountWithMoreThanSevenDecimalsIsInvalid() {
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "0.00000001", "memo", "a"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_payout");
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				"{\"uid\": \"uid-alice\", \"amount\": 1.12345678, \"memo\": \"a\"}")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_payout");
		assertThat(countPayouts()).isZero();
	}

	@Test
	void aReadOnlyKeyCannotAskForAPayout() {
		this.key = createKey("reader", "payouts:read").key();
		post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", "1", "memo", "a"))
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_permission")
			.jsonPath("$.missing_permission")
			.isEqualTo("payouts:write");
	}

	@Test
	void anotherCallersPayoutIsNotFound() {
		holdLeaseElsewhere();
		String id = accept("1");
		this.key = createKey("other", "payouts:write").key();
		getApi("/pi-edge/api/payouts/" + id, this.key).exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payout_not_found");
	}

	@Test
	void aQueuedPayoutCanBeCancelledAndIsNeverCreatedOnPi() {
		holdLeaseElsewhere();
		String id = accept("1");
		post("/pi-edge/api/payouts/" + id + "/cancel", UUID.randomUUID().toString(), Map.of()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("cancelled");
		releaseLease();
		freshWorker().drain().block(Duration.ofSeconds(20));
		assertThat(get("/pi-edge/api/payouts/" + id)).containsEntry("status", "cancelled");
		assertThat(fake.createdPayments()).isZero();
	}

	@Test
	void aCompletedPayoutCannotBeCancelled() {
		String id = accept("1");
		awaitStatus(id, "completed");
		post("/pi-edge/api/payouts/" + id + "/cancel", UUID.randomUUID().toString(), Map.of()).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payout_not_cancellable");
	}

	@Test
	void aCreateWhoseAnswerWasLostIsAdoptedNotCreatedTwice() {
		fake.loseCreateAnswers.set(1);
		String id = accept("2");
		resumeUntilCompleted(id);
		assertThat(fake.createdPayments()).isEqualTo(1);
		assertPaidOnce();
	}

	@Test
	void aSubmitThatNeverReachedTheChainIsResubmittedWithTheSameEnvelope() {
		fake.hangSubmits.set(1);
		String id = accept("2");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "submitted".equals(get("/pi-edge/api/payouts/" + id).get("status")));
		String storedTxid = (String) get("/pi-edge/api/payouts/" + id).get("txid");
		assertThat(storedTxid).isNotNull();
		assertThat(fake.transactions()).isZero();
		resumeUntilCompleted(id);
		assertThat(get("/pi-edge/api/payouts/" + id)).containsEntry("txid", storedTxid);
		assertPaidOnce();
	}

	@Test
	void aTransactionThatLandedWithoutAnAnswerIsCompletedNotPaidAgain() {
		fake.landWithoutAnswer.set(1);
		String id = accept("2");
		resumeUntilCompleted(id);
		assertPaidOnce();
	}

	@Test
	void aCompleteWhoseAnswerWasLostIsNotRepeated() {
		fake.loseCompleteAnswers.set(1);
		String id = accept("2");
		resumeUntilCompleted(id);
		assertPaidOnce();
	}

	@Test
	void twoInstancesPayManyPayoutsWithOneOpenA2UPaymentAtATime() {
		holdLeaseElsewhere();
		List<String> ids = List.of(accept("1"), accept("2"), accept("3"), accept("4"));
		releaseLease();
		PayoutWorker first = freshWorker();
		PayoutWorker second = freshWorker();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Mono.when(first.drain(), second.drain(), this.worker.drain()).block(Duration.ofSeconds(20));
			return ids.stream().allMatch(id -> "completed".equals(get("/pi-edge/api/payouts/" + id).get("status")));
		});
		assertThat(fake.maxOpenAtOnce()).isEqualTo(1);
		assertThat(fake.createdPayments()).isEqualTo(4);
		assertThat(fake.transactions()).isEqualTo(4);
		assertThat(fake.completions()).isEqualTo(4);
		assertThat(webhooks()).hasSize(4).containsOnly("payout.completed");
	}

	@Test
	void aPayoutPiRefusesToCreateSendsPayoutFailedWithPisCode() {
		fake.refuseCreates.set("user_not_found");
		String id = accept("1");
		awaitStatus(id, "failed");
		assertThat(get("/pi-edge/api/payouts/" + id)).containsEntry("failure_code", "user_not_found")
			.containsEntry("pi_payment_id", null);
		assertThat(webhooks()).containsExactly("payout.failed");
		Map<String, Object> payload = this.db
			.sql("SELECT payload ->> 'payout_id' AS payout, payload ->> 'status' AS status, "
					+ "payload ->> 'failure_code' AS code FROM outbox_event WHERE event_type = 'payout.failed'")
			.map(row -> Map.<String, Object>of("payout", row.get("payout", String.class), "status",
					row.get("status", String.class), "code", row.get("code", String.class)))
			.one()
			.block(Duration.ofSeconds(5));
		assertThat(payload).containsEntry("payout", id)
			.containsEntry("status", "failed")
			.containsEntry("code", "user_not_found");
	}

	@Test
	void aWalletPiDoesNotReportKeepsPayoutsOffFromStartUp() {
		fake.appAddress.set(FakePiChain.RECIPIENT_ADDRESS);
		fake.openPaymentOnPi("uid-bob", new BigDecimal("1"));
		holdLeaseElsewhere();
		String id = accept("1");
		releaseLease();
		PayoutWalletCheck check = freshWalletCheck();
		check.checkOnce().block(Duration.ofSeconds(20));
		freshWorker(check).drain().block(Duration.ofSeconds(20));
		assertThat(fake.createdPayments()).isZero();
		assertThat(get("/pi-edge/api/payouts/" + id)).containsEntry("status", "queued");
		Health health = new PayoutWalletHealthIndicator(check).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("check", "mismatch");
		assertThat(health.getDetails().get("detail").toString()).contains(FakePiChain.APP_ADDRESS)
			.contains(FakePiChain.RECIPIENT_ADDRESS)
			.doesNotContain(FakePiChain.APP_SEED);
	}

	@Test
	void aPiOutageAtStartUpPausesPayoutsUntilTheWalletIsChecked() {
		fake.incompleteUnavailable.set(true);
		holdLeaseElsewhere();
		String id = accept("1");
		releaseLease();
		PayoutWalletCheck check = freshWalletCheck();
		PayoutWorker fresh = freshWorker(check);
		Disposable checking = check.start(() -> {
		});
		try {
			fresh.drain().block(Duration.ofSeconds(20));
			assertThat(fake.createdPayments()).isZero();
			assertThat(new PayoutWalletHealthIndicator(check).health().getStatus()).isEqualTo(Status.UNKNOWN);
			// The sidecar itself is ready: U2A callbacks do not wait for Pi.
			management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			fake.incompleteUnavailable.set(false);
			await().atMost(Duration.ofSeconds(20)).until(check::allowsPayouts);
		}
		finally {
			checking.dispose();
		}
		assertThat(check.result().state()).isEqualTo(PayoutWalletCheck.State.NOTHING_TO_COMPARE);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			fresh.drain().block(Duration.ofSeconds(20));
			return "completed".equals(get("/pi-edge/api/payouts/" + id).get("status"));
		});
		assertPaidOnce();
	}

	@Test
	void theWalletCheckShowsInHealth() {
		management().get()
			.uri("/actuator/health/payoutWallet")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	String accept(String amount) {
		return (String) post("/pi-edge/api/payouts", UUID.randomUUID().toString(),
				Map.of("uid", "uid-alice", "amount", amount, "memo", "Reward"))
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody()
			.get("id");
	}

	/**
	 * As after a crash: a fresh worker (a new instance) runs until the payout is done;
	 * the lease of the one that failed mid-step ends with its run or expires.
	 */
	void resumeUntilCompleted(String id) {
		PayoutWorker fresh = freshWorker();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			fresh.drain().block(Duration.ofSeconds(20));
			return "completed".equals(get("/pi-edge/api/payouts/" + id).get("status"));
		});
	}

	void awaitStatus(String id, String status) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> status.equals(get("/pi-edge/api/payouts/" + id).get("status")));
	}

	void assertPaidOnce() {
		assertThat(fake.transactions()).isEqualTo(1);
		assertThat(fake.completions()).isEqualTo(1);
		assertThat(webhooks()).containsExactly("payout.completed");
	}

	long countPayouts() {
		return this.db.sql("SELECT COUNT(*) FROM payout")
			.map(row -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	/** Another instance holds the A2U lease: nothing here pays until it is released. */
	void holdLeaseElsewhere() {
		this.db.sql("UPDATE payout_lease SET holder = :holder, held_until = :until")
			.bind("holder", UUID.randomUUID())
			.bind("until", ApiTestConfiguration.START.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC))
			.then()
			.block(Duration.ofSeconds(5));
	}

	void releaseLease() {
		this.db.sql("UPDATE payout_lease SET holder = NULL, held_until = NULL").then().block(Duration.ofSeconds(5));
	}

	String rawGet(String path) {
		return getApi(path, this.key).exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
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
		// This test's payouts only: a step of an earlier test's worker may still be
		// writing.
		return this.db
			.sql("SELECT event_type FROM outbox_event WHERE event_type LIKE 'payout.%' "
					+ "AND payload ->> 'payout_id' IN (SELECT CAST(id AS VARCHAR) FROM payout) ORDER BY created_at")
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(5));
	}

	/** A worker of its own, as a freshly started instance has. */
	PayoutWorker freshWorker() {
		return freshWorker(this.walletCheck);
	}

	PayoutWorker freshWorker(PayoutWalletCheck check) {
		return new PayoutWorker(this.payouts, this.ledger, this.pi, this.piPayments, this.horizon, this.signer,
				this.wallet, this.outbox, this.properties, check, this.clock);
	}

	/** The start-up wallet check of a freshly started instance, retrying fast. */
	PayoutWalletCheck freshWalletCheck() {
		return new PayoutWalletCheck(this.pi, this.piPayments, this.payouts, this.wallet, Duration.ofMillis(50),
				Duration.ofMillis(200));
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
