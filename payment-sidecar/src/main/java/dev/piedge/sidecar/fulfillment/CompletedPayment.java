package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A payment the handshake has just completed, as the backend will see it in the
 * {@code data} object of a {@code payment.completed} webhook. Passed to
 * {@link FulfillmentOutbox#paymentCompleted}.
 *
 * @param paymentId Pi's payment identifier
 * @param userUid the app-scoped Pi user id of the payer
 * @param amount the amount in Pi, sent as an exact JSON number (never through a double)
 * @param memo the memo the app gave when it created the payment; may be {@code null}
 * @param metadata the app's metadata, sent as a JSON object; may be {@code null}
 * @param txid the blockchain transaction id
 * @param network the Pi network the transaction is on (for example {@code "Pi Testnet"});
 * may be {@code null}
 * @param createdAt when the payment was created
 * @param completedAt when the sidecar completed it with Pi
 */
public record CompletedPayment(String paymentId, String userUid, BigDecimal amount, String memo,
		Map<String, Object> metadata, String txid, String network, Instant createdAt, Instant completedAt) {
}
