package dev.piedge.sidecar.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.piedge.pi.client.PaymentId;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.AbstractTransaction;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.Network;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.xdr.DecoratedSignature;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PayoutTransactionSignerTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00.750Z");

	private static final PaymentId PAYMENT_ID = PaymentId.of("jGCjzZqgg78B6Pf1wzYHFSBTqNIv");

	private static final long SEQUENCE = 8589934600L;

	private static final long BASE_FEE = 100_000;

	private static final HorizonAccount SOURCE = new HorizonAccount(TestWallets.APP_ADDRESS, SEQUENCE);

	private final PayoutTransactionSigner signer = signer(TestWallets.appWallet());

	private static PayoutTransactionSigner signer(AppWallet wallet) {
		return new PayoutTransactionSigner(wallet, new PayoutTransactionProperties(Duration.ofMinutes(2), 1_000_000),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static PayoutTransfer transfer(PiNetwork network, String amount) {
		return new PayoutTransfer(network, TestWallets.RECIPIENT_ADDRESS, new BigDecimal(amount), PAYMENT_ID);
	}

	@Test
	void signsOneNativePaymentThatTheSdkReadsBackFromTheEnvelope() throws Exception {
		SignedPayout signed = this.signer.sign(transfer(PiNetwork.TESTNET, "3.14"), SOURCE, BASE_FEE);

		Transaction transaction = (Transaction) AbstractTransaction.fromEnvelopeXdr(signed.envelopeXdr(),
				new Network("Pi Testnet"));
		assertThat(transaction.getSourceAccount()).isEqualTo(TestWallets.APP_ADDRESS);
		assertThat(transaction.getSequenceNumber()).isEqualTo(SEQUENCE + 1).isEqualTo(signed.sequence());
		assertThat(transaction.getFee()).isEqualTo(BASE_FEE).isEqualTo(signed.fee());
		assertThat(transaction.getMemo()).isInstanceOfSatisfying(MemoText.class,
				memo -> assertThat(memo.getText()).isEqualTo(PAYMENT_ID.value()));
		assertThat(transaction.getOperations()).singleElement()
			.isInstanceOfSatisfying(PaymentOperation.class, payment -> {
				assertThat(payment.getDestination()).isEqualTo(TestWallets.RECIPIENT_ADDRESS);
				assertThat(payment.getAsset()).isEqualTo(new AssetTypeNative());
				assertThat(new BigDecimal(payment.getAmount())).isEqualByComparingTo("3.14");
				assertThat(payment.getSourceAccount()).isNull();
			});
		// Valid from the start of time (no tx_too_early on a slow clock) to two minutes
		// after signing, in whole seconds.
		assertThat(transaction.getTimeBounds().getMinTime()).isEqualTo(BigInteger.ZERO);
		assertThat(transaction.getTimeBounds().getMaxTime())
			.isEqualTo(BigInteger.valueOf(Instant.parse("2026-11-22T12:02:00Z").getEpochSecond()));
		assertThat(signed.validUntil()).isEqualTo(Instant.parse("2026-11-22T12:02:00Z"));
		assertThat(signed.txid().value()).isEqualTo(transaction.hashHex());
	}

	@Test
	void signaturesVerifyWithTheWalletsPublicKeyForThePaymentsNetworkOnly() throws Exception {
		KeyPair publicKey = KeyPair.fromAccountId(TestWallets.APP_ADDRESS);
		for (PiNetwork network : PiNetwork.values()) {
			SignedPayout signed = this.signer.sign(transfer(network, "1"), SOURCE, BASE_FEE);

			Transaction transaction = (Transaction) AbstractTransaction.fromEnvelopeXdr(signed.envelopeXdr(),
					new Network(network.piName()));
			DecoratedSignature signature = transaction.getSignatures().get(0);
			assertThat(transaction.getSignatures()).hasSize(1);
			assertThat(signature.getHint().getSignatureHint())
				.isEqualTo(publicKey.getSignatureHint().getSignatureHint());
			assertThat(publicKey.verify(transaction.hash(), signature.getSignature().getSignature()))
				.as("signature over the %s passphrase", network)
				.isTrue();
			assertThat(signed.txid().value()).isEqualTo(transaction.hashHex());

			PiNetwork other = (network == PiNetwork.TESTNET) ? PiNetwork.MAINNET : PiNetwork.TESTNET;
			Transaction elsewhere = (Transaction) AbstractTransaction.fromEnvelopeXdr(signed.envelopeXdr(),
					new Network(other.piName()));
			assertThat(publicKey.verify(elsewhere.hash(), signature.getSignature().getSignature()))
				.as("the same signature on %s", other)
				.isFalse();
		}
	}

	@Test
	void signsTheExactAmountWithSevenDecimals() throws Exception {
		SignedPayout signed = this.signer.sign(transfer(PiNetwork.TESTNET, "0.0000001"), SOURCE, BASE_FEE);

		Transaction transaction = (Transaction) AbstractTransaction.fromEnvelopeXdr(signed.envelopeXdr(),
				new Network("Pi Testnet"));
		assertThat(((PaymentOperation) transaction.getOperations()[0]).getAmount()).isEqualTo("0.0000001");
	}

	@Test
	void refusesAnAmountWithEightDecimalsBeforeTheSdkSeesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> transfer(PiNetwork.TESTNET, "1.00000001"))
			.withMessage("A payout amount has at most 7 decimal places (one stroop is 0.0000001 Pi), "
					+ "but was 1.00000001");
		// Trailing zeros are not decimals that matter.
		assertThat(transfer(PiNetwork.TESTNET, "1.50000000").amount()).isEqualByComparingTo("1.5");
	}

	@Test
	void refusesAmountsThatAreNotPositiveOrTooLarge() {
		assertThatIllegalArgumentException().isThrownBy(() -> transfer(PiNetwork.TESTNET, "0"))
			.withMessage("A payout amount must be positive, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> transfer(PiNetwork.TESTNET, "-1"))
			.withMessage("A payout amount must be positive, but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> transfer(PiNetwork.TESTNET, "922337203685.4775808"))
			.withMessage("A payout amount is at most 922337203685.4775807 Pi, but was 922337203685.4775808");
	}

	@Test
	void refusesADestinationThatIsNotAWalletAddress() {
		for (String destination : new String[] { null, "", "GTO", TestWallets.APP_SEED,
				TestWallets.RECIPIENT_ADDRESS.substring(0, 55) + "A", TestWallets.RECIPIENT_ADDRESS + "/../x" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new PayoutTransfer(PiNetwork.TESTNET, destination, BigDecimal.ONE, PAYMENT_ID))
				.as(destination)
				.withMessage("The payout's destination must be a Pi wallet address: G and 55 more characters");
		}
	}

	@Test
	void refusesAPaymentIdLongerThanAMemo() {
		PaymentId longId = PaymentId.of("a".repeat(29));

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new PayoutTransfer(PiNetwork.TESTNET, TestWallets.RECIPIENT_ADDRESS, BigDecimal.ONE, longId))
			.withMessage("The payment identifier " + longId + " is longer than the 28 bytes a transaction memo holds");
	}

	@Test
	void refusesABaseFeeAboveTheLimitOrBelowTheNetworkMinimum() {
		PayoutTransfer transfer = transfer(PiNetwork.TESTNET, "1");

		assertThatExceptionOfType(BaseFeeTooHighException.class)
			.isThrownBy(() -> this.signer.sign(transfer, SOURCE, 1_000_001))
			.withMessage("The network's base fee is 1000001 stroops, above pi.payouts.transaction.max-base-fee "
					+ "(1000000): no payout is signed")
			.satisfies(ex -> assertThat(ex.baseFee()).isEqualTo(1_000_001));
		assertThatIllegalArgumentException().isThrownBy(() -> this.signer.sign(transfer, SOURCE, 99))
			.withMessage("A base fee is at least 100 stroops, but Horizon reported 99");
		assertThat(this.signer.sign(transfer, SOURCE, 1_000_000).fee()).isEqualTo(1_000_000);
	}

	@Test
	void refusesASourceAccountThatIsNotTheAppWallet() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.signer.sign(transfer(PiNetwork.TESTNET, "1"),
					new HorizonAccount(TestWallets.OTHER_ADDRESS, SEQUENCE), BASE_FEE))
			.withMessage("The source account " + TestWallets.OTHER_ADDRESS + " is not the app wallet "
					+ TestWallets.APP_ADDRESS);
	}

	@Test
	void refusesToSignWithoutAWalletSeed() {
		assertThatExceptionOfType(WalletNotConfiguredException.class)
			.isThrownBy(
					() -> signer(AppWallet.notConfigured()).sign(transfer(PiNetwork.TESTNET, "1"), SOURCE, BASE_FEE))
			.withMessageContaining("set PI_WALLET_SEED or pi.payouts.wallet.seed-file");
	}

	@Test
	void neverChangesTheSourceAccountItWasGiven() {
		SignedPayout first = this.signer.sign(transfer(PiNetwork.TESTNET, "1"), SOURCE, BASE_FEE);
		SignedPayout second = this.signer.sign(transfer(PiNetwork.TESTNET, "1"), SOURCE, BASE_FEE);

		assertThat(SOURCE.sequence()).isEqualTo(SEQUENCE);
		assertThat(second.sequence()).isEqualTo(first.sequence()).isEqualTo(SEQUENCE + 1);
		// Deterministic: the same inputs give the same transaction.
		assertThat(second).isEqualTo(first);
	}

	@Test
	void signsOnANonBlockingThreadWithoutBlockingIt() {
		PayoutTransactionSigner fresh = signer(AppWallet.fromSeed(TestWallets.OTHER_SEED.toCharArray(), "test"));
		HorizonAccount source = new HorizonAccount(TestWallets.OTHER_ADDRESS, SEQUENCE);

		StepVerifier
			.create(Mono.fromCallable(() -> fresh.sign(transfer(PiNetwork.MAINNET, "2.5"), source, BASE_FEE))
				.subscribeOn(Schedulers.parallel()))
			.assertNext(signed -> assertThat(signed.sequence()).isEqualTo(SEQUENCE + 1))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		// BlockHound is watching that thread: a blocking call there fails.
		StepVerifier.create(Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()))
			.expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("Blocking call"))
			.verify(Duration.ofSeconds(10));
	}

}
