package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the ledger: a Pi payment as this app knows it.
 *
 * @param id the row id
 * @param piPaymentId Pi's payment identifier (unique)
 * @param userUid the paying (or, App-to-User, the paid) user's app-scoped Pi uid, from
 * Pi's record
 * @param direction {@code user_to_app} or {@code app_to_user}; see
 * {@link #paymentDirection()}
 * @param network {@code Pi Network} or {@code Pi Testnet}
 * @param amount the amount in Pi, exact
 * @param memo the memo from Pi's record
 * @param metadataJson the metadata from Pi's record, as JSON text
 * @param status where the payment stands
 * @param txid the blockchain transaction id, stored the moment it is learnt
 * @param failureReason why it was rejected, cancelled or failed
 * @param claim the call to Pi an instance has claimed, or {@code null}; it may have
 * expired
 * @param version bumped on every change
 * @param createdAt first seen
 * @param updatedAt last changed
 */
public record LedgerPayment(long id, String piPaymentId, String userUid, String direction, String network,
		BigDecimal amount, String memo, String metadataJson, PaymentStatus status, String txid, String failureReason,
		Claim claim, long version, Instant createdAt, Instant updatedAt) {

	/** The direction whose moves this payment follows. */
	public PaymentDirection paymentDirection() {
		return PaymentDirection.of(this.direction);
	}

}
