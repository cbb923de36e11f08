package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Pi payment (Pi's PaymentDTO), as returned by the payment endpoints and carried in
 * some error answers.
 *
 * <p>
 * {@code fromAddress}, {@code direction} and {@code network} are null in payments created
 * before Pi added them (2022). {@code amount} is decoded exactly, never through a
 * {@code double}.
 *
 * @param identifier the payment id; never blank
 * @param userUid the app-scoped uid of the paying or receiving user
 * @param amount the amount in Pi; never null
 * @param memo the memo shown to the user
 * @param metadata the app's metadata; never null (empty when absent)
 * @param fromAddress sender wallet address, nullable
 * @param toAddress receiver wallet address, nullable
 * @param direction {@code user_to_app} or {@code app_to_user}, nullable
 * @param createdAt creation time, nullable
 * @param network {@code Pi Network} or {@code Pi Testnet}, nullable
 * @param status the status flags; never null
 * @param transaction the linked transaction, null until one exists
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiPayment(@JsonProperty("identifier") String identifier, @JsonProperty("user_uid") String userUid,
		@JsonProperty("amount") BigDecimal amount, @JsonProperty("memo") String memo,
		@JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("from_address") String fromAddress,
		@JsonProperty("to_address") String toAddress, @JsonProperty("direction") String direction,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("network") String network,
		@JsonProperty("status") PiPaymentStatus status, @JsonProperty("transaction") PiTransaction transaction) {

	/**
	 * Requires the fields the payment handshake depends on and freezes the metadata.
	 * @throws IllegalArgumentException if {@code identifier} is blank, or {@code amount}
	 * or {@code status} is null
	 */
	public PiPayment {
		if (identifier == null || identifier.isBlank()) {
			throw new IllegalArgumentException("Pi payment must have an identifier");
		}
		if (amount == null) {
			throw new IllegalArgumentException("Pi payment must have an amount");
		}
		if (status == null) {
			throw new IllegalArgumentException("Pi payment must have a status");
		}
		// Map.copyOf would reject the null values JSON metadata may legitimately contain.
		metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}
}
