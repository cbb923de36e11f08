package dev.piedge.sidecar.fulfillment;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.piedge.sidecar.PaymentSidecarApplication;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the whole application and starts a new one on the same PostgreSQL data directory,
 * as a deploy or a crash would: an event queued by the first run is delivered by the
 * second once it is due.
 */
class FulfillmentRestartIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String PATH = "/pi/webhooks";

	private static final MutableClock clock = new MutableClock(TestClockConfiguration.START);

	@RegisterExtension
	static final WireMockExtension backend = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@TempDir
	Path dataDirectory;

	@BeforeEach
	void backendAccepts() {
		backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
	}

	@Test
	void deliversAnEventQueuedBeforeARestartOnceItIsDue() {
		clock.set(TestClockConfiguration.START);
		Instant due = TestClockConfiguration.START.plus(Duration.ofMinutes(10));
		long row;
		UUID eventId;
		// First run: no backend URL yet, so the relay keeps the event queued instead of
		// dropping it.
		try (ConfigurableApplicationContext first = start("pi.payments.fulfillment.url=")) {
			assertThat(first.getBean(FulfillmentRelay.class).isRunning()).isFalse();
			DatabaseClient db = first.getBean(DatabaseClient.class);
			row = insertPayment(db, "pay-restart-" + UUID.randomUUID());
			first.getBean(FulfillmentOutbox.class)
				.paymentCompleted(row, "uid-restart",
						new CompletedPayment("pay-restart", "uid-restart", new BigDecimal("7.5"), null, null,
								"tx-restart", "Pi Testnet", TestClockConfiguration.START, TestClockConfiguration.START))
				.block(WAIT);
			db.sql("UPDATE outbox_event SET next_attempt_at = :due WHERE payment_id = :row")
				.bind("due", due)
				.bind("row", row)
				.fetch()
				.rowsUpdated()
				.block(WAIT);
			eventId = eventId(db, row);
		}

		try (ConfigurableApplicationContext second = start("pi.payments.fulfillment.url=" + backend.baseUrl() + PATH,
				"pi.payments.fulfillment.secret=restart-secret-0123456789abcdef0123")) {
			DatabaseClient db = second.getBean(DatabaseClient.class);
			assertThat(second.getBean(FulfillmentRelay.class).isRunning()).isTrue();
			// The relay polls every 100 ms: four polls send nothing before it is due.
			await("not delivered before it is due").during(Duration.ofMillis(400))
				.atMost(Duration.ofSeconds(5))
				.until(() -> backend.findAll(postRequestedFor(urlEqualTo(PATH))).isEmpty());

			clock.set(due);
			FulfillmentIntegrationTestSupport.eventually("the event is delivered after the restart")
				.until(() -> delivered(db, row));
			assertThat(backend
				.findAll(postRequestedFor(urlEqualTo(PATH)).withHeader("Idempotency-Key", equalTo(eventId.toString()))
					.withHeader("X-Pi-Uid", equalTo("uid-restart"))))
				.hasSize(1);
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(PaymentSidecarApplication.class, RestartClockConfiguration.class)
			.profiles("test")
			.properties("pi.sidecar.embedded-database.data-directory=" + this.dataDirectory,
					"pi.payments.fulfillment.poll-interval=100ms")
			.properties(properties)
			// Scan main classes only, as the packaged application would; test
			// configurations stay out.
			.initializers(context -> context.getBeanFactory()
				.registerSingleton("mainClassesOnly", new MainClassesOnlyFilter()))
			.run();
	}

	private static long insertPayment(DatabaseClient db, String piPaymentId) {
		OffsetDateTime now = OffsetDateTime.ofInstant(TestClockConfiguration.START, ZoneOffset.UTC);
		return db
			.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, amount, status, created_at, updated_at) "
					+ "VALUES (:id, 'uid-restart', 'user_to_app', 7.5, 'APPROVED', :now, :now) RETURNING id")
			.bind("id", piPaymentId)
			.bind("now", now)
			.map(r -> r.get("id", Long.class))
			.one()
			.block(WAIT);
	}

	private static UUID eventId(DatabaseClient db, long row) {
		return db.sql("SELECT id FROM outbox_event WHERE payment_id = :row")
			.bind("row", row)
			.map(r -> r.get("id", UUID.class))
			.one()
			.block(WAIT);
	}

	private static boolean delivered(DatabaseClient db, long row) {
		Map<String, Object> event = db.sql("SELECT delivered_at FROM outbox_event WHERE payment_id = :row")
			.bind("row", row)
			.fetch()
			.one()
			.block(WAIT);
		return event != null && event.get("delivered_at") != null;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RestartClockConfiguration {

		@Bean
		@Primary
		Clock restartClock() {
			return clock;
		}

	}

	/** Keeps classes compiled from src/test out of the component scan. */
	static final class MainClassesOnlyFilter extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURI().toString().contains("/test-classes/");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof MainClassesOnlyFilter;
		}

		@Override
		public int hashCode() {
			return MainClassesOnlyFilter.class.hashCode();
		}

	}

}
