package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the ledger: a Pi payment as this app knows it.
 *
 * @param id the row id
 * @param piPaymentId Pi's payment identifier (unique)
 * @param userUid the paying user's app-scoped Pi uid, from Pi's record
 * @param direction {@code user_to_app} or {@code app_to_user}
 * @param network {@code Pi Network} or {@code Pi Testnet}
 * @param amount the amount in Pi, exact
 * @param memo the memo from Pi's record
 * @param metadataJson the metadata from Pi's record, as JSON text
 * @param status where the payment stands
 * @param txid the blockchain transaction id, stored the moment it is learnt
 * @param failureReason why it was rejected, cancelled or failed
 * @param pendingAction the Pi call an instance has claimed ({@code approve},
 * {@code complete}, {@code cancel})
 * @param claimToken the claim's token, known only to the claiming instance
 * @param claimedUntil when the claim expires
 * @param version bumped on every change
 * @param createdAt first seen
 * @param updatedAt last changed
 */
public record LedgerPayment(long id, String piPaymentId, String userUid, String direction, String network,
		BigDecimal amount, String memo, String metadataJson, PaymentStatus status, String txid, String failureReason,
		String pendingAction, UUID claimToken, Instant claimedUntil, long version, Instant createdAt,
		Instant updatedAt) {
}
