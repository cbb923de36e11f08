package dev.piedge.sidecar.checkout;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A session as the API answers it and as a checkout webhook's {@code data}. Amounts are
 * exact decimal strings ({@code "3.14"}), so no client reads them through a double.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "status", "payment_status", "uid", "line_items", "total", "memo", "success_url",
		"cancel_url", "client_reference_id", "metadata", "url", "pi_payment_id", "txid", "network", "expires_at",
		"created_at", "completed_at" })
record CheckoutView(@JsonProperty("id") String id, @JsonProperty("status") String status,
		@JsonProperty("payment_status") String paymentStatus, @JsonProperty("uid") String uid,
		@JsonProperty("line_items") List<Item> lineItems, @JsonProperty("total") String total,
		@JsonProperty("memo") String memo, @JsonProperty("success_url") String successUrl,
		@JsonProperty("cancel_url") String cancelUrl, @JsonProperty("client_reference_id") String clientReferenceId,
		@JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("url") String url,
		@JsonProperty("pi_payment_id") String piPaymentId, @JsonProperty("txid") String txid,
		@JsonProperty("network") String network, @JsonProperty("expires_at") String expiresAt,
		@JsonProperty("created_at") String createdAt, @JsonProperty("completed_at") String completedAt) {

	@JsonPropertyOrder({ "product", "name", "quantity", "unit_amount", "amount" })
	record Item(@JsonProperty("product") String product, @JsonProperty("name") String name,
			@JsonProperty("quantity") int quantity, @JsonProperty("unit_amount") String unitAmount,
			@JsonProperty("amount") String amount) {
	}

}
