package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A payout as the API answers it: every field present, {@code null} when not known yet.
 */
@JsonPropertyOrder({ "id", "status", "uid", "amount", "memo", "metadata", "reference", "pi_payment_id", "txid",
		"network", "failure_code", "created_at" })
record PayoutView(String id, String status, String uid, BigDecimal amount, String memo, Map<String, Object> metadata,
		String reference, @JsonProperty("pi_payment_id") String piPaymentId, String txid, String network,
		@JsonProperty("failure_code") String failureCode, @JsonProperty("created_at") Instant createdAt) {
}
