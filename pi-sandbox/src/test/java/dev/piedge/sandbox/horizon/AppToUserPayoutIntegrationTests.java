package dev.piedge.sandbox.horizon;

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

import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.BOB_UID;
import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.horizon.HorizonTestClient.APP_WALLET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app-to-user payment end to end, as pi-nodejs does it, against the Platform API and
 * the Horizon emulator: create on Pi, read the account and the base fee from Horizon,
 * sign and submit, complete on Pi.
 */
@SandboxIntegrationTest
class AppToUserPayoutIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	private HorizonTestClient horizon;

	@BeforeEach
	void reset() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		horizon = new HorizonTestClient(webTestClient);
		sandbox.reset();
	}

	@Test
	void createSignSubmitCompleteRoundTrip() {
		JsonNode payment = body(sandbox
			.createAppToUser(Map.of("payment",
					Map.of("amount", 2.25, "memo", "Reward", "metadata", Map.of("reward", 1), "uid", BOB_UID)))
			.expectStatus()
			.isOk());
		String identifier = payment.get("identifier").stringValue();
		assertThat(payment.get("from_address").stringValue()).isEqualTo(SandboxProperties.DEFAULT_APP_WALLET)
			.isEqualTo(APP_WALLET);
		String recipient = payment.get("to_address").stringValue();
		long sequence = horizon.sequence(payment.get("from_address").stringValue());
		long baseFee = Long
			.parseLong(body(webTestClient.get().uri("/horizon/fee_stats").exchange().expectStatus().isOk())
				.get("last_ledger_base_fee")
				.stringValue());
		TestEnvelope envelope = TestEnvelope.payout(sequence + 1, recipient, "2.25", identifier).withBaseFee(baseFee);

		String txid = horizon.submitOk(envelope).get("id").stringValue();
		JsonNode completed = body(sandbox.complete(identifier, txid).expectStatus().isOk());

		assertThat(completed.get("status").get("developer_completed").booleanValue()).isTrue();
		assertThat(completed.get("status").get("transaction_verified").booleanValue()).isTrue();
		assertThat(completed.get("transaction").get("txid").stringValue()).isEqualTo(txid);
		assertThat(completed.get("transaction").get("verified").booleanValue()).isTrue();
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments.length()")
			.isEqualTo(0);
		assertThat(horizon.chain()).hasSize(1);
	}

	@Test
	void secondOpenPayoutIsOngoingPaymentFoundUntilTheFirstCompletes() {
		String first = sandbox.createAppToUser();
		JsonNode firstPayment = body(sandbox.get(first).expectStatus().isOk());

		JsonNode refused = body(sandbox
			.createAppToUser(
					Map.of("payment", Map.of("amount", 1, "memo", "again", "metadata", Map.of(), "uid", ALICE_UID)))
			.expectStatus()
			.isBadRequest());
		assertThat(refused.get("error").stringValue()).isEqualTo("ongoing_payment_found");
		assertThat(refused.get("payment").get("identifier").stringValue()).isEqualTo(first);

		TestEnvelope envelope = TestEnvelope.payout(horizon.sequence(APP_WALLET) + 1,
				firstPayment.get("to_address").stringValue(), "1.5", first);
		horizon.submitOk(envelope);
		// Still open with its transaction: Pi keeps refusing until it is completed.
		sandbox
			.createAppToUser(
					Map.of("payment", Map.of("amount", 1, "memo", "again", "metadata", Map.of(), "uid", ALICE_UID)))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("ongoing_payment_found")
			.jsonPath("$.payment.transaction.txid")
			.isEqualTo(envelope.hash());
		sandbox.complete(first, envelope.hash()).expectStatus().isOk().expectBody();

		sandbox
			.createAppToUser(
					Map.of("payment", Map.of("amount", 1, "memo", "again", "metadata", Map.of(), "uid", ALICE_UID)))
			.expectStatus()
			.isOk()
			.expectBody();
	}

	@Test
	void cancelWorksUntilThePayoutLandsThenIsPaymentTxPresent() {
		String cancelled = sandbox.createAppToUser();
		sandbox.cancel(cancelled).expectStatus().isOk().expectBody().jsonPath("$.status.cancelled").isEqualTo(true);

		String paid = sandbox.createAppToUser();
		String recipient = body(sandbox.get(paid).expectStatus().isOk()).get("to_address").stringValue();
		horizon.submitOk(TestEnvelope.payout(horizon.sequence(APP_WALLET) + 1, recipient, "1.5", paid));

		sandbox.cancel(paid)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("payment_tx_present");
	}

	@Test
	void completeWithATxidThatNeverLandedIsTxidMismatch() {
		String identifier = sandbox.createAppToUser();
		String recipient = body(sandbox.get(identifier).expectStatus().isOk()).get("to_address").stringValue();
		TestEnvelope envelope = TestEnvelope.payout(horizon.sequence(APP_WALLET) + 1, recipient, "1.5", identifier);

		// Signed but never submitted: Pi finds nothing on chain.
		sandbox.complete(identifier, envelope.hash())
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("txid_mismatch");

		horizon.submitOk(envelope);
		sandbox.complete(identifier, "ab".repeat(32))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("txid_mismatch");
	}

}
