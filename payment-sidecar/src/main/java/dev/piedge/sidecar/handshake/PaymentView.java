package dev.piedge.sidecar.handshake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A ledger entry as its owner sees it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(@JsonProperty("payment_id") String paymentId, String status, BigDecimal amount, String memo,
		Map<String, Object> metadata, String txid, String direction, String network,
		@JsonProperty("failure_reason") String failureReason, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("updated_at") Instant updatedAt) {
}
