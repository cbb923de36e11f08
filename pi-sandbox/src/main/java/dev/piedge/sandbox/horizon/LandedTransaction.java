package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A transaction on the emulated chain, as Horizon reports it. Failed transactions land
 * too (they use up their sequence number and pay their fee), with {@code successful}
 * false.
 *
 * @param hash the transaction hash (hex), which is also Pi's {@code txid}
 * @param ledger the ledger it landed in
 * @param sourceAccountSequence its sequence number; null for a transaction the wallet
 * emulator recorded without an envelope
 * @param feeCharged in stroops
 * @param maxFee the fee the transaction offered, in stroops
 * @param envelopeXdr the envelope as submitted; null for a wallet emulator transaction
 * @param memo the text memo, or null without one
 * @param signatures the signatures, base64
 * @param validAfter lower time bound in epoch seconds, or null
 * @param validBefore upper time bound in epoch seconds, or null (0 means none)
 * @param destination the payment's destination
 * @param amount the payment's amount in Pi
 * @param operationCodes one result code per operation when {@code successful} is false
 */
public record LandedTransaction(String hash, long ledger, Instant createdAt, String sourceAccount,
		Long sourceAccountSequence, long feeCharged, long maxFee, int operationCount, String envelopeXdr,
		String resultXdr, String memo, List<String> signatures, Long validAfter, Long validBefore, boolean successful,
		String destination, BigDecimal amount, List<String> operationCodes) {

	public LandedTransaction {
		signatures = List.copyOf(signatures);
		operationCodes = List.copyOf(operationCodes);
	}

}
