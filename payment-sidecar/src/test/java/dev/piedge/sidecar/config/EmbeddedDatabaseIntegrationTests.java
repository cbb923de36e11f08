package dev.piedge.sidecar.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
class EmbeddedDatabaseIntegrationTests {

	private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 22, 12, 0, 0, 0, ZoneOffset.UTC);

	@Autowired
	DatabaseClient db;

	@Autowired
	EmbeddedPostgres postgres;

	@Test
	void runsRealPostgresql() {
		StepVerifier.create(db.sql("select version()").map(row -> row.get(0, String.class)).one())
			.assertNext(version -> assertThat(version).startsWith("PostgreSQL"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(postgres.getPort()).isPositive();
	}

	@Test
	void migratesTheLedgerSchemaAndKeepsAmountsExact() {
		Mono<BigDecimal> roundTrip = insertPayment("pay-exact-1", "CREATED", new BigDecimal("3.1400001"))
			.then(db.sql("select amount from payment where pi_payment_id = 'pay-exact-1'")
				.map(row -> row.get("amount", BigDecimal.class))
				.one());
		StepVerifier.create(roundTrip)
			.assertNext(amount -> assertThat(amount).isEqualByComparingTo("3.1400001"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void rejectsAnUnknownPaymentStatus() {
		StepVerifier.create(insertPayment("pay-bad-status", "SHIPPED", BigDecimal.ONE))
			.expectErrorSatisfies(ex -> assertThat(ex).hasMessageContaining("SHIPPED is not a status of user_to_app"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void rejectsASecondRowForTheSamePiPayment() {
		Mono<Long> twice = insertPayment("pay-dup", "CREATED", BigDecimal.ONE)
			.then(insertPayment("pay-dup", "CREATED", BigDecimal.ONE));
		StepVerifier.create(twice)
			.expectErrorSatisfies(ex -> assertThat(ex).hasMessageContaining("pi_payment_id"))
			.verify(Duration.ofSeconds(10));
	}

	private Mono<Long> insertPayment(String piPaymentId, String status, BigDecimal amount) {
		return db
			.sql("insert into payment (pi_payment_id, user_uid, direction, amount, status, created_at, updated_at) "
					+ "values (:id, 'uid-1', 'user_to_app', :amount, :status, :now, :now)")
			.bind("id", piPaymentId)
			.bind("amount", amount)
			.bind("status", status)
			.bind("now", NOW)
			.fetch()
			.rowsUpdated();
	}

}
