package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.piedge.sidecar.PaymentSidecarApplication;
import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The ledger against the real embedded PostgreSQL, with a clock the tests move by hand
 * (claims expire by it). No web server and no fulfilment relay.
 */
@SpringBootTest(classes = { PaymentSidecarApplication.class, LedgerIntegrationTestSupport.Clocks.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "pi.payments.reconcile.initial-delay=1h")
@ActiveProfiles("test")
abstract class LedgerIntegrationTestSupport {

	static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void resetClock() {
		this.clock.set(START);
	}

	String statusOf(String piPaymentId) {
		return this.db.sql("SELECT status FROM payment WHERE pi_payment_id = :id")
			.bind("id", piPaymentId)
			.map(row -> row.get(0, String.class))
			.one()
			.block(WAIT);
	}

	/** The payment's history, oldest first, as {@code FROM>TO:reason}. */
	List<String> historyOf(String piPaymentId) {
		return this.db
			.sql("SELECT COALESCE(e.from_status, '') || '>' || e.to_status || ':' || COALESCE(e.reason, '') "
					+ "FROM payment_event e JOIN payment p ON p.id = e.payment_id "
					+ "WHERE p.pi_payment_id = :id ORDER BY e.id")
			.bind("id", piPaymentId)
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block(WAIT);
	}

	long version(String piPaymentId) {
		return this.db.sql("SELECT version FROM payment WHERE pi_payment_id = :id")
			.bind("id", piPaymentId)
			.map(row -> row.get(0, Long.class))
			.one()
			.block(WAIT);
	}

	/** A payment written straight into the table, bypassing the ledger service. */
	void insertRaw(String piPaymentId, String direction, String status) {
		this.db
			.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, amount, status, created_at, updated_at) "
					+ "VALUES (:id, 'uid-ledger', :direction, :amount, :status, now(), now())")
			.bind("id", piPaymentId)
			.bind("direction", direction)
			.bind("amount", new BigDecimal("1.5"))
			.bind("status", status)
			.then()
			.block(WAIT);
	}

	Long rowsUpdated(String sql) {
		return this.db.sql(sql).fetch().rowsUpdated().block(WAIT);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

}
