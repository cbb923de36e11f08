package dev.piedge.sidecar.chain;

import java.util.List;

import dev.piedge.pi.client.TxId;

/**
 * What a submission to Horizon ({@code POST /transactions}) tells: the transaction
 * landed, Horizon refused it, or nobody knows.
 */
public sealed interface SubmitOutcome {

	/**
	 * The transaction is in a ledger and succeeded: the payout is paid.
	 *
	 * @param hash the transaction's hash, the one submitted
	 * @param ledger the ledger it is in
	 */
	record Landed(TxId hash, long ledger) implements SubmitOutcome {
	}

	/**
	 * Horizon refused the transaction with a problem body: it did not pay, and the same
	 * envelope will not pay later. Some refusals ask for a new transaction (such as
	 * {@code tx_bad_seq}, {@code tx_too_late}, {@code tx_insufficient_fee}), others for
	 * another decision ({@code op_underfunded}, {@code op_no_destination},
	 * {@code tx_bad_auth}). Before a new transaction is signed, look this one's hash up:
	 * {@code tx_bad_seq} is also what a second submission of a transaction that already
	 * landed gets.
	 *
	 * @param status the HTTP status (400 for the usual refusal)
	 * @param problemType the last segment of Horizon's problem {@code type}, such as
	 * {@code transaction_failed} or {@code transaction_malformed}
	 * @param transactionCode {@code extras.result_codes.transaction}, such as
	 * {@code tx_bad_seq} or {@code tx_failed}; null when Horizon sent none (a malformed
	 * transaction)
	 * @param operationCodes {@code extras.result_codes.operations}, such as
	 * {@code op_underfunded}; empty when Horizon sent none
	 */
	record Refused(int status, String problemType, String transactionCode,
			List<String> operationCodes) implements SubmitOutcome {

		public Refused {
			operationCodes = List.copyOf(operationCodes);
		}

		/**
		 * Returns the most specific code: the first operation's failure when the
		 * transaction failed because of it, else the transaction's code, else the problem
		 * type.
		 * @return a code such as {@code op_underfunded} or {@code tx_bad_seq}
		 */
		public String code() {
			if ("tx_failed".equals(this.transactionCode) && !this.operationCodes.isEmpty()) {
				return this.operationCodes.stream()
					.filter(code -> !"op_success".equals(code))
					.findFirst()
					.orElse(this.transactionCode);
			}
			return (this.transactionCode != null) ? this.transactionCode : this.problemType;
		}

	}

	/**
	 * No definite answer: a timeout, a reset connection, a 5xx (504 included), a 429 or
	 * an answer that could not be read. The transaction may have landed, or may still
	 * land until its time bounds end: look its hash up, and submit the same envelope
	 * again if it is not found; never sign a new one before it can no longer land.
	 *
	 * @param reason what happened, for logs
	 */
	record Unknown(String reason) implements SubmitOutcome {
	}

}
