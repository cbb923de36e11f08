package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} object of a {@code payment.completed} webhook, stored as the outbox
 * row's payload. Field names are the wire format the backend codes against, so they are
 * spelled out rather than derived.
 */
@JsonPropertyOrder({ "payment_id", "user_uid", "amount", "memo", "metadata", "txid", "network", "created_at",
		"completed_at" })
record PaymentCompletedData(@JsonProperty("payment_id") String paymentId, @JsonProperty("user_uid") String userUid,
		@JsonProperty("amount") BigDecimal amount, @JsonProperty("memo") String memo,
		@JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("txid") String txid,
		@JsonProperty("network") String network, @JsonProperty("created_at") String createdAt,
		@JsonProperty("completed_at") String completedAt) {

	static PaymentCompletedData of(String userUid, CompletedPayment payment) {
		return new PaymentCompletedData(payment.paymentId(), userUid, payment.amount(), payment.memo(),
				payment.metadata(), payment.txid(), payment.network(),
				payment.createdAt() == null ? null : payment.createdAt().toString(),
				payment.completedAt() == null ? null : payment.completedAt().toString());
	}

}
