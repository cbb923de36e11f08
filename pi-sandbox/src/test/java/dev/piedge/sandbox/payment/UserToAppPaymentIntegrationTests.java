package dev.piedge.sandbox.payment;

import java.time.Duration;
import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;
import dev.piedge.sandbox.config.SandboxProperties;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.CAROL_EXPIRED;
import static dev.piedge.sandbox.SandboxClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-to-app flow: create (wallet) → approve → tx (wallet) → complete, and every way
 * it is refused.
 */
@SandboxIntegrationTest
class UserToAppPaymentIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	@BeforeEach
	void reset() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		sandbox.reset();
	}

	@Test
	void createdPaymentIsAFreshUserToAppPaymentDto() {
		String id = sandbox.startUserToApp();

		JsonNode payment = body(sandbox.get(id).expectStatus().isOk());
		assertThat(id).matches("[A-Za-z0-9]{28}");
		assertThat(payment.get("identifier").stringValue()).isEqualTo(id);
		assertThat(payment.get("user_uid").stringValue()).isEqualTo(ALICE_UID);
		assertThat(payment.get("amount").isNumber()).isTrue();
		assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("3.14");
		assertThat(payment.get("memo").stringValue()).isEqualTo("Coffee");
		assertThat(payment.get("metadata").get("orderId").intValue()).isEqualTo(1);
		assertThat(payment.get("from_address").stringValue()).matches("G[A-Z2-7]{55}");
		assertThat(payment.get("to_address").stringValue()).isEqualTo(SandboxProperties.DEFAULT_APP_WALLET);
		assertThat(payment.get("direction").stringValue()).isEqualTo("user_to_app");
		assertThat(payment.get("created_at").stringValue()).isEqualTo("2030-01-01T00:00:00.123Z");
		assertThat(payment.get("network").stringValue()).isEqualTo("Pi Testnet");
		assertThat(payment.get("transaction").isNull()).isTrue();
		assertStatus(payment, false, false, false, false, false);
	}

	@Test
	void fullFlowApprovesSubmitsAndCompletes() {
		String id = sandbox.startUserToApp();

		assertStatus(body(sandbox.approve(id).expectStatus().isOk()), true, false, false, false, false);

		JsonNode submitted = body(sandbox.submitTransaction(id).expectStatus().isOk());
		JsonNode tx = submitted.get("transaction");
		String txid = tx.get("txid").stringValue();
		assertThat(txid).matches("[0-9a-f]{64}");
		assertThat(tx.get("verified").booleanValue()).isFalse();
		assertThat(tx.get("_link").stringValue()).endsWith("/horizon/transactions/" + txid);
		assertStatus(submitted, true, false, false, false, false);

		JsonNode completed = body(sandbox.complete(id, txid).expectStatus().isOk());
		assertStatus(completed, true, true, true, false, false);
		assertThat(completed.get("transaction").get("verified").booleanValue()).isTrue();
		assertStatus(body(sandbox.get(id).expectStatus().isOk()), true, true, true, false, false);
	}

	@Test
	void transactionLinkShowsTheMemoTheWalletWrote() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		JsonNode tx = body(sandbox.submitTransaction(id).expectStatus().isOk()).get("transaction");

		webTestClient.get()
			.uri(tx.get("_link").stringValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(tx.get("txid").stringValue())
			.jsonPath("$.memo")
			.isEqualTo(id);
	}

	@Test
	void repeatedApproveSucceedsUnchanged() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();

		assertStatus(body(sandbox.approve(id).expectStatus().isOk()), true, false, false, false, false);
	}

	@Test
	void approveOfUnknownPaymentIsPaymentNotFound() {
		expectError(sandbox.approve("unknownpaymentidentifier0000"), 404, "payment_not_found");
		expectError(sandbox.get("unknownpaymentidentifier0000"), 404, "payment_not_found");
		expectError(sandbox.complete("unknownpaymentidentifier0000", "ab"), 404, "payment_not_found");
		expectError(sandbox.cancel("unknownpaymentidentifier0000"), 404, "payment_not_found");
	}

	@Test
	void approveOfCancelledPaymentIsCancelledPayment() {
		String id = sandbox.startUserToApp();
		sandbox.cancel(id).expectStatus().isOk().expectBody();

		expectError(sandbox.approve(id), 400, "cancelled_payment");
	}

	@Test
	void approveOfUserCancelledPaymentIsCancelledPayment() {
		String id = sandbox.startUserToApp();
		sandbox.userCancel(id).expectStatus().isOk().expectBody();

		expectError(sandbox.approve(id), 400, "cancelled_payment");
	}

	@Test
	void unapprovedPaymentIsCancelledAfterApprovalTimeout() {
		String id = sandbox.startUserToApp();
		clock.advance(Duration.ofSeconds(59));
		assertStatus(body(sandbox.get(id).expectStatus().isOk()), false, false, false, false, false);

		clock.advance(Duration.ofSeconds(1));

		assertStatus(body(sandbox.get(id).expectStatus().isOk()), false, false, false, true, false);
		expectError(sandbox.approve(id), 400, "cancelled_payment");
	}

	@Test
	void approvedPaymentDoesNotTimeOut() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();

		clock.advance(Duration.ofMinutes(5));

		assertStatus(body(sandbox.get(id).expectStatus().isOk()), true, false, false, false, false);
	}

	@Test
	void completeWithDifferentTxidIsTxidMismatch() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);

		expectError(sandbox.complete(id, "0".repeat(64)), 400, "txid_mismatch");
	}

	@Test
	void completeBeforeTransactionIsTxidMismatch() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();

		expectError(sandbox.complete(id, "0".repeat(64)), 400, "txid_mismatch");
	}

	@Test
	void completeBeforeApprovalIsNotVerified() {
		String id = sandbox.startUserToApp();

		expectError(sandbox.complete(id, "0".repeat(64)), 400, "not_verified");
	}

	@Test
	void completeWithoutBodyIsMissingTxid() {
		String id = sandbox.startUserToApp();

		expectError(webTestClient.post()
			.uri("/v2/payments/{id}/complete", id)
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.exchange(), 400, "missing_txid");
	}

	@Test
	void completeWithoutTxidFieldIsMissingTxid() {
		String id = sandbox.startUserToApp();

		expectError(webTestClient.post()
			.uri("/v2/payments/{id}/complete", id)
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange(), 400, "missing_txid");
		expectError(sandbox.complete(id, " "), 400, "missing_txid");
	}

	@Test
	void completeTwiceIsAlreadyCompleted() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		String txid = sandbox.submitTransactionOk(id);
		sandbox.complete(id, txid).expectStatus().isOk().expectBody();

		expectError(sandbox.complete(id, txid), 400, "already_completed").jsonPath("$.payment.identifier")
			.isEqualTo(id);
	}

	@Test
	void completeOfCancelledPaymentIsCancelledPayment() {
		String id = sandbox.startUserToApp();
		sandbox.cancel(id).expectStatus().isOk().expectBody();

		expectError(sandbox.complete(id, "0".repeat(64)), 400, "cancelled_payment");
	}

	@Test
	void completeOfTransactionWithWrongMemoIsVerificationFailed() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		String txid = body(sandbox.submitTransactionWithMemo(id, "not-the-identifier").expectStatus().isOk())
			.get("transaction")
			.get("txid")
			.stringValue();

		expectError(sandbox.complete(id, txid), 400, "verification_failed").jsonPath("$.verification_error")
			.isEqualTo("tx_memo_payment_identifier_mismatch");
		// The tx is on chain with the wrong memo: the payment can be neither completed
		// nor cancelled any more.
		expectError(sandbox.cancel(id), 400, "payment_tx_present");
		assertStatus(body(sandbox.get(id).expectStatus().isOk()), true, false, false, false, false);
	}

	@Test
	void cancelOpenPaymentMarksItCancelled() {
		String id = sandbox.startUserToApp();

		assertStatus(body(sandbox.cancel(id).expectStatus().isOk()), false, false, false, true, false);
		assertStatus(body(sandbox.get(id).expectStatus().isOk()), false, false, false, true, false);
	}

	@Test
	void cancelAcceptsAnEmptyJsonObject() {
		String id = sandbox.startUserToApp();

		webTestClient.post()
			.uri("/v2/payments/{id}/cancel", id)
			.header(HttpHeaders.AUTHORIZATION, SandboxClient.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	@Test
	void cancelWithTransactionIsPaymentTxPresent() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);

		expectError(sandbox.cancel(id), 400, "payment_tx_present");
	}

	@Test
	void cancelOfCompletedPaymentIsAlreadyCompletedWithPayment() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.complete(id, sandbox.submitTransactionOk(id)).expectStatus().isOk().expectBody();

		expectError(sandbox.cancel(id), 400, "already_completed").jsonPath("$.payment.identifier")
			.isEqualTo(id)
			.jsonPath("$.payment.status.developer_completed")
			.isEqualTo(true);
	}

	@Test
	void cancelTwiceIsCancelledPaymentWithPayment() {
		String id = sandbox.startUserToApp();
		sandbox.cancel(id).expectStatus().isOk().expectBody();

		expectError(sandbox.cancel(id), 400, "cancelled_payment").jsonPath("$.payment.identifier")
			.isEqualTo(id)
			.jsonPath("$.payment.status.cancelled")
			.isEqualTo(true);
	}

	@Test
	void userCancelMarksItUserCancelled() {
		String id = sandbox.startUserToApp();

		assertStatus(body(sandbox.userCancel(id).expectStatus().isOk()), false, false, false, false, true);
		expectError(sandbox.userCancel(id), 400, "cancelled_payment");
	}

	@Test
	void userCancelWithTransactionIsRefused() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);

		expectError(sandbox.userCancel(id), 400, "payment_tx_present");
	}

	@Test
	void userCancelOfCompletedPaymentIsRefused() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.complete(id, sandbox.submitTransactionOk(id)).expectStatus().isOk().expectBody();

		expectError(sandbox.userCancel(id), 400, "already_completed");
	}

	@Test
	void transactionBeforeApprovalIsRefused() {
		String id = sandbox.startUserToApp();

		expectError(sandbox.submitTransaction(id), 400, "not_approved");
	}

	@Test
	void secondTransactionIsRefused() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);

		expectError(sandbox.submitTransaction(id), 400, "payment_already_linked_with_a_tx")
			.jsonPath("$.payment.identifier")
			.isEqualTo(id);
	}

	@Test
	void transactionOfCancelledPaymentIsRefused() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.userCancel(id).expectStatus().isOk().expectBody();

		expectError(sandbox.submitTransaction(id), 400, "cancelled_payment");
	}

	@Test
	void newPaymentCancelsTheUsersOpenPaymentWithoutTransaction() {
		String first = sandbox.startUserToApp();
		sandbox.approve(first).expectStatus().isOk().expectBody();

		String second = sandbox.startUserToApp();

		assertThat(second).isNotEqualTo(first);
		assertStatus(body(sandbox.get(first).expectStatus().isOk()), true, false, false, true, false);
		assertStatus(body(sandbox.get(second).expectStatus().isOk()), false, false, false, false, false);
	}

	@Test
	void newPaymentWhileTransactionAwaitsCompletionIsOngoingPaymentFound() {
		String first = sandbox.startUserToApp();
		sandbox.approve(first).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(first);

		expectError(sandbox.startUserToApp(ALICE, Map.of("amount", 1, "memo", "m", "metadata", Map.of())), 400,
				"ongoing_payment_found")
			.jsonPath("$.payment.identifier")
			.isEqualTo(first)
			.jsonPath("$.payment.transaction.txid")
			.exists();
		webTestClient.get().uri("/sandbox/payments").exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void otherUsersOpenPaymentDoesNotInterfere() {
		String alices = sandbox.startUserToApp();

		sandbox.startUserToApp(SandboxClient.BOB, Map.of("amount", 1, "memo", "m", "metadata", Map.of()))
			.expectStatus()
			.isCreated()
			.expectBody();

		assertStatus(body(sandbox.get(alices).expectStatus().isOk()), false, false, false, false, false);
	}

	@Test
	void startWithExpiredTokenIsUnauthorized() {
		expectError(sandbox.startUserToApp(CAROL_EXPIRED, Map.of("amount", 1, "memo", "m", "metadata", Map.of())), 401,
				"invalid_token");
	}

	@Test
	void startWithInvalidFieldsIsRefused() {
		expectError(sandbox.startUserToApp(ALICE, Map.of("amount", -1, "memo", "m", "metadata", Map.of())), 400,
				"invalid_amount");
		expectError(sandbox.startUserToApp(ALICE, Map.of("amount", 1, "memo", "m", "metadata", "x")), 400,
				"invalid_metadata");
		expectError(sandbox.startUserToApp(ALICE, Map.of("amount", 1, "metadata", Map.of())), 400, "invalid_arguments");
	}

	@Test
	void listShowsAllPayments() {
		String first = sandbox.startUserToApp();
		String second = sandbox.createAppToUser();

		webTestClient.get()
			.uri("/sandbox/payments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].identifier")
			.isEqualTo(first)
			.jsonPath("$[1].identifier")
			.isEqualTo(second);
	}

	static void assertStatus(JsonNode payment, boolean approved, boolean verified, boolean completed, boolean cancelled,
			boolean userCancelled) {
		JsonNode status = payment.get("status");
		assertThat(status.get("developer_approved").booleanValue()).as("developer_approved").isEqualTo(approved);
		assertThat(status.get("transaction_verified").booleanValue()).as("transaction_verified").isEqualTo(verified);
		assertThat(status.get("developer_completed").booleanValue()).as("developer_completed").isEqualTo(completed);
		assertThat(status.get("cancelled").booleanValue()).as("cancelled").isEqualTo(cancelled);
		assertThat(status.get("user_cancelled").booleanValue()).as("user_cancelled").isEqualTo(userCancelled);
	}

	static WebTestClient.BodyContentSpec expectError(WebTestClient.ResponseSpec response, int status, String code) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo(code)
			.jsonPath("$.error_message")
			.isNotEmpty();
	}

}
