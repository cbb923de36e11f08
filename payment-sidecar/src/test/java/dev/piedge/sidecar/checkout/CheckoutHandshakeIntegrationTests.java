package dev.piedge.sidecar.checkout;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The price-tamper checks of the handshake for checkout payments: each mismatch between
 * Pi's record and the session is refused with its code and Pi's approve (or complete) is
 * never called; a matching payment pays the session once, with its signed webhook.
 */
class CheckoutHandshakeIntegrationTests extends CheckoutIntegrationTestSupport {

	private static String paymentId() {
		return "pay_" + UUID.randomUUID().toString().replace("-", "");
	}

	private void refusedAtApproval(String payment, String uid, HttpStatus status, String code) {
		callback("approve", uid, "{\"paymentId\":\"" + payment + "\"}").expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
		assertThat(piCalls(payment, "approve")).as("Pi's approve calls").isZero();
	}

	@Test
	void refusesAnAmountBelowTheTotal() {
		String session = linkSession(ALICE, "green-tea", 2);
		String payment = paymentId();
		piHas(payment, ALICE, "0.01", session, "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.UNPROCESSABLE_CONTENT, "checkout_amount_mismatch");
		assertThat(sessionColumn(session, "pi_payment_id")).isNull();
	}

	@Test
	void refusesAnAmountThatDiffersInTheSeventhDecimal() {
		String session = linkSession(ALICE, "cup", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "0.1000002", session, "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.UNPROCESSABLE_CONTENT, "checkout_amount_mismatch");
	}

	@Test
	void refusesAnotherPayerThanTheBuyer() {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, MALLORY, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(payment, MALLORY, HttpStatus.UNPROCESSABLE_CONTENT, "checkout_buyer_mismatch");
	}

	@Test
	void refusesAnotherNetwork() {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Network", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.UNPROCESSABLE_CONTENT, "checkout_wrong_network");
	}

	@Test
	void refusesARecordWithoutTheUserToAppDirection() {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", session, null, "Pi Testnet", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.UNPROCESSABLE_CONTENT, "checkout_wrong_direction");
	}

	@Test
	void refusesAnUnknownSession() {
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", "cs_nosuchsessionnosuchsession00", "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.NOT_FOUND, "checkout_session_not_found");
	}

	@Test
	void refusesAnExpiredSessionEvenBeforeTheJobRuns() {
		String session = linkSession(ALICE, "green-tea", 1);
		this.clock.advance(Duration.ofHours(1));
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(payment, ALICE, HttpStatus.CONFLICT, "checkout_session_expired");
	}

	@Test
	void refusesASecondPaymentWhileOneIsAttached() {
		String session = linkSession(ALICE, "green-tea", 1);
		String first = paymentId();
		piHas(first, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(first, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + first + "\"}").expectStatus().isOk();
		String second = paymentId();
		piHas(second, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		refusedAtApproval(second, ALICE, HttpStatus.CONFLICT, "checkout_already_paid");
		// A repeat gets the same answer from the ledger, still without Pi.
		refusedAtApproval(second, ALICE, HttpStatus.CONFLICT, "checkout_already_paid");
		assertThat(sessionColumn(session, "pi_payment_id")).isEqualTo(first);
	}

	@Test
	void paysTheSessionOnceWithItsSignedWebhook() throws Exception {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.140", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(payment, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + payment + "\"}").expectStatus().isOk();
		assertThat(piCalls(payment, "approve")).isOne();

		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Testnet", true, TXID);
		piAccepts(payment, "complete", ALICE, "3.14", session, true, TXID);
		callback("complete", ALICE, "{\"paymentId\":\"" + payment + "\",\"txid\":\"" + TXID + "\"}").expectStatus()
			.isOk();
		callback("complete", ALICE, "{\"paymentId\":\"" + payment + "\",\"txid\":\"" + TXID + "\"}").expectStatus()
			.isOk();
		assertThat(piCalls(payment, "complete")).isOne();
		assertThat(sessionColumn(session, "status")).isEqualTo("complete");
		assertThat(sessionColumn(session, "payment_status")).isEqualTo("paid");
		assertThat(sessionColumn(session, "txid")).isEqualTo(TXID);

		eventually("the checkout.session.completed webhook").until(() -> webhooks("checkout.session.completed").stream()
			.anyMatch(request -> request.getBodyAsString().contains(session)));
		LoggedRequest webhook = webhooks("checkout.session.completed").stream()
			.filter(request -> request.getBodyAsString().contains(session))
			.findFirst()
			.orElseThrow();
		assertThat(signed(webhook)).as("signature").isTrue();
		assertThat(webhook.getHeader("X-Pi-Uid")).isEqualTo(ALICE);
		assertThat(webhook.getBodyAsString()).contains("\"pi_payment_id\":\"" + payment + "\"")
			.contains("\"txid\":\"" + TXID + "\"")
			.contains("\"total\":\"3.14\"")
			.contains("\"status\":\"complete\"")
			.contains("\"payment_status\":\"paid\"");
		assertThat(this.db.sql("SELECT count(*) FROM outbox_event WHERE checkout_session_id = :id")
			.bind("id", session)
			.map(row -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(5))).isOne();
	}

	@Test
	void refusesToCompleteWithATxidPiDoesNotHave() {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(payment, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + payment + "\"}").expectStatus().isOk();
		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Testnet", true, "c".repeat(64));
		piAccepts(payment, "complete", ALICE, "3.14", session, true, TXID);
		callback("complete", ALICE, "{\"paymentId\":\"" + payment + "\",\"txid\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("checkout_txid_mismatch");
		assertThat(piCalls(payment, "complete")).isZero();
		assertThat(sessionColumn(session, "status")).isEqualTo("open");
	}

	@Test
	void refusesToCompleteWhenPiNowShowsAnotherAmount() {
		String session = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(payment, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + payment + "\"}").expectStatus().isOk();
		piHas(payment, ALICE, "0.01", session, "user_to_app", "Pi Testnet", true, TXID);
		callback("complete", ALICE, "{\"paymentId\":\"" + payment + "\",\"txid\":\"" + TXID + "\"}").expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("checkout_amount_mismatch");
		assertThat(piCalls(payment, "complete")).isZero();
	}

	@Test
	void aCancelledPaymentFreesTheSessionForTheNextOne() {
		String session = linkSession(ALICE, "green-tea", 1);
		String first = paymentId();
		piHas(first, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(first, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + first + "\"}").expectStatus().isOk();
		piHas(first, ALICE, "3.14", session, "user_to_app", "Pi Testnet", true, null);
		piAccepts(first, "cancel", ALICE, "3.14", session, false, null);
		callback("cancel", ALICE, "{\"paymentId\":\"" + first + "\"}").expectStatus().isOk();
		assertThat(sessionColumn(session, "pi_payment_id")).isNull();

		String second = paymentId();
		piHas(second, ALICE, "3.14", session, "user_to_app", "Pi Testnet", false, null);
		piAccepts(second, "approve", ALICE, "3.14", session, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + second + "\"}").expectStatus().isOk();
		assertThat(sessionColumn(session, "pi_payment_id")).isEqualTo(second);
	}

	@Test
	void expiresAnOpenSessionWithItsWebhookButNotOneWithAPaymentInFlight() throws Exception {
		String idle = linkSession(ALICE, "green-tea", 1);
		String busy = linkSession(ALICE, "green-tea", 1);
		String payment = paymentId();
		piHas(payment, ALICE, "3.14", busy, "user_to_app", "Pi Testnet", false, null);
		piAccepts(payment, "approve", ALICE, "3.14", busy, false, null);
		callback("approve", ALICE, "{\"paymentId\":\"" + payment + "\"}").expectStatus().isOk();

		this.clock.advance(Duration.ofMinutes(61));
		eventually("the idle session expired").until(() -> "expired".equals(sessionColumn(idle, "status")));
		eventually("the checkout.session.expired webhook").until(() -> webhooks("checkout.session.expired").stream()
			.anyMatch(request -> request.getBodyAsString().contains(idle)));
		LoggedRequest webhook = webhooks("checkout.session.expired").stream()
			.filter(request -> request.getBodyAsString().contains(idle))
			.findFirst()
			.orElseThrow();
		assertThat(signed(webhook)).as("signature").isTrue();
		assertThat(webhook.getBodyAsString()).contains("\"status\":\"expired\"");
		assertThat(sessionColumn(busy, "status")).isEqualTo("open");

		// The in-flight payment still completes the session after its expiry time.
		piHas(payment, ALICE, "3.14", busy, "user_to_app", "Pi Testnet", true, TXID);
		piAccepts(payment, "complete", ALICE, "3.14", busy, true, TXID);
		callback("complete", ALICE, "{\"paymentId\":\"" + payment + "\",\"txid\":\"" + TXID + "\"}").expectStatus()
			.isOk();
		assertThat(sessionColumn(busy, "status")).isEqualTo("complete");
	}

}
