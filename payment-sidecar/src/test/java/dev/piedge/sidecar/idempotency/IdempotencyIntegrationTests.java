package dev.piedge.sidecar.idempotency;

import java.time.Duration;
import java.util.UUID;

import dev.piedge.sidecar.api.ApiIntegrationTestSupport;
import dev.piedge.sidecar.api.ApiTestConfiguration.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Idempotency-Key} on the backend API's POSTs, through the real filter and
 * PostgreSQL, with the test endpoints counting how often each request really ran.
 */
class IdempotencyIntegrationTests extends ApiIntegrationTestSupport {

	@Autowired
	Runs runs;

	@Autowired
	IdempotencyPruner pruner;

	private CreatedKey key;

	private String body;

	@BeforeEach
	void keyAndUniqueBody() {
		this.key = createKey("idempotent", "payouts:write");
		this.body = "{\"order\":\"" + UUID.randomUUID() + "\"}";
		this.runs.open();
	}

	@AfterEach
	void openTheGate() {
		this.runs.open();
	}

	@Test
	void replaysTheFirstAnswerForTheSameKeyAndRequest() {
		EntityExchangeResult<String> first = post("/orders", this.key, "order-1", this.body).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKeys.REPLAYED_HEADER)
			.expectBody(String.class)
			.returnResult();

		EntityExchangeResult<String> again = post("/orders", this.key, "order-1", this.body).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true")
			.expectBody(String.class)
			.returnResult();

