package dev.piedge.sidecar.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /pi-edge/api/payments/{id}}: any payment of the app, from the ledger, for a
 * caller with {@code payments:read}.
 */
class ApiPaymentIntegrationTests extends ApiIntegrationTestSupport {

	@Test
	void answersAPaymentOfAnyUserFromTheLedger() {
		String id = "pay-" + UUID.randomUUID().toString().substring(0, 8);
		insertCompletedPayment(id, "uid-bob");
		CreatedKey key = createKey("reports", "payments:read");

		getApi("/pi-edge/api/payments/" + id, key.key()).exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.payment_id")
			.isEqualTo(id)
			.jsonPath("$.user_uid")
			.isEqualTo("uid-bob")
			.jsonPath("$.direction")
			.isEqualTo("user_to_app")
			.jsonPath("$.status")
			.isEqualTo("completed")
			.jsonPath("$.amount")
			.isEqualTo(3.14)
			.jsonPath("$.memo")
			.isEqualTo("Green tea")
			.jsonPath("$.metadata.productId")
			.isEqualTo("green-tea")
			.jsonPath("$.txid")
			.isEqualTo("b".repeat(64))
			.jsonPath("$.network")
			.isEqualTo("Pi Testnet")
			.jsonPath("$.created_at")
			.isEqualTo("2026-11-22T11:00:00Z");
	}

	@Test
	void anUnknownPaymentIs404AndAnOddIdIs400() {
		CreatedKey key = createKey("reports", "payments:read");

		getApi("/pi-edge/api/payments/pay-unknown", key.key()).exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payment_not_found");
		getApi("/pi-edge/api/payments/" + "x".repeat(65), key.key()).exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_payment_id");
	}

	@Test
	void readingPaymentsNeedsPaymentsRead() {
		CreatedKey key = createKey("payouts-only", "payouts:write");

		getApi("/pi-edge/api/payments/pay-any", key.key()).exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.missing_permission")
			.isEqualTo("payments:read");
		this.client.get().uri("/pi-edge/api/payments/pay-any").exchange().expectStatus().isUnauthorized();
	}

	private void insertCompletedPayment(String id, String uid) {
		OffsetDateTime created = OffsetDateTime.of(2026, 11, 22, 11, 0, 0, 0, ZoneOffset.UTC);
		this.db.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, network, amount, memo, metadata, status, "
				+ "txid, created_at, updated_at) VALUES (:id, :uid, 'user_to_app', 'Pi Testnet', 3.14, 'Green tea', "
				+ ":metadata, 'COMPLETED', :txid, :created, :created)")
			.bind("id", id)
			.bind("uid", uid)
			.bind("metadata", Json.of("{\"productId\":\"green-tea\"}"))
			.bind("txid", "b".repeat(64))
			.bind("created", created)
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));
	}

}
