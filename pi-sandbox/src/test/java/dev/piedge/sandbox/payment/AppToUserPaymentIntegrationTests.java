package dev.piedge.sandbox.payment;

import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;
import dev.piedge.sandbox.config.SandboxProperties;

import static dev.piedge.sandbox.SandboxClient.BOB_UID;
import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.payment.UserToAppPaymentIntegrationTests.assertStatus;
import static dev.piedge.sandbox.payment.UserToAppPaymentIntegrationTests.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app-to-user flow: create → tx (app wallet) → complete, the incomplete list, and
 * create's validation.
 */
@SandboxIntegrationTest
class AppToUserPaymentIntegrationTests {

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
	void createReturnsAnAppToUserPaymentFromTheAppWallet() {
		JsonNode payment = body(sandbox
			.createAppToUser(Map.of("payment",
					Map.of("amount", 1.5, "memo", "Refund", "metadata", Map.of("refund", 7), "uid", BOB_UID)))
			.expectStatus()
			.isOk());

		assertThat(payment.get("identifier").stringValue()).matches("[A-Za-z0-9]{28}");
		assertThat(payment.get("direction").stringValue()).isEqualTo("app_to_user");
		assertThat(payment.get("user_uid").stringValue()).isEqualTo(BOB_UID);
		assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("1.5");
		assertThat(payment.get("from_address").stringValue()).isEqualTo(SandboxProperties.DEFAULT_APP_WALLET);
		assertThat(payment.get("to_address").stringValue()).matches("G[A-Z2-7]{55}");
		assertThat(payment.get("metadata").get("refund").intValue()).isEqualTo(7);
		assertThat(payment.get("transaction").isNull()).isTrue();
		assertStatus(payment, true, false, false, false, false);
	}

	@Test
	void amountKeepsItsDecimalsExactly() {
		sandbox
			.createAppToUser(
					"{\"payment\":{\"amount\":0.1234567,\"memo\":\"m\",\"metadata\":{},\"uid\":\"" + BOB_UID + "\"}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.consumeWith(result -> assertThat(new String(result.getResponseBody())).contains("\"amount\":0.1234567,"));
	}

	@Test
	void fullFlowSubmitsAndCompletes() {
		String id = sandbox.createAppToUser();
		String txid = sandbox.submitTransactionOk(id);

		JsonNode completed = body(sandbox.complete(id, txid).expectStatus().isOk());

		assertStatus(completed, true, true, true, false, false);
		assertThat(completed.get("transaction").get("txid").stringValue()).isEqualTo(txid);
	}

	@Test
	void incompleteServerPaymentsListsTheOpenAppToUserPaymentUntilCompleted() {
		sandbox.startUserToApp();
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments.length()")
			.isEqualTo(0);

		String id = sandbox.createAppToUser();
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments.length()")
			.isEqualTo(1)
			.jsonPath("$.incomplete_server_payments[0].identifier")
			.isEqualTo(id)
			.jsonPath("$.incomplete_server_payments[0].transaction")
			.isEmpty();

		String txid = sandbox.submitTransactionOk(id);
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments[0].transaction.txid")
			.isEqualTo(txid);

		sandbox.complete(id, txid).expectStatus().isOk().expectBody();
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments.length()")
			.isEqualTo(0);
	}

	@Test
	void cancelledPaymentLeavesIncompleteServerPaymentsAndUnblocksCreate() {
		String id = sandbox.createAppToUser();
		sandbox.cancel(id).expectStatus().isOk().expectBody();

		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments.length()")
			.isEqualTo(0);
		sandbox.createAppToUser();
	}

	@Test
	void secondCreateWhileOneIsOpenIsOngoingPaymentFound() {
		String open = sandbox.createAppToUser();

		expectError(
				sandbox.createAppToUser(Map.of("payment",
						Map.of("amount", 2, "memo", "again", "metadata", Map.of(), "uid", SandboxClient.ALICE_UID))),
				400, "ongoing_payment_found")
			.jsonPath("$.payment.identifier")
			.isEqualTo(open)
			.jsonPath("$.payment.direction")
			.isEqualTo("app_to_user");
	}

	@Test
	void approveOfAppToUserPaymentIsForbidden() {
		String id = sandbox.createAppToUser();

		expectError(sandbox.approve(id), 403, "forbidden");
	}

	@Test
	void cancelWithTransactionIsPaymentTxPresent() {
		String id = sandbox.createAppToUser();
		sandbox.submitTransactionOk(id);

		expectError(sandbox.cancel(id), 400, "payment_tx_present");
	}

	@Test
	void userCannotCancelAppToUserPayment() {
		String id = sandbox.createAppToUser();

		expectError(sandbox.userCancel(id), 403, "forbidden");
	}

	@Test
	void wrongMemoIsVerificationFailed() {
		String id = sandbox.createAppToUser();
		String txid = body(sandbox.submitTransactionWithMemo(id, "oops").expectStatus().isOk()).get("transaction")
			.get("txid")
			.stringValue();

		expectError(sandbox.complete(id, txid), 400, "verification_failed").jsonPath("$.verification_error")
			.isEqualTo("tx_memo_payment_identifier_mismatch");
	}

	@Test
	void unknownUidIsUserNotFound() {
		expectError(
				sandbox.createAppToUser(Map.of("payment",
						Map.of("amount", 1, "memo", "m", "metadata", Map.of(), "uid", "no-such-user"))),
				404, "user_not_found");
	}

	@Test
	void missingFieldsAreInvalidArguments() {
		expectError(sandbox.createAppToUser(Map.of("amount", 1, "memo", "m", "metadata", Map.of(), "uid", BOB_UID)),
				400, "invalid_arguments");
		expectError(
				sandbox.createAppToUser(Map.of("payment", Map.of("memo", "m", "metadata", Map.of(), "uid", BOB_UID))),
				400, "invalid_arguments");
		expectError(
				sandbox.createAppToUser(Map.of("payment", Map.of("amount", 1, "metadata", Map.of(), "uid", BOB_UID))),
				400, "invalid_arguments");
		expectError(sandbox.createAppToUser(Map.of("payment", Map.of("amount", 1, "memo", "m", "uid", BOB_UID))), 400,
				"invalid_arguments");
		expectError(sandbox.createAppToUser(Map.of("payment", Map.of("amount", 1, "memo", "m", "metadata", Map.of()))),
				400, "invalid_arguments");
		expectError(
				sandbox.createAppToUser(
						Map.of("payment", Map.of("amount", 1, "memo", 5, "metadata", Map.of(), "uid", BOB_UID))),
				400, "invalid_arguments");
	}

	@Test
	void badAmountsAreInvalidAmount() {
		for (Object amount : new Object[] { 0, -2, "1.5", 0.12345678 }) {
			expectError(
					sandbox.createAppToUser(Map.of("payment",
							Map.of("amount", amount, "memo", "m", "metadata", Map.of(), "uid", BOB_UID))),
					400, "invalid_amount");
		}
	}

	@Test
	void nonObjectMetadataIsInvalidMetadata() {
		expectError(
				sandbox.createAppToUser(Map.of("payment",
						Map.of("amount", 1, "memo", "m", "metadata", java.util.List.of(1), "uid", BOB_UID))),
				400, "invalid_metadata");
	}

	@Test
	void refusedCreateLeavesNoPaymentBehind() {
		expectError(
				sandbox.createAppToUser(Map.of("payment",
						Map.of("amount", 1, "memo", "m", "metadata", Map.of(), "uid", "no-such-user"))),
				404, "user_not_found");

		webTestClient.get().uri("/sandbox/payments").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
	}

}
