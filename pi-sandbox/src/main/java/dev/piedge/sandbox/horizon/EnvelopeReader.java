package dev.piedge.sandbox.horizon;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.stellar.sdk.AbstractTransaction;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.MemoId;
import org.stellar.sdk.MemoNone;
import org.stellar.sdk.MemoReturnHash;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.Network;
import org.stellar.sdk.Operation;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.TimeBounds;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.xdr.DecoratedSignature;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.HorizonProblemException;

/**
 * Decodes a submitted envelope with the Stellar SDK, hashes it for the sandbox's network
 * passphrase (Pi uses the network name itself: {@code Pi Testnet} or {@code Pi Network})
 * and checks its ed25519 signatures against the source account's public key. A
 * transaction signed for another network has another hash, so its signature fails here,
 * as on a real chain.
 */
@Component
class EnvelopeReader {

	private final Network network;

	EnvelopeReader(SandboxProperties properties) {
		this.network = new Network(properties.network());
	}

	/**
	 * Throws Horizon's {@code transaction_malformed} when {@code envelopeXdr} is not a
	 * transaction envelope.
	 */
	SubmittedEnvelope read(String envelopeXdr) {
		AbstractTransaction parsed = parse(envelopeXdr);
		if (!(parsed instanceof Transaction tx)) {
			return new SubmittedEnvelope(parsed.hashHex(), envelopeXdr, false, null, 0, 0, 0, 0, 0,
					SubmittedEnvelope.Authorization.BAD_AUTH, false, "none", null, List.of(), null);
		}
		byte[] hash = tx.hash();
		TimeBounds bounds = tx.getTimeBounds();
		Memo memo = tx.getMemo();
		List<String> signatures = tx.getSignatures()
			.stream()
			.map(signature -> Base64.getEncoder().encodeToString(signature.getSignature().getSignature()))
			.toList();
		return new SubmittedEnvelope(tx.hashHex(), envelopeXdr, true, tx.getSourceAccount(), tx.getSequenceNumber(),
				tx.getFee(), tx.getOperations().length, (bounds != null) ? bounds.getMinTime().longValue() : 0,
				(bounds != null) ? bounds.getMaxTime().longValue() : 0, authorization(tx, hash),
				hasForeignOperationSource(tx), memoType(memo), memoValue(memo), signatures, transfer(tx));
	}

	private AbstractTransaction parse(String envelopeXdr) {
		try {
			return AbstractTransaction.fromEnvelopeXdr(envelopeXdr, network);
		}
		catch (Exception ex) {
			// Anything the SDK cannot decode (bad base64, truncated XDR, a memo over 28
			// bytes...) is the client's malformed envelope.
			throw HorizonProblemException.transactionMalformed(envelopeXdr);
		}
	}

	/**
	 * Stellar counts each signature once, and only those of the account's signers; the
	 * emulated accounts have one signer, their own key.
	 */
	private static SubmittedEnvelope.Authorization authorization(Transaction tx, byte[] hash) {
		KeyPair source;
		try {
			source = KeyPair.fromAccountId(tx.getSourceAccount());
		}
		catch (RuntimeException ex) {
			return SubmittedEnvelope.Authorization.BAD_AUTH;
		}
		byte[] hint = source.getSignatureHint().getSignatureHint();
		int valid = 0;
		int other = 0;
		for (DecoratedSignature signature : tx.getSignatures()) {
			if (Arrays.equals(signature.getHint().getSignatureHint(), hint)
					&& source.verify(hash, signature.getSignature().getSignature())) {
				valid++;
			}
			else {
				other++;
			}
		}
		if (valid == 0) {
			return SubmittedEnvelope.Authorization.BAD_AUTH;
		}
		return (valid == 1 && other == 0) ? SubmittedEnvelope.Authorization.SIGNED
				: SubmittedEnvelope.Authorization.BAD_AUTH_EXTRA;
	}

	private static boolean hasForeignOperationSource(Transaction tx) {
		return Arrays.stream(tx.getOperations())
			.map(Operation::getSourceAccount)
			.anyMatch(source -> source != null && !source.equals(tx.getSourceAccount()));
	}

	private static SubmittedEnvelope.Transfer transfer(Transaction tx) {
		Operation[] operations = tx.getOperations();
		if (operations.length != 1 || !(operations[0] instanceof PaymentOperation payment)) {
			return null;
		}
		return new SubmittedEnvelope.Transfer(payment.getDestination(), Stroops.parse(payment.getAmount()),
				payment.getAsset() instanceof AssetTypeNative);
	}

	private static String memoType(Memo memo) {
		if (memo == null || memo instanceof MemoNone) {
			return "none";
		}
		if (memo instanceof MemoText) {
			return "text";
		}
		if (memo instanceof MemoId) {
			return "id";
		}
		return (memo instanceof MemoReturnHash) ? "return" : "hash";
	}

	private static String memoValue(Memo memo) {
		if (memo instanceof MemoText text) {
			return text.getText();
		}
		if (memo instanceof MemoId id) {
			return id.getId().toString();
		}
		return null;
	}

}
