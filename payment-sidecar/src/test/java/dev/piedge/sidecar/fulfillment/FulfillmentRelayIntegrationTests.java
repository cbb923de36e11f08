package dev.piedge.sidecar.fulfillment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FulfillmentRelayIntegrationTests extends FulfillmentIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	FulfillmentOutbox outbox;

	@Autowired
	FulfillmentRelay relay;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Test
	void deliversTheExactSignedBodyWithIdentityAndIdempotencyHeaders() throws Exception {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-deliver");
		double deliveredBefore = deliveries("delivered");

		this.outbox.paymentCompleted(row, "uid-deliver", completedPayment(piPaymentId, "uid-deliver", "3.1400000"))
			.block(WAIT);
		eventually("the event is delivered").until(() -> event(row).get("delivered_at") != null);

		Map<String, Object> event = event(row);
		UUID eventId = id(event);
		List<LoggedRequest> requests = requestsFor(eventId);
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		String body = request.getBodyAsString();
		assertThat(body).isEqualTo("{\"id\":\"" + eventId + "\",\"type\":\"payment.completed\",\"created\":"
				+ TestClockConfiguration.START.getEpochSecond() + ",\"data\":{\"payment_id\":\"" + piPaymentId
				+ "\",\"user_uid\":\"uid-deliver\",\"amount\":3.1400000,\"memo\":\"Order for " + piPaymentId
				+ "\",\"metadata\":{\"order_id\":\"o-" + piPaymentId + "\"},\"txid\":\"tx-" + piPaymentId
				+ "\",\"network\":\"Pi Testnet\",\"created_at\":\"2026-11-22T11:59:00Z\","
				+ "\"completed_at\":\"2026-11-22T12:00:00Z\"}}");
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		assertThat(request.getHeader("X-Pi-Uid")).isEqualTo("uid-deliver");
		assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId.toString());

		String signature = request.getHeader("Pi-Edge-Signature");
		assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
		String timestamp = signature.substring(2, signature.indexOf(','));
		assertThat(Long.parseLong(timestamp)).isEqualTo(TestClockConfiguration.START.getEpochSecond());
		assertThat(signature.substring(signature.indexOf("v1=") + 3))
			.isEqualTo(independentHmac(timestamp + ".", request.getBody()));

		assertThat(event.get("attempts")).isEqualTo(0);
		assertThat(event.get("last_error")).isNull();
		assertThat(event.get("claimed_until")).isNull();
		assertThat(deliveries("delivered")).isGreaterThan(deliveredBefore);
	}

	@Test
	void retriesWithGrowingBackoffWhileTheBackendIsDownThenDeliversExactlyOnce() {
		String piPaymentId = "pay-" + UUID.randomUUID();
		long row = insertPayment(piPaymentId, "uid-retry");
		backend.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"db password is hunter2\"}")));

		this.outbox.paymentCompleted(row, "uid-retry", completedPayment(piPaymentId, "uid-retry", "1")).block(WAIT);

		eventually("the first attempt fails").until(() -> attempts(row) == 1);
		Map<String, Object> first = event(row);
		// The status only: the backend's body (which here leaks a password) is never
		// stored.
		assertThat(first.get("last_error")).isEqualTo("HTTP 500");
		assertThat(first.get("delivered_at")).isNull();
		assertThat(delayAfter(first, TestClockConfiguration.START)).isBetween(Duration.ofMillis(800),
				Duration.ofMillis(1200));

		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		Instant second = advance(Duration.ofSeconds(2));
		eventually("the second attempt fails").until(() -> attempts(row) == 2);
		Map<String, Object> afterReset = event(row);
		assertThat((String) afterReset.get("last_error")).startsWith("connection error: ");
		assertThat(delayAfter(afterReset, second)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));

		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		Instant third = advance(Duration.ofSeconds(3));
		eventually("the third attempt times out").until(() -> attempts(row) == 3);
		Map<String, Object> afterTimeout = event(row);
		assertThat((String) afterTimeout.get("last_error")).startsWith("no response within");
		assertThat(delayAfter(afterTimeout, third)).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
		assertThat(instant(afterTimeout.get("next_attempt_at"))).isAfter(instant(afterReset.get("next_attempt_at")));
		assertThat(instant(afterReset.get("next_attempt_at"))).isAfter(instant(first.get("next_attempt_at")));

		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));
		advance(Duration.ofSeconds(5));
		eventually("the event is delivered").until(() -> event(row).get("delivered_at") != null);
		Map<String, Object> delivered = event(row);
		assertThat(delivered.get("attempts")).isEqualTo(3);
		assertThat(delivered.get("last_error")).isNull();
		UUID eventId = id(delivered);
		assertThat(requestsFor(eventId)).hasSize(4);

		// A delivered event is never sent again, however much time passes: this poll
		// would have delivered it before completing, and the relay's own loop (every
		// 100 ms here) would send it within four polls.
		advance(Duration.ofDays(1));
		this.relay.pollOnce().block(WAIT);
		this.relay.nudge();
		await("no fifth request").during(Duration.ofMillis(400))
			.atMost(Duration.ofSeconds(5))
			.until(() -> requestsFor(eventId).size() == 4);
	}

	@Test
	void concurrentPollsNeverDeliverTheSameEventTwice() {
		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(50)));
		List<Long> rows = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			rows.add(insertPayment("pay-" + UUID.randomUUID(), "uid-concurrent-" + i));
		}
		Instant due = TestClockConfiguration.START.plusSeconds(60);
		// Enqueued in one transaction and not due yet, so that all 30 become due for
		// every poller at once.
		Flux.fromIterable(rows)
			.concatMap(row -> this.outbox.paymentCompleted(row, "uid-concurrent-" + row,
					completedPayment("pay-concurrent-" + row, "uid-concurrent-" + row, "1")))
			.then(this.db.sql("UPDATE outbox_event SET next_attempt_at = :due WHERE payment_id IN (:rows)")
				.bind("due", due)
				.bind("rows", rows)
				.fetch()
				.rowsUpdated())
			.as(TransactionalOperator.create(this.transactionManager)::transactional)
			.block(WAIT);
		// Not due yet: the relay polls every 100 ms, so three polls send nothing.
		await("nothing sent before it is due").during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> backend.findAll(postRequestedFor(urlEqualTo(PATH))).isEmpty());

		this.clock.set(due);
		// Eight polls at once, plus the relay's own loop: like nine instances sharing one
		// database.
		Flux.range(0, 8).flatMap(i -> this.relay.pollOnce().subscribeOn(Schedulers.parallel())).then().block(WAIT);
		eventually("every event is delivered or has failed").until(() -> rows.stream()
			.map(this::event)
			.allMatch(event -> event.get("delivered_at") != null || (Integer) event.get("attempts") > 0));
		// A failed attempt would legitimately cause a second request (at least once), so
		// rule it out first.
		assertThat(rows).allSatisfy(row -> assertThat(event(row)).containsEntry("attempts", 0)
			.hasEntrySatisfying("delivered_at", deliveredAt -> assertThat(deliveredAt).isNotNull()));

		for (long row : rows) {
			assertThat(requestsFor(id(event(row)))).as("requests for payment row %d", row).hasSize(1);
		}
		assertThat(backend.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(30);
	}

	private int attempts(long row) {
		return (Integer) event(row).get("attempts");
	}

	private Instant advance(Duration duration) {
		this.clock.advance(duration);
		return this.clock.instant();
	}

	private static Duration delayAfter(Map<String, Object> event, Instant failedAt) {
		return Duration.between(failedAt, instant(event.get("next_attempt_at")));
	}

	private double deliveries(String outcome) {
		var counter = this.meters.find("pi.fulfillment.deliveries").tag("outcome", outcome).counter();
		return (counter == null) ? 0 : counter.count();
	}

	private static String independentHmac(String prefix, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update(prefix.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

}
