package dev.piedge.sandbox.horizon;

import java.util.List;

/**
 * A decoded transaction envelope with its signatures already checked: everything the
 * chain needs to decide whether it lands.
 *
 * @param hash the transaction hash for the sandbox's network passphrase
 * @param envelopeXdr the envelope as submitted
 * @param supported false for what the emulator does not apply (fee-bump envelopes)
 * @param maxFee in stroops
 * @param validAfter lower time bound in epoch seconds (0: none)
 * @param validBefore upper time bound in epoch seconds (0: none)
 * @param authorization whether the source account's key signed the hash
 * @param foreignOperationSource an operation names a source account other than the
 * transaction's, whose signature the emulator cannot have
 * @param memoType Horizon's {@code memo_type}: {@code none}, {@code text}, {@code id},
 * {@code hash} or {@code return}
 * @param memo the memo as Horizon shows it, or null
 * @param signatures the signatures, base64
 * @param transfer the payment, when the transaction is exactly one payment operation;
 * else null
 */
record SubmittedEnvelope(String hash, String envelopeXdr, boolean supported, String source, long sequence, long maxFee,
		int operationCount, long validAfter, long validBefore, Authorization authorization,
		boolean foreignOperationSource, String memoType, String memo, List<String> signatures, Transfer transfer) {

	SubmittedEnvelope {
		signatures = List.copyOf(signatures);
	}

	enum Authorization {

		/** Exactly one signature, by the source account's key, over the hash. */
		SIGNED,

		/**
		 * No valid signature by the source account's key: Stellar's {@code tx_bad_auth}.
		 */
		BAD_AUTH,

		/**
		 * Signed, plus signatures that do not count: Stellar's {@code tx_bad_auth_extra}.
		 */
		BAD_AUTH_EXTRA

	}

	/**
	 * A payment operation.
	 *
	 * @param amount in stroops
	 */
	record Transfer(String destination, long amount, boolean nativeAsset) {
	}

}
