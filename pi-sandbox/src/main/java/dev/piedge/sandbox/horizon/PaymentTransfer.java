package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;

/**
 * What a submitted transaction pays, as {@link PaymentTransactionPolicy} checks it
 * against a Pi payment.
 *
 * @param hash the transaction hash, Pi's {@code txid}
 * @param link where this sandbox's Horizon shows the transaction (Pi's {@code _link})
 * @param memo the text memo, or null without a text memo
 * @param singlePayment whether the transaction is exactly one payment operation; the
 * other fields but {@code source} and {@code memo} are null when it is not
 * @param amount in Pi
 */
public record PaymentTransfer(String hash, String link, String source, String memo, boolean singlePayment,
		String destination, BigDecimal amount, boolean nativeAsset) {
}
