package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/** The PaymentDTO exactly as the Pi Platform API returns it. */
@JsonPropertyOrder({ "identifier", "user_uid", "amount", "memo", "metadata", "from_address", "to_address", "direction",
		"created_at", "network", "status", "transaction" })
record PaymentDto(String identifier, @JsonProperty("user_uid") String userUid, BigDecimal amount, String memo,
		JsonNode metadata, @JsonProperty("from_address") String fromAddress,
		@JsonProperty("to_address") String toAddress, String direction, @JsonProperty("created_at") String createdAt,
		String network, Status status, TransactionDto transaction) {

	// Pi writes millisecond precision, e.g. 2022-05-14T22:59:27.102Z, even when the
	// milliseconds are zero.
	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	static PaymentDto of(Payment payment) {
		Payment.Transaction tx = payment.transaction();
		return new PaymentDto(payment.identifier(), payment.userUid(), payment.amount(), payment.memo(),
				payment.metadata(), payment.fromAddress(), payment.toAddress(), payment.direction().wireName(),
				CREATED_AT.format(payment.createdAt()), payment.network(),
				new Status(payment.developerApproved(), payment.transactionVerified(), payment.developerCompleted(),
						payment.cancelled(), payment.userCancelled()),
				(tx != null) ? new TransactionDto(tx.txid(), tx.verified(), tx.link()) : null);
	}

	static List<PaymentDto> of(List<Payment> payments) {
		return payments.stream().map(PaymentDto::of).toList();
	}

	@JsonPropertyOrder({ "developer_approved", "transaction_verified", "developer_completed", "cancelled",
			"user_cancelled" })
	record Status(@JsonProperty("developer_approved") boolean developerApproved,
			@JsonProperty("transaction_verified") boolean transactionVerified,
			@JsonProperty("developer_completed") boolean developerCompleted, boolean cancelled,
			@JsonProperty("user_cancelled") boolean userCancelled) {
	}

	@JsonPropertyOrder({ "txid", "verified", "_link" })
	record TransactionDto(String txid, boolean verified, @JsonProperty("_link") String link) {
	}
}
