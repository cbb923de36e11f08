package dev.piedge.sidecar.handshake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The User-to-App callbacks never store, move or call Pi for an App-to-User payment (a
 * payout): the payout part owns those, and pi-sdk-js's cancel and incomplete arrive
 * without a caller.
 */
class AppToUserPaymentIntegrationTests extends HandshakeIntegrationTestSupport {

	@Test
	void approveRefusesAPayoutAndRecordsNothing() {
		piHasPayout("pay-a2u-approve", ALICE, "2", null);

		refused(callback("approve", ALICE, paymentIdBody("pay-a2u-approve")));

		assertThat(statusOf("pay-a2u-approve")).isNull();
		assertThat(piPosts()).isZero();
	}

	@Test
	void anAnonymousCancelNeverCancelsAPayout() {
		piHasPayout("pay-a2u-cancel", ALICE, "2", null);
		piAccepts("pay-a2u-cancel", "cancel", ALICE, "2", true, false, true, null);

		refused(callback("cancel", null, paymentIdBody("pay-a2u-cancel")));

		assertThat(statusOf("pay-a2u-cancel")).isNull();
		assertThat(piPosts()).isZero();
	}

	@Test
	void incompleteAndCompleteNeverCompleteAPayout() {
		piHasPayout("pay-a2u-tx", ALICE, "2", TXID);
		piAccepts("pay-a2u-tx", "complete", ALICE, "2", true, true, false, TXID);

		refused(callback("incomplete", null, paymentIdBody("pay-a2u-tx")));
		refused(callback("complete", ALICE, "{\"paymentId\":\"pay-a2u-tx\",\"transactionId\":\"" + TXID + "\"}"));
		refused(callback("error", ALICE, "{\"paymentId\":\"pay-a2u-tx\",\"error\":\"x\"}"));

		assertThat(statusOf("pay-a2u-tx")).isNull();
		assertThat(piPosts()).isZero();
	}

	@Test
	void noCallbackTouchesAPayoutTheLedgerHolds() {
		// A payout as the payout worker records it (V7 allows app_to_user CREATED).
		this.db
			.sql("INSERT INTO payment (pi_payment_id, user_uid, direction, amount, status, created_at, updated_at) "
					+ "VALUES ('pay-a2u-held', :uid, 'app_to_user', 2, 'CREATED', :now, :now)")
			.bind("uid", ALICE)
			.bind("now", Instant.now().atOffset(ZoneOffset.UTC))
			.then()
			.block(Duration.ofSeconds(5));
		execute("INSERT INTO payment_event (payment_id, to_status, reason, occurred_at) "
				+ "SELECT id, 'CREATED', 'queued by the test', now() FROM payment "
				+ "WHERE pi_payment_id = 'pay-a2u-held'");
		piHasPayout("pay-a2u-held", ALICE, "2", TXID);
		piAccepts("pay-a2u-held", "cancel", ALICE, "2", true, false, true, null);
		piAccepts("pay-a2u-held", "complete", ALICE, "2", true, true, false, TXID);

		refused(callback("approve", ALICE, paymentIdBody("pay-a2u-held")));
		refused(callback("cancel", null, paymentIdBody("pay-a2u-held")));
		refused(callback("incomplete", null, paymentIdBody("pay-a2u-held")));
		refused(callback("complete", ALICE, "{\"paymentId\":\"pay-a2u-held\",\"transactionId\":\"" + TXID + "\"}"));

		assertThat(statusOf("pay-a2u-held")).isEqualTo("CREATED");
		assertThat(historyOf("pay-a2u-held")).containsExactly("CREATED:queued by the test");
		assertThat(piPosts()).isZero();
	}

	private static void refused(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("app_to_user_payment");
	}

	private static int piPosts() {
		return pi.countRequestsMatching(postRequestedFor(anyUrl()).build()).getCount();
	}

	private void execute(String sql) {
		this.db.sql(sql).then().block(Duration.ofSeconds(5));
	}

}
