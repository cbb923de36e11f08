package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.AssetTypeCreditAlphaNum4;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.PaymentOperation;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.horizon.HorizonTestClient.APP_WALLET;
import static dev.piedge.sandbox.horizon.HorizonTestClient.expectProblem;
import static dev.piedge.sandbox.horizon.HorizonTestClient.expectTransactionFailed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /horizon/transactions} with envelopes built and signed by the Stellar SDK:
 * what lands, what Stellar refuses (signature, network, sequence, time bounds, fee,
 * funds) and what Pi's rules refuse (memo, destination, amount, asset).
 */
@SandboxIntegrationTest
class HorizonSubmissionIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	private HorizonTestClient horizon;

	private String identifier;

	private String bobWallet;

	private long startSequence;

	@BeforeEach
	void createPayout() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		horizon = new HorizonTestClient(webTestClient);
		sandbox.reset();
		identifier = sandbox.createAppToUser();
		bobWallet = body(sandbox.get(identifier).expectStatus().isOk()).get("to_address").stringValue();
		startSequence = horizon.sequence(APP_WALLET);
	}

	/** The right payout for the open payment (1.5 to bob). */
	private TestEnvelope payout() {
		return TestEnvelope.payout(startSequence + 1, bobWallet, "1.5", identifier);
	}

	@Test
	void signedPayoutLandsAndAnswersLikeHorizon() {
		TestEnvelope envelope = payout();

		JsonNode tx = horizon.submitOk(envelope);

		assertThat(tx.get("hash").stringValue()).isEqualTo(envelope.hash()).matches("[0-9a-f]{64}");
		assertThat(tx.get("id").stringValue()).isEqualTo(envelope.hash());
		assertThat(tx.get("successful").booleanValue()).isTrue();
		assertThat(tx.get("ledger").longValue()).isPositive();
		assertThat(tx.get("source_account").stringValue()).isEqualTo(APP_WALLET);
		assertThat(tx.get("source_account_sequence").stringValue()).isEqualTo(Long.toString(startSequence + 1));
		assertThat(tx.get("fee_charged").stringValue()).isEqualTo("100000");
		assertThat(tx.get("envelope_xdr").stringValue()).isEqualTo(envelope.xdr());
		assertThat(tx.get("result_xdr").stringValue()).isNotBlank();
		assertThat(tx.get("memo_type").stringValue()).isEqualTo("text");
		assertThat(tx.get("memo").stringValue()).isEqualTo(identifier);
		assertThat(tx.get("signatures")).hasSize(1);
		assertThat(tx.get("_links").get("self").get("href").stringValue())
			.endsWith("/horizon/transactions/" + envelope.hash());
	}

	@Test
	void landedPayoutMovesBalancesAndTheSequenceAndCanBeLookedUp() {
		String appBalance = horizon.balance(APP_WALLET);
		String bobBalance = horizon.balance(bobWallet);
		TestEnvelope envelope = payout();

		horizon.submitOk(envelope);

		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence + 1);
		assertThat(new BigDecimal(horizon.balance(APP_WALLET)))
			.isEqualByComparingTo(new BigDecimal(appBalance).subtract(new BigDecimal("1.51")));
		assertThat(new BigDecimal(horizon.balance(bobWallet)))
			.isEqualByComparingTo(new BigDecimal(bobBalance).add(new BigDecimal("1.5")));
		horizon.transaction(envelope.hash())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.hash")
			.isEqualTo(envelope.hash())
			.jsonPath("$.successful")
			.isEqualTo(true);
	}

	@Test
	void landedPayoutBecomesThePaymentsTransaction() {
		TestEnvelope envelope = payout();
		horizon.submitOk(envelope);

		JsonNode transaction = body(sandbox.get(identifier).expectStatus().isOk()).get("transaction");
		assertThat(transaction.get("txid").stringValue()).isEqualTo(envelope.hash());
		assertThat(transaction.get("verified").booleanValue()).isFalse();
		assertThat(transaction.get("_link").stringValue()).endsWith("/horizon/transactions/" + envelope.hash());
		sandbox.incompleteServerPayments()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.incomplete_server_payments[0].transaction.txid")
			.isEqualTo(envelope.hash());
	}

	@Test
	void unknownTransactionIsNotFoundAndAMalformedHashIsABadRequest() {
		expectProblem(horizon.transaction("ab".repeat(32)), 404, "not_found");
		assertThat(expectProblem(horizon.transaction("not-a-hash"), 400, "bad_request").get("extras")
			.get("invalid_field")
			.stringValue()).isEqualTo("tx_id");
	}

	@Test
	void signatureByAnotherKeyIsBadAuthAndDoesNotLand() {
		TestEnvelope envelope = payout().signedBy(KeyPair.random());

		JsonNode problem = expectTransactionFailed(horizon.submit(envelope.xdr()), "tx_bad_auth");

		assertThat(problem.get("extras").get("hash").stringValue()).isEqualTo(envelope.hash());
		assertThat(problem.get("extras").get("envelope_xdr").stringValue()).isEqualTo(envelope.xdr());
		assertNothingLanded(envelope);
	}

	@Test
	void unsignedEnvelopeIsBadAuth() {
		expectTransactionFailed(horizon.submit(payout().signedBy().xdr()), "tx_bad_auth");
	}

	@Test
	void extraSignatureIsBadAuthExtra() {
		TestEnvelope envelope = payout().signedBy(TestEnvelope.APP_WALLET, KeyPair.random());

		expectTransactionFailed(horizon.submit(envelope.xdr()), "tx_bad_auth_extra");
		assertNothingLanded(envelope);
	}

	@Test
	void envelopeSignedForTheOtherNetworkIsBadAuth() {
		// The sandbox is on "Pi Testnet": a "Pi Network" signature cannot verify.
		TestEnvelope envelope = payout().withNetwork("Pi Network");

		expectTransactionFailed(horizon.submit(envelope.xdr()), "tx_bad_auth");
		assertThat(horizon.chain()).isEmpty();
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence);
	}

	@Test
	void wrongMemoIsRefusedByPiRulesAndDoesNotLand() {
		TestEnvelope envelope = payout().withMemo("notTheIdentifierOfAPayment0");

		expectRefusal(envelope, "memo_not_an_open_payment");
	}

	@Test
	void missingMemoIsRefused() {
		expectRefusal(payout().withMemo(null), "memo_not_an_open_payment");
	}

	@Test
	void wrongDestinationIsRefused() {
		expectRefusal(payout().withDestination(KeyPair.random().getAccountId()), "destination_mismatch");
	}

	@Test
	void wrongAmountIsRefused() {
		expectRefusal(payout().withAmount("1.4999999"), "amount_mismatch");
	}

	@Test
	void nonNativeAssetIsRefused() {
		expectRefusal(payout().withAsset(new AssetTypeCreditAlphaNum4("USD", KeyPair.random().getAccountId())),
				"asset_not_native");
	}

	@Test
	void secondOperationIsRefused() {
		TestEnvelope envelope = payout()
			.withExtraOperation(new PaymentOperation.Builder(bobWallet, new AssetTypeNative(), "1").build());

		expectRefusal(envelope, "not_a_single_payment");
	}

	@Test
	void payoutForACancelledPaymentIsRefused() {
		sandbox.cancel(identifier).expectStatus().isOk().expectBody();

		expectRefusal(payout(), "memo_not_an_open_payment");
	}

	@Test
	void staleOrFutureSequenceIsBadSeq() {
		expectTransactionFailed(horizon.submit(payout().withSequence(startSequence).xdr()), "tx_bad_seq");
		expectTransactionFailed(horizon.submit(payout().withSequence(startSequence + 2).xdr()), "tx_bad_seq");
		assertThat(horizon.chain()).isEmpty();
	}

	@Test
	void sequenceMustFollowTheAccountsAfterEachLanding() {
		horizon.submitOk(payout());
		sandbox.complete(identifier, payout().hash()).expectStatus().isOk().expectBody();
		String next = sandbox.createAppToUser();

		TestEnvelope reused = TestEnvelope.payout(startSequence + 1, bobWallet, "1.5", next);
		expectTransactionFailed(horizon.submit(reused.xdr()), "tx_bad_seq");
		horizon.submitOk(reused.withSequence(startSequence + 2));
	}

	@Test
	void expiredTimeBoundsAreTooLate() {
		clock.advance(Duration.ofSeconds(181));

		expectTransactionFailed(horizon.submit(payout().xdr()), "tx_too_late");
		assertThat(horizon.chain()).isEmpty();
	}

	@Test
	void timeBoundsInTheFutureAreTooEarly() {
		long later = TestEnvelope.VALID_FROM + 60;

		expectTransactionFailed(horizon.submit(payout().withTimeBounds(later, later + 180).xdr()), "tx_too_early");
	}

	@Test
	void feeBelowTheBaseFeeIsInsufficientFee() {
		expectTransactionFailed(horizon.submit(payout().withBaseFee(TestEnvelope.BASE_FEE - 1).xdr()),
				"tx_insufficient_fee");
		assertThat(horizon.chain()).isEmpty();
	}

	@Test
	void unknownSourceAccountIsNoSourceAccount() {
		KeyPair stranger = KeyPair.random();

		expectTransactionFailed(horizon.submit(payout().withSource(stranger.getAccountId()).signedBy(stranger).xdr()),
				"tx_no_source_account");
	}

	@Test
	void underfundedPayoutLandsAsFailedUsingUpItsSequenceAndFee() {
		horizon.setAccount(APP_WALLET, Map.of("balance", "1.0")).expectStatus().isOk().expectBody();
		TestEnvelope envelope = payout();

		JsonNode problem = expectTransactionFailed(horizon.submit(envelope.xdr()), "tx_failed");

		assertThat(problem.get("extras").get("result_codes").get("operations").get(0).stringValue())
			.isEqualTo("op_underfunded");
		horizon.transaction(envelope.hash())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.successful")
			.isEqualTo(false);
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence + 1);
		assertThat(horizon.balance(APP_WALLET)).isEqualTo("0.9900000");
		// A failed transaction pays nobody, so Pi does not link it to the payment.
		assertThat(body(sandbox.get(identifier).expectStatus().isOk()).get("transaction").isNull()).isTrue();
	}

	@Test
	void replayingALandedEnvelopeAnswersTheSameTransactionAndLandsNothingNew() {
		TestEnvelope envelope = payout();
		JsonNode first = horizon.submitOk(envelope);

		JsonNode again = horizon.submitOk(envelope);

		assertThat(again.get("hash").stringValue()).isEqualTo(first.get("hash").stringValue());
		assertThat(again.get("ledger").longValue()).isEqualTo(first.get("ledger").longValue());
		assertThat(horizon.chain()).hasSize(1);
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence + 1);
	}

	@Test
	void secondPayoutForTheSamePaymentLandsButCannotComplete() {
		TestEnvelope first = payout();
		horizon.submitOk(first);
		TestEnvelope second = payout().withSequence(startSequence + 2);

		horizon.submitOk(second);

		// A chain cannot refuse a double payment; the chain's list shows it.
		assertThat(horizon.chain()).hasSize(2);
		sandbox.complete(identifier, second.hash())
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("verification_failed")
			.jsonPath("$.verification_error")
			.isEqualTo("payment_already_linked_with_a_tx");
		sandbox.complete(identifier, first.hash()).expectStatus().isOk().expectBody();
	}

	@Test
	void malformedEnvelopeIsTransactionMalformed() {
		JsonNode problem = expectProblem(horizon.submit("AAAAnotanenvelope"), 400, "transaction_malformed");

		assertThat(problem.get("extras").get("envelope_xdr").stringValue()).isEqualTo("AAAAnotanenvelope");
	}

	@Test
	void missingTxFieldIsBadRequest() {
		JsonNode problem = expectProblem(webTestClient.post()
			.uri("/horizon/transactions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"tx\":\"x\"}")
			.exchange(), 400, "bad_request");

		assertThat(problem.get("extras").get("invalid_field").stringValue()).isEqualTo("tx");
	}

	private void expectRefusal(TestEnvelope envelope, String reason) {
		JsonNode problem = expectTransactionFailed(horizon.submit(envelope.xdr()), "tx_failed");
		assertThat(problem.get("extras").get("result_codes").get("operations").get(0).stringValue())
			.isEqualTo("op_malformed");
		assertThat(problem.get("extras").get("pi_sandbox_reason").stringValue()).isEqualTo(reason);
		assertNothingLanded(envelope);
	}

	private void assertNothingLanded(TestEnvelope envelope) {
		expectProblem(horizon.transaction(envelope.hash()), 404, "not_found");
		assertThat(horizon.chain()).isEmpty();
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(startSequence);
		assertThat(body(sandbox.get(identifier).expectStatus().isOk()).get("transaction").isNull()).isTrue();
	}

}
