package dev.piedge.sandbox.horizon;

import java.util.ArrayList;
import java.util.List;

import org.stellar.sdk.Account;
import org.stellar.sdk.Asset;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.Network;
import org.stellar.sdk.Operation;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.TimeBounds;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.TransactionBuilder;
import org.stellar.sdk.TransactionPreconditions;

import dev.piedge.sandbox.SandboxIntegrationTest;
import dev.piedge.sandbox.config.SandboxProperties;

/**
 * A payout transaction built and signed with the Stellar SDK, the way a payout service
 * builds it (pi-nodejs: one native payment, text memo = payment identifier, base fee,
 * time bounds). Each {@code with…} changes one thing, so a test can break exactly one
 * rule.
 */
record TestEnvelope(List<KeyPair> signers, String source, long sequence, List<Operation> extraOperations,
		String destination, String amount, Asset asset, String memo, long baseFee, long minTime, long maxTime,
		Network network) {

	/** The demo app wallet, whose seed the sandbox publishes for demos. */
	static final KeyPair APP_WALLET = KeyPair.fromSecretSeed(SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED);

	static final long BASE_FEE = SandboxProperties.Horizon.DEFAULT_BASE_FEE;

	/**
	 * Valid from the tests' clock start for 180 s, as pi-nodejs's fetchTimebounds(180).
	 */
	static final long VALID_FROM = SandboxIntegrationTest.START.getEpochSecond();

	/**
	 * A correct payout of {@code amount} to {@code destination} with memo
	 * {@code identifier}, from the app wallet at sequence {@code sequence}, for Pi
	 * Testnet.
	 */
	static TestEnvelope payout(long sequence, String destination, String amount, String identifier) {
		return new TestEnvelope(List.of(APP_WALLET), APP_WALLET.getAccountId(), sequence, List.of(), destination,
				amount, new AssetTypeNative(), identifier, BASE_FEE, VALID_FROM, VALID_FROM + 180,
				new Network("Pi Testnet"));
	}

	TestEnvelope signedBy(KeyPair... keys) {
		return new TestEnvelope(List.of(keys), source, sequence, extraOperations, destination, amount, asset, memo,
				baseFee, minTime, maxTime, network);
	}

	TestEnvelope withSource(String source) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withSequence(long sequence) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withDestination(String destination) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withAmount(String amount) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withAsset(Asset asset) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withMemo(String memo) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withBaseFee(long baseFee) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withTimeBounds(long minTime, long maxTime) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	TestEnvelope withNetwork(String passphrase) {
		return new TestEnvelope(signers, source, sequence, extraOperations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, new Network(passphrase));
	}

	TestEnvelope withExtraOperation(Operation operation) {
		List<Operation> operations = new ArrayList<>(extraOperations);
		operations.add(operation);
		return new TestEnvelope(signers, source, sequence, operations, destination, amount, asset, memo, baseFee,
				minTime, maxTime, network);
	}

	/** The signed envelope, base64: the form field {@code tx}. */
	String xdr() {
		return transaction().toEnvelopeXdrBase64();
	}

	/** The transaction hash for the envelope's own network: Pi's txid. */
	String hash() {
		return transaction().hashHex();
	}

	private Transaction transaction() {
		// The builder increments the account's sequence, so start one below.
		TransactionBuilder builder = new TransactionBuilder(new Account(source, sequence - 1), network)
			.addOperation(new PaymentOperation.Builder(destination, asset, amount).build())
			.addPreconditions(TransactionPreconditions.builder().timeBounds(new TimeBounds(minTime, maxTime)).build())
			.setBaseFee(baseFee);
		extraOperations.forEach(builder::addOperation);
		if (memo != null) {
			builder.addMemo(Memo.text(memo));
		}
		Transaction transaction = builder.build();
		signers.forEach(transaction::sign);
		return transaction;
	}

}
