package dev.piedge.sidecar.chain;

import java.time.Instant;
import java.util.Objects;

import dev.piedge.pi.client.TxId;

/**
 * A payout transaction, signed and ready to submit. Store it before submitting: after an
 * unknown outcome, the same envelope is what may be submitted again (it can land at most
 * once, since its sequence number is used up when it does), and the txid is what to look
 * up.
 *
 * @param txid the transaction's hash, which is also its id on Horizon and the txid Pi
 * completes the payment with
 * @param envelopeXdr the signed envelope, base64 XDR, as Horizon's {@code tx} form field
 * takes it
 * @param sequence the transaction's sequence number: the source account's sequence + 1
 * @param fee the most the transaction may cost, in stroops (base fee x one operation)
 * @param validUntil the end of its time bounds: a transaction that has not landed by then
 * never will, and only then may the payout be signed again with a new sequence number
 */
public record SignedPayout(TxId txid, String envelopeXdr, long sequence, long fee, Instant validUntil) {

	public SignedPayout {
		Objects.requireNonNull(txid, "txid");
		Objects.requireNonNull(envelopeXdr, "envelopeXdr");
		Objects.requireNonNull(validUntil, "validUntil");
	}

}
