package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;

/**
 * The facts Pi's record gives about a payment the ledger has not seen yet.
 */
public record NewLedgerPayment(String piPaymentId, String userUid, PaymentDirection direction, String network,
		BigDecimal amount, String memo, String metadataJson) {
}
