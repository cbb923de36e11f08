package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} of a {@code payout.completed} or {@code payout.failed} webhook.
 *
 * @param payoutId the payout's id, as the API gave it
 * @param reference the caller's reference, or null
 * @param userUid the paid user
 * @param amount exact
 * @param piPaymentId Pi's identifier
 * @param txid the transaction, or null if none was signed
 * @param network the payment's network
 * @param status {@code completed} or {@code failed}
 * @param failureCode the Pi or Horizon code, for {@code failed}
 */
@JsonPropertyOrder({ "payout_id", "reference", "user_uid", "amount", "pi_payment_id", "txid", "network", "status",
		"failure_code" })
public record PayoutEventData(@JsonProperty("payout_id") String payoutId, @JsonProperty("reference") String reference,
		@JsonProperty("user_uid") String userUid, @JsonProperty("amount") BigDecimal amount,
		@JsonProperty("pi_payment_id") String piPaymentId, @JsonProperty("txid") String txid,
		@JsonProperty("network") String network, @JsonProperty("status") String status,
		@JsonProperty("failure_code") String failureCode) {
}