		assertThat(this.runs.of(this.body)).isOne();
		assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody()).contains("\"order\":1");
		assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		assertThat(again.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		// Only the headers that describe the answer are kept, not every header the
		// endpoint set.
		assertThat(first.getResponseHeaders().getFirst("X-Run")).isEqualTo("1");
		assertThat(again.getResponseHeaders().getFirst("X-Run")).isNull();
	}

	@Test
	void theSameKeyWithAnotherRequestIs422AndDoesNotRun() {
		post("/orders", this.key, "order-2", this.body).expectStatus().isCreated();
		String otherBody = this.body.replace("}", ",\"amount\":2}");

		post("/orders", this.key, "order-2", otherBody).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_reused");
		post("/orders-with-key", this.key, "order-2", this.body).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_reused");
		assertThat(this.runs.of(otherBody)).isZero();
		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void aSecondRequestWhileTheFirstRunsIs409() {
		this.runs.close();
		// The first request waits at the gate, holding the key.
		Mono<EntityExchangeResult<String>> first = Mono
			.fromCallable(() -> post("/slow", this.key, "slow-1", this.body).expectBody(String.class).returnResult())
			.subscribeOn(Schedulers.boundedElastic())
			.cache();
		first.subscribe();
		await("the first request to run").atMost(Duration.ofSeconds(10)).until(() -> this.runs.of(this.body) == 1);

		post("/slow", this.key, "slow-1", this.body).expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_in_progress");

		this.runs.open();
		assertThat(first.block(Duration.ofSeconds(10)).getStatus().value()).isEqualTo(200);
		post("/slow", this.key, "slow-1", this.body).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true");
		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void ofSeveralSimultaneousRequestsExactlyOneRuns() {
		this.runs.close();
		int requests = 6;
		Flux<Integer> statuses = Flux.range(0, requests)
			.flatMap(i -> Mono
				.fromCallable(() -> post("/slow", this.key, "simultaneous-1", this.body).expectBody(String.class)
					.returnResult()
					.getStatus()
					.value())
				.subscribeOn(Schedulers.boundedElastic()), requests)
			.cache();
		statuses.subscribe();
		// Those that lost the race answer at once; the winner waits at the gate.
		assertThat(statuses.take(requests - 1).collectList().block(Duration.ofSeconds(20))).containsOnly(409);
		this.runs.open();

		assertThat(statuses.collectList().block(Duration.ofSeconds(20))).containsOnlyOnce(200);
		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void aLeaseThatEndedIsTakenOverAndTheLateFirstAnswerIsNotStored() {
		this.runs.close();
		Mono<EntityExchangeResult<String>> first = Mono
			.fromCallable(() -> post("/slow", this.key, "lease-1", this.body).expectBody(String.class).returnResult())
			.subscribeOn(Schedulers.boundedElastic())
			.cache();
		first.subscribe();
		await("the first request to run").atMost(Duration.ofSeconds(10)).until(() -> this.runs.of(this.body) == 1);

		// As if the first request's instance had died: its one-minute lease runs out.
		this.clock.advance(Duration.ofSeconds(61));
		Mono<EntityExchangeResult<String>> second = Mono
			.fromCallable(() -> post("/slow", this.key, "lease-1", this.body).expectBody(String.class).returnResult())
			.subscribeOn(Schedulers.boundedElastic())
			.cache();
		second.subscribe();
		await("the retry to run").atMost(Duration.ofSeconds(10)).until(() -> this.runs.of(this.body) == 2);
		this.runs.open();

		assertThat(first.block(Duration.ofSeconds(10)).getResponseBody()).contains("\"order\":1");
		assertThat(second.block(Duration.ofSeconds(10)).getResponseBody()).contains("\"order\":2");
		post("/slow", this.key, "lease-1", this.body).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true")
			.expectBody(String.class)
			.value(replayed -> assertThat(replayed).contains("\"order\":2"));
	}

	@Test
	void keysAreKeptPerCaller() {
		CreatedKey other = createKey("other-backend", "payouts:write");

		post("/orders", this.key, "shared-key", this.body).expectStatus().isCreated();
		post("/orders", other, "shared-key", this.body).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKeys.REPLAYED_HEADER);

		assertThat(this.runs.of(this.body)).isEqualTo(2);
	}

	@Test
	void aRefusalIsStoredAndReplayedLikeAnyAnswer() {
		post("/refused", this.key, "refused-1", this.body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.doesNotExist(IdempotencyKeys.REPLAYED_HEADER);
		post("/refused", this.key, "refused-1", this.body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request");

		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void aServerErrorReleasesTheKeySoTheRetryRunsAgain() {
		post("/broken", this.key, "broken-1", this.body).expectStatus().is5xxServerError();
		post("/broken", this.key, "broken-1", this.body).expectStatus()
			.is5xxServerError()
			.expectHeader()
			.doesNotExist(IdempotencyKeys.REPLAYED_HEADER);

		assertThat(this.runs.of(this.body)).isEqualTo(2);
	}

	@Test
	void anAnswerWithoutBodyIsReplayedToo() {
		post("/empty", this.key, "empty-1", this.body).expectStatus().isNoContent();
		post("/empty", this.key, "empty-1", this.body).expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true");

		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void aMalformedKeyIs400AndTheRequestDoesNotRun() {
		post("/orders", this.key, "k".repeat(256), this.body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_idempotency_key");
		post("/orders", this.key, "caf\u00e9", this.body).expectStatus().isBadRequest();

		assertThat(this.runs.of(this.body)).isZero();
	}

	@Test
	void anEndpointThatRequiresAKeyRefusesARequestWithoutOne() {
		post("/orders-with-key", this.key, null, this.body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_required");
		assertThat(this.runs.of(this.body)).isZero();

		post("/orders-with-key", this.key, "required-1", this.body).expectStatus().isOk();
		post("/orders-with-key", this.key, "required-1", this.body).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true");
		assertThat(this.runs.of(this.body)).isOne();
	}

	@Test
	void withoutAKeyEveryRequestRuns() {
		post("/orders", this.key, null, this.body).expectStatus().isCreated();
		post("/orders", this.key, null, this.body).expectStatus().isCreated();

		assertThat(this.runs.of(this.body)).isEqualTo(2);
	}

	@Test
	void answersAreKeptForTheRetentionThenPruned() {
		post("/orders", this.key, "kept-1", this.body).expectStatus().isCreated();

		this.clock.advance(Duration.ofHours(24));
		assertThat(this.pruner.prune().block(Duration.ofSeconds(10))).isZero();
		post("/orders", this.key, "kept-1", this.body).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKeys.REPLAYED_HEADER, "true");

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pruner.prune().block(Duration.ofSeconds(10))).isPositive();
		post("/orders", this.key, "kept-1", this.body).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKeys.REPLAYED_HEADER);
		assertThat(this.runs.of(this.body)).isEqualTo(2);
	}

	@Test
	void pruningRunsInBatchesAndSparesRequestsStillRunning() {
		String principal = "key:" + this.key.id();
		this.db.sql("""
				INSERT INTO api_idempotency (principal, idempotency_key, request_sha256, response_status, created_at,
				    completed_at)
				SELECT :principal, 'old-' || n, '\\x00'::bytea, 201, :old, :old FROM generate_series(1, :count) AS n""")
			.bind("principal", principal)
			.bind("old", this.clock.instant().minus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC))
			.bind("count", IdempotencyPruner.BATCH_SIZE + 7)
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));
		// Started two days ago and still leased: a request that is (as far as anyone
		// knows) still running.
		this.db.sql("""
				INSERT INTO api_idempotency (principal, idempotency_key, request_sha256, lease_token, leased_until,
				    created_at)
				VALUES (:principal, 'running', '\\x00'::bytea, gen_random_uuid(), :until, :old)""")
			.bind("principal", principal)
			.bind("until", this.clock.instant().plusSeconds(30).atOffset(java.time.ZoneOffset.UTC))
			.bind("old", this.clock.instant().minus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC))
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));

		assertThat(this.pruner.prune().block(Duration.ofSeconds(30)))
			.isGreaterThanOrEqualTo(IdempotencyPruner.BATCH_SIZE + 7);
		assertThat(keysOf(principal)).isEqualTo(1);
	}

	private long keysOf(String principal) {
		return this.db.sql("SELECT count(*) FROM api_idempotency WHERE principal = :principal")
			.bind("principal", principal)
			.map(row -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private WebTestClient.ResponseSpec post(String path, CreatedKey caller, String idempotencyKey, String body) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/pi-edge/api/test" + path)
			.header("Authorization", "Bearer " + caller.key())
			.contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request = request.header(IdempotencyKeys.HEADER, idempotencyKey);
		}
		return request.bodyValue(body).exchange();
	}

}
