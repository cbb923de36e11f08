package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.test.MutableClock;
import dev.piedge.test.SharedWireMockExtension;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.piedge.sidecar.PaymentSidecarApplication;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;

/**
 * One application context for every fulfilment integration test: the real embedded
 * PostgreSQL, WireMock as the backend, a hand-moved clock and fast relay settings.
 */
@SpringBootTest(classes = { PaymentSidecarApplication.class, TestClockConfiguration.class })
@ActiveProfiles("test")
abstract class FulfillmentIntegrationTestSupport {

	static final String SECRET = "test-secret-0123456789abcdef0123456789";

	static final String PATH = "/pi/webhooks";

	// Generous for a 2-core CI machine: a timed-out request may still reach the backend,
	// and then count twice.
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * For the whole run, like the cached context that keeps its URL; reset before each
	 * test.
	 */
	@RegisterExtension
	static final SharedWireMockExtension backend = new SharedWireMockExtension();

	@DynamicPropertySource
	static void fulfillmentProperties(DynamicPropertyRegistry registry) {
		registry.add("pi.payments.fulfillment.url", () -> backend.baseUrl() + PATH);
		registry.add("pi.payments.fulfillment.secret", () -> SECRET);
		registry.add("pi.payments.fulfillment.timeout", () -> TIMEOUT.toMillis() + "ms");
		registry.add("pi.payments.fulfillment.poll-interval", () -> "100ms");
		registry.add("pi.payments.fulfillment.batch-size", () -> "5");
		registry.add("pi.payments.fulfillment.claim-timeout", () -> "10s");
		registry.add("pi.payments.fulfillment.min-backoff", () -> "1s");
		registry.add("pi.payments.fulfillment.max-backoff", () -> "8s");
	}

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void resetBackendClockAndOutbox() {
		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
		this.clock.set(TestClockConfiguration.START);
		this.db.sql("DELETE FROM outbox_event").fetch().rowsUpdated().block(Duration.ofSeconds(10));
	}

	long insertPayment(String piPaymentId, String userUid) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return this.db
			.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, amount, status, created_at, updated_at) "
					+ "VALUES (:id, :uid, 'user_to_app', 1, 'APPROVED', :now, :now) RETURNING id")
			.bind("id", piPaymentId)
			.bind("uid", userUid)
			.bind("now", now)
			.map(row -> row.get("id", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	static CompletedPayment completedPayment(String piPaymentId, String userUid, String amount) {
		return new CompletedPayment(piPaymentId, userUid, new BigDecimal(amount), "Order for " + piPaymentId,
				Map.of("order_id", "o-" + piPaymentId), "tx-" + piPaymentId, "Pi Testnet",
				TestClockConfiguration.START.minusSeconds(60), TestClockConfiguration.START);
	}

	/** The outbox rows for one ledger row (normally zero or one). */
	List<Map<String, Object>> events(long paymentRowId) {
		return this.db
			.sql("SELECT id, user_uid, event_type, payload::text AS payload, attempts, next_attempt_at, "
					+ "claimed_until, delivered_at, last_error, created_at FROM outbox_event WHERE payment_id = :id")
			.bind("id", paymentRowId)
			.fetch()
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	Map<String, Object> event(long paymentRowId) {
		List<Map<String, Object>> rows = events(paymentRowId);
		if (rows.size() != 1) {
			throw new AssertionError("Expected one outbox row for payment " + paymentRowId + " but found " + rows);
		}
		return rows.get(0);
	}

	static Instant instant(Object timestamptz) {
		return (timestamptz == null) ? null : ((OffsetDateTime) timestamptz).toInstant();
	}

	static List<LoggedRequest> requestsFor(Object eventId) {
		return backend
			.findAll(postRequestedFor(urlEqualTo(PATH)).withHeader("Idempotency-Key", equalTo(eventId.toString())));
	}

	static UUID id(Map<String, Object> event) {
		return (UUID) event.get("id");
	}

	/**
	 * Waits up to ten seconds for an outcome of the relay's background work, looking
	 * every 25 ms (a database query each time).
	 */
	static ConditionFactory eventually(String what) {
		return await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25));
	}

}
