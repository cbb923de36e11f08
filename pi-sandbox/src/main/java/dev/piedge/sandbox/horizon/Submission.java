package dev.piedge.sandbox.horizon;

import java.util.List;

/**
 * What became of a submitted transaction: it landed (successfully or as failed), or the
 * network refused it and nothing changed.
 *
 * @param landed the transaction on the chain, or null when refused
 * @param transactionCode the refusal's code, e.g. {@code tx_bad_seq}; null when landed
 * @param operationCodes the refusal's operation codes (for {@code tx_failed})
 * @param feeCharged the fee the refusal's result reports, in stroops
 * @param reason the sandbox's own reason when Pi's rules refused it, else null
 */
record Submission(LandedTransaction landed, String transactionCode, List<String> operationCodes, long feeCharged,
		String reason) {

	static Submission landed(LandedTransaction landed) {
		return new Submission(landed, null, List.of(), landed.feeCharged(), null);
	}

	static Submission refused(String transactionCode, long feeCharged) {
		return new Submission(null, transactionCode, List.of(), feeCharged, null);
	}

	static Submission refusedByPolicy(String operationCode, long feeCharged, String reason) {
		return new Submission(null, "tx_failed", List.of(operationCode), feeCharged, reason);
	}

	static Submission failedOperation(String operationCode, long feeCharged) {
		return new Submission(null, "tx_failed", List.of(operationCode), feeCharged, null);
	}

}
