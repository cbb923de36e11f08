package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app-to-user payment to create with
 * {@link PiPlatformClient#createPayment(NewPayment)}.
 *
 * @param amount the amount in Pi; must be positive
 * @param memo the memo shown to the user; must not be null
 * @param metadata the app's metadata; null is sent as {@code {}} because Pi requires the
 * field
 * @param uid the app-scoped uid of the receiving user; must not be blank
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewPayment(@JsonProperty("amount") BigDecimal amount, @JsonProperty("memo") String memo,
		@JsonProperty("metadata") Map<String, Object> metadata, @JsonProperty("uid") String uid) {

	/**
	 * Validates the payment before anything is sent to Pi.
	 * @throws IllegalArgumentException if the amount is not positive, the memo is null or
	 * the uid is blank
	 */
	public NewPayment {
		if (amount == null || amount.signum() <= 0) {
			throw new IllegalArgumentException("Payment amount must be greater than 0");
		}
		if (memo == null) {
			throw new IllegalArgumentException("Payment memo must not be null (use \"\" for none)");
		}
		if (uid == null || uid.isBlank()) {
			throw new IllegalArgumentException("Payment uid (the receiving user's uid) must not be blank");
		}
		metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}
}
