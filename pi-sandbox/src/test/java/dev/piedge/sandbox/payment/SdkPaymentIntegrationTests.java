package dev.piedge.sandbox.payment;

import java.time.Duration;
import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.BOB;
import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.payment.UserToAppPaymentIntegrationTests.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /sdk/payments}: what the Pi SDK emulator asks with the user's access token. A
 * user sees and acts on their own user-to-app payments only.
 */
@SandboxIntegrationTest
class SdkPaymentIntegrationTests {

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
	void createStartsAUserToAppPaymentAsTheTokensUser() {
		JsonNode payment = body(webTestClient.post()
			.uri("/sdk/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ALICE)
			.header(HttpHeaders.ORIGIN, "http://localhost:8080")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("amount", 3.14, "memo", "Coffee", "metadata", Map.of("orderId", 1)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*"));

		assertThat(payment.get("user_uid").stringValue()).isEqualTo(ALICE_UID);
		assertThat(payment.get("direction").stringValue()).isEqualTo("user_to_app");
		assertStatus(body(sandbox.get(payment.get("identifier").stringValue()).expectStatus().isOk()), false, false,
				false, false, false);
	}

	@Test
	void userReadsOnlyTheirOwnPayments() {
		String id = sandbox.startUserToApp();

		assertThat(body(sdk("GET", "/sdk/payments/" + id, ALICE).expectStatus().isOk()).get("identifier").stringValue())
			.isEqualTo(id);
		sdk("GET", "/sdk/payments/" + id, BOB).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("payment_not_found");
		sdk("GET", "/sdk/payments/" + id, null).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unauthorized");
	}

	@Test
	void appToUserPaymentIsNotTheRecipientsToRead() {
		// The app pays bob; his wallet plays no part in it.
		String id = sandbox.createAppToUser();

		sdk("GET", "/sdk/payments/" + id, BOB).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("payment_not_found");
	}

	@Test
	void noPaymentOrAnUnapprovedOneIsNotIncomplete() {
		assertNoIncompletePayment(ALICE);

		sandbox.startUserToApp();

		assertNoIncompletePayment(ALICE);
	}

	@Test
	void approvedPaymentNotYetCompletedIsIncomplete() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();

		assertIncompletePayment(ALICE, id);
	}

	@Test
	void paymentWithTransactionIsIncompleteUntilCompleted() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		String txid = sandbox.submitTransactionOk(id);

		JsonNode payment = assertIncompletePayment(ALICE, id);
		assertThat(payment.get("transaction").get("txid").stringValue()).isEqualTo(txid);

		sandbox.complete(id, txid).expectStatus().isOk().expectBody();

		assertNoIncompletePayment(ALICE);
	}

	@Test
	void cancelledPaymentsAreNotIncomplete() {
		String byServer = sandbox.startUserToApp();
		sandbox.approve(byServer).expectStatus().isOk().expectBody();
		sandbox.cancel(byServer).expectStatus().isOk().expectBody();

		assertNoIncompletePayment(ALICE);

		String byUser = sandbox.startUserToApp();
		sandbox.approve(byUser).expectStatus().isOk().expectBody();
		sandbox.userCancel(byUser).expectStatus().isOk().expectBody();

		assertNoIncompletePayment(ALICE);
	}

	@Test
	void unapprovedPaymentPastTheApprovalTimeoutIsNotIncomplete() {
		sandbox.startUserToApp();
		clock.advance(Duration.ofSeconds(61));

		assertNoIncompletePayment(ALICE);
	}

	@Test
	void anotherUsersOrAnAppToUserPaymentIsNotIncomplete() {
		String alices = sandbox.startUserToApp();
		sandbox.approve(alices).expectStatus().isOk().expectBody();
		// A2U payments start approved, but they are the app's to finish, not bob's.
		sandbox.createAppToUser();

		assertNoIncompletePayment(BOB);
	}

	@Test
	void incompleteNeedsAValidToken() {
		sdk("GET", "/sdk/payments/incomplete", "sandbox-token-expired").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token");
	}

	@Test
	void walletSubmitsTheTransactionOfItsOwnApprovedPayment() {
		String id = sandbox.startUserToApp();

		sdk("POST", "/sdk/payments/" + id + "/transaction", ALICE).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("not_approved");

		sandbox.approve(id).expectStatus().isOk().expectBody();
		sdk("POST", "/sdk/payments/" + id + "/transaction", BOB).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("payment_not_found");

		JsonNode submitted = body(sdk("POST", "/sdk/payments/" + id + "/transaction", ALICE).expectStatus().isOk());
		String txid = submitted.get("transaction").get("txid").stringValue();
		assertThat(submitted.get("transaction").get("_link").stringValue()).endsWith("/horizon/transactions/" + txid);
		// The memo is the identifier, so the app's server can complete it.
		sandbox.complete(id, txid).expectStatus().isOk().expectBody();
	}

	@Test
	void walletCancelIsTheUsersCancel() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();

		sdk("POST", "/sdk/payments/" + id + "/user_cancel", BOB).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("payment_not_found");
		assertStatus(body(sdk("POST", "/sdk/payments/" + id + "/user_cancel", ALICE).expectStatus().isOk()), true,
				false, false, false, true);
	}

	private WebTestClient.ResponseSpec sdk(String method, String path, String token) {
		WebTestClient.RequestBodySpec request = webTestClient.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.ORIGIN, "http://localhost:8080");
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.exchange();
	}

	private void assertNoIncompletePayment(String token) {
		JsonNode answer = body(sdk("GET", "/sdk/payments/incomplete", token).expectStatus().isOk());
		assertThat(answer.get("exists").booleanValue()).isFalse();
		assertThat(answer.get("payment").isNull()).isTrue();
	}

	private JsonNode assertIncompletePayment(String token, String id) {
		JsonNode answer = body(sdk("GET", "/sdk/payments/incomplete", token).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*"));
		assertThat(answer.get("exists").booleanValue()).isTrue();
		JsonNode payment = answer.get("payment");
		assertThat(payment.get("identifier").stringValue()).isEqualTo(id);
		assertThat(payment.get("direction").stringValue()).isEqualTo("user_to_app");
		assertThat(payment.get("status").get("developer_approved").booleanValue()).isTrue();
		return payment;
	}

}
