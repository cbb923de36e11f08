package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code status} flags of a Pi payment. A missing flag reads as false.
 *
 * @param developerApproved the app approved the payment (implicit for app-to-user
 * payments)
 * @param transactionVerified Pi verified the blockchain transaction
 * @param developerCompleted the app completed the payment
 * @param cancelled cancelled by the developer or by Pi
 * @param userCancelled cancelled by the user
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiPaymentStatus(@JsonProperty("developer_approved") boolean developerApproved,
		@JsonProperty("transaction_verified") boolean transactionVerified,
		@JsonProperty("developer_completed") boolean developerCompleted, @JsonProperty("cancelled") boolean cancelled,
		@JsonProperty("user_cancelled") boolean userCancelled) {
}
